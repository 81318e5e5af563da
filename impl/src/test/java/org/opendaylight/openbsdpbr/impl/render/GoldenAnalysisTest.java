/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opendaylight.openbsdpbr.api.intent.Endpoint;
import org.opendaylight.openbsdpbr.api.intent.InboundService;
import org.opendaylight.openbsdpbr.api.intent.NatRule;
import org.opendaylight.openbsdpbr.api.intent.PolicyRoute;
import org.opendaylight.openbsdpbr.api.intent.RouterIntent;
import org.opendaylight.openbsdpbr.api.intent.SharedIntent;
import org.opendaylight.openbsdpbr.api.intent.Via;
import org.opendaylight.openbsdpbr.impl.analysis.EngineLints;
import org.opendaylight.openbsdpbr.impl.analysis.IntentElements;
import org.opendaylight.openbsdpbr.impl.analysis.RouterModel;
import org.opendaylight.openbsdpbr.impl.analysis.pf.PfRule;

/**
 * The renderer's output as the analysis reads it: every golden intent renders to files the strict model reads, every
 * policy route and inbound service rule maps back to its intent element (the comments the renderer writes are a
 * contract), and the engine's lints are the ones worked out below from the rendered rules.
 */
class GoldenAnalysisTest {
    private static final Map<String, Supplier<RouterIntent>> CASES = Map.of(
        "seed-router", GoldenFixtures::seedRouter,
        "pppoe-ipv6-rfc4638", GoldenFixtures::pppoeIpv6Rfc4638,
        "map-e-portset", GoldenFixtures::mapEPortset,
        "branch-dhcp", GoldenFixtures::branchDhcp,
        "minimal", GoldenFixtures::minimal);

    private static List<String> lints(final RouterIntent intent) {
        final RouterModel model = RouterModel.of(Renderer.render(intent).files());
        final List<String> lints = new ArrayList<>();
        for (EngineLints.Finding finding : EngineLints.of(model, new IntentElements(intent))) {
            lints.add(finding.code() + " at " + finding.element() + ": " + finding.message());
        }
        return lints;
    }

    @ParameterizedTest
    @ValueSource(strings = { "seed-router", "pppoe-ipv6-rfc4638", "map-e-portset", "branch-dhcp", "minimal" })
    void everyPolicyRouteAndInboundServiceMapsBack(final String name) {
        final RouterIntent intent = CASES.get(name).get();
        final RouterModel model = RouterModel.of(Renderer.render(intent).files());
        final IntentElements elements = new IntentElements(intent);
        final List<String> mapped = new ArrayList<>();
        for (PfRule rule : model.pf().rules()) {
            final String element = elements.rule(rule.comments(), rule.source());
            if (element != null && (element.startsWith("policy-route") || element.startsWith("inbound-service"))) {
                mapped.add(element);
            }
        }
        final List<String> expected = new ArrayList<>();
        for (InboundService service : intent.shared().inboundServices()) {
            expected.add(InboundService.path(service.name()));
        }
        for (PolicyRoute route : intent.shared().policyRoutes()) {
            expected.add(PolicyRoute.path(route.name()));
        }
        assertThat(mapped).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void theSeedEarnsNoEngineLint() {
        assertThat(lints(GoldenFixtures.seedRouter())).isEmpty();
        assertThat(lints(GoldenFixtures.pppoeIpv6Rfc4638())).isEmpty();
        assertThat(lints(GoldenFixtures.minimal())).isEmpty();
    }

    @Test
    void branchDhcp() {
        // dns-lte lets udp/53 in on em5, where nothing listens (unwind serves localhost only); lab-via-rdomain4 sends
        // traffic to rtable 4, which holds em4's network and no default route
        final RouterIntent intent = GoldenFixtures.branchDhcp();
        assertThat(lints(intent)).containsExactly(
            "inbound-service-no-listener at inbound-service[name=dns-lte]/port: /etc/pf.conf:"
                + line(intent, "to (em5) port 53") + " lets udp/53 in to em5, but nothing on the router listens"
                + " there in rdomain 5 (unwind only listens on localhost)",
            "no-default-route at policy-route[name=lab-via-rdomain4]/via-rdomain: /etc/pf.conf:"
                + line(intent, "from 192.168.1.128/25") + " sends traffic to rtable 4, whose table has no default"
                + " route: only destinations its other routes hold get through, the rest is dropped");
    }

    /** The line of the rendered pf.conf that holds a fragment: the expectations find their rules by content. */
    private static int line(final RouterIntent intent, final String fragment) {
        final List<String> lines = Renderer.render(intent).files().get(ApplyPlanner.PF_CONF).orElseThrow().content()
            .lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(fragment) && !lines.get(i).startsWith("#")) {
                return i + 1;
            }
        }
        throw new AssertionError("no rule with " + fragment);
    }

    @Test
    void mapEPortset() {
        // sshd listens on port 2222 only: the services on 22 and 1232 reach nothing
        assertThat(lints(GoldenFixtures.mapEPortset())).extracting(lint -> lint.substring(0, lint.indexOf(':')))
            .containsExactly("inbound-service-no-listener at inbound-service[name=ssh-legacy]/port",
                "inbound-service-no-listener at inbound-service[name=ssh-mapped]/port");
    }

    @Test
    void aPolicyRouteALaterOneCoversIsShadowed() {
        final RouterIntent seed = GoldenFixtures.seedRouter();
        final List<PolicyRoute> routes = new ArrayList<>(seed.shared().policyRoutes());
        // every host of the LAN to 8.8.8.8 via IPoE, then to-via-pppoe (seq 10) covers it entirely
        routes.add(GoldenFixtures.route("early", 5, "", "vport0", Endpoint.of(new Endpoint.Networks(
            List.of("192.168.1.0/25"))), Endpoint.of(new Endpoint.Networks(List.of("8.8.8.8"))),
            new Via.ViaUplink("ipoe")));
        final RouterIntent changed = withShared(seed, routes, seed.shared().nat());
        assertThat(lints(changed)).singleElement().asString()
            .startsWith("policy-route-shadowed at policy-route[name=early]: /etc/pf.conf:"
                + line(changed, "to 8.8.8.8 rtable 0") + " never decides a flow: every flow it matches is decided by"
                + " /etc/pf.conf:" + line(changed, "to <via_pppoe> rtable 1") + " (policy-route[name=to-via-pppoe])");
    }

    @Test
    void lanTrafficLeavingAnUplinkWithoutNat() {
        final RouterIntent seed = GoldenFixtures.seedRouter();
        // PPPoE loses its NAT: the LAN's traffic that the policy routes send there leaves with 192.168.1.x
        final List<NatRule> nat = List.of(new NatRule("ipoe", List.of("vport0:network")));
        assertThat(lints(withShared(seed, seed.shared().policyRoutes(), nat))).singleElement().asString()
            .startsWith("lan-leaves-without-nat at uplink[name=pppoe]: traffic from vport0 leaving through pppoe0"
                + " keeps its private source address");
    }

    private static RouterIntent withShared(final RouterIntent intent, final List<PolicyRoute> routes,
            final List<NatRule> nat) {
        final SharedIntent shared = intent.shared();
        return intent.withShared(new SharedIntent(shared.tables(), shared.hostGroups(), routes, nat,
            shared.inboundServices(), shared.dnsResolver(), shared.sshd()));
    }
}

/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.opendaylight.openbsdpbr.api.files.FileSet;
import org.opendaylight.openbsdpbr.api.intent.Endpoint;
import org.opendaylight.openbsdpbr.api.intent.InboundService;
import org.opendaylight.openbsdpbr.api.intent.IntentError;
import org.opendaylight.openbsdpbr.api.intent.PolicyRoute;
import org.opendaylight.openbsdpbr.api.intent.Pppoe;
import org.opendaylight.openbsdpbr.api.intent.RouterIntent;
import org.opendaylight.openbsdpbr.api.intent.Secret;
import org.opendaylight.openbsdpbr.api.intent.SharedIntent;
import org.opendaylight.openbsdpbr.api.intent.Uplink;
import org.opendaylight.openbsdpbr.api.intent.Via;

class RendererTest {
    private static final RouterIntent SEED = GoldenFixtures.seedRouter();

    private static RouterIntent withRoutes(final PolicyRoute... routes) {
        final SharedIntent shared = SEED.shared();
        return SEED.withShared(new SharedIntent(shared.tables(), shared.hostGroups(), List.of(routes), shared.nat(),
            shared.inboundServices(), shared.dnsResolver(), shared.sshd()));
    }

    @Test
    void anInvalidIntentIsRefusedWithEveryError() {
        final RouterIntent bad = withRoutes(
            new PolicyRoute("first", 10, null, "vport0", null, null, null, Endpoint.of(new Endpoint.TableRef("none")),
                new Via.ViaUplink("pppoe")),
            new PolicyRoute("second", 10, null, "vport0", null, null, null, null, new Via.ViaUplink("pppoe")));
        assertThatThrownBy(() -> Renderer.render(bad))
            .isInstanceOfSatisfying(InvalidIntentException.class, e -> assertThat(e.errors()).containsExactly(
                    new IntentError("intent/policy-route[name=first]/destination/table", "no table none"),
                    new IntentError("intent/policy-route[name=second]/sequence",
                        "sequence 10 is also the policy route first's")))
            .hasMessageContaining("intent/policy-route[name=first]/destination/table: no table none");
    }

    @Test
    void twoJumboPppoeSessionsOnOneParentGiveItTheLargestMtuPlusEight() {
        // RFC 4638: the parent carries every session's 8-byte PPPoE header; the larger session decides
        final List<Uplink> uplinks = List.of(SEED.uplinks().get(0),
            new Uplink("pppoe", null, 1, null, new Pppoe("pppoe0", "em0", null, "a", new Secret("s"), 1500, false)),
            new Uplink("pppoe-b", null, 2, null, new Pppoe("pppoe1", "em0", null, "b", new Secret("s"), 1496, false)));
        final RouterIntent intent = new RouterIntent(SEED.name(), null, SEED.rdomains(), SEED.interfaces(), uplinks,
            SEED.shared());
        assertThat(Renderer.render(intent).files().get("/etc/hostname.em0").orElseThrow().content().lines())
            .contains("mtu 1508").doesNotContain("mtu 1504");
    }

    @Test
    void anInboundServiceGetsOneRulePerFamilyOfItsSources() {
        final List<Uplink> uplinks = List.of(SEED.uplinks().get(0),
            new Uplink("pppoe", null, 1, null, new Pppoe("pppoe0", "em0", null, "a", new Secret("s"), 1454, true)));
        final SharedIntent shared = SEED.shared();
        final RouterIntent intent = new RouterIntent(SEED.name(), null, SEED.rdomains(), SEED.interfaces(), uplinks,
            new SharedIntent(shared.tables(), shared.hostGroups(), shared.policyRoutes(), shared.nat(), List.of(
                new InboundService("ssh", "pppoe", null, 22, List.of("192.0.2.7", "2001:db8::7", "198.51.100.0/24")),
                new InboundService("web", "pppoe", null, 443, null),
                new InboundService("v4", "ipoe", null, 5056, null)), shared.dnsResolver(), shared.sshd()));
        final String pf = Renderer.render(intent).files().get("/etc/pf.conf").orElseThrow().content();
        assertThat(pf.substring(pf.indexOf("# Inbound services")).lines().takeWhile(line -> !line.isEmpty()))
            .containsExactly(
                "# Inbound services",
                "# ssh",
                "pass in on pppoe0 inet proto tcp from { 192.0.2.7, 198.51.100.0/24 } to (pppoe0) port 22",
                "pass in on pppoe0 inet6 proto tcp from 2001:db8::7 to (pppoe0) port 22",
                "# v4",
                "pass in on gif0 inet proto tcp from any to (gif0) port 5056",
                "# web",
                "pass in on pppoe0 inet proto tcp from any to (pppoe0) port 443",
                "pass in on pppoe0 inet6 proto tcp from any to (pppoe0) port 443");
    }

    @Test
    void theSecretOnlyAppearsInTheSecretFile() {
        final FileSet files = Renderer.render(SEED).files();
        files.files().forEach((path, file) -> {
            assertThat(file.secret()).as(path).isEqualTo(path.equals("/etc/hostname.pppoe0"));
            if (!file.secret()) {
                assertThat(file.content()).as(path).doesNotContain("authkey");
            }
        });
        assertThat(files.get("/etc/hostname.pppoe0").orElseThrow().mode()).isEqualTo(0600);
        assertThat(SEED.toString()).doesNotContain("'secret'").doesNotContain("=secret");
    }

    @Test
    void aPfOnlyChangeOfTheIntentPlansOnlyAPfLoad() {
        final RouterIntent changed = withRoutes(SEED.shared().policyRoutes().get(0));
        final FileSet before = Renderer.render(SEED).files();
        final FileSet after = Renderer.render(changed).files();
        assertThat(after.revision()).isNotEqualTo(before.revision());
        assertThat(ApplyPlanner.plan(before, after).commands()).containsExactly("pfctl -f /etc/pf.conf");
    }

    @Test
    void aNewRouterGetsEveryInterfaceThenPfThenItsServices() {
        assertThat(ApplyPlanner.plan(FileSet.empty(), Renderer.render(SEED).files()).commands()).containsExactly(
            "sh /etc/netstart lo1",
            "sh /etc/netstart em0",
            "sh /etc/netstart em1",
            "sh /etc/netstart em2",
            "sh /etc/netstart vport0",
            "sh /etc/netstart pppoe0",
            "sh /etc/netstart gif0",
            "sh /etc/netstart veb0",
            "pfctl -f /etc/pf.conf",
            "sysctl net.inet.ip.forwarding=1",
            "rcctl start unwind",
            "rcctl reload sshd");
    }
}

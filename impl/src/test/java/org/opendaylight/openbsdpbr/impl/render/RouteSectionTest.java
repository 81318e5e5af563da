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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opendaylight.openbsdpbr.api.intent.Endpoint;
import org.opendaylight.openbsdpbr.api.intent.Family;
import org.opendaylight.openbsdpbr.api.intent.HostGroup;
import org.opendaylight.openbsdpbr.api.intent.Interface;
import org.opendaylight.openbsdpbr.api.intent.PfTable;
import org.opendaylight.openbsdpbr.api.intent.RouterIntent;
import org.opendaylight.openbsdpbr.api.intent.SharedIntent;

/**
 * The kept policy-route part of a render ({@link RouteSection}) and the kept tables and host groups
 * ({@link TableSection}) give what the checks, lints and writers give when they run. Routers that share route, table
 * and host-group objects but not the facts the routes read, nor whether pf.conf needs the built-in martians (the
 * routes of one random intent grafted onto the interfaces, uplinks and rdomains of others, with its tables and host
 * groups or the other router's), rendered one after the other with parts kept, forwards and backwards, answer exactly
 * what each answers with nothing kept: the same files and lints, or the same errors with the same element paths.
 */
class RouteSectionTest {
    private static final int DONORS = 12;
    private static final int HOSTS = 40;

    @AfterEach
    void forget() {
        Renderer.forgetRenderedRoutes();
    }

    @Test
    void keptPartsAnswerWhatTheChecksLintsAndRulesAnswer() {
        final List<RandomIntents.Case> cases = RandomIntents.cases(RandomIntents.baseSeed(), HOSTS).toList();
        final List<RandomIntents.Case> donors = cases.stream()
            .filter(one -> one.mistake() == null && one.effective().shared().policyRoutes().size() > 1)
            .limit(DONORS).toList();
        assertThat(donors).hasSize(DONORS);
        final List<RouterIntent> routers = new ArrayList<>();
        for (RandomIntents.Case donor : donors) {
            final SharedIntent routes = donor.effective().shared();
            for (RandomIntents.Case host : cases) {
                final SharedIntent own = host.effective().shared();
                routers.add(host.effective().withShared(routes));
                routers.add(host.effective().withShared(new SharedIntent(own.tables(), own.hostGroups(),
                    routes.policyRoutes(), own.nat(), own.inboundServices(), own.dnsResolver(), own.sshd())));
            }
        }
        final List<String> fresh = new ArrayList<>();
        for (RouterIntent router : routers) {
            Renderer.forgetRenderedRoutes();
            fresh.add(outcome(router));
        }
        // enough routers render, and enough are refused, for both paths to be compared
        assertThat(fresh.stream().filter(one -> one.startsWith("files")).count()).isGreaterThan(routers.size() / 10);
        assertThat(fresh.stream().filter(one -> one.startsWith("errors")).count()).isGreaterThan(routers.size() / 10);

        Renderer.forgetRenderedRoutes();
        int kept = 0;
        for (int i = 0; i < routers.size(); i++) {
            assertThat(outcome(routers.get(i))).as("router %d, forwards", i).isEqualTo(fresh.get(i));
            final RouteSection section = RouteSection.of(routers.get(i).shared().policyRoutes());
            kept += section != null && section.keepsValidation() ? 1 : 0;
        }
        for (int i = routers.size() - 1; i >= 0; i--) {
            assertThat(outcome(routers.get(i))).as("router %d, backwards", i).isEqualTo(fresh.get(i));
        }
        // the comparison is worth something only if parts were kept and reused
        assertThat(kept).isGreaterThan(routers.size() / 10);
    }

    @Test
    void aRouterRenderedTwiceTakesItsKeptRules() {
        final RandomIntents.Case one = RandomIntents.cases(RandomIntents.baseSeed(), HOSTS)
            .filter(c -> c.mistake() == null && !c.effective().shared().policyRoutes().isEmpty())
            .findFirst().orElseThrow();
        // the first render only remembers the routes; the second keeps its checks, lints and rules; the third
        // takes them
        final RenderResult first = Renderer.render(one.effective());
        final RenderResult second = Renderer.render(one.effective());
        final RouteSection section = RouteSection.of(one.effective().shared().policyRoutes());
        assertThat(section.keepsValidation()).isTrue();
        final RenderResult third = Renderer.render(one.effective());
        assertThat(second.files()).isEqualTo(first.files());
        assertThat(second.lints()).isEqualTo(first.lints());
        assertThat(third.files()).isEqualTo(first.files());
        assertThat(third.lints()).isEqualTo(first.lints());
        // the same list of routes in another list object is the same section
        assertThat(RouteSection.of(List.copyOf(new ArrayList<>(one.effective().shared().policyRoutes()))))
            .isSameAs(section);
        Renderer.forgetRenderedRoutes();
        assertThat(RouteSection.of(one.effective().shared().policyRoutes())).as("seen once").isNull();
        assertThat(RouteSection.of(one.effective().shared().policyRoutes())).isNotNull().isNotSameAs(section);
    }

    @Test
    void aPublicLanNetworkIsAFactOfTheRoutesLints() {
        final RandomIntents.Case one = RandomIntents.cases(RandomIntents.baseSeed(), HOSTS)
            .filter(c -> c.mistake() == null && c.effective().shared().policyRoutes().stream().anyMatch(
                route -> route.family() == Family.INET && route.destination().match() == Endpoint.Internet.INSTANCE))
            .findFirst().orElseThrow();
        final RouterIntent base = one.effective();
        final List<Interface> interfaces = new ArrayList<>(base.interfaces());
        // 45.0.0.0/24 is outside every special-purpose range: traffic to it is moved too
        interfaces.add(new Interface("em9", Interface.Kind.PHYSICAL, "public LAN", 0, List.of("45.0.0.1/24"), null,
            null, null, true));
        final RouterIntent publicLan = new RouterIntent(base.name(), base.openbsdRelease(), base.rdomains(),
            interfaces, base.uplinks(), base.shared());
        final String fresh = outcome(publicLan);
        assertThat(fresh).contains("local-network-not-excluded");
        Renderer.forgetRenderedRoutes();
        // seen, then kept without a public LAN network: the router with one must not take those lints
        outcome(base);
        outcome(base);
        assertThat(outcome(publicLan)).isEqualTo(fresh);
        assertThat(outcome(base)).doesNotContain("local-network-not-excluded");
    }

    @Test
    void tablesAreKeptFromTheirSecondRenderAndOneOffsNot() {
        Renderer.forgetRenderedRoutes();
        final List<PfTable> shared = List.of(new PfTable("via_wan", null, false, false, List.of("8.8.8.8/32")));
        final List<HostGroup> groups = List.of();
        // a router's own table beside the profile's: a pair no other router has, rendered once, kept nowhere
        for (int i = 0; i < 2 * TableSection.SIZE; i++) {
            final TableSection section = TableSection.of(List.of(new PfTable("local", null, false, false,
                List.of("10.0.0.1/32")), shared.get(0)), groups);
            assertThat(section.tableIndex).containsEntry("local", 0).containsEntry("via_wan", 1);
        }
        assertThat(TableSection.keptCount()).isZero();
        // a pair rendered again is kept from its second render on (its list objects may differ, its tables not)
        final TableSection first = TableSection.of(shared, groups);
        final TableSection second = TableSection.of(List.copyOf(new ArrayList<>(shared)), groups);
        assertThat(second).isNotSameAs(first);
        assertThat(TableSection.of(shared, groups)).isSameAs(second);
        assertThat(TableSection.keptCount()).isOne();
        assertThat(TableSection.of(List.of(new PfTable("via_wan", null, false, false, List.of("8.8.8.8/32"))),
            groups)).as("equal tables, but other objects").isNotSameAs(second);
    }

    /** Every file and lint of a render, or every error of a refusal, as text. */
    private static String outcome(final RouterIntent router) {
        try {
            final RenderResult result = Renderer.render(router);
            final StringBuilder sb = new StringBuilder("files\n");
            result.files().files().forEach((path, file) -> sb.append(path).append(' ').append(file.modeString())
                .append(' ').append(file.ownership()).append('\n').append(file.content()));
            result.lints().forEach(lint -> sb.append(lint).append('\n'));
            return sb.toString();
        } catch (InvalidIntentException e) {
            return "errors\n" + e.errors();
        }
    }
}

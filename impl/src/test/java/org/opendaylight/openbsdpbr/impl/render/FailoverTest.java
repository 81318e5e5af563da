/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opendaylight.openbsdpbr.impl.render.FailoverFixtures.tiers;

import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.opendaylight.openbsdpbr.api.files.FileSet;
import org.opendaylight.openbsdpbr.api.intent.HealthMonitor;
import org.opendaylight.openbsdpbr.api.intent.HealthMonitor.Method;
import org.opendaylight.openbsdpbr.api.intent.HealthMonitor.StateAction;
import org.opendaylight.openbsdpbr.api.intent.IntentError;
import org.opendaylight.openbsdpbr.api.intent.PolicyRoute;
import org.opendaylight.openbsdpbr.api.intent.Rdomain;
import org.opendaylight.openbsdpbr.api.intent.RouterIntent;
import org.opendaylight.openbsdpbr.api.intent.SharedIntent;
import org.opendaylight.openbsdpbr.api.intent.Uplink;

/**
 * Failover behaviours that need no whole file set: the apply plan's steps, the checks that refuse an intent (each
 * naming its element), and the failure states' paths. The files themselves are golden cases (failover-*).
 */
class FailoverTest {
    private static FileSet files(final RouterIntent intent) {
        return Renderer.render(intent).files();
    }

    private static List<String> plan(final RouterIntent from, final RouterIntent to) {
        return ApplyPlanner.plan(files(from), files(to)).commands();
    }

    private static RouterIntent withUplinks(final RouterIntent intent, final UnaryOperator<Uplink> change) {
        return new RouterIntent(intent.name(), intent.openbsdRelease(), intent.rdomains(), intent.interfaces(),
            intent.uplinks().stream().map(change).toList(), intent.shared());
    }

    private static RouterIntent withRoutes(final RouterIntent intent, final UnaryOperator<PolicyRoute> change) {
        final SharedIntent shared = intent.shared();
        return intent.withShared(new SharedIntent(shared.tables(), shared.hostGroups(),
            shared.policyRoutes().stream().map(change).toList(), shared.nat(), shared.inboundServices(),
            shared.dnsResolver(), shared.sshd()));
    }

    private static RouterIntent withRdomains(final RouterIntent intent, final UnaryOperator<Rdomain> change) {
        return new RouterIntent(intent.name(), intent.openbsdRelease(), intent.rdomains().stream().map(change)
            .toList(), intent.interfaces(), intent.uplinks(), intent.shared());
    }

    private static PolicyRoute fallback(final PolicyRoute route, final String... tiers) {
        return new PolicyRoute(route.name(), route.sequence(), route.description(), route.ingressInterface(),
            route.family(), route.protocol(), route.source(), route.destination(), route.via(), tiers(tiers));
    }

    private static List<String> errors(final RouterIntent intent) {
        return IntentValidator.validate(intent).stream().map(IntentError::toString).toList();
    }

    @Test
    void enablingFailoverLoadsPfAndStartsIfstated() {
        assertThat(plan(GoldenFixtures.seedRouter(), FailoverFixtures.seedRouterFailover()))
            .containsExactly("pfctl -f /etc/pf.conf", "rcctl start ifstated");
    }

    @Test
    void disablingFailoverLoadsPfAndStopsIfstated() {
        assertThat(plan(FailoverFixtures.seedRouterFailover(), GoldenFixtures.seedRouter()))
            .containsExactly("pfctl -f /etc/pf.conf", "rcctl stop ifstated");
    }

    @Test
    void aPolicyRouteChangeReloadsOnlyTheAnchorAndIfstated() {
        // the policy routes live in the anchor: pf.conf stays, the anchor file changes, ifstated starts again
        final RouterIntent before = FailoverFixtures.seedRouterFailover();
        final RouterIntent after = withRoutes(before, route -> new PolicyRoute(route.name(), route.sequence(),
            route.description() + " (changed)", route.ingressInterface(), route.family(), route.protocol(),
            route.source(), route.destination(), route.via(), route.fallback()));
        assertThat(plan(before, after)).containsExactly("pfctl -a failover -f /etc/pf/failover.conf",
            "rcctl reload ifstated");
    }

    @Test
    void aMonitorChangeReloadsIfstatedOnly() {
        final RouterIntent before = FailoverFixtures.seedRouterFailover();
        final RouterIntent after = withUplinks(before, uplink -> uplink.withHealth(new HealthMonitor(
            uplink.health().targets(), uplink.health().method(), uplink.health().port(), 30, 3, 5,
            uplink.health().onFailover(), uplink.health().onFailback())));
        assertThat(plan(before, after)).containsExactly("rcctl reload ifstated");
    }

    @Test
    void failureStatesChooseThePathsFallbackByTier() {
        final Resolution resolution = IntentValidator.check(FailoverFixtures.threeTiers(),
            path -> "intent/" + path).resolution();
        final Failover failover = Failover.of(resolution);
        assertThat(failover.states).extracting(Failover.State::name).containsExactly("normal", "down-backup",
            "down-fiber", "down-backup-fiber", "down-pppoe", "down-backup-pppoe", "down-fiber-pppoe", "all-down");
        // the guests prefer pppoe, then fiber and backup in one tier, in that order; the LAN fiber, pppoe, backup
        assertThat(failover.state(java.util.Set.of("pppoe"), true).active())
            .containsEntry("route:guests", "fiber").containsEntry("rdomain:0", "fiber");
        assertThat(failover.state(java.util.Set.of("pppoe", "fiber"), true).active())
            .containsEntry("route:guests", "backup").containsEntry("rdomain:0", "backup");
        assertThat(failover.state(java.util.Set.of("fiber"), true).active())
            .containsEntry("route:guests", "pppoe").containsEntry("rdomain:0", "pppoe");
        // every uplink down: the plain policy, the same file as with every uplink up
        final Failover.State allDown = failover.state(java.util.Set.of("pppoe", "fiber", "backup"), true);
        assertThat(allDown.active()).containsEntry("route:guests", "pppoe").containsEntry("rdomain:0", "fiber");
        assertThat(allDown.file()).isEqualTo(Failover.ANCHOR_FILE);
    }

    @Test
    void killsNameTheFailedUplinksStatesOnlyAndFailbackKillsTheMovedOnes() {
        final Resolution resolution = IntentValidator.check(FailoverFixtures.threeTiers(),
            path -> "intent/" + path).resolution();
        final Failover failover = Failover.of(resolution);
        final Failover.State normal = failover.state(java.util.Set.of(), true);
        final Failover.State pppoeDown = failover.state(java.util.Set.of("pppoe"), true);
        // the uplink's pass out states live in its rdomain (pppoe 1, fiber 0), the LAN's pass in states in the LAN's
        // (0); every path that takes the uplink in some state, not only now: the LAN, which falls back to pppoe when
        // fiber is down and whose states fiber's failback keeps, is killed too when pppoe fails later
        assertThat(failover.killsOnFailover(normal, "pppoe")).containsExactly(new Failover.Kill("uplink:pppoe", 1),
            new Failover.Kill("rdomain:0@pppoe", 0), new Failover.Kill("route:guests@pppoe", 0));
        assertThat(failover.killsOnFailover(normal, "fiber")).containsExactly(new Failover.Kill("uplink:fiber", 0),
            new Failover.Kill("rdomain:0@fiber", 0), new Failover.Kill("route:guests@fiber", 0));
        // pppoe kills on failback: the guests moved to fiber come back
        assertThat(failover.killsOnFailback(pppoeDown, normal, "pppoe"))
            .containsExactly(new Failover.Kill("route:guests@fiber", 0));
        // fiber keeps them (its monitor says keep)
        final Failover.State fiberDown = failover.state(java.util.Set.of("fiber"), true);
        assertThat(failover.killsOnFailback(fiberDown, normal, "fiber")).isEmpty();
    }

    @Test
    void aFallbackToAnRdomainWithoutItsDefaultRouteIsRefused() {
        // ipoe holds rdomain 0's default route; a second uplink in rdomain 0 would not
        final RouterIntent intent = withRoutes(FailoverFixtures.seedRouterFailover(),
            route -> fallback(route, "pppoe"));
        assertThat(errors(intent)).contains("intent/policy-route[name=from-pppoe-hosts]/fallback[tier=1]/uplink:"
            + " the tiers loop: pppoe is the uplink they fall back from");
        final RouterIntent noDefault = withRdomains(FailoverFixtures.seedRouterFailover(),
            rdomain -> rdomain.id() == 1 ? new Rdomain(1, rdomain.description(), rdomain.loopbackAddress(), null,
                List.of()) : rdomain);
        assertThat(errors(noDefault)).contains("intent/rdomain[id=0]/fallback[tier=1]/uplink: pppoe does not hold"
            + " rdomain 1's default route: traffic moved into rtable 1 would leave nowhere (no default route)");
    }

    @Test
    void tiersThatLoopAreRefused() {
        final RouterIntent intent = withRoutes(FailoverFixtures.seedRouterFailover(),
            route -> fallback(route, "ipoe", "ipoe"));
        assertThat(errors(intent)).contains("intent/policy-route[name=to-via-pppoe]/fallback[tier=2]/uplink:"
            + " the tiers loop: ipoe is in an earlier tier already");
    }

    @Test
    void probesMustStayOnTheirUplink() {
        final RouterIntent mapEIcmp = withUplinks(FailoverFixtures.seedRouterFailover(), uplink -> uplink.withHealth(
            new HealthMonitor("ipoe".equals(uplink.name()) ? List.of("1.1.1.1", "8.8.4.4") : List.of("1.1.1.1",
                "9.9.9.9"), Method.ICMP, 443, 15, 3, 5, StateAction.KILL, StateAction.KEEP)));
        assertThat(errors(mapEIcmp)).contains(
            "intent/uplink[name=ipoe]/health/method: MAP-E is probed with tcp: pf NAT does not keep ICMP echo ids in"
                + " the CE's port set, so the border relay drops the pings of a working tunnel",
            "intent/uplink[name=pppoe]/health/target: 1.1.1.1 is a probe target of uplink ipoe too: one target's"
                + " outage must not fail two uplinks at once");
    }

    @Test
    void aFallbackFromAnUnmonitoredUplinkIsRefusedNotIgnored() {
        final RouterIntent intent = withUplinks(FailoverFixtures.singleUplink(), uplink -> uplink.withHealth(null));
        assertThat(errors(intent)).contains("intent/policy-route[name=to-via-pppoe]/fallback: pppoe has no health"
            + " monitor: nothing marks it down, so ipoe would never be used");
    }

    @Test
    void aPolicyRouteInFailoverCannotMatchTheRoutersOwnAddresses() {
        final RouterIntent intent = withRoutes(FailoverFixtures.seedRouterFailover(), route -> new PolicyRoute(
            route.name(), route.sequence(), route.description(), route.ingressInterface(), route.family(),
            route.protocol(), route.source(), org.opendaylight.openbsdpbr.api.intent.Endpoint.ANY, route.via(),
            route.fallback()));
        assertThat(errors(intent)).contains("intent/policy-route[name=to-via-pppoe]/destination: a policy route that"
            + " takes part in failover cannot have the destination any: its states are killed on failover, and any"
            + " includes the router's own addresses (the management session); use internet or a table");
    }
}

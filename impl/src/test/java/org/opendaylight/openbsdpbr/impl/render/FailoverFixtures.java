/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.render;

import java.util.ArrayList;
import java.util.List;
import org.opendaylight.openbsdpbr.api.intent.Dhcp;
import org.opendaylight.openbsdpbr.api.intent.Endpoint;
import org.opendaylight.openbsdpbr.api.intent.FallbackTier;
import org.opendaylight.openbsdpbr.api.intent.Family;
import org.opendaylight.openbsdpbr.api.intent.HealthMonitor;
import org.opendaylight.openbsdpbr.api.intent.HealthMonitor.Method;
import org.opendaylight.openbsdpbr.api.intent.HealthMonitor.StateAction;
import org.opendaylight.openbsdpbr.api.intent.Interface;
import org.opendaylight.openbsdpbr.api.intent.Interface.Kind;
import org.opendaylight.openbsdpbr.api.intent.NatRule;
import org.opendaylight.openbsdpbr.api.intent.PolicyRoute;
import org.opendaylight.openbsdpbr.api.intent.Pppoe;
import org.opendaylight.openbsdpbr.api.intent.Rdomain;
import org.opendaylight.openbsdpbr.api.intent.RouterIntent;
import org.opendaylight.openbsdpbr.api.intent.Secret;
import org.opendaylight.openbsdpbr.api.intent.SharedIntent;
import org.opendaylight.openbsdpbr.api.intent.StaticUplink;
import org.opendaylight.openbsdpbr.api.intent.Uplink;
import org.opendaylight.openbsdpbr.api.intent.Via;

/** The failover golden cases' intents (see {@code src/test/resources/render/README.md}, "Failover"). */
public final class FailoverFixtures {
    /** The seed's PPPoE monitor of examples/seed-router-failover: ICMP to Quad9's two addresses. */
    static final HealthMonitor SEED_PPPOE = new HealthMonitor(List.of("9.9.9.9", "149.112.112.112"), Method.ICMP,
        HealthMonitor.DEFAULT_PORT, 15, 3, 5, StateAction.KILL, StateAction.KEEP);
    /** The seed's MAP-E monitor: TCP 443 (ICMP echo ids leave the port set). */
    static final HealthMonitor SEED_IPOE = new HealthMonitor(List.of("1.1.1.1", "8.8.4.4"), Method.TCP, 443, 15, 3,
        5, StateAction.KILL, StateAction.KEEP);

    private FailoverFixtures() {
        // fixtures
    }

    static List<FallbackTier> tiers(final String... tiers) {
        final List<FallbackTier> result = new ArrayList<>();
        for (int i = 0; i < tiers.length; i++) {
            result.add(new FallbackTier(i + 1, List.of(tiers[i].split(","))));
        }
        return result;
    }

    /**
     * The seed router with failover both ways (examples/seed-router-failover/intent.json): the policy routes fall back
     * from PPPoE to MAP-E, rdomain 0's LAN traffic from MAP-E to PPPoE.
     */
    public static RouterIntent seedRouterFailover() {
        final RouterIntent seed = GoldenFixtures.seedRouter();
        final List<Rdomain> rdomains = seed.rdomains().stream().map(rdomain -> rdomain.id() == 0
            ? new Rdomain(0, rdomain.description(), null, rdomain.defaultRouteVia(), List.of(), tiers("pppoe"))
            : rdomain).toList();
        final List<Uplink> uplinks = seed.uplinks().stream().map(uplink -> uplink.withHealth(
            "pppoe".equals(uplink.name()) ? SEED_PPPOE : SEED_IPOE)).toList();
        return new RouterIntent(seed.name(), seed.openbsdRelease(), rdomains, seed.interfaces(), uplinks,
            withFallback(seed.shared(), tiers("ipoe")));
    }

    /** The seed with one monitored uplink: PPPoE, whose policy routes fall back to MAP-E. */
    static RouterIntent singleUplink() {
        final RouterIntent seed = GoldenFixtures.seedRouter();
        final List<Uplink> uplinks = seed.uplinks().stream().map(uplink -> "pppoe".equals(uplink.name())
            ? uplink.withHealth(SEED_PPPOE) : uplink).toList();
        return new RouterIntent("single-uplink", seed.openbsdRelease(), seed.rdomains(), seed.interfaces(), uplinks,
            withFallback(seed.shared(), tiers("ipoe")));
    }

    /**
     * {@link #singleUplink()} with the other state actions and timing: PPPoE's states are kept when it fails and
     * the moved ones killed when it comes back; two probes fail it, six bring it back, every 30 s.
     */
    static RouterIntent keepKill() {
        final RouterIntent single = singleUplink();
        final HealthMonitor monitor = new HealthMonitor(SEED_PPPOE.targets(), Method.ICMP, HealthMonitor.DEFAULT_PORT,
            30, 2, 6, StateAction.KEEP, StateAction.KILL);
        final List<Uplink> uplinks = single.uplinks().stream().map(uplink -> uplink.health() == null ? uplink
            : uplink.withHealth(monitor)).toList();
        return new RouterIntent("keep-kill", single.openbsdRelease(), single.rdomains(), single.interfaces(), uplinks,
            single.shared());
    }

    /**
     * Three uplinks in tiers: fiber (DHCP, rdomain 0, the LAN's default), PPPoE (rdomain 1) and a static backup line
     * (rdomain 2), each monitored; the LAN falls back to PPPoE, then to the backup; the guests' policy route prefers
     * PPPoE, then fiber or the backup line in one tier, in that order.
     */
    static RouterIntent threeTiers() {
        final List<Rdomain> rdomains = List.of(
            new Rdomain(0, "fiber and the LAN", null, "fiber", List.of(), tiers("pppoe", "backup")),
            new Rdomain(1, "PPPoE", null, "pppoe", List.of()),
            new Rdomain(2, "backup line", null, "backup", List.of()));
        final List<Interface> interfaces = List.of(
            Interface.physical("em0"),
            new Interface("em1", Kind.PHYSICAL, "ONU", 0, null, null, null, null, true),
            new Interface("em2", Kind.PHYSICAL, null, 2, null, null, null, null, true),
            new Interface("em3", Kind.PHYSICAL, "LAN", 0, List.of("192.168.10.1/24"), null, null, null, true));
        final List<Uplink> uplinks = List.of(
            new Uplink("fiber", null, 0, null, new Dhcp("em0"), null, new HealthMonitor(List.of("192.0.2.53",
                "198.51.100.53"), Method.ICMP, 443, 10, 2, 4, StateAction.KILL, StateAction.KEEP)),
            new Uplink("pppoe", null, 1, null, new Pppoe("pppoe0", "em1", Pppoe.AuthProtocol.CHAP, "user",
                new Secret("secret"), 1454, false), null, new HealthMonitor(List.of("203.0.113.53", "203.0.113.153"),
                    Method.ICMP, 443, 10, 2, 4, StateAction.KILL, StateAction.KILL)),
            new Uplink("backup", null, 2, null, new StaticUplink("em2", "192.0.2.130/30", "192.0.2.129"), null,
                new HealthMonitor(List.of("198.51.100.153", "192.0.2.153"), Method.TCP, 53, 20, 2, 4,
                    StateAction.KILL, StateAction.KEEP)));
        final List<PolicyRoute> routes = List.of(new PolicyRoute("guests", 10, "the guest network prefers PPPoE",
            "em3", Family.INET, null, Endpoint.of(new Endpoint.Networks(List.of("192.168.10.128/25"))), null,
            new Via.ViaUplink("pppoe"), tiers("fiber,backup")));
        final List<NatRule> nat = List.of(
            new NatRule("fiber", List.of("em3:network")),
            new NatRule("pppoe", List.of("em3:network")),
            new NatRule("backup", List.of("em3:network")));
        return new RouterIntent("three-tiers", "7.8", rdomains, interfaces, uplinks,
            new SharedIntent(null, null, routes, nat, null, null, null));
    }

    private static SharedIntent withFallback(final SharedIntent shared, final List<FallbackTier> fallback) {
        final List<PolicyRoute> routes = shared.policyRoutes().stream().map(route -> new PolicyRoute(route.name(),
            route.sequence(), route.description(), route.ingressInterface(), route.family(), route.protocol(),
            route.source(), route.destination(), route.via(), fallback)).toList();
        return new SharedIntent(shared.tables(), shared.hostGroups(), routes, shared.nat(), shared.inboundServices(),
            shared.dnsResolver(), shared.sshd());
    }
}

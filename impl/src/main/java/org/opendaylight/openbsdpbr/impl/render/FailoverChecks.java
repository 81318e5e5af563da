/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.render;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import org.opendaylight.openbsdpbr.api.intent.Endpoint;
import org.opendaylight.openbsdpbr.api.intent.FallbackTier;
import org.opendaylight.openbsdpbr.api.intent.HealthMonitor;
import org.opendaylight.openbsdpbr.api.intent.MapE;
import org.opendaylight.openbsdpbr.api.intent.NatRule;
import org.opendaylight.openbsdpbr.api.intent.PolicyRoute;
import org.opendaylight.openbsdpbr.api.intent.Rdomain;
import org.opendaylight.openbsdpbr.api.intent.StaticRoute;
import org.opendaylight.openbsdpbr.api.intent.Syntax;
import org.opendaylight.openbsdpbr.api.intent.Uplink;

/**
 * The failover checks on the intent ({@link Failover}), each naming its element. The rendered files are checked
 * again by the analysis (every state reachable with a way back, every killed label on a pass rule, each path's flow
 * per state), and by the router ({@code ifstated -n}, {@code pfctl -nf} per anchor file).
 * <ul>
 *   <li>Health monitors: the probes leave through the uplink, so it must hold its rdomain's default route and no
 *       static route of that rdomain may catch a target; targets are not shared between uplinks (one target's outage
 *       would fail two uplinks at once); MAP-E is probed with TCP (pf NAT does not keep ICMP echo ids in the CE's
 *       port set, so the BR drops the pings); at most {@value Failover#MAX_MONITORED} monitored uplinks
 *       (2^n states).</li>
 *   <li>Fallbacks: every uplink exists and holds its rdomain's default route ({@code rtable N} leaves by N's default
 *       route, whichever uplink holds it) and NATs traffic ({@code nat} names it); the tiers do not loop (no uplink
 *       twice in a path, the path's own uplink included); the path's own uplink and every uplink before the last one
 *       of the list have a health monitor, else the fallback is never taken (nothing silently not compiled); a
 *       via-rdomain route or an rdomain with a fallback has a default route to fall back from.</li>
 *   <li>The management session: a policy route in failover has a destination other than {@code any}, since the
 *       states its rule creates are killed on failover and {@code any} includes the router's own addresses. The
 *       other labelled rules never match traffic to the router: the rdomain LAN rules say {@code to !<martians>},
 *       the uplinks' rules are outbound, and inbound services carry no label.</li>
 *   <li>Names: the state names and labels fit ifstated and pf (labels are at most 63 characters), and no two
 *       failure states get one name.</li>
 * </ul>
 */
final class FailoverChecks {
    private final Resolution resolution;
    private final BiConsumer<String, String> error;

    private FailoverChecks(final Resolution resolution, final BiConsumer<String, String> error) {
        this.resolution = resolution;
        this.error = error;
    }

    static void check(final Resolution resolution, final BiConsumer<String, String> error) {
        new FailoverChecks(resolution, error).run();
    }

    private void run() {
        final List<Uplink> monitored = new ArrayList<>();
        final Map<String, String> targetOwner = new HashMap<>();
        for (Uplink uplink : resolution.intent.uplinks()) {
            if (uplink.health() != null) {
                monitored.add(uplink);
                checkMonitor(uplink, targetOwner);
            }
        }
        if (monitored.size() > Failover.MAX_MONITORED) {
            error.accept(Uplink.path(monitored.get(Failover.MAX_MONITORED).name()) + "/" + HealthMonitor.PATH,
                "at most " + Failover.MAX_MONITORED + " uplinks can have a health monitor (" + monitored.size()
                    + " have one: a failure state per combination would make " + (1 << monitored.size())
                    + " states)");
            return;
        }
        for (Rdomain rdomain : resolution.intent.rdomains()) {
            if (!rdomain.fallback().isEmpty()) {
                final Uplink own = resolution.defaultRoute(rdomain.id());
                checkPath(Rdomain.path(rdomain.id()), own == null ? null : own.name(), rdomain.fallback(),
                    "rdomain " + rdomain.id() + " has no default-route-via to fall back from",
                    "rdomain:" + rdomain.id());
            }
        }
        for (PolicyRoute route : resolution.shared.policyRoutes()) {
            if (monitored.isEmpty() && route.fallback().isEmpty()) {
                // the common case, and a large router has hundreds of routes: nothing of failover to check
                continue;
            }
            final String own = Failover.ownUplink(resolution, route);
            if (!route.fallback().isEmpty() || own != null && isMonitored(monitored, own)) {
                checkPath(PolicyRoute.path(route.name()), own, route.fallback(),
                    "its via-rdomain has no default-route-via to fall back from", "route:" + route.name());
                if (route.destination().match() == Endpoint.Any.INSTANCE && !route.destination().negate()) {
                    // its rule carries a label that failover kills: it must not create the states of connections
                    // to the router itself, the controller's management session among them
                    error.accept(PolicyRoute.path(route.name()) + "/destination", "a policy route that takes part in"
                        + " failover cannot have the destination any: its states are killed on failover, and any"
                        + " includes the router's own addresses (the management session); use internet or a table");
                }
            }
        }
        if (!monitored.isEmpty()) {
            checkStateNames(monitored);
        }
    }

    private static boolean isMonitored(final List<Uplink> monitored, final String uplink) {
        for (Uplink candidate : monitored) {
            if (candidate.name().equals(uplink)) {
                return true;
            }
        }
        return false;
    }

    private void checkMonitor(final Uplink uplink, final Map<String, String> targetOwner) {
        final String at = Uplink.path(uplink.name()) + "/" + HealthMonitor.PATH;
        final HealthMonitor health = uplink.health();
        if (uplink.kind() instanceof MapE && health.method() == HealthMonitor.Method.ICMP) {
            error.accept(at + "/method", "MAP-E is probed with tcp: pf NAT does not keep ICMP echo ids in the CE's"
                + " port set, so the border relay drops the pings of a working tunnel");
        }
        final Uplink holder = resolution.defaultRoute(uplink.rdomain());
        if (holder != uplink) {
            error.accept(at, "the probes leave by rdomain " + uplink.rdomain() + "'s default route (ping -V "
                + uplink.rdomain() + "), which " + (holder == null ? "does not exist" : "goes through uplink "
                    + holder.name()) + ": set rdomain[id=" + uplink.rdomain() + "]/default-route-via to "
                + uplink.name());
        }
        final Rdomain rdomain = resolution.rdomain(uplink.rdomain());
        for (String target : health.targets()) {
            final String other = targetOwner.putIfAbsent(target, uplink.name());
            if (other != null) {
                error.accept(at + "/target", target + " is a probe target of uplink " + other + " too: one target's"
                    + " outage must not fail two uplinks at once");
            }
            if (rdomain != null) {
                for (StaticRoute route : rdomain.staticRoutes()) {
                    if (!Syntax.isV6(route.destination()) && contains(route.destination(), target)) {
                        error.accept(at + "/target", target + " is routed by rdomain[id=" + uplink.rdomain() + "]/"
                            + StaticRoute.path(route.destination()) + ", not through the uplink: the probe would"
                            + " test another path");
                    }
                }
            }
        }
    }

    private void checkPath(final String at, final String own, final List<FallbackTier> tiers,
            final String noOwn, final String id) {
        if (own == null) {
            error.accept(at + "/fallback", noOwn);
            return;
        }
        final Set<String> seen = new HashSet<>();
        seen.add(own);
        final List<String> order = new ArrayList<>();
        order.add(own);
        for (FallbackTier tier : tiers) {
            final String tierAt = at + "/" + FallbackTier.path(tier.tier()) + "/uplink";
            for (String name : tier.uplinks()) {
                if (!seen.add(name)) {
                    error.accept(tierAt, "the tiers loop: " + name + (name.equals(own) ? " is the uplink they fall"
                        + " back from" : " is in an earlier tier already"));
                    continue;
                }
                final Uplink uplink = resolution.uplinks.get(name);
                if (uplink == null) {
                    error.accept(tierAt, "no uplink " + name);
                    continue;
                }
                order.add(name);
                if (resolution.defaultRoute(uplink.rdomain()) != uplink) {
                    error.accept(tierAt, name + " does not hold rdomain " + uplink.rdomain() + "'s default route:"
                        + " traffic moved into rtable " + uplink.rdomain() + " would leave "
                        + (resolution.defaultRoute(uplink.rdomain()) == null ? "nowhere (no default route)"
                            : "through " + resolution.defaultRoute(uplink.rdomain()).name()));
                }
                if (!hasNat(uplink)) {
                    error.accept(tierAt, name + " has no nat entry: the traffic it takes over would leave with"
                        + " private sources, which the ISP drops");
                }
                final String label = id + "@" + name;
                if (label.length() > Failover.MAX_LABEL) {
                    error.accept(at, "the pf label " + label + " is longer than " + Failover.MAX_LABEL
                        + " characters: use a shorter name");
                }
            }
        }
        for (int i = 0; i < order.size() - 1; i++) {
            final Uplink uplink = resolution.uplinks.get(order.get(i));
            if (uplink != null && uplink.health() == null) {
                error.accept(order.size() > 1 ? at + "/fallback" : at, uplink.name() + " has no health monitor:"
                    + " nothing marks it down, so " + String.join(", ", order.subList(i + 1, order.size()))
                    + " would never be used");
                break;
            }
        }
    }

    private boolean hasNat(final Uplink uplink) {
        for (NatRule rule : resolution.shared.nat()) {
            if (rule.uplink().equals(uplink.name())) {
                return true;
            }
        }
        return false;
    }

    private void checkStateNames(final List<Uplink> monitored) {
        final Failover failover = Failover.of(resolution);
        if (failover == null) {
            return;
        }
        final Map<String, Set<String>> names = new HashMap<>();
        for (Failover.State state : failover.states) {
            final Set<String> earlier = names.putIfAbsent(state.name(), state.down());
            if (earlier != null) {
                error.accept(Uplink.path(monitored.get(0).name()) + "/" + HealthMonitor.PATH, "the failure states of "
                    + earlier + " and " + state.down() + " would both be called " + state.name()
                    + ": rename an uplink");
            }
        }
    }

    /** Whether an IPv4 prefix contains an address. */
    private static boolean contains(final String prefix, final String address) {
        final int length = Syntax.prefixLength(prefix);
        final long network = Syntax.ipv4Value(Syntax.addressPart(prefix));
        final long value = Syntax.ipv4Value(address);
        if (length < 0 || network < 0 || value < 0) {
            return false;
        }
        final long mask = length == 0 ? 0 : 0xFFFF_FFFFL << 32 - length & 0xFFFF_FFFFL;
        return (network & mask) == (value & mask);
    }
}

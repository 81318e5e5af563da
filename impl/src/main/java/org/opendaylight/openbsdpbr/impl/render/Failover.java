/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.render;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.openbsdpbr.api.intent.FallbackTier;
import org.opendaylight.openbsdpbr.api.intent.HealthMonitor;
import org.opendaylight.openbsdpbr.api.intent.Interface;
import org.opendaylight.openbsdpbr.api.intent.PolicyRoute;
import org.opendaylight.openbsdpbr.api.intent.Rdomain;
import org.opendaylight.openbsdpbr.api.intent.Uplink;
import org.opendaylight.openbsdpbr.api.intent.Via;

/**
 * A router's failover, as the router runs it by itself: the uplinks with a health monitor, the traffic paths that
 * can move (each policy route, and the LAN traffic of every rdomain whose default route has a fallback), and one
 * state per combination of monitored uplinks that are down, with the uplink each path takes in it.
 *
 * <p>Why the paths move by pf rules and never by routes: the probes must keep testing the failed uplink itself
 * ({@code ping -V RTABLE} leaves by the rdomain's own default route), and pf pins every state to the rtable of the
 * rule that created it anyway (OPENBSD.md), so rewriting the routing tables would neither move old flows nor leave
 * the probes a way to see the uplink come back. The rules that choose a path (the policy routes and the rdomains'
 * LAN rules) therefore live in one pf anchor, {@value #ANCHOR}, whose content ifstated(8) replaces per state
 * ({@code pfctl -a failover -f FILE}): a pf.conf reload never undoes a failover, and a failover never touches the
 * rest of pf.conf. Every rule of the anchor carries a label naming its path and the uplink it uses in that state
 * ({@code route:NAME@UPLINK}, {@code rdomain:N@UPLINK}), and each uplink's {@code pass out} rule carries
 * {@code uplink:NAME}, so that {@code pfctl -k label -k LABEL} kills exactly the states of the failed uplink, and on
 * failback exactly the states moved off the uplink that came back. Inbound rules (inbound services, the management
 * session) carry no label: no kill ever reaches them.
 *
 * <p>A path takes the first uplink of its list (its own, then its fallback tiers in order) that is not down; an
 * uplink without a monitor is never taken to be down. When every uplink a path could take is down, it keeps its own:
 * the plain policy, rather than black-holing what a probe target's outage could have caused. The state where every
 * monitored uplink is down therefore loads the same rules as the state where all are up.
 */
final class Failover {
    /** The pf anchor holding the path rules. */
    static final String ANCHOR = "failover";
    /** The anchor's file with every uplink up: pf.conf loads it ({@code load anchor}). */
    static final String ANCHOR_FILE = "/etc/pf/failover.conf";
    /** ifstated(8)'s configuration. */
    static final String IFSTATED_CONF = ApplyPlanner.IFSTATED_CONF;
    /**
     * Where ifstated's actions record each state they enter, one line {@code EPOCH-SECONDS STATE} per change, the
     * last line being the current state; the agent keeps its own state under /var/pbr as well.
     */
    static final String STATE_LOG = "/var/pbr/failover.log";
    /** The name of the state with every uplink up. */
    static final String NORMAL = "normal";
    /** The name of the state in which every path's uplinks are down. */
    static final String ALL_DOWN = "all-down";
    /** pf's longest label: PF_RULE_LABEL_SIZE is 64 with the terminating NUL. */
    static final int MAX_LABEL = 63;
    /** The most monitored uplinks: 2^5 states. */
    static final int MAX_MONITORED = 5;

    /**
     * A path traffic takes, which failover can move.
     *
     * @param id {@code route:NAME} or {@code rdomain:N}, the start of its labels
     * @param element its intent element, e.g. {@code policy-route[name=x]}
     * @param route the policy route, or null for an rdomain's LAN traffic
     * @param rdomain the rdomain whose default route it follows (its LAN rules), or -1 for a policy route
     * @param lans the rdomain's LAN interfaces (interfaces with an IPv4 address that face no ISP), for an rdomain
     * @param candidates its own uplink first, then its fallback tiers in order
     */
    record Path(String id, String element, @Nullable PolicyRoute route, int rdomain, List<Interface> lans,
            List<String> candidates) {
        /** The uplink the path uses with every uplink up. */
        String own() {
            return candidates.get(0);
        }

        /** The pf label of its rule while it uses {@code uplink}. */
        String label(final String uplink) {
            return id + "@" + uplink;
        }
    }

    /**
     * One failure state.
     *
     * @param name its ifstated state name
     * @param down the monitored uplinks that are down, in the monitors' order
     * @param active the uplink each path takes, by path id
     * @param file the anchor file loaded in it
     */
    record State(String name, Set<String> down, Map<String, String> active, String file) {
        /** The anchor file's name under /etc/pf/. */
        String fileName() {
            return file.substring(file.lastIndexOf('/') + 1);
        }
    }

    /**
     * A kill of the states one label's rule created: {@code pfctl -V RDOMAIN -k label -k LABEL}. pf matches a kill
     * against the state key of the routing domain the state was created in (DIOCKILLSTATES compares the key's rdomain
     * with pfctl's {@code -V}, 0 when absent): the uplink's rdomain for its {@code pass out} rule, the LAN
     * interface's for a path's {@code pass in} rule. Without it, the states of an uplink in rdomain 1 were never
     * killed.
     *
     * @param label the rule's label
     * @param rdomain the routing domain of the states it created
     */
    record Kill(String label, int rdomain) {
    }

    final List<Uplink> monitored;
    final List<Path> paths;
    final List<State> states;
    private final Map<String, Uplink> uplinks;
    private final Map<String, Interface> interfaces;

    private Failover(final Resolution resolution, final List<Uplink> monitored, final List<Path> paths) {
        this.monitored = monitored;
        this.paths = paths;
        uplinks = resolution.uplinks;
        interfaces = resolution.interfaces;
        states = new ArrayList<>(1 << monitored.size());
        final int combinations = 1 << monitored.size();
        for (int mask = 0; mask < combinations; mask++) {
            final Set<String> down = new LinkedHashSet<>();
            for (int bit = 0; bit < monitored.size(); bit++) {
                if ((mask & 1 << bit) != 0) {
                    down.add(monitored.get(bit).name());
                }
            }
            states.add(state(down));
        }
    }

    /** The router's failover, or null when no uplink has a health monitor. Call after validation. */
    static @Nullable Failover of(final Resolution resolution) {
        final List<Uplink> monitored = new ArrayList<>();
        for (Uplink uplink : resolution.intent.uplinks()) {
            if (uplink.health() != null) {
                monitored.add(uplink);
            }
        }
        if (monitored.isEmpty() || monitored.size() > MAX_MONITORED) {
            return null;
        }
        return new Failover(resolution, List.copyOf(monitored), paths(resolution));
    }

    /** The paths: rdomains with a fallback, in id order, then every policy route in sequence order. */
    static List<Path> paths(final Resolution resolution) {
        final List<Path> paths = new ArrayList<>();
        for (Rdomain rdomain : resolution.intent.rdomains()) {
            final Uplink own = resolution.defaultRoute(rdomain.id());
            if (rdomain.fallback().isEmpty() || own == null) {
                continue;
            }
            final List<Interface> lans = new ArrayList<>();
            for (Interface iface : resolution.intent.interfaces()) {
                if (iface.rdomain() == rdomain.id() && !iface.ipv4Addresses().isEmpty()
                        && !resolution.ispFacing.containsKey(iface.name())) {
                    lans.add(iface);
                }
            }
            paths.add(new Path("rdomain:" + rdomain.id(), Rdomain.path(rdomain.id()), null, rdomain.id(),
                List.copyOf(lans), candidates(own.name(), rdomain.fallback())));
        }
        for (PolicyRoute route : resolution.shared.policyRoutes()) {
            final String own = ownUplink(resolution, route);
            paths.add(new Path("route:" + route.name(), PolicyRoute.path(route.name()), route, -1, List.of(),
                own == null ? List.of() : candidates(own, route.fallback())));
        }
        return paths;
    }

    /** The uplink a policy route uses with every uplink up: its via-uplink, or its via-rdomain's default route. */
    static @Nullable String ownUplink(final Resolution resolution, final PolicyRoute route) {
        if (route.via() instanceof Via.ViaUplink via) {
            return via.uplink();
        }
        final Uplink holder = resolution.defaultRoute(((Via.ViaRdomain) route.via()).rdomain());
        return holder == null ? null : holder.name();
    }

    private static List<String> candidates(final String own, final List<FallbackTier> tiers) {
        final List<String> candidates = new ArrayList<>();
        candidates.add(own);
        for (FallbackTier tier : tiers) {
            candidates.addAll(tier.uplinks());
        }
        return List.copyOf(candidates);
    }

    private State state(final Set<String> down) {
        final Map<String, String> active = new LinkedHashMap<>();
        boolean allDown = !down.isEmpty();
        for (Path path : paths) {
            if (path.candidates().isEmpty()) {
                continue;
            }
            String chosen = null;
            for (String candidate : path.candidates()) {
                if (!down.contains(candidate)) {
                    chosen = candidate;
                    break;
                }
            }
            allDown &= chosen == null;
            active.put(path.id(), chosen == null ? path.own() : chosen);
        }
        // every path back on its own uplink: the plain policy's rules; "all-down" only for the one state where every
        // monitored uplink is down too, so that no two states share a name
        final boolean plain = down.isEmpty() || allDown;
        final String name = down.isEmpty() ? NORMAL : allDown && down.size() == monitored.size() ? ALL_DOWN
            : "down-" + String.join("-", down);
        return new State(name, Collections.unmodifiableSet(new LinkedHashSet<>(down)), active,
            plain ? ANCHOR_FILE : "/etc/pf/failover-" + name + ".conf");
    }

    /** The state with exactly these uplinks down (unmonitored ones ignored). */
    State state(final Set<String> down, final boolean strict) {
        for (State state : states) {
            if (state.down().equals(down)) {
                return state;
            }
        }
        if (strict) {
            throw new IllegalArgumentException("no failure state for " + down);
        }
        final Set<String> known = new TreeSet<>(down);
        known.retainAll(monitoredNames());
        return state(known, true);
    }

    Set<String> monitoredNames() {
        final Set<String> names = new LinkedHashSet<>();
        monitored.forEach(uplink -> names.add(uplink.name()));
        return names;
    }

    /** The uplink's {@code pass out} label. */
    static String uplinkLabel(final String uplink) {
        return "uplink:" + uplink;
    }

    /**
     * The states that go when {@code uplink} fails: its own {@code pass out} rule's and those of every path rule that
     * takes it in any state, not only in {@code from} (a path that came back to it on a failback whose states were
     * kept still has states under that label); none when its monitor keeps states. A label with no states is a no-op.
     */
    List<Kill> killsOnFailover(final State from, final String uplink) {
        final List<Kill> kills = new ArrayList<>();
        if (uplinks.get(uplink).health().onFailover() == HealthMonitor.StateAction.KEEP) {
            return kills;
        }
        kills.add(new Kill(uplinkLabel(uplink), uplinks.get(uplink).rdomain()));
        for (Path path : paths) {
            if (states.stream().anyMatch(state -> uplink.equals(state.active().get(path.id())))) {
                kills.add(new Kill(path.label(uplink), lanRdomain(path)));
            }
        }
        return kills;
    }

    /** The routing domain a path's {@code pass in} rules create their states in: that of its LAN interfaces. */
    private int lanRdomain(final Path path) {
        if (path.route() == null) {
            return path.rdomain();
        }
        final Interface ingress = interfaces.get(path.route().ingressInterface());
        return ingress == null ? 0 : ingress.rdomain();
    }

    /**
     * The labels whose states go when {@code uplink} comes back in state {@code from} (to state {@code to}): every
     * path that moves back to it, with the label of the fallback it used; none when its monitor keeps them.
     */
    List<Kill> killsOnFailback(final State from, final State to, final String uplink) {
        final List<Kill> kills = new ArrayList<>();
        if (uplinks.get(uplink).health().onFailback() == HealthMonitor.StateAction.KEEP) {
            return kills;
        }
        for (Path path : paths) {
            final String before = from.active().get(path.id());
            if (before != null && uplink.equals(to.active().get(path.id())) && !uplink.equals(before)) {
                kills.add(new Kill(path.label(before), lanRdomain(path)));
            }
        }
        return kills;
    }
}

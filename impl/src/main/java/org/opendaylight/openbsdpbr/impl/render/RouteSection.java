/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.render;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.opendaylight.openbsdpbr.api.intent.Endpoint;
import org.opendaylight.openbsdpbr.api.intent.Family;
import org.opendaylight.openbsdpbr.api.intent.PfTable;
import org.opendaylight.openbsdpbr.api.intent.PolicyRoute;
import org.opendaylight.openbsdpbr.api.intent.Uplink;
import org.opendaylight.openbsdpbr.api.intent.Via;

/**
 * The policy-route part of a render, kept per list of route objects: the validator's per-route checks (with the
 * rtable and the table or host group each route resolved to), the per-route lints and pf.conf's rules. A router whose
 * routes are the same objects as a router rendered before, and whose facts those parts read are the same, gets the
 * kept results instead of running the routes again.
 *
 * <p>Why: the policy routes are most of a large router's render (130 routes: the validator's checks, the lints and
 * the rules were a third of it, spread over hundreds of map lookups), and they come from profiles: {@link
 * IntentMerger} hands the same route objects to every router of a profile, so a profile change renders the same routes
 * for a whole fleet. What the routes' checks and lints read from the router is small: a handful of distinct names
 * (ingress interfaces, uplinks, rdomains, tables, host groups, interface networks), each looked up once here instead
 * of once per route ({@link #validatorFacts}, {@link #lintFacts}).
 *
 * <p>Exactness: each kept part holds the facts it was computed from, and is reused only when the facts computed for
 * the router at hand are equal. The facts are every answer the per-route code gets from the router: for each distinct
 * ingress interface whether it exists and faces an ISP; for each uplink a route goes via, its rdomain and whether a
 * route of each family leaves through it ({@link IntentValidator#leavesThrough}); for each via-rdomain whether it
 * exists and has a default route of each family; for each table and host group its position, families and (tables)
 * whether it is constant and empty; each interface network's bits; the position of the intent's table martians; the
 * first public LAN network per family. Route records are immutable, so equal facts give equal results: the same
 * rtables and references, no errors, the same lints (the same messages and paths, which name only the route, its
 * rtable and those facts) and the same rules. Only an error-free validation is kept: errors are reported by running
 * the checks, with the paths of the layer each route came from. {@code RouteSectionTest} renders routers that share
 * routes but not facts, in both orders, with and without kept parts, and compares every file, lint and error.
 *
 * <p>Bounded like {@link RouteRuleTexts}: a direct-mapped table of {@value #SIZE} lists (a list's slot from the
 * identities of its first and last route and its length). A list gets its section at its second render in a row in
 * its slot ({@link SeenOnce}), replacing whatever section held the slot: the first render only marks the slot, so that
 * a list rendered once, a router's own routes, costs neither time (the names, facts and copies of a section cost about
 * a fifth of a render of new routes) nor memory (nothing of it stays reachable). Parts are immutable and published
 * through volatile fields without locks: a racing writer only costs a part computed twice.
 */
final class RouteSection {
    /** Slots; a power of two. A profile's routes take one, whatever the number of routers that use them. */
    static final int SIZE = 512;

    private static final AtomicReferenceArray<RouteSection> SLOTS = new AtomicReferenceArray<>(SIZE);
    /** The list each slot saw last, when it has no section for it. */
    private static final SeenOnce SEEN = new SeenOnce(SIZE);

    /** The validator's results for a router whose routes pass, and the facts they hold for. */
    private record Validated(int[] facts, int[] rtables, int[] refs) {
        // kept part
    }

    /**
     * The lints of the routes, and the family bits each table ({@code tableUse}) and host group ({@code groupUse})
     * is used with by them, as pairs of (position, bits).
     */
    private record Linted(int[] facts, int[] lintFacts, String[] publicLan, List<Lint> lints, int[] tableUse,
            int[] groupUse) {
        // kept part
    }

    /** pf.conf's rules of the routes, for these rtables. */
    private record Rules(int[] rtables, String text) {
        // kept part
    }

    private final PolicyRoute[] routes;
    private final String[] ingress;
    private final String[] viaUplinks;
    private final int[] viaRdomains;
    private final String[] tables;
    private final String[] groups;
    private final String[] networks;
    /** Whether a destination is {@code internet}, per family (the lints' first public LAN network). */
    private final boolean internet4;
    private final boolean internet6;
    /** Whether an endpoint says {@code internet} or the table martians ({@link PfRenderer}'s martians table). */
    final boolean namesMartians;

    private volatile Validated validated;
    private volatile Linted linted;
    private volatile Rules rules;

    private RouteSection(final PolicyRoute[] routes) {
        this.routes = routes;
        final Set<String> ingressNames = new LinkedHashSet<>();
        final Set<String> uplinkNames = new LinkedHashSet<>();
        final Set<Integer> rdomainIds = new LinkedHashSet<>();
        final Set<String> tableNames = new LinkedHashSet<>();
        final Set<String> groupNames = new LinkedHashSet<>();
        final Set<String> networkNames = new LinkedHashSet<>();
        boolean v4 = false;
        boolean v6 = false;
        boolean martians = false;
        for (PolicyRoute route : routes) {
            ingressNames.add(route.ingressInterface());
            if (route.via() instanceof Via.ViaUplink via) {
                uplinkNames.add(via.uplink());
            } else if (route.via() instanceof Via.ViaRdomain via) {
                rdomainIds.add(via.rdomain());
            }
            names(route.source().match(), tableNames, groupNames, networkNames);
            names(route.destination().match(), tableNames, groupNames, networkNames);
            martians |= namesMartians(route);
            if (route.destination().match() == Endpoint.Internet.INSTANCE) {
                v4 |= route.family() == Family.INET;
                v6 |= route.family() == Family.INET6;
            }
        }
        ingress = ingressNames.toArray(String[]::new);
        viaUplinks = uplinkNames.toArray(String[]::new);
        viaRdomains = rdomainIds.stream().mapToInt(Integer::intValue).toArray();
        tables = tableNames.toArray(String[]::new);
        groups = groupNames.toArray(String[]::new);
        networks = networkNames.toArray(String[]::new);
        internet4 = v4;
        internet6 = v6;
        namesMartians = martians;
    }

    /** Adds the name an endpoint looks up to its kind's names. */
    private static void names(final Endpoint.Match match, final Set<String> tableNames,
            final Set<String> groupNames, final Set<String> networkNames) {
        if (match instanceof Endpoint.TableRef table) {
            tableNames.add(table.table());
        } else if (match instanceof Endpoint.HostGroupRef group) {
            groupNames.add(group.hostGroup());
        } else if (match instanceof Endpoint.InterfaceNetwork network) {
            networkNames.add(network.value());
        } else if (match == Endpoint.Internet.INSTANCE) {
            // !<martians>: the lints read the intent's own table martians when it defines one
            tableNames.add(Martians.NAME);
        }
    }

    /** Whether a route's rule says {@code <martians>}: {@code internet} ({@code !<martians>}) or the table martians. */
    static boolean namesMartians(final PolicyRoute route) {
        return isMartians(route.source()) || isMartians(route.destination());
    }

    private static boolean isMartians(final Endpoint endpoint) {
        return endpoint.match() == Endpoint.Internet.INSTANCE
            || endpoint.match() instanceof Endpoint.TableRef table && Martians.NAME.equals(table.table());
    }

    /**
     * The section of these routes, kept from the second render of the same route objects on; null for no routes and
     * for routes seen for the first time (the slot is marked: a list rendered once, a one-off or a benchmark of new
     * routes, costs no more than without sections).
     */
    static RouteSection of(final List<PolicyRoute> routes) {
        final int size = routes.size();
        if (size == 0) {
            return null;
        }
        final int slot = (System.identityHashCode(routes.get(0)) * 31 + System.identityHashCode(routes.get(size - 1))
            + size) & SIZE - 1;
        final RouteSection kept = SLOTS.getAcquire(slot);
        if (kept != null && same(kept.routes, routes)) {
            return kept;
        }
        if (!SEEN.again(slot, routes, List.of())) {
            return null;
        }
        final RouteSection fresh = new RouteSection(routes.toArray(PolicyRoute[]::new));
        SLOTS.setRelease(slot, fresh);
        return fresh;
    }

    /** Forget every section (benchmarks that measure the first render of new routes). */
    static void clear() {
        for (int i = 0; i < SIZE; i++) {
            SLOTS.setRelease(i, null);
        }
        SEEN.clear();
    }

    private static boolean same(final PolicyRoute[] kept, final List<PolicyRoute> list) {
        if (list.size() != kept.length) {
            return false;
        }
        for (int i = 0; i < kept.length; i++) {
            if (list.get(i) != kept[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * What the validator's per-route checks read from the router, each distinct name looked up once. Called after
     * the rdomains' default routes were checked (see {@link IntentValidator#leavesThrough}).
     */
    int[] validatorFacts(final Resolution resolution) {
        final int[] facts = new int[ingress.length + viaUplinks.length + viaRdomains.length + tables.length
            + 2 * groups.length + networks.length + 1];
        int at = 0;
        for (String name : ingress) {
            facts[at++] = (resolution.interfaces.containsKey(name) ? 1 : 0) | (resolution.facesIsp(name) ? 2 : 0);
        }
        for (String name : viaUplinks) {
            final Uplink uplink = resolution.uplinks.get(name);
            facts[at++] = uplink == null ? -1 : uplink.rdomain() << 2
                | (IntentValidator.leavesThrough(resolution, uplink, Family.INET) == null ? 1 : 0)
                | (IntentValidator.leavesThrough(resolution, uplink, Family.INET6) == null ? 2 : 0);
        }
        for (int rdomain : viaRdomains) {
            facts[at++] = resolution.exists(rdomain) ? 1 : 0;
        }
        for (String name : tables) {
            facts[at++] = resolution.tableIndex(name);
        }
        for (String name : groups) {
            final int index = resolution.groupIndex(name);
            facts[at++] = index;
            facts[at++] = index < 0 ? 0 : resolution.groupFamilies[index];
        }
        for (String name : networks) {
            facts[at++] = resolution.network(name);
        }
        facts[at] = resolution.martiansIndex;
        return facts;
    }

    /** Whether a validation of these routes is kept (tests). */
    boolean keepsValidation() {
        return validated != null;
    }

    /**
     * Takes the kept validation when it holds for these facts: fills the resolution's rtables and references and
     * answers true (the routes pass: no error); false when the checks have to run.
     */
    boolean reuseValidation(final Resolution resolution, final int[] facts) {
        final Validated kept = validated;
        if (kept == null || !Arrays.equals(kept.facts, facts)) {
            return false;
        }
        System.arraycopy(kept.rtables, 0, resolution.routeRtables, 0, kept.rtables.length);
        System.arraycopy(kept.refs, 0, resolution.routeRefs, 0, kept.refs.length);
        return true;
    }

    /** Keeps a validation that found no error in the routes. */
    void validated(final Resolution resolution, final int[] facts) {
        validated = new Validated(facts, resolution.routeRtables.clone(), resolution.routeRefs.clone());
    }

    /**
     * What the per-route lints read from the router beyond the validator's facts: for each via-rdomain whether its
     * table has an IPv4 and an IPv6 default route, for each table the routes name whether it is empty and constant
     * and its families.
     */
    int[] lintFacts(final Resolution resolution, final boolean[] defaultRoute4, final boolean[] defaultRoute6) {
        final int[] facts = new int[viaRdomains.length + tables.length];
        int at = 0;
        for (int rdomain : viaRdomains) {
            facts[at++] = (defaultRoute4[rdomain] ? 1 : 0) | (defaultRoute6[rdomain] ? 2 : 0);
        }
        for (String name : tables) {
            final int index = resolution.tableIndex(name);
            if (index < 0) {
                facts[at++] = -1;
            } else {
                final PfTable table = resolution.shared.tables().get(index);
                facts[at++] = (table.entries().isEmpty() ? 1 : 0) | (table.constant() ? 2 : 0)
                    | resolution.tableFamilies[index] << 2;
            }
        }
        return facts;
    }

    /** Whether a lint needs the router's first public LAN network of the family (a destination {@code internet}). */
    boolean needsPublicLan(final boolean v6) {
        return v6 ? internet6 : internet4;
    }

    /**
     * Adds the kept lints when they hold for these facts (and ORs the routes' use of tables and host groups into
     * {@code tableUse} and {@code groupUse}): true; false when the lints have to run.
     */
    boolean reuseLints(final int[] facts, final int[] lintFacts, final String[] publicLan, final List<Lint> into,
            final int[] tableUse, final int[] groupUse) {
        final Linted kept = linted;
        if (kept == null || !Arrays.equals(kept.facts, facts) || !Arrays.equals(kept.lintFacts, lintFacts)
                || !Arrays.equals(kept.publicLan, publicLan)) {
            return false;
        }
        into.addAll(kept.lints);
        or(tableUse, kept.tableUse);
        or(groupUse, kept.groupUse);
        return true;
    }

    /** Keeps the lints of the routes and their use of tables and host groups (only the routes' own bits). */
    void linted(final int[] facts, final int[] lintFacts, final String[] publicLan, final List<Lint> lints,
            final int[] tableUse, final int[] groupUse) {
        linted = new Linted(facts, lintFacts, publicLan, List.copyOf(lints), pairs(tableUse), pairs(groupUse));
    }

    /** pf.conf's rules of the routes for these rtables, or null. */
    String rules(final int[] rtables) {
        final Rules kept = rules;
        return kept != null && Arrays.equals(kept.rtables, rtables) ? kept.text : null;
    }

    /** Keeps pf.conf's rules of the routes for these rtables. */
    void rules(final int[] rtables, final String text) {
        rules = new Rules(rtables.clone(), text);
    }

    private static int[] pairs(final int[] use) {
        final List<Integer> pairs = new ArrayList<>();
        for (int i = 0; i < use.length; i++) {
            if (use[i] != 0) {
                pairs.add(i);
                pairs.add(use[i]);
            }
        }
        return pairs.stream().mapToInt(Integer::intValue).toArray();
    }

    private static void or(final int[] use, final int[] pairs) {
        for (int i = 0; i < pairs.length; i += 2) {
            use[pairs[i]] |= pairs[i + 1];
        }
    }
}

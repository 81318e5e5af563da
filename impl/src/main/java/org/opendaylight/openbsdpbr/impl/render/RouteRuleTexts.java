/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.render;

import java.util.concurrent.atomic.AtomicReferenceArray;
import org.opendaylight.openbsdpbr.api.intent.PolicyRoute;

/**
 * pf.conf's text of a policy route (its comment line and its {@code pass in} rule), kept per route object and routing
 * table, so that a route a profile gives to many routers is written once, not once per router.
 *
 * <p>Why: a profile's policy routes are the same objects in every router's effective intent
 * ({@link IntentMerger} keeps them; the controller maps each profile once), and the policy routes were the largest
 * part of a large router's render (a third of it: 130 routes of about 20 appends each). The text of a route is a
 * function of the route's record (immutable, compared here by identity: the same object has the same values) and of
 * the routing table its {@code via} resolved to (the one input from the router): equal keys give equal text, so a
 * cached text is byte for byte what {@link PfRenderer} would write. The failover anchor's variant (per-state rtable,
 * label, host groups written out) is not cached.
 *
 * <p>Bounded: a direct-mapped table of {@value #SIZE} slots (a key's slot from its identity hash and table); a new
 * key replaces whatever held its slot, so at most {@value #SIZE} texts (about 2 MB for long descriptions) and the
 * routes they belong to stay reachable, however many profiles come and go. Slots hold immutable entries, read and
 * written without locks: a racing writer only costs a text written twice.
 */
final class RouteRuleTexts {
    /** Slots; a power of two. */
    static final int SIZE = 8192;

    private record Entry(PolicyRoute route, int rtable, String text) {
    }

    private static final AtomicReferenceArray<Entry> SLOTS = new AtomicReferenceArray<>(SIZE);

    private RouteRuleTexts() {
        // utility
    }

    /** The cached text of the route with that table, or null. */
    static String get(final PolicyRoute route, final int rtable) {
        final Entry entry = SLOTS.getAcquire(slot(route, rtable));
        return entry != null && entry.route == route && entry.rtable == rtable ? entry.text : null;
    }

    /** Keep the text of the route with that table. */
    static void put(final PolicyRoute route, final int rtable, final String text) {
        SLOTS.setRelease(slot(route, rtable), new Entry(route, rtable, text));
    }

    /** Forget every text (benchmarks that measure the first render of new routes). */
    static void clear() {
        for (int i = 0; i < SIZE; i++) {
            SLOTS.setRelease(i, null);
        }
    }

    private static int slot(final PolicyRoute route, final int rtable) {
        return (System.identityHashCode(route) * 31 + rtable) & SIZE - 1;
    }
}

/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.render;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Function;
import org.opendaylight.openbsdpbr.api.intent.HostGroup;
import org.opendaylight.openbsdpbr.api.intent.PfTable;

/**
 * An intent's pf tables and host groups as a render reads them, kept per pair of lists of table and host-group
 * objects: each name's position, the families of each one's addresses, and pf.conf's macros and tables sections.
 *
 * <p>Why: tables and host groups usually come from profiles, whose objects {@link IntentMerger} hands to every router
 * (see {@link RouteSection}), and everything kept here is a function of those objects alone (records, immutable,
 * compared by identity): the positions and families were built anew for every render (a map per kind and a scan of
 * every address), and the two pf.conf sections written anew, a tenth of a large router's render. The one input from
 * the router, whether pf.conf needs the built-in {@code <martians>} table among the tables, selects one of two kept
 * texts.
 *
 * <p>Bounded and lock-free like {@link RouteSection}: a direct-mapped table of {@value #SIZE} pairs of lists, a pair
 * kept from its second render in a row in its slot on ({@link SeenOnce}). A router with a table of its own beside its
 * profile's has a pair no other router shares: kept at first sight, those filled every slot with sections never
 * reused (about 1 KiB each in the controller benchmark, whose routers all have one), a cost per managed router.
 */
final class TableSection {
    /** Slots; a power of two. */
    static final int SIZE = 512;

    private static final AtomicReferenceArray<TableSection> SLOTS = new AtomicReferenceArray<>(SIZE);
    /** The pair each slot saw last, when it has no section for it. */
    private static final SeenOnce SEEN = new SeenOnce(SIZE);

    private final PfTable[] tables;
    private final HostGroup[] groups;
    /** The tables by name, as positions in the list. Never changed once built. */
    final Map<String, Integer> tableIndex;
    /** The families of each table's entries ({@link Resolution#INET}, {@link Resolution#INET6}), by position. */
    final int[] tableFamilies;
    /** The host groups by name, as positions in the list. Never changed once built. */
    final Map<String, Integer> groupIndex;
    /** The families of each host group's addresses, by position. */
    final int[] groupFamilies;
    /** pf.conf's macros section, once written. */
    private volatile String macros;
    /** pf.conf's tables section without (0) and with (1) the built-in martians, once written. */
    private final AtomicReferenceArray<String> tablesTexts = new AtomicReferenceArray<>(2);

    private TableSection(final List<PfTable> tables, final List<HostGroup> groups) {
        this.tables = tables.toArray(PfTable[]::new);
        this.groups = groups.toArray(HostGroup[]::new);
        tableIndex = HashMap.newHashMap(tables.size());
        tableFamilies = positions(tables, PfTable::name, PfTable::entries, tableIndex);
        groupIndex = HashMap.newHashMap(groups.size());
        groupFamilies = positions(groups, HostGroup::name, HostGroup::addresses, groupIndex);
    }

    /** The section of these tables and host groups: kept, or new (and kept from now on if seen just before). */
    static TableSection of(final List<PfTable> tables, final List<HostGroup> groups) {
        final int slot = (hash(tables) * 31 + hash(groups)) & SIZE - 1;
        final TableSection kept = SLOTS.getAcquire(slot);
        if (kept != null && same(kept.tables, tables) && same(kept.groups, groups)) {
            return kept;
        }
        final TableSection fresh = new TableSection(tables, groups);
        if (SEEN.again(slot, tables, groups)) {
            SLOTS.setRelease(slot, fresh);
        }
        return fresh;
    }

    /** Forget every section (benchmarks and tests). */
    static void clear() {
        for (int i = 0; i < SIZE; i++) {
            SLOTS.setRelease(i, null);
        }
        SEEN.clear();
    }

    /** How many sections are kept (tests). */
    static int keptCount() {
        int kept = 0;
        for (int i = 0; i < SIZE; i++) {
            kept += SLOTS.get(i) == null ? 0 : 1;
        }
        return kept;
    }

    /** pf.conf's macros section, or null when not written yet. */
    String macros() {
        return macros;
    }

    /** Keeps pf.conf's macros section. */
    void macros(final String text) {
        macros = text;
    }

    /** pf.conf's tables section, with or without the built-in martians, or null when not written yet. */
    String tables(final boolean martians) {
        return tablesTexts.get(martians ? 1 : 0);
    }

    /** Keeps pf.conf's tables section. */
    void tables(final boolean martians, final String text) {
        tablesTexts.set(martians ? 1 : 0, text);
    }

    private static int hash(final List<?> values) {
        final int size = values.size();
        return size == 0 ? 0 : System.identityHashCode(values.get(0)) * 31
            + System.identityHashCode(values.get(size - 1)) + size;
    }

    private static boolean same(final Object[] kept, final List<?> values) {
        if (kept.length != values.size()) {
            return false;
        }
        for (int i = 0; i < kept.length; i++) {
            if (kept[i] != values.get(i)) {
                return false;
            }
        }
        return true;
    }

    /** Fills {@code into} with each value's position by name; returns the families of each value's addresses. */
    private static <T> int[] positions(final List<T> values, final Function<T, String> name,
            final Function<T, List<String>> addresses, final Map<String, Integer> into) {
        final int[] families = new int[values.size()];
        for (int i = 0; i < families.length; i++) {
            final T value = values.get(i);
            into.put(name.apply(value), i);
            families[i] = Resolution.families(addresses.apply(value));
        }
        return families;
    }
}

/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.analysis.ip;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.eclipse.jdt.annotation.Nullable;

/**
 * A pf table's lookup: the longest prefix among its entries decides, and a negated entry ({@code !10.1.0.0/16})
 * excludes what it covers (pf.conf(5) TABLES: "the longest prefix match decides"). Built once per table; a lookup
 * probes one hash map per prefix length present, longest first, so it costs the same for 10 or 100,000 entries.
 */
public final class PrefixSet {
    /**
     * One entry of a table.
     *
     * @param prefix the network
     * @param negated whether it is an exclusion ({@code !prefix})
     */
    public record Entry(IpPrefix prefix, boolean negated) {
        @Override
        public String toString() {
            return negated ? "!" + prefix.network() : prefix.network().toString();
        }
    }

    private static final PrefixSet EMPTY = new PrefixSet(List.of());
    /** Up to this many entries a scan, longest first, beats hashing (and allocates nothing). */
    private static final int SMALL = 32;

    private final Entry @Nullable [] small;

    private final List<Entry> entries;
    /** Per family (0 IPv4, 1 IPv6): the prefix lengths present, longest first. */
    private final int[][] lengths = new int[2][];
    /** Per family and length: network address to negated. */
    private final List<Map<IpAddress, Boolean>> byLength = new ArrayList<>(129 * 2);

    private PrefixSet(final List<Entry> entries) {
        this.entries = List.copyOf(entries);
        if (entries.size() <= SMALL) {
            final List<Entry> sorted = new ArrayList<>(entries);
            sorted.sort((left, right) -> Integer.compare(right.prefix().length(), left.prefix().length()));
            small = sorted.toArray(new Entry[0]);
        } else {
            small = null;
        }
        for (int i = 0; i < 129 * 2; i++) {
            byLength.add(null);
        }
        final List<TreeSet<Integer>> present = List.of(new TreeSet<>(), new TreeSet<>());
        for (Entry entry : entries) {
            final int family = entry.prefix().v6() ? 1 : 0;
            final int length = entry.prefix().length();
            present.get(family).add(length);
            Map<IpAddress, Boolean> map = byLength.get(family * 129 + length);
            if (map == null) {
                map = new HashMap<>();
                byLength.set(family * 129 + length, map);
            }
            // pfctl refuses a table with one network twice; keep the first
            map.putIfAbsent(entry.prefix().address().masked(length), entry.negated());
        }
        for (int family = 0; family < 2; family++) {
            lengths[family] = present.get(family).descendingSet().stream().mapToInt(Integer::intValue).toArray();
        }
    }

    /** A set of these entries. */
    public static PrefixSet of(final List<Entry> entries) {
        return entries.isEmpty() ? EMPTY : new PrefixSet(entries);
    }

    /** The entries, as given. */
    public List<Entry> entries() {
        return entries;
    }

    /**
     * The longest entry that holds the address.
     *
     * @return {@code TRUE} when it is a plain entry, {@code FALSE} when it is a negated one, null when none holds it
     */
    public @Nullable Boolean lookup(final IpAddress address) {
        if (small != null) {
            for (Entry entry : small) {
                if (entry.prefix().contains(address)) {
                    return !entry.negated();
                }
            }
            return null;
        }
        final int family = address.v6() ? 1 : 0;
        for (int length : lengths[family]) {
            final Boolean negated = byLength.get(family * 129 + length).get(address.masked(length));
            if (negated != null) {
                return !negated;
            }
        }
        return null;
    }

    /** Whether the table matches the address: its longest holding entry exists and is not negated. */
    public boolean matches(final IpAddress address) {
        return Boolean.TRUE.equals(lookup(address));
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    @Override
    public String toString() {
        return entries.toString();
    }
}

/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.placement;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The preferred member of every ownership group: rendezvous (highest random weight) hashing with bounded loads.
 *
 * <p>Every member computes this alone from what it observes (the live members, and the routers of each group from
 * the configuration datastore), so it must be a pure, deterministic function of those two inputs: no history, no
 * randomness, no iteration order of a hash map. Two members that see the same cluster agree on every group.
 *
 * <p>How: each group ranks the members by a hash of (group, member) (rendezvous hashing). Groups are placed heaviest
 * first; each goes to the highest-ranked member that stays within the capacity, {@code ceil(routers / members)}
 * (consistent hashing with bounded loads, Mirrokni et al. 2018), or, when none has room, to the least loaded. A last
 * pass moves groups from the most to the least loaded member while that narrows the spread, which matters only when
 * groups are few and unequal. Why rendezvous: a member joining takes from every other member only the groups that now
 * rank it first (about 1/n of them), and a member leaving moves only its own groups, each to its next-ranked member,
 * so the survivors share them instead of one survivor taking all; the capacity keeps the spread within one group's
 * weight of the mean, where plain hashing would leave ±sqrt(groups) imbalance.
 *
 * <p>Balance is bounded by the weight of a group: with routers hashed into G groups, a fleet of R routers on M
 * members is within 10% of the mean when R/G (a group's weight) is below 10% of R/M, that is G above 10 M. The
 * default of 64 groups covers five members; per-router singletons (weight 1) balance to within one router.
 */
public final class Placement {
    private Placement() {
        // a function
    }

    /**
     * The ownership group a router belongs to: {@code group/K}, K its name's hash modulo the number of groups. Fixed
     * for the router's life (a router never changes group while the number of groups stays), and the same on every
     * member.
     *
     * @param router the router's name
     * @param groups the number of groups, at least 1
     * @return the group's name
     */
    public static String group(final String router, final int groups) {
        if (groups < 1) {
            throw new IllegalArgumentException("placement: groups: " + groups + " is not a positive count");
        }
        return "group/" + Math.floorMod(router.hashCode(), groups);
    }

    /**
     * The preferred member of each group.
     *
     * @param members the live members (their cluster member names); not empty
     * @param routers the routers of each group, by group name; groups without routers may be left out (they get a
     *        member too, but weigh nothing)
     * @return the preferred member of every group in {@code routers}
     * @throws IllegalArgumentException when there is no member, a member name is blank or a count is negative
     */
    public static SortedMap<String, String> place(final SortedSet<String> members, final Map<String, Integer> routers) {
        if (members.isEmpty()) {
            throw new IllegalArgumentException("placement: no live member to place " + routers.size() + " groups on");
        }
        for (String member : members) {
            if (requireNonNull(member, "placement: member").isBlank()) {
                throw new IllegalArgumentException("placement: member: blank name");
            }
        }
        long total = 0;
        for (var entry : routers.entrySet()) {
            if (entry.getValue() < 0) {
                throw new IllegalArgumentException("placement: group " + entry.getKey() + ": negative router count "
                    + entry.getValue());
            }
            total += entry.getValue();
        }
        final long capacity = (total + members.size() - 1) / members.size();
        final Map<String, List<String>> ranks = new HashMap<>();
        final List<String> order = new ArrayList<>(new TreeSet<>(routers.keySet()));
        // heaviest first (they are the hardest to fit), ties by name: the same order on every member
        order.sort(Comparator.comparingInt((String group) -> routers.get(group)).reversed()
            .thenComparing(Comparator.naturalOrder()));

        final Map<String, Long> load = new TreeMap<>();
        members.forEach(member -> load.put(member, 0L));
        final SortedMap<String, String> placed = new TreeMap<>();
        for (String group : order) {
            final int weight = routers.get(group);
            final List<String> ranked = ranked(group, members);
            ranks.put(group, ranked);
            String chosen = null;
            for (String member : ranked) {
                if (load.get(member) + weight <= capacity) {
                    chosen = member;
                    break;
                }
            }
            if (chosen == null) {
                chosen = ranked.stream().min(Comparator.comparingLong(load::get)).orElseThrow();
            }
            placed.put(group, chosen);
            load.merge(chosen, (long) weight, Long::sum);
        }
        narrow(placed, routers, load, ranks);
        return placed;
    }

    /**
     * Moves groups from the most to the least loaded member while a move narrows their gap (the sum of squared loads
     * falls with every move, so this ends); among the groups that fit, the one that best evens the two out, ties by
     * the least loaded member's rank for the group, then by name.
     */
    private static void narrow(final SortedMap<String, String> placed, final Map<String, Integer> routers,
            final Map<String, Long> load, final Map<String, List<String>> ranks) {
        for (int round = 0; round <= placed.size(); round++) {
            final String most = load.entrySet().stream().max(Map.Entry.<String, Long>comparingByValue()
                .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder()))).orElseThrow().getKey();
            final String least = load.entrySet().stream().min(Map.Entry.<String, Long>comparingByValue()
                .thenComparing(Map.Entry.comparingByKey())).orElseThrow().getKey();
            final long gap = load.get(most) - load.get(least);
            String best = null;
            long bestGap = gap;
            for (var entry : placed.entrySet()) {
                final int weight = routers.get(entry.getKey());
                if (!entry.getValue().equals(most) || weight == 0 || weight >= gap) {
                    continue;
                }
                final long after = Math.abs(gap - 2L * weight);
                if (after < bestGap || after == bestGap && best != null && ranks.get(entry.getKey()).indexOf(least)
                        < ranks.get(best).indexOf(least)) {
                    best = entry.getKey();
                    bestGap = after;
                }
            }
            if (best == null) {
                return;
            }
            final int weight = routers.get(best);
            placed.put(best, least);
            load.merge(most, (long) -weight, Long::sum);
            load.merge(least, (long) weight, Long::sum);
        }
    }

    /** The members in the group's rendezvous order: highest hash of (group, member) first, ties by name. */
    static List<String> ranked(final String group, final SortedSet<String> members) {
        final List<String> ranked = new ArrayList<>(members);
        final Map<String, Long> score = new HashMap<>();
        members.forEach(member -> score.put(member, score(group, member)));
        ranked.sort(Comparator.comparingLong((String member) -> score.get(member)).reversed()
            .thenComparing(Comparator.naturalOrder()));
        return ranked;
    }

    /**
     * The rendezvous weight of a member for a group: the first eight bytes of SHA-256 over both names. A digest, not
     * {@link String#hashCode()}: its bits are mixed well enough that a member's rank in one group says nothing about
     * its rank in another, and it is the same in every JVM.
     */
    static long score(final String group, final String member) {
        final MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
        digest.update(group.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        final byte[] hash = digest.digest(member.getBytes(StandardCharsets.UTF_8));
        long value = 0;
        for (int i = 0; i < Long.BYTES; i++) {
            value = value << Byte.SIZE | hash[i] & 0xFF;
        }
        return value;
    }
}

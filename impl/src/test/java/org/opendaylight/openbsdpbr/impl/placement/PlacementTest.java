/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Placement's promises: every member within 10% of the mean or one router, the same answer on every member whatever
 * order it sees things in, and only the routers that must move move when a member joins or leaves.
 */
class PlacementTest {
    private static SortedSet<String> members(final int count) {
        return IntStream.rangeClosed(1, count).mapToObj(n -> "member-" + n)
            .collect(Collectors.toCollection(TreeSet::new));
    }

    /** Routers named as the cluster test names them, hashed into groups as ClusterOwnership does. */
    private static Map<String, Integer> fleet(final int routers, final int groups) {
        final Map<String, Integer> counts = new TreeMap<>();
        for (int n = 1; n <= routers; n++) {
            counts.merge(Placement.group("c-r" + n, groups), 1, Integer::sum);
        }
        return counts;
    }

    /** Routers per member. */
    private static Map<String, Long> load(final SortedSet<String> members, final Map<String, String> placed,
            final Map<String, Integer> routers) {
        final Map<String, Long> load = new TreeMap<>();
        members.forEach(member -> load.put(member, 0L));
        placed.forEach((group, member) -> load.merge(member, (long) routers.get(group), Long::sum));
        return load;
    }

    private static void assertBalanced(final Map<String, Long> load, final long total) {
        final double mean = (double) total / load.size();
        final double allowed = Math.max(0.1 * mean, 1);
        assertThat(load).as("routers per member, mean %.1f, allowed ±%.1f", mean, allowed)
            .allSatisfy((member, count) -> assertThat(Math.abs(count - mean)).isLessThanOrEqualTo(allowed));
    }

    /** Routers whose member changed. */
    private static long moved(final Map<String, String> before, final Map<String, String> after,
            final Map<String, Integer> routers) {
        return routers.keySet().stream().filter(group -> !before.get(group).equals(after.get(group)))
            .mapToLong(routers::get).sum();
    }

    @Test
    void twelveRoutersOnThreeMembersAreFourEach() {
        // per-router groups (weight 1) and the cluster test's 12 routers in 64 hashed groups
        final Map<String, Integer> single = new TreeMap<>();
        IntStream.rangeClosed(1, 12).forEach(n -> single.put("router/c-r" + n, 1));
        assertThat(load(members(3), Placement.place(members(3), single), single))
            .containsOnly(Map.entry("member-1", 4L), Map.entry("member-2", 4L), Map.entry("member-3", 4L));
        final Map<String, Integer> hashed = fleet(12, 64);
        assertThat(load(members(3), Placement.place(members(3), hashed), hashed).values()).containsOnly(4L);
    }

    @ParameterizedTest(name = "{0} routers in {1} groups on {2} members")
    @CsvSource({"12, 64, 3", "12, 32, 3", "12, 64, 2", "13, 64, 3", "100, 64, 3", "1000, 64, 3", "3000, 64, 3",
        "3000, 64, 5", "10000, 64, 5", "10000, 128, 5", "10000, 64, 4", "5, 64, 5", "1, 64, 3", "0, 64, 3",
        "12, 64, 1"})
    void everyMemberIsWithinTenPercentOfTheMeanOrOneRouter(final int routers, final int groups, final int count) {
        final Map<String, Integer> fleet = fleet(routers, groups);
        final SortedMap<String, String> placed = Placement.place(members(count), fleet);
        assertThat(placed.keySet()).as("every group placed").isEqualTo(fleet.keySet());
        assertThat(placed.values()).as("only live members").allMatch(members(count)::contains);
        assertBalanced(load(members(count), placed, fleet), routers);
    }

    @Test
    void everyMemberComputesTheSameWhateverOrderItSeesThingsIn() {
        final Map<String, Integer> sorted = fleet(3000, 64);
        final List<String> keys = new ArrayList<>(sorted.keySet());
        Collections.reverse(keys);
        final Map<String, Integer> reversed = new LinkedHashMap<>();
        keys.forEach(key -> reversed.put(key, sorted.get(key)));
        final Map<String, Integer> hashed = new HashMap<>(sorted);
        final SortedSet<String> descending = new TreeSet<>(Collections.reverseOrder());
        descending.addAll(members(3));
        final SortedMap<String, String> placed = Placement.place(members(3), sorted);
        assertThat(Placement.place(descending, reversed)).isEqualTo(placed);
        assertThat(Placement.place(members(3), hashed)).isEqualTo(placed);
        // and from one run to the next: the hash is SHA-256, not an identity hash or a JVM's string hash seed
        assertThat(Placement.score("group/7", "member-2")).isEqualTo(Placement.score("group/7", "member-2"))
            .isNotEqualTo(Placement.score("group/7", "member-1"));
    }

    @ParameterizedTest(name = "{0} routers in {1} groups, member-{2} of {2} joins")
    @CsvSource({"12, 64, 3", "3000, 64, 3", "3000, 64, 4", "10000, 128, 5", "100, 64, 2"})
    void aJoiningMemberTakesAboutItsShareAndNoMore(final int routers, final int groups, final int after) {
        final Map<String, Integer> fleet = fleet(routers, groups);
        final SortedMap<String, String> before = Placement.place(members(after - 1), fleet);
        final SortedMap<String, String> joined = Placement.place(members(after), fleet);
        final Map<String, Long> load = load(members(after), joined, fleet);
        assertBalanced(load, routers);
        // the ideal is the newcomer's share; bounded loads move a little more, never a reshuffle
        final long share = load.get("member-" + after);
        final int heaviest = fleet.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        assertThat(moved(before, joined, fleet)).as("routers moved when member-" + after + " joined (it took "
            + share + ")").isLessThanOrEqualTo(share + Math.max(2L * heaviest, share / 4));
    }

    @ParameterizedTest(name = "{0} routers in {1} groups on {2} members, member-{3} leaves")
    @CsvSource({"12, 64, 3, 1", "12, 64, 3, 2", "12, 64, 3, 3", "3000, 64, 3, 2", "10000, 128, 5, 4"})
    void aLeavingMembersRoutersSpreadOverTheSurvivors(final int routers, final int groups, final int count,
            final int leaver) {
        final Map<String, Integer> fleet = fleet(routers, groups);
        final SortedMap<String, String> before = Placement.place(members(count), fleet);
        final SortedSet<String> survivors = members(count);
        survivors.remove("member-" + leaver);
        final SortedMap<String, String> after = Placement.place(survivors, fleet);
        assertBalanced(load(survivors, after, fleet), routers);
        final long orphaned = load(members(count), before, fleet).get("member-" + leaver);
        final int heaviest = fleet.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        assertThat(moved(before, after, fleet)).as("routers moved (member-" + leaver + " had " + orphaned + ")")
            .isLessThanOrEqualTo(orphaned + Math.max(2L * heaviest, orphaned / 4));
        // the survivors share them: every survivor takes some, not one all
        final Map<String, Long> taken = new TreeMap<>();
        before.forEach((group, member) -> {
            if (member.equals("member-" + leaver)) {
                taken.merge(after.get(group), (long) fleet.get(group), Long::sum);
            }
        });
        assertThat(taken.keySet()).as("survivors that took member-" + leaver + "'s routers").isEqualTo(survivors);
    }

    @Test
    void theSameMembersGetTheSameGroupsBackAfterALeaveAndRejoin() {
        final Map<String, Integer> fleet = fleet(3000, 64);
        final SortedSet<String> two = members(3);
        two.remove("member-2");
        Placement.place(two, fleet);
        assertThat(Placement.place(members(3), fleet)).as("no history: the rejoin restores the placement")
            .isEqualTo(Placement.place(members(3), fleet));
    }

    @Test
    void badInputIsRefusedNamingIt() {
        assertThatThrownBy(() -> Placement.place(new TreeSet<>(), Map.of("group/1", 3)))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("placement: no live member to place 1 groups on");
        assertThatThrownBy(() -> Placement.place(members(2), Map.of("group/1", -1)))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("placement: group group/1: negative router count -1");
        assertThatThrownBy(() -> Placement.place(new TreeSet<>(List.of(" ")), Map.of()))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("placement: member: blank name");
        assertThatThrownBy(() -> Placement.group("r1", 0)).isInstanceOf(IllegalArgumentException.class)
            .hasMessage("placement: groups: 0 is not a positive count");
    }
}

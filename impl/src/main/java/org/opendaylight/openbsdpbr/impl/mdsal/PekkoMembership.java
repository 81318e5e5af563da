/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.mdsal;

import static java.util.Objects.requireNonNull;

import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.cluster.Cluster;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.MemberStatus;

/**
 * The live members as the datastore's Pekko cluster sees them: members that are up (or weakly up) and that no member
 * has marked unreachable, named by their role ({@code member-2}), as ODL names members everywhere (the datastore's
 * member name, the entity ownership service's candidates, {@code managed-by}). It reads the same cluster state
 * eos-dom-akka's OwnerSupervisor reads ({@code Cluster.state()}: members minus unreachable), so a member placement
 * counts as live is one the entity ownership service would give an entity to.
 *
 * <p>Read on every placement tick rather than subscribed to: the state is a local snapshot (no message is sent), and
 * polling cannot miss an event the way a subscription that starts late can.
 */
final class PekkoMembership implements ClusterOwnership.Membership {
    private final Cluster cluster;

    PekkoMembership(final ActorSystem system) {
        cluster = Cluster.get(requireNonNull(system));
    }

    @Override
    public ClusterOwnership.Seen seen() {
        final SortedSet<String> live = new TreeSet<>();
        final SortedSet<String> members = new TreeSet<>();
        final var state = cluster.state();
        final Set<Member> unreachable = state.getUnreachable();
        boolean calm = unreachable.isEmpty();
        for (Member member : state.getMembers()) {
            final String name = name(member);
            members.add(name + " " + member.status() + " " + member.uniqueAddress().longUid()
                + (unreachable.contains(member) ? " unreachable" : ""));
            calm &= member.status() == MemberStatus.up();
            if (up(member) && !unreachable.contains(member)) {
                live.add(name);
            }
        }
        return new ClusterOwnership.Seen(up(cluster.selfMember()) ? live : new TreeSet<>(), members, calm);
    }

    /** The member name: the role that is not the data centre's (dc-default), as OwnerSupervisor reads it. */
    private static String name(final Member member) {
        return member.getRoles().stream().filter(role -> !role.startsWith("dc-")).sorted().findFirst()
            .orElse(member.address().toString());
    }

    private static boolean up(final Member member) {
        return member.status() == MemberStatus.up() || member.status() == MemberStatus.weaklyUp();
    }
}

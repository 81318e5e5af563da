/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.mdsal;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.SettableFuture;
import com.google.common.util.concurrent.ThreadFactoryBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.mdsal.eos.common.api.EntityOwnershipState;
import org.opendaylight.mdsal.singleton.api.ClusterSingletonService;
import org.opendaylight.mdsal.singleton.api.ClusterSingletonServiceProvider;
import org.opendaylight.mdsal.singleton.api.ServiceGroupIdentifier;
import org.opendaylight.openbsdpbr.impl.controller.Ownership;
import org.opendaylight.openbsdpbr.impl.placement.Placement;
import org.opendaylight.yangtools.concepts.Registration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cluster singletons decide which member manages a router; {@link Placement} decides which member competes for it.
 * In an ODL cluster exactly one member manages each router; alone, the only member owns all.
 *
 * <p>Routers are hashed into ownership groups ({@code openbsd-pbr/group/K}), each a cluster singleton: ODL's entity
 * ownership service does not keep up with a burst of a thousand registrations (its replicator's asks time out and
 * ownership is never granted), so per-router singletons ({@code groups == 0}, {@code openbsd-pbr/router/NAME}) suit
 * small fleets only. ODL's entity ownership (eos-dom-akka's OwnerSupervisor) gives an entity to the first reachable
 * candidate and moves it only when the owner withdraws or becomes unreachable: when every member registers for every
 * group, the first member to start gets the whole fleet (measured 12/0/0). So a member registers only for the groups
 * placement prefers it for, computed alike on every member from the live members and the groups' router counts.
 *
 * <p>Moves are asymmetric on purpose. Registering a candidacy is harmless (a live owner keeps its groups), so a
 * member registers at once for the groups placement now gives it: a dead member's groups find their new owner as
 * soon as the cluster marks it unreachable. Withdrawing is never at once, owned or not: a member's placement is only
 * as good as what it has seen, and two members that have seen different router counts can place a group on each
 * other (measured: both withdrew, and the group's routers stayed unmanaged). A spare candidacy is withdrawn once the
 * membership and the router counts have been still for {@link #SETTLE} and another member owns the group, so a group
 * never lacks a candidate; an owned group, which moves routers, waits for the same stillness, which keeps a
 * registration burst or a member starting from shuffling groups back and forth, for the member it goes to to be a
 * candidate (stillness here says nothing of a member still working through a backlog of router notifications, which
 * places from fewer routers and may not compete for the group yet: withdrawing then would leave the group without any
 * candidate until that member catches up), and until the cluster is calm (no
 * member unreachable, joining or leaving): ODL's entity ownership supervisor is a Pekko cluster singleton on the
 * oldest member, and one restarted elsewhere while the oldest leaves does not notice that a live owner withdrew in
 * the meantime (measured: the group then stayed with no member managing it). A withdrawn group's routers are handed
 * over only between passes: {@link Group#closeServiceInstance()} completes when every reconciler of the group is idle
 * (its running pass finished or abandoned, at most {@link #HANDOVER_LIMIT}), and ODL's singleton service starts the
 * next owner only after that; the new owner reads every router back before it acts.
 */
final class ClusterOwnership implements Ownership, AutoCloseable {
    /** How long membership and router counts stay unchanged before an owned group is handed to another member. */
    static final Duration SETTLE = Duration.ofSeconds(4);
    /** The longest a handover waits for a running pass (a pass is bounded by the SSH timeouts; this bounds a bug). */
    static final Duration HANDOVER_LIMIT = Duration.ofSeconds(120);
    private static final Duration PERIOD = Duration.ofMillis(500);
    private static final Logger LOG = LoggerFactory.getLogger(ClusterOwnership.class);

    /**
     * ODL's entity ownership for the groups' singletons, below the singleton service: to see that a group this member
     * withdrew from still names it the owner, and to nudge the ownership supervisor (see {@link #rebalance()}).
     */
    interface Entities {
        /**
         * Who the entity ownership service names the owner of the group's singleton, as this member's replica says:
         * this member, another one, or none ({@link EntityOwnershipState#NO_OWNER} also when it cannot tell).
         */
        EntityOwnershipState state(ServiceGroupIdentifier group);

        /** Registers this member as a bare candidate for the group's singleton entity; closing withdraws it. */
        Registration candidate(ServiceGroupIdentifier group);

        /**
         * The members registered as candidates for the group's singleton entity, as this member's replica of the
         * entity ownership service's candidate registry says (pushed to it, never asked for); empty while this member
         * has heard nothing of the registry yet (a member starting or rejoining), which keeps an owned group where it
         * is and stands in for nothing.
         */
        Optional<Set<String>> candidates(ServiceGroupIdentifier group);

        /** No entity ownership below (tests with a model of it, a single node). */
        Entities NONE = new Entities() {
            @Override
            public EntityOwnershipState state(final ServiceGroupIdentifier group) {
                return EntityOwnershipState.NO_OWNER;
            }

            @Override
            public Registration candidate(final ServiceGroupIdentifier group) {
                return () -> { };
            }

            @Override
            public Optional<Set<String>> candidates(final ServiceGroupIdentifier group) {
                return Optional.empty();
            }
        };
    }

    /** What this member sees of the cluster. */
    interface Membership {
        /** What this member sees of the cluster now. */
        Seen seen();
    }

    /**
     * The cluster as one member sees it.
     *
     * @param live the members that are up and reachable, by member name (member-1); empty while this member itself is
     *        not up (it then keeps its registrations as they are)
     * @param members every member in any state, with its state (a change restarts the settling)
     * @param calm no member is unreachable, joining or leaving: ODL's entity ownership is not moving its own
     *        supervisor (a cluster singleton on the oldest member) and takes a withdrawal as it should
     */
    record Seen(SortedSet<String> live, SortedSet<String> members, boolean calm) {
        Seen {
            live = new TreeSet<>(live);
            members = new TreeSet<>(members);
        }

        /** A quiet cluster of these members (tests). */
        static Seen calm(final SortedSet<String> live) {
            return new Seen(live, live, true);
        }
    }

    /** This member's part, for the operational data and the status command. */
    record View(SortedSet<String> live, int routers, int placedHere, int groupsOwned, int handovers) {
        View {
            live = new TreeSet<>(live);
        }
    }

    private final ClusterSingletonServiceProvider provider;
    private final int groups;
    private final String self;
    private final Membership membership;
    private final Entities entities;
    private final Supplier<Instant> clock;
    private final ScheduledExecutorService timer;
    // guarded by this
    private final Map<String, Group> byGroup = new HashMap<>();
    private SortedSet<String> lastLive = new TreeSet<>();
    private SortedSet<String> lastMembers = new TreeSet<>();
    private Map<String, Integer> lastCounts = Map.of();
    private Instant changedAt = Instant.EPOCH;
    private Instant auditedAt = Instant.EPOCH;
    private View view = new View(new TreeSet<>(), 0, 0, 0, 0);

    /**
     * Ownership placed over the live members, rebalanced twice a second.
     *
     * @param provider ODL's cluster singleton service
     * @param groups ownership groups routers are hashed into; 0 gives every router its own singleton
     * @param self this member's name
     * @param membership the members this member sees live
     */
    ClusterOwnership(final ClusterSingletonServiceProvider provider, final int groups, final String self,
            final Membership membership, final Entities entities) {
        this(provider, groups, self, membership, entities, Instant::now, true);
    }

    /** For tests: rebalanced only when {@link #rebalance()} is called, at the clock's time. */
    ClusterOwnership(final ClusterSingletonServiceProvider provider, final int groups, final String self,
            final Membership membership, final Entities entities, final Supplier<Instant> clock,
            final boolean periodic) {
        this.provider = requireNonNull(provider);
        this.groups = groups;
        this.self = requireNonNull(self);
        this.membership = requireNonNull(membership);
        this.entities = requireNonNull(entities);
        this.clock = requireNonNull(clock);
        if (periodic) {
            timer = Executors.newSingleThreadScheduledExecutor(
                new ThreadFactoryBuilder().setNameFormat("openbsd-pbr-placement").setDaemon(true).build());
            timer.scheduleWithFixedDelay(this::rebalanceQuietly, PERIOD.toMillis(), PERIOD.toMillis(),
                TimeUnit.MILLISECONDS);
        } else {
            timer = null;
        }
    }

    @Override
    public AutoCloseable register(final String router, final Owner owner) {
        final String name = groups <= 0 ? "router/" + router : Placement.group(router, groups);
        final Group group;
        synchronized (this) {
            group = byGroup.computeIfAbsent(name, Group::new);
            group.add(router, owner);
        }
        // a new router's group is registered now where placement wants it, not half a second later (with a singleton
        // per router that would place thousands of groups once per router: those wait for the next tick)
        if (groups > 0) {
            rebalanceQuietly();
        }
        return () -> {
            final boolean empty = group.remove(router);
            if (empty) {
                synchronized (ClusterOwnership.this) {
                    if (byGroup.get(name) == group && group.isEmpty()) {
                        byGroup.remove(name);
                        group.unregister();
                        group.endNudge();
                    }
                }
            }
        };
    }

    /** This member's part now. */
    synchronized View view() {
        return view;
    }

    @SuppressWarnings("checkstyle:IllegalCatch")
    private void rebalanceQuietly() {
        try {
            rebalance();
        } catch (RuntimeException e) {
            LOG.warn("placement: rebalancing failed", e);
        }
    }

    /**
     * Registers for the groups placement gives this member and withdraws from the others (see the class).
     *
     * <p>Each member places from what it has seen, and while routers arrive (the configuration datastore notifies
     * each member on its own schedule) or a member joins, two members can place a group on each other: measured with
     * 60 routers arriving 8 at a time, member-1 and member-2 each gave group/0 to the other, both withdrew their
     * candidacies, and the group's routers stayed unmanaged. So this member withdraws nothing while its inputs move:
     * a candidacy it registered stays until the membership and the counts have been still for {@link #SETTLE} (by then
     * the members have usually seen the same and place alike) and the entity ownership service names another member the
     * owner (so the group never lacks a candidate); an owned group leaves only in a settled, calm cluster and once this
     * member's replica of the candidate registry shows the member it goes to as a candidate (a member whose datastore
     * notifications lag places from fewer routers, and until it catches up it may not compete for the group: leaving
     * then would strand it), and if its candidacy was lost on the way, the {@linkplain #audit audit} takes it back.
     * Registering stays immediate: a dead member's groups find a new owner as soon as the cluster marks it unreachable.
     * A group nobody has competed for gets a {@linkplain #standIn stand-in}.
     */
    synchronized void rebalance() {
        final Seen seen = membership.seen();
        final SortedSet<String> live = seen.live();
        if (!live.contains(self)) {
            // not up (yet, or cut off): keep what we have; the others decide without us
            return;
        }
        final Map<String, Integer> counts = new TreeMap<>();
        byGroup.forEach((name, group) -> counts.put(name, group.size()));
        final Instant now = clock.get();
        if (!live.equals(lastLive) || !seen.members().equals(lastMembers) || !counts.equals(lastCounts)) {
            if (!live.equals(lastLive)) {
                LOG.info("placement: live members {} (were {})", live, lastLive);
            }
            lastLive = live;
            lastMembers = seen.members();
            lastCounts = counts;
            changedAt = now;
        }
        // the inputs have not moved for SETTLE: every member has seen the same and places alike
        final boolean still = !now.isBefore(changedAt.plus(SETTLE));
        // eos-dom-akka's OwnerSupervisor, restarted on another member while the oldest leaves, keeps an owner that
        // withdrew meanwhile (it re-checks only owners that are unreachable): owned groups move only in a calm cluster
        final boolean settled = still && seen.calm();
        final boolean audit = still && !now.isBefore(auditedAt.plus(SETTLE));
        if (audit) {
            auditedAt = now;
        }
        final SortedMap<String, String> preferred = Placement.place(live, counts);
        int placedHere = 0;
        int owned = 0;
        int handovers = 0;
        int routers = 0;
        for (var entry : byGroup.entrySet()) {
            final Group group = entry.getValue();
            final boolean mine = self.equals(preferred.get(entry.getKey()));
            routers += group.size();
            boolean leaving = false;
            if (mine) {
                placedHere += group.size();
                group.register();
            } else if (group.registered() && group.owned()) {
                final String next = preferred.get(entry.getKey());
                if (settled && entities.candidates(group.getIdentifier()).orElse(Set.of()).contains(next)) {
                    LOG.info("placement: {} ({} routers) goes to {}", entry.getKey(), group.size(), next);
                    group.unregister();
                } else {
                    // owned here, placed elsewhere: it leaves once the membership and the counts have settled here
                    // and the member it goes to competes for it (that member may still be working through the
                    // routers this member has seen, and place the group elsewhere until it has)
                    leaving = true;
                }
            } else if (group.registered() && still
                    && entities.state(group.getIdentifier()) == EntityOwnershipState.OWNED_BY_OTHER) {
                // a spare candidacy, withdrawn only once placement agrees everywhere and another member runs it
                LOG.debug("placement: {} withdrawn here: placed on {}", entry.getKey(), preferred.get(entry.getKey()));
                group.unregister();
            } else if (!group.registered()) {
                standIn(group, preferred.get(entry.getKey()), live, still, now);
            }
            if (audit) {
                audit(group, mine, now);
            }
            if (group.owned()) {
                owned++;
            }
            leaving |= group.nudgeIfStale(now);
            if (leaving || group.inTransit(mine)) {
                handovers++;
            }
        }
        view = new View(live, routers, placedHere, owned, handovers);
    }

    /**
     * Competes for a group placed on another member when nobody has competed for it for {@link #SETTLE}: the member
     * placement gives it to has not seen its routers yet (its datastore notifications lag behind this member's), so
     * it cannot register, and without a stand-in the routers this member sees would have no manager until it
     * catches up. The stand-in is an ordinary candidacy: if another member owns
     * the group by then it is withdrawn as spare, and if this member gets the group it hands it over (between passes)
     * once the preferred member competes for it. Only what this member knows counts: nothing while it has not heard
     * the candidate registry (a member starting or rejoining would otherwise stand in for every group at once), nothing
     * while its inputs move (the preferred member may be registering right now), and a candidacy of a member that is
     * not live (dead, not removed yet) is no one competing.
     */
    private void standIn(final Group group, final String preferred, final SortedSet<String> live, final boolean still,
            final Instant now) {
        final Optional<Set<String>> competing = entities.candidates(group.getIdentifier());
        if (competing.isEmpty() || competing.orElseThrow().stream().anyMatch(live::contains)
                || entities.state(group.getIdentifier()) == EntityOwnershipState.OWNED_BY_OTHER) {
            group.unclaimedSince = null;
        } else if (!still) {
            // the clock starts once the inputs are still, as for every other move
            group.unclaimedSince = null;
        } else if (group.unclaimedSince == null) {
            group.unclaimedSince = now;
        } else if (!now.isBefore(group.unclaimedSince.plus(SETTLE))) {
            LOG.info("placement: nobody has competed for {} ({} routers) for {}: standing in here until {} does",
                group.getIdentifier().value(), group.size(), Duration.between(group.unclaimedSince, now), preferred);
            group.unclaimedSince = null;
            group.register();
        }
    }

    /**
     * Checks, once every {@link #SETTLE} of still inputs, that what the entity ownership service says of a group
     * matches what runs here, and repairs the two mismatches that strand a group's routers: it names this member the
     * owner while no instance runs here and this member is no candidate (a stale owner: the nudge moves it), or this
     * member, the preferred one, is registered but for two audits nobody has owned the group or the candidate
     * registry has not listed this member (the group lost its candidacy underneath, or its last owner withdrew before
     * this member's candidacy arrived; a member standing in would otherwise keep the group for good): this member
     * registers its candidacy anew.
     */
    private void audit(final Group group, final boolean mine, final Instant now) {
        if (group.owned()) {
            group.orphanedSince = null;
            return;
        }
        final EntityOwnershipState state = entities.state(group.getIdentifier());
        if (!group.registered()) {
            group.orphanedSince = null;
            if (state == EntityOwnershipState.IS_OWNER) {
                group.suspectStale(now);
            }
        } else if (mine && (state == EntityOwnershipState.NO_OWNER
                || entities.candidates(group.getIdentifier()).filter(known -> !known.contains(self)).isPresent())) {
            if (group.orphanedSince == null) {
                group.orphanedSince = now;
            } else if (!now.isBefore(group.orphanedSince.plus(SETTLE))) {
                LOG.warn("placement: {} has had no owner, or no candidacy of this member, for {} although this member "
                    + "registered: registering anew", group.getIdentifier().value(),
                    Duration.between(group.orphanedSince, now));
                group.orphanedSince = null;
                group.unregister();
                group.register();
            }
        } else {
            group.orphanedSince = null;
        }
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
        byGroup.values().forEach(group -> {
            group.unregister();
            group.endNudge();
        });
        byGroup.clear();
    }

    /** The routers of one ownership group: owned, and lost, together. */
    private final class Group implements ClusterSingletonService {
        private final ServiceGroupIdentifier identifier;
        // guarded by ClusterOwnership.this: when this member withdrew from the group it owned, until another owns it
        private @Nullable Instant withdrawnAt;
        private @Nullable Registration nudge;
        private @Nullable Instant nudgedAt;
        // guarded by this
        private final Map<String, Owner> owners = new HashMap<>();
        private boolean owned;
        private int closing;
        // guarded by ClusterOwnership.this
        private @Nullable Registration registration;
        // guarded by ClusterOwnership.this: when an audit first found this member registered and the group unowned
        private @Nullable Instant orphanedSince;
        // guarded by ClusterOwnership.this: since when no member (this one neither) has competed for the group
        private @Nullable Instant unclaimedSince;

        Group(final String name) {
            identifier = new ServiceGroupIdentifier("openbsd-pbr/" + name);
        }

        @Override
        public ServiceGroupIdentifier getIdentifier() {
            return identifier;
        }

        synchronized void add(final String router, final Owner owner) {
            owners.put(router, owner);
            if (owned) {
                owner.gained();
            }
        }

        synchronized int size() {
            return owners.size();
        }

        synchronized boolean isEmpty() {
            return owners.isEmpty();
        }

        synchronized boolean owned() {
            return owned;
        }

        /** Moving to this member (registered, not granted yet) or away from it (its routers' passes ending). */
        synchronized boolean inTransit(final boolean mine) {
            return closing > 0 || mine && !owned;
        }

        boolean registered() {
            return registration != null;
        }

        /** Competes for the group (under ClusterOwnership's lock). */
        void register() {
            endNudge();
            withdrawnAt = null;
            if (registration == null) {
                registration = provider.registerClusterSingletonService(this);
            }
        }

        /** Withdraws from the group (under ClusterOwnership's lock); an owned group is closed between passes. */
        void unregister() {
            if (registration != null) {
                if (owned()) {
                    withdrawnAt = clock.get();
                }
                registration.close();
                registration = null;
            }
        }

        /**
         * Checks, a while after this member withdrew from the group it owned, that the entity ownership service moved
         * it; if it still names this member (eos-dom-akka's OwnerSupervisor, restarted on another member while the
         * oldest member left, re-checks only owners that are unreachable, so a live owner that withdrew meanwhile
         * stays the owner of a group nobody runs: measured in the cluster test), registers a bare candidacy for the
         * entity and withdraws it again a moment later: the supervisor sees this member's candidacy removed and
         * reassigns the group to a candidate, the member placement prefers. True while that is under way.
         */
        boolean nudgeIfStale(final Instant now) {
            if (withdrawnAt == null || registration != null || now.isBefore(withdrawnAt.plus(SETTLE))) {
                return withdrawnAt != null && registration == null;
            }
            if (nudge != null) {
                if (!now.isBefore(nudgedAt.plus(SETTLE))) {
                    endNudge();
                    withdrawnAt = now;
                }
                return true;
            }
            if (entities.state(identifier) != EntityOwnershipState.IS_OWNER) {
                withdrawnAt = null;
                return false;
            }
            LOG.info("placement: {} still names this member its owner after it withdrew: nudging the ownership "
                + "supervisor", identifier.value());
            nudge = entities.candidate(identifier);
            nudgedAt = now;
            return true;
        }

        /**
         * The entity ownership service names this member the owner of a group it neither runs nor competes for:
         * check again after {@link #SETTLE} and nudge then (see {@link #nudgeIfStale}).
         */
        void suspectStale(final Instant now) {
            if (withdrawnAt == null && nudge == null) {
                LOG.info("placement: {} names this member its owner, which does not run it", identifier.value());
                withdrawnAt = now;
            }
        }

        private void endNudge() {
            if (nudge != null) {
                nudge.close();
                nudge = null;
                nudgedAt = null;
            }
        }

        /** Removes a router; true when the group is empty. */
        boolean remove(final String router) {
            final Owner owner;
            final boolean empty;
            final boolean wasOwned;
            synchronized (this) {
                owner = owners.remove(router);
                empty = owners.isEmpty();
                wasOwned = owned;
            }
            // only a member that managed the router loses it (the others never had it)
            if (owner != null && wasOwned) {
                owner.lost();
            }
            return empty;
        }

        @Override
        public void instantiateServiceInstance() {
            final List<Owner> gained;
            synchronized (this) {
                owned = true;
                gained = new ArrayList<>(owners.values());
            }
            LOG.info("placement: {} ({} routers) is managed here now", identifier.value(), gained.size());
            gained.forEach(Owner::gained);
        }

        /**
         * Gives the group up: every router's reconciler stops taking work, and the returned future completes when
         * their running passes have ended, so that the next owner starts between passes.
         */
        @Override
        public ListenableFuture<?> closeServiceInstance() {
            final List<Owner> lost;
            synchronized (this) {
                owned = false;
                closing++;
                lost = new ArrayList<>(owners.values());
            }
            lost.forEach(Owner::lost);
            final SettableFuture<Void> done = SettableFuture.create();
            CompletableFuture.allOf(lost.stream().map(owner -> owner.idle().toCompletableFuture())
                    .toArray(CompletableFuture[]::new))
                .orTimeout(HANDOVER_LIMIT.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((ignored, failure) -> {
                    synchronized (this) {
                        closing--;
                    }
                    if (failure != null) {
                        LOG.warn("placement: {}: a pass still runs after {}; handing the group over anyway",
                            identifier.value(), HANDOVER_LIMIT);
                    }
                    LOG.info("placement: {} ({} routers) handed over", identifier.value(), lost.size());
                    done.set(null);
                });
            return done;
        }
    }
}

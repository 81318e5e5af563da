/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.mdsal;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.binding.api.DataTreeChangeListener;
import org.opendaylight.mdsal.binding.api.DataTreeModification;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.mdsal.singleton.api.ClusterSingletonService;
import org.opendaylight.mdsal.singleton.api.ClusterSingletonServiceProvider;
import org.opendaylight.mdsal.singleton.api.ServiceGroupIdentifier;
import org.opendaylight.openbsdpbr.api.device.Probe;
import org.opendaylight.openbsdpbr.api.intent.Profile;
import org.opendaylight.openbsdpbr.impl.controller.Fleet;
import org.opendaylight.openbsdpbr.impl.controller.RolloutEngine;
import org.opendaylight.openbsdpbr.impl.rollout.RolloutState;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.RolloutKeep;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.RolloutStatus;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.Rollouts;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.rollouts.Rollout;
import org.opendaylight.yangtools.binding.DataObjectIdentifier;
import org.opendaylight.yangtools.binding.DataObjectReference;
import org.opendaylight.yangtools.concepts.Registration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rollouts run on one member of the cluster: the owner of the cluster singleton {@code openbsd-pbr/rollouts}, a
 * singleton of its own (routers' ownership groups are separate: a rollout is not tied to where its routers are
 * hashed). The member that gains it reads every rollout's kept progress back ({@code rollout-keep/rollout}, in the
 * configuration datastore, which ODL persists: a lone controller's restart resumes too) once the pins and contents are
 * read, and {@linkplain RolloutEngine#adopt resumes} those that had not ended (the others' status is shown again),
 * with the plan of their configuration and the contents their progress names; the member that loses it stops its runs
 * at once. A rollout whose configuration is removed stops, and its status goes with it. The
 * owner also removes, now and then, the kept contents nothing names any more ({@link StagedPinStore#collect}).
 *
 * <p>Before it resumes a rollout, the new owner waits (up to {@link #ROUTERS_WAIT}) for the rollout's routers to be
 * managed here: at a restart, the routers' own singletons arrive at about the same time as this one, and a router
 * verified before its reconciler runs would be refused and count as failed. While other members are live, a router
 * this member does not manage is not waited for: its steps go to the member that manages it ({@link ClusterSteps}),
 * and the forwarding itself waits (up to {@link OwnerCalls#WAIT}) for a member to take a router being handed over.
 */
final class RolloutSingleton implements ClusterSingletonService, AutoCloseable {
    /** The singleton's name. */
    static final String NAME = "openbsd-pbr/rollouts";
    /** How long a new owner waits for a resumed rollout's routers to be managed here. */
    static final Duration ROUTERS_WAIT = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(250);
    /** How soon the rollouts' progress is read again when it could not be read. */
    private static final Duration POLL_READ = Duration.ofSeconds(5);
    /** How often the kept contents nothing names are looked for (removed when unnamed twice in a row). */
    static final Duration COLLECT = Duration.ofMinutes(10);
    private static final Logger LOG = LoggerFactory.getLogger(RolloutSingleton.class);
    private static final DataObjectIdentifier<Rollouts> ROLLOUTS = DataObjectIdentifier.builder(Rollouts.class)
        .build();

    private final Reads reads;
    private final Fleet fleet;
    private final RolloutEngine engine;
    private final RolloutStatusWriter status;
    private final StagedPinStore contents;
    private final String member;
    private final Registration registration;
    private final Registration removals;
    private final BooleanSupplier othersLive;
    private volatile boolean owned;
    /**
     * Counts the times this member gained the singleton: a read of the progress made for an earlier time (lost and
     * gained again while it was read, as at a rejoin) neither takes over nor asks again.
     */
    private final java.util.concurrent.atomic.AtomicInteger gained = new java.util.concurrent.atomic.AtomicInteger();

    /** The rollouts' singleton of a lone controller. */
    RolloutSingleton(final DataBroker broker, final ClusterSingletonServiceProvider singletons, final Fleet fleet,
            final RolloutEngine engine, final RolloutStatusWriter status, final StagedPinStore contents,
            final String member) {
        this(broker, singletons, fleet, engine, status, contents, member, () -> false);
    }

    /**
     * The rollouts' singleton of a cluster member.
     *
     * @param othersLive whether other members are live now (then routers managed elsewhere are not waited for)
     */
    RolloutSingleton(final DataBroker broker, final ClusterSingletonServiceProvider singletons, final Fleet fleet,
            final RolloutEngine engine, final RolloutStatusWriter status, final StagedPinStore contents,
            final String member, final BooleanSupplier othersLive) {
        this.othersLive = requireNonNull(othersLive);
        this.reads = Reads.of(broker, fleet, Reads.BACKGROUND);
        this.fleet = requireNonNull(fleet);
        this.engine = requireNonNull(engine);
        this.status = requireNonNull(status);
        this.contents = requireNonNull(contents);
        this.member = requireNonNull(member);
        engine.lostOwnership("");
        removals = broker.registerTreeChangeListener(LogicalDatastoreType.CONFIGURATION,
            DataObjectReference.builder(Rollouts.class).child(Rollout.class).build(),
            new DataTreeChangeListener<Rollout>() {
                @Override
                public void onDataTreeChanged(final List<DataTreeModification<Rollout>> changes) {
                    for (DataTreeModification<Rollout> change : changes) {
                        if (change.getRootNode().dataAfter() == null && change.getRootNode().dataBefore() != null) {
                            removed(change.getRootNode().dataBefore().getName().getValue());
                        }
                    }
                }

                @Override
                public void onInitialData() {
                    // a rollout removed while no member owned the singleton is cleared when one takes over
                }
            });
        registration = singletons.registerClusterSingletonService(this);
    }

    @Override
    public ServiceGroupIdentifier getIdentifier() {
        return new ServiceGroupIdentifier(NAME);
    }

    @Override
    public void instantiateServiceInstance() {
        final int time = gained.incrementAndGet();
        owned = true;
        engine.gainedOwnership();
        LOG.info("{}: this member runs the rollouts now", member);
        // the contents the progress names are read with the pins: resume once they are in, from the progress as
        // kept now (a failover long after the start finds it changed)
        contents.loaded().thenRun(() -> readProgress(time));
        collectLater();
    }

    /**
     * Reads the rollouts' configuration and kept progress (one snapshot, {@link Reads}) and takes them over; a
     * datastore that does not answer or fails is asked again after {@link #POLL_READ} while this member runs the
     * rollouts (before: one failure and the rollouts that ran were never resumed).
     */
    private void readProgress(final int time) {
        if (!current(time)) {
            return;
        }
        Futures.addCallback(reads.snapshot(LogicalDatastoreType.CONFIGURATION, List.of(ROLLOUTS, StagedPinStore.ROOT)),
            new FutureCallback<Reads.Snapshot>() {
                @Override
                public void onSuccess(final Reads.Snapshot read) {
                    if (current(time)) {
                        takeOver(read.get(ROLLOUTS), read.get(StagedPinStore.ROOT));
                    }
                }

                @Override
                public void onFailure(final Throwable cause) {
                    LOG.warn("the rollouts' progress could not be read: reading it again in {}", POLL_READ, cause);
                    fleet.time().schedule(POLL_READ, () -> readProgress(time));
                }
            }, MoreExecutors.directExecutor());
    }

    /** Whether this member runs the rollouts still since the time it gained them that a read was made for. */
    private boolean current(final int time) {
        return owned && gained.get() == time;
    }

    /** Removes the kept contents nothing names any more, now and then, while this member runs the rollouts. */
    private void collectLater() {
        fleet.time().schedule(COLLECT, () -> {
            if (owned) {
                contents.collect().whenComplete((removed, failure) -> collectLater());
            }
        });
    }

    @Override
    public ListenableFuture<?> closeServiceInstance() {
        owned = false;
        engine.lostOwnership("see rollouts/rollout/status/run-by");
        LOG.info("{}: this member no longer runs the rollouts", member);
        return Futures.immediateFuture(null);
    }

    /**
     * Resumes every rollout whose kept progress says it had not ended, shows again the status of those that ended
     * (the operational datastore may have started empty), and removes what is kept of removed ones.
     */
    private void takeOver(final Optional<Rollouts> config, final Optional<RolloutKeep> keep) {
        final Map<String, Rollout> configured = new HashMap<>();
        config.ifPresent(rollouts -> rollouts.nonnullRollout().values().forEach(rollout -> configured.put(
            rollout.getName().getValue(), rollout)));
        keep.ifPresent(kept -> kept.nonnullRollout().values().forEach(persisted -> {
            final String name = persisted.getName();
            final Rollout rollout = configured.get(name);
            if (rollout == null) {
                status.remove(name);
                return;
            }
            try {
                final RolloutState state = RolloutStatusWriter.read(name, RolloutRpcs.plan(rollout), persisted);
                if (state.state().isFinal()) {
                    status.write(state, persisted);
                } else {
                    resume(state, persisted, RolloutRpcs.probes(rollout), fleet.time().now().plus(ROUTERS_WAIT));
                }
            } catch (IllegalArgumentException e) {
                LOG.error("rollout {} cannot be resumed: {}", name, e.getMessage());
            }
        }));
    }

    /** Resumes a rollout once its routers are managed here (or the wait is over). */
    private void resume(final RolloutState state, final RolloutStatus persisted, final List<Probe> probes,
            final Instant deadline) {
        if (!owned) {
            return;
        }
        final boolean elsewhere = othersLive.getAsBoolean();
        final boolean ready = state.routers().keySet().stream().allMatch(router -> fleet.router(router)
            .map(reconciler -> elsewhere || reconciler.isManagedHere()).orElse(true));
        if (!ready && fleet.time().now().isBefore(deadline)) {
            fleet.time().schedule(POLL, () -> resume(state, persisted, probes, deadline));
            return;
        }
        final Optional<? extends RolloutEngine.Change> carried = Boolean.TRUE.equals(persisted.getRouterIntents())
            ? Optional.of(intents(state)) : carried(persisted);
        if (carried.isEmpty()) {
            // without the content it carried, nothing can be applied or pinned faithfully: the operator decides
            final RolloutState halted = state.halt("taken over by " + member + " without the content it carried "
                + "(rollout-keep/content[revision=" + persisted.getCarriedRevision() + "] is missing): halted; abort "
                + "with rollback, or start a new rollout", fleet.time().now());
            status.write(halted, persisted);
            return;
        }
        try {
            final RolloutState resumed = engine.adopt(state, carried.orElseThrow(), probes);
            LOG.info("rollout {}: resumed by {} ({}, wave {})", state.name(), member, resumed.state().yangName(),
                resumed.wave() + 1);
        } catch (IllegalStateException e) {
            LOG.warn("rollout {}: not resumed: {}", state.name(), e.getMessage());
        }
    }

    /**
     * What a persisted rollout of routers' own intents carries: the intents configured at the takeover (they are not
     * kept: they hold secrets; a target's intent changed while no member ran the rollout is carried as it is now);
     * what the routers ran before is not kept either, so a router put back is held on what it runs.
     */
    private RolloutEngine.CarriedIntents intents(final RolloutState state) {
        final Map<String, org.opendaylight.openbsdpbr.api.intent.RouterIntent> configured = new HashMap<>();
        state.routers().keySet().forEach(router -> fleet.router(router).flatMap(reconciler -> reconciler.spec()
            .intent()).ifPresent(intent -> configured.put(router, intent)));
        return new RolloutEngine.CarriedIntents(configured, Map.of());
    }

    /** What a persisted rollout carries and restores, when the contents its status names are kept. */
    private Optional<RolloutEngine.Carried> carried(final RolloutStatus persisted) {
        if (persisted.getProfile() == null || persisted.getCarriedRevision() == null) {
            return Optional.empty();
        }
        final Optional<Profile> content = contents.content(persisted.getCarriedRevision());
        if (content.isEmpty()) {
            return Optional.empty();
        }
        final Map<String, Optional<Profile>> before = new HashMap<>();
        persisted.nonnullRouter().values().forEach(router -> before.put(router.getName(), Optional.ofNullable(
            router.getBeforeRevision()).flatMap(contents::content)));
        return Optional.of(new RolloutEngine.Carried(persisted.getProfile(), content.orElseThrow(), before));
    }

    /** A rollout's configuration was removed: on the owner, it stops and its status goes. */
    private void removed(final String name) {
        if (!owned) {
            return;
        }
        if (engine.forget(name)) {
            LOG.info("rollout {}: configuration removed: stopped, status cleared", name);
        }
        status.remove(name);
    }

    @Override
    public void close() {
        removals.close();
        registration.close();
    }
}

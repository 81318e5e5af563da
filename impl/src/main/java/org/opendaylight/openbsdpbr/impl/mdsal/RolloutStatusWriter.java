/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.mdsal;

import com.google.common.base.Suppliers;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.openbsdpbr.impl.controller.RolloutEngine;
import org.opendaylight.openbsdpbr.impl.rollout.RolloutPlan;
import org.opendaylight.openbsdpbr.impl.rollout.RolloutState;
import org.opendaylight.openbsdpbr.impl.rollout.RouterResult;
import org.opendaylight.openbsdpbr.impl.rollout.RouterResult.Failure;
import org.opendaylight.openbsdpbr.impl.rollout.RouterResult.Phase;
import org.opendaylight.openbsdpbr.impl.rollout.RouterResult.ProbeOutcome;
import org.opendaylight.openbsdpbr.impl.rollout.RouterResult.Verdict;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.yang.types.rev130715.DateAndTime;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.RolloutStatus;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.Rollouts;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.rollout.keep.Stamp;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.rollout.status.CountsBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.rollout.status.Router;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.rollout.status.RouterBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.rollout.status.RouterKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.rollout.status.router.ErrorBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.rollout.status.router.Probe;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.rollout.status.router.ProbeBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.rollout.status.router.ProbeKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.rollouts.Rollout;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.rollouts.RolloutKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.rollouts.rollout.Status;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.rollouts.rollout.StatusBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.types.rev261124.ObjectName;
import org.opendaylight.yangtools.binding.DataObjectIdentifier;
import org.opendaylight.yangtools.binding.util.BindingMap;
import org.opendaylight.yangtools.yang.common.Uint16;
import org.opendaylight.yangtools.yang.common.Uint32;
import org.opendaylight.yangtools.yang.common.Uint8;

/**
 * Writes each rollout's state to the operational datastore ({@code rollouts/rollout[name]/status}), where RESTCONF
 * and the CLI read it, and the same in the same transaction to the configuration datastore
 * ({@code rollout-keep/rollout[name]}, stamped: {@link KeepStamps}), which ODL persists, so that the member that runs
 * the rollouts after a failover or a restart resumes from it ({@link #read} reads it back): with the state, the member
 * that runs it, the profile and the revision of the content it carries, and per router the revision of the content it
 * ran before (the contents themselves are in {@code rollout-keep/content}, written by the pins' own store before any
 * state names them; the collector leaves them while a progress names them). Writes
 * are coalesced: a rollout of 1,000 routers changes state thousands of times, and only the latest state matters, so
 * each datastore's writer thread writes the newest state of each rollout, one transaction at a time, a failed one
 * written again from a fresh transaction ({@link WriteQueue}: a merging transaction chain cancelled the writes readied
 * behind a failed one without a word, and a rollout's final status could stay stale for good).
 * Coalescing never loses a router in flight for an engine that takes over: a state that was not written yet only lacks
 * routers whose commands had not reached their reconcilers either, and a second sync of a router that took the change
 * finds it in sync and commits nothing.
 */
final class RolloutStatusWriter implements RolloutEngine.RolloutSink, AutoCloseable {
    /** The keep's writes (configuration datastore, stamped): a transaction writes one datastore. */
    private final WriteQueue<String> kept;
    /** The status shown (operational datastore). */
    private final WriteQueue<String> shown;
    private final String member;
    private final StagedPinStore contents;

    /** A state and the revisions of what it carries (computed when written: writes are coalesced). */
    private record Written(RolloutState state, Supplier<Revisions> revisions) {
    }

    /** Per rollout, the revisions of the last {@link RolloutEngine.Change} seen (the same object every state). */
    private final Map<String, Map.Entry<RolloutEngine.Change, Revisions>> revisions = new ConcurrentHashMap<>();

    RolloutStatusWriter(final DataBroker broker, final String member, final StagedPinStore contents,
            final KeepStamps stamps) {
        kept = new WriteQueue<>(broker, "rollout progress kept", tx -> {
            final Stamp stamp = stamps.next(member + "/rollouts");
            tx.mergeParentStructurePut(LogicalDatastoreType.CONFIGURATION, StagedPinStore.ROOT.toBuilder()
                .child(Stamp.class, stamp.key()).build(), stamp);
        }, CompletableFuture.completedFuture(null));
        shown = new WriteQueue<>(broker, "rollout status");
        this.member = member;
        this.contents = contents;
    }

    @Override
    public void write(final RolloutEngine.Change carried, final RolloutState state) {
        queue(state.name(), Optional.of(new Written(state, () -> revisions(state.name(), carried))));
    }

    /** A state whose revisions are those a status kept (a rollout halted when it could not be taken over). */
    void write(final RolloutState state, final RolloutStatus persisted) {
        final Map<String, String> before = new java.util.HashMap<>();
        persisted.nonnullRouter().values().stream().filter(router -> router.getBeforeRevision() != null)
            .forEach(router -> before.put(router.getName(), router.getBeforeRevision()));
        final Revisions same = new Revisions(member, persisted.getProfile(), persisted.getCarriedRevision(), before,
            Boolean.TRUE.equals(persisted.getRouterIntents()));
        queue(state.name(), Optional.of(new Written(state, () -> same)));
    }

    /**
     * Removes a rollout's status (its configuration was removed). A state of it queued before is dropped; the engine
     * writes none after it forgot the rollout.
     */
    void remove(final String name) {
        queue(name, Optional.empty());
    }

    /**
     * Queues a rollout's newest state (empty: remove it) for both datastores; its status is computed once, when the
     * first of them writes it (a state replaced before is never computed).
     */
    private void queue(final String name, final Optional<Written> value) {
        if (value.isEmpty()) {
            kept.put(name, tx -> tx.delete(LogicalDatastoreType.CONFIGURATION, keptPath(name)));
            // the whole entry: its key alone would stay behind otherwise
            shown.put(name, tx -> tx.delete(LogicalDatastoreType.OPERATIONAL, DataObjectIdentifier.builder(
                Rollouts.class).child(Rollout.class, new RolloutKey(new ObjectName(name))).build()));
            return;
        }
        final Written written = value.orElseThrow();
        final Supplier<Status> status = Suppliers.memoize(() -> status(written.state(), written.revisions().get()));
        kept.put(name, tx -> tx.put(LogicalDatastoreType.CONFIGURATION, keptPath(name),
            new org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.rollout.keep.RolloutBuilder(
                status.get()).setName(name).build()));
        shown.put(name, tx -> tx.mergeParentStructurePut(LogicalDatastoreType.OPERATIONAL, path(name),
            status.get()));
    }

    /** Where a rollout's progress is kept for the resume. */
    static DataObjectIdentifier<org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.rollout.keep
            .Rollout> keptPath(final String rollout) {
        return StagedPinStore.ROOT.toBuilder().child(org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr
            .rev261124.rollout.keep.Rollout.class, new org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr
            .rev261124.rollout.keep.RolloutKey(rollout)).build();
    }

    static DataObjectIdentifier<Status> path(final String rollout) {
        return DataObjectIdentifier.builder(Rollouts.class).child(Rollout.class, new RolloutKey(new ObjectName(
            rollout))).child(Status.class).build();
    }

    /** The revisions of what a rollout carries, for its status; computed once per rollout run. */
    private Revisions revisions(final String name, final RolloutEngine.Change change) {
        final var known = revisions.get(name);
        if (known != null && known.getKey() == change) {
            return known.getValue();
        }
        final Revisions computed = switch (change) {
            case RolloutEngine.Carried carried -> {
                final Map<String, String> before = new java.util.HashMap<>();
                carried.before().forEach((router, content) -> content.ifPresent(pinned -> before.put(router,
                    contents.revision(pinned))));
                yield new Revisions(member, carried.profile(), contents.revision(carried.content()), before, false);
            }
            // routers' own intents hold secrets: nothing of them is kept but that the rollout carries them
            case RolloutEngine.CarriedIntents intents -> new Revisions(member, null, null, Map.of(), true);
        };
        revisions.put(name, Map.entry(change, computed));
        return computed;
    }

    /**
     * What a rollout's status says beyond its state: who runs it and the contents it carries and restores.
     *
     * @param member the member that runs it
     * @param profile the profile it carries (null: it carries routers' own intents)
     * @param carried the revision of the content it carries (null: it carries routers' own intents)
     * @param before per router, the revision of the content it ran before (missing: not known)
     * @param routerIntents whether it carries its targets' own intents
     */
    record Revisions(String member, String profile, String carried, Map<String, String> before,
            boolean routerIntents) {
    }

    /** The YANG status of a rollout. */
    static Status status(final RolloutState state, final Revisions revisions) {
        final var routers = BindingMap.<RouterKey, Router>orderedBuilder();
        for (RouterResult result : state.routers().values()) {
            final var router = new RouterBuilder().setName(result.router()).setWave(Uint16.valueOf(result.wave() + 1))
                .setPhase(Router.Phase.ofName(result.phase().yangName()))
                .setChanged(result.changed())
                .setHealth(Router.Health.ofName(result.verdict().name().toLowerCase(java.util.Locale.ROOT)));
            result.generation().ifPresent(generation -> router.setAppliedGeneration(Uint32.valueOf(generation)));
            result.appliedAt().ifPresent(at -> router.setAppliedAt(StatusWriter.dateAndTime(at)));
            router.setBeforeRevision(revisions.before().get(result.router()));
            if (!result.probes().isEmpty()) {
                final var probes = BindingMap.<ProbeKey, Probe>orderedBuilder();
                result.probes().forEach(probe -> probes.add(new ProbeBuilder().setName(probe.name())
                    .setPassed(probe.passed()).setSent(Uint8.valueOf(probe.sent()))
                    .setReceived(Uint8.valueOf(probe.received())).build()));
                router.setProbe(probes.build());
            }
            result.error().ifPresent(error -> router.setError(new ErrorBuilder().setStep(error.step())
                .setMessage(error.message()).setTime(StatusWriter.dateAndTime(error.at())).build()));
            routers.add(router.build());
        }
        final var status = new StatusBuilder().setState(state(state.state())).setReason(state.reason().orElse(null))
            .setRunBy(revisions.member()).setProfile(revisions.profile()).setCarriedRevision(revisions.carried())
            .setRouterIntents(revisions.routerIntents())
            .setWaves(Uint16.valueOf(state.waves().size())).setCurrentWave(Uint16.valueOf(state.wave() + 1))
            .setApprovedWave(Uint16.valueOf(state.approved() + 1))
            .setRollbackFromWave(Uint16.valueOf(state.rollbackFrom() + 1))
            .setCounts(new CountsBuilder().setTargets(Uint32.valueOf(state.routers().size()))
                .setWaiting(count(state, Phase.WAITING))
                .setInProgress(Uint32.valueOf(state.routers().values().stream()
                    .filter(result -> result.phase().inFlight()).count()))
                .setSoaking(count(state, Phase.SOAKING)).setHealthy(count(state, Phase.HEALTHY))
                .setFailed(count(state, Phase.FAILED)).setExcluded(count(state, Phase.EXCLUDED))
                .setRolledBack(count(state, Phase.ROLLED_BACK)).setRollbackFailed(count(state, Phase.ROLLBACK_FAILED))
                .build())
            .setRouter(routers.build());
        state.started().ifPresent(at -> status.setStarted(StatusWriter.dateAndTime(at)));
        state.waveStarted().ifPresent(at -> status.setWaveStarted(StatusWriter.dateAndTime(at)));
        state.finished().ifPresent(at -> status.setFinished(StatusWriter.dateAndTime(at)));
        return status.build();
    }

    /**
     * A rollout's state as its status keeps it: the inverse of {@link #status}, for the member that takes it over.
     *
     * @param name the rollout
     * @param plan its plan (from its configuration)
     * @param status its status
     * @return the state
     * @throws IllegalArgumentException when the status lacks what a state needs, naming the leaf
     */
    static RolloutState read(final String name, final RolloutPlan plan, final RolloutStatus status) {
        final String path = "rollouts/rollout[name=" + name + "]/status";
        if (status.getState() == null) {
            throw new IllegalArgumentException(path + "/state: missing");
        }
        final List<List<String>> waves = new ArrayList<>();
        final Map<String, RouterResult> routers = new LinkedHashMap<>();
        for (Router router : status.nonnullRouter().values()) {
            final int wave = number(router.getWave(), path + "/router[name=" + router.getName() + "]/wave") - 1;
            while (waves.size() <= wave) {
                waves.add(new ArrayList<>());
            }
            waves.get(wave).add(router.getName());
            routers.put(router.getName(), new RouterResult(router.getName(), wave, Phase.valueOf(router.getPhase()
                .getName().toUpperCase(Locale.ROOT).replace('-', '_')), Boolean.TRUE.equals(router.getChanged()),
                router.getAppliedGeneration() == null ? OptionalInt.empty()
                    : OptionalInt.of(router.getAppliedGeneration().intValue()),
                router.getHealth() == null ? Verdict.UNKNOWN
                    : Verdict.valueOf(router.getHealth().getName().toUpperCase(Locale.ROOT)),
                Optional.ofNullable(router.getError()).filter(error -> error.getStep() != null).map(error ->
                    new Failure(error.getStep(), String.valueOf(error.getMessage()), instant(error.getTime())
                        .orElse(Instant.EPOCH))), instant(router.getAppliedAt()), router.nonnullProbe().values()
                    .stream().map(probe -> new ProbeOutcome(probe.getName(), probe.getSent() == null ? 0
                        : probe.getSent().intValue(), probe.getReceived() == null ? 0
                        : probe.getReceived().intValue())).toList()));
        }
        return new RolloutState(name, plan, waves, RolloutState.State.valueOf(status.getState().getName()
            .toUpperCase(Locale.ROOT).replace('-', '_')), number(status.getCurrentWave(), path + "/current-wave") - 1,
            number(status.getApprovedWave(), path + "/approved-wave") - 1, routers,
            Optional.ofNullable(status.getReason()), number(status.getRollbackFromWave(), path
                + "/rollback-from-wave") - 1, instant(status.getStarted()), instant(status.getWaveStarted()),
            instant(status.getFinished()));
    }

    private static int number(final Uint16 value, final String path) {
        if (value == null) {
            throw new IllegalArgumentException(path + ": missing");
        }
        return value.intValue();
    }

    private static Optional<Instant> instant(final DateAndTime value) {
        return value == null ? Optional.empty()
            : Optional.of(java.time.OffsetDateTime.parse(value.getValue()).toInstant());
    }

    static org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.RolloutState state(
            final RolloutState.State state) {
        return org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.RolloutState.ofName(
            state.yangName());
    }

    private static Uint32 count(final RolloutState state, final Phase phase) {
        return Uint32.valueOf(state.count(phase));
    }

    @Override
    public void close() {
        shown.close();
        kept.close();
    }
}

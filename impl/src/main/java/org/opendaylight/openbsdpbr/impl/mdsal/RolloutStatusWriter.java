/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.mdsal;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.MoreExecutors;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.binding.api.TransactionChain;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.openbsdpbr.impl.controller.RolloutEngine;
import org.opendaylight.openbsdpbr.impl.rollout.RolloutState;
import org.opendaylight.openbsdpbr.impl.rollout.RouterResult;
import org.opendaylight.openbsdpbr.impl.rollout.RouterResult.Phase;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.Rollouts;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.rollout.status.CountsBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.rollout.status.Router;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.rollout.status.RouterBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.rollout.status.RouterKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.rollout.status.router.ErrorBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.rollouts.Rollout;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.rollouts.RolloutKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.rollouts.rollout.Status;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.rollouts.rollout.StatusBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.types.rev261124.ObjectName;
import org.opendaylight.yangtools.binding.DataObjectIdentifier;
import org.opendaylight.yangtools.binding.util.BindingMap;
import org.opendaylight.yangtools.yang.common.Uint16;
import org.opendaylight.yangtools.yang.common.Uint32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes each rollout's state to the operational datastore ({@code rollouts/rollout[name]/status}), where RESTCONF,
 * the CLI and another member after a failover read it. Writes are coalesced: a rollout of 1,000 routers changes state
 * thousands of times, and only the latest state matters, so one writer thread writes the newest state of each rollout
 * once per turn, in order, over one transaction chain. Coalescing never loses a router in flight for an engine that
 * takes over: a state that was not written yet only lacks routers whose commands had not reached their reconcilers
 * either, and a second sync of a router that took the change finds it in sync and commits nothing.
 */
final class RolloutStatusWriter implements RolloutEngine.RolloutSink, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RolloutStatusWriter.class);

    private final TransactionChain chain;
    private final Map<String, RolloutState> latest = new ConcurrentHashMap<>();
    private final ExecutorService writer = Executors.newSingleThreadExecutor(task -> {
        final var thread = new Thread(task, "openbsd-pbr-rollout-status");
        thread.setDaemon(true);
        return thread;
    });

    RolloutStatusWriter(final DataBroker broker) {
        chain = broker.createMergingTransactionChain();
    }

    @Override
    public void write(final String profile, final RolloutState state) {
        if (latest.put(state.name(), state) == null) {
            writer.execute(() -> flush(state.name()));
        }
    }

    private void flush(final String name) {
        final RolloutState state = latest.remove(name);
        if (state == null) {
            return;
        }
        final var tx = chain.newWriteOnlyTransaction();
        tx.mergeParentStructurePut(LogicalDatastoreType.OPERATIONAL, path(name), status(state));
        tx.commit().addCallback(new FutureCallback<Object>() {
            @Override
            public void onSuccess(final Object result) {
                // written
            }

            @Override
            public void onFailure(final Throwable cause) {
                LOG.warn("rollout {}: status could not be written", name, cause);
            }
        }, MoreExecutors.directExecutor());
    }

    static DataObjectIdentifier<Status> path(final String rollout) {
        return DataObjectIdentifier.builder(Rollouts.class).child(Rollout.class, new RolloutKey(new ObjectName(
            rollout))).child(Status.class).build();
    }

    /** The YANG status of a rollout. */
    static Status status(final RolloutState state) {
        final var routers = BindingMap.<RouterKey, Router>orderedBuilder();
        for (RouterResult result : state.routers().values()) {
            final var router = new RouterBuilder().setName(result.router()).setWave(Uint16.valueOf(result.wave() + 1))
                .setPhase(Router.Phase.ofName(result.phase().yangName()))
                .setChanged(result.changed())
                .setHealth(Router.Health.ofName(result.verdict().name().toLowerCase(java.util.Locale.ROOT)));
            result.generation().ifPresent(generation -> router.setAppliedGeneration(Uint32.valueOf(generation)));
            result.appliedAt().ifPresent(at -> router.setAppliedAt(StatusWriter.dateAndTime(at)));
            result.error().ifPresent(error -> router.setError(new ErrorBuilder().setStep(error.step())
                .setMessage(error.message()).setTime(StatusWriter.dateAndTime(error.at())).build()));
            routers.add(router.build());
        }
        final var status = new StatusBuilder().setState(state(state.state())).setReason(state.reason().orElse(null))
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
        writer.shutdown();
        chain.close();
    }
}

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
import com.google.common.util.concurrent.MoreExecutors;
import com.google.common.util.concurrent.ThreadFactoryBuilder;
import java.time.Duration;
import java.util.Set;
import java.util.SortedSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.binding.api.WriteTransaction;
import org.opendaylight.mdsal.common.api.CommitInfo;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.openbsdpbr.impl.compile.Compilations;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.yang.types.rev130715.Counter64;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.Controller;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.controller.Member;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.controller.MemberBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.controller.MemberKey;
import org.opendaylight.yangtools.binding.DataObjectIdentifier;
import org.opendaylight.yangtools.yang.common.Decimal64;
import org.opendaylight.yangtools.yang.common.Uint32;
import org.opendaylight.yangtools.yang.common.Uint64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes this member's work counters ({@code /controller/member=NAME}, operational) once a second when they
 * changed: the compiles, the compiled results reused, the routers managed, and its part in the cluster's placement
 * (the routers placed here, the share of the fleet managed here, the handovers under way, the live members). Removed
 * when the member stops.
 *
 * <p>A member killed outright removes nothing, and its last figures would stay in the list for as long as it is gone
 * ("member-1 manages 4" while its routers are managed by the survivors). So whenever the live members change, the
 * first of them (by name; one member, so no two delete at once) removes the entries of members that are not live. A
 * member that comes back publishes again at once: its own view of the live members changed, so its figures did.
 */
final class StatisticsWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StatisticsWriter.class);
    private static final Duration PERIOD = Duration.ofSeconds(1);

    private final DataBroker broker;
    private final DataObjectIdentifier<Member> path;
    private final Compilations compilations;
    private final IntSupplier managed;
    private final Supplier<ClusterOwnership.View> placement;
    private final ScheduledExecutorService timer;
    private Member last;
    /** The live members the entries of others were last pruned for (only the first live member prunes). */
    private SortedSet<String> prunedFor;

    StatisticsWriter(final DataBroker broker, final String member, final Compilations compilations,
            final IntSupplier managed, final Supplier<ClusterOwnership.View> placement) {
        this.broker = requireNonNull(broker);
        path = DataObjectIdentifier.builder(Controller.class).child(Member.class, new MemberKey(member)).build();
        this.compilations = requireNonNull(compilations);
        this.managed = requireNonNull(managed);
        this.placement = requireNonNull(placement);
        timer = Executors.newSingleThreadScheduledExecutor(
            new ThreadFactoryBuilder().setNameFormat("openbsd-pbr-statistics").setDaemon(true).build());
        timer.scheduleWithFixedDelay(this::publish, 0, PERIOD.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void publish() {
        final int routersManaged = managed.getAsInt();
        final ClusterOwnership.View view = placement.get();
        final Member now = new MemberBuilder().setName(path.getFirstKeyOf(Member.class).getName())
            .setCompiles(new Counter64(Uint64.valueOf(compilations.compiles())))
            .setCompileReuses(new Counter64(Uint64.valueOf(compilations.reuses())))
            .setRoutersManaged(Uint32.valueOf(routersManaged))
            .setRoutersPlaced(Uint32.valueOf(view.placedHere()))
            .setShare(Decimal64.of(1, view.routers() == 0 ? 0 : Math.round(1000.0 * routersManaged / view.routers())))
            .setHandovers(Uint32.valueOf(view.handovers()))
            .setLiveMember(view.live().isEmpty() ? null : java.util.Set.copyOf(view.live()))
            .build();
        final String name = now.getName();
        if (!view.live().isEmpty() && view.live().first().equals(name) && !view.live().equals(prunedFor)) {
            prunedFor = view.live();
            prune(view.live());
        }
        if (now.equals(last)) {
            return;
        }
        last = now;
        final var tx = broker.newWriteOnlyTransaction();
        tx.mergeParentStructurePut(LogicalDatastoreType.OPERATIONAL, path, now);
        // a failed publication (members' writes under /controller conflict now and then) is written again on the next
        // tick: without this, figures that stop changing would stay at their previous value for good
        commit(tx, "statistics not published", () -> onTimer(() -> {
            if (last == now) {
                last = null;
            }
        }));
    }

    /** Runs {@code work} on the timer's thread (which owns the fields), unless the writer closed meanwhile. */
    private void onTimer(final Runnable work) {
        try {
            timer.execute(work);
        } catch (RejectedExecutionException e) {
            LOG.trace("closed: nothing to publish any more", e);
        }
    }

    /** Removes the entries of members that are not live (their last figures are no longer true). */
    private void prune(final Set<String> live) {
        final var controller = DataObjectIdentifier.builder(Controller.class).build();
        final Controller current;
        try (var read = broker.newReadOnlyTransaction()) {
            current = read.read(LogicalDatastoreType.OPERATIONAL, controller).get(5, TimeUnit.SECONDS).orElse(null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (ExecutionException | TimeoutException e) {
            LOG.debug("member figures not read, so not pruned", e);
            prunedFor = null;
            return;
        }
        if (current == null || current.getMember() == null) {
            return;
        }
        final var gone = current.nonnullMember().keySet().stream().filter(key -> !live.contains(key.getName()))
            .toList();
        if (gone.isEmpty()) {
            return;
        }
        final var tx = broker.newWriteOnlyTransaction();
        gone.forEach(key -> tx.delete(LogicalDatastoreType.OPERATIONAL,
            DataObjectIdentifier.builder(Controller.class).child(Member.class, key).build()));
        LOG.info("members no longer live, their figures removed: {}", gone.stream().map(MemberKey::getName).toList());
        commit(tx, "figures of members no longer live not removed", () -> onTimer(() -> prunedFor = null));
    }

    @Override
    public void close() {
        timer.shutdownNow();
        final var tx = broker.newWriteOnlyTransaction();
        tx.delete(LogicalDatastoreType.OPERATIONAL, path);
        commit(tx, "statistics not removed", () -> { });
    }

    /**
     * Commits in the background. A failure is logged at debug only (these figures fail routinely while the datastore
     * shuts down) and hands over to {@code retry}, which has the work done again on the next tick.
     */
    private static void commit(final WriteTransaction tx, final String failure, final Runnable retry) {
        tx.commit().addCallback(new FutureCallback<CommitInfo>() {
            @Override
            public void onSuccess(final CommitInfo result) {
                // done
            }

            @Override
            public void onFailure(final Throwable cause) {
                LOG.debug("{}: the commit failed", failure, cause);
                retry.run();
            }
        }, MoreExecutors.directExecutor());
    }
}

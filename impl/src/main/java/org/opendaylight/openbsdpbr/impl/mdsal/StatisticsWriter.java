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
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.opendaylight.mdsal.binding.api.DataBroker;
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

    StatisticsWriter(final DataBroker broker, final String member, final Compilations compilations,
            final IntSupplier managed, final Supplier<ClusterOwnership.View> placement) {
        this.broker = requireNonNull(broker);
        path = DataObjectIdentifier.builder(Controller.class).child(Member.class, new MemberKey(member)).build();
        this.compilations = requireNonNull(compilations);
        this.managed = requireNonNull(managed);
        this.placement = requireNonNull(placement);
        timer = Executors.newSingleThreadScheduledExecutor(task -> {
            final var thread = new Thread(task, "openbsd-pbr-statistics");
            thread.setDaemon(true);
            return thread;
        });
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
        if (now.equals(last)) {
            return;
        }
        last = now;
        final var tx = broker.newWriteOnlyTransaction();
        tx.mergeParentStructurePut(LogicalDatastoreType.OPERATIONAL, path, now);
        tx.commit().addCallback(new FutureCallback<CommitInfo>() {
            @Override
            public void onSuccess(final CommitInfo result) {
                // published
            }

            @Override
            public void onFailure(final Throwable cause) {
                LOG.debug("statistics not published", cause);
            }
        }, MoreExecutors.directExecutor());
    }

    @Override
    public void close() {
        timer.shutdownNow();
        final var tx = broker.newWriteOnlyTransaction();
        tx.delete(LogicalDatastoreType.OPERATIONAL, path);
        tx.commit().addCallback(new FutureCallback<CommitInfo>() {
            @Override
            public void onSuccess(final CommitInfo result) {
                // removed
            }

            @Override
            public void onFailure(final Throwable cause) {
                LOG.debug("statistics not removed", cause);
            }
        }, MoreExecutors.directExecutor());
    }
}

/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.mdsal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.openbsdpbr.impl.controller.StatusView;
import org.opendaylight.openbsdpbr.impl.secret.SecretKeys;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.routers.Router;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.routers.router.Status;

/**
 * The status writer against an in-memory data broker: per router, the last write wins whatever the interleaving, a
 * clear deletes what came before it and not what comes after, and nothing stays held once the writes completed.
 */
class StatusWriterTest {
    private DataBroker broker;
    private StatusWriter writer;

    @BeforeEach
    void setUp() throws Exception {
        broker = InMemoryBroker.start();
        writer = new StatusWriter(broker, "member-1", SecretKeys.generate().digest());
    }

    @AfterEach
    void tearDown() {
        writer.close();
    }

    @Test
    void theLastStatusOfEachRouterWinsAndNothingStaysHeld() throws Exception {
        final ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            final List<Future<?>> writes = new ArrayList<>();
            for (int r = 0; r < 8; r++) {
                final String router = "r" + r;
                // one thread per router writes its statuses in order, as a reconciler does; routers interleave
                writes.add(pool.submit(() -> {
                    for (int generation = 1; generation <= 25; generation++) {
                        writer.write(router, status(generation));
                    }
                }));
            }
            for (Future<?> write : writes) {
                write.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdown();
        }
        awaitDrained();
        for (int r = 0; r < 8; r++) {
            assertThat(status("r" + r)).map(Status::getAppliedGeneration).map(Number::intValue).contains(25);
        }
    }

    @Test
    void aClearDeletesWhatCameBeforeItAndNotWhatComesAfter() throws Exception {
        writer.write("a", status(1));
        writer.write("a", status(2));
        writer.clear("a");
        writer.write("b", status(1));
        writer.clear("b");
        writer.write("b", status(7));
        awaitDrained();
        assertThat(router("a")).isEmpty();
        assertThat(status("b")).map(Status::getAppliedGeneration).map(Number::intValue).contains(7);
    }

    private void awaitDrained() throws InterruptedException {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (writer.inFlight() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(writer.inFlight()).as("routers with a status write in flight").isZero();
    }

    private static StatusView status(final int generation) {
        return new StatusView(StatusView.Connection.CONNECTED, StatusView.Sync.IN_SYNC, Optional.empty(),
            Optional.empty(), OptionalInt.of(generation), Optional.empty(), Optional.empty(), List.of(),
            Optional.empty(), List.of(), Optional.empty(), List.of());
    }

    private Optional<Status> status(final String router) throws Exception {
        try (var tx = broker.newReadOnlyTransaction()) {
            return tx.read(LogicalDatastoreType.OPERATIONAL, StatusWriter.path(router)).get(10, TimeUnit.SECONDS);
        }
    }

    private Optional<Router> router(final String router) throws Exception {
        try (var tx = broker.newReadOnlyTransaction()) {
            return tx.read(LogicalDatastoreType.OPERATIONAL, StatusWriter.routerPath(router)).get(10,
                TimeUnit.SECONDS);
        }
    }
}

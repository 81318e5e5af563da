/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BoundedRunnerTest {
    @Test
    void neverMoreThanTheLimitInFlightAndResultsInInputOrder() {
        final List<Integer> items = IntStream.range(0, 200).boxed().toList();
        final var pending = new ConcurrentLinkedQueue<Runnable>();
        final var inFlight = new AtomicInteger();
        final var maxInFlight = new AtomicInteger();

        final CompletableFuture<List<Integer>> all = BoundedRunner.map(items, 7, item -> {
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            final var future = new CompletableFuture<Integer>();
            pending.add(() -> {
                inFlight.decrementAndGet();
                future.complete(item * 2);
            });
            return future;
        });
        // complete tasks in LIFO-ish batches, the way I/O threads would
        while (!all.isDone()) {
            final Runnable next = pending.poll();
            assertThat(next).isNotNull();
            next.run();
        }
        assertThat(maxInFlight.get()).isEqualTo(7);
        assertThat(all.join()).isEqualTo(items.stream().map(i -> i * 2).toList());
    }

    @Test
    void tasksFinishingAtOnceDoNotRecurse() {
        final List<Integer> items = IntStream.range(0, 100_000).boxed().toList();
        final List<Integer> results = BoundedRunner.map(items, 3, CompletableFuture::completedFuture).join();
        assertThat(results).hasSize(100_000);
    }

    @Test
    void aFailureFailsTheWholeOnceEveryTaskFinished() {
        final var finished = new AtomicInteger();
        final CompletableFuture<List<Integer>> all = BoundedRunner.map(List.of(1, 2, 3), 2, item -> {
            finished.incrementAndGet();
            return item == 2 ? CompletableFuture.failedFuture(new IllegalStateException("boom"))
                : CompletableFuture.completedFuture(item);
        });
        assertThat(all).isCompletedExceptionally();
        assertThat(finished.get()).isEqualTo(3);
    }
}

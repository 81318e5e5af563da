/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.device;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Runs asynchronous tasks over a list with at most N in flight, without a thread per task: a task's completion starts
 * the next one. The results keep the order of the inputs.
 */
public final class BoundedRunner {
    private BoundedRunner() {
        // utility
    }

    /**
     * Run {@code task} for every item, at most {@code concurrency} at once.
     *
     * @return the results in input order; fails with the first failure once every task has finished
     */
    public static <T, R> CompletableFuture<List<R>> map(final List<T> items, final int concurrency,
            final Function<T, ? extends CompletionStage<R>> task) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be positive");
        }
        return new Run<>(List.copyOf(items), task).start(concurrency);
    }

    private static final class Run<T, R> {
        private final List<T> items;
        private final Function<T, ? extends CompletionStage<R>> task;
        private final Object[] results;
        private final AtomicInteger next = new AtomicInteger();
        private final AtomicInteger remaining;
        private final AtomicReference<Throwable> firstFailure = new AtomicReference<>();
        private final CompletableFuture<List<R>> all = new CompletableFuture<>();

        Run(final List<T> items, final Function<T, ? extends CompletionStage<R>> task) {
            this.items = items;
            this.task = task;
            results = new Object[items.size()];
            remaining = new AtomicInteger(items.size());
        }

        CompletableFuture<List<R>> start(final int concurrency) {
            if (items.isEmpty()) {
                all.complete(List.of());
                return all;
            }
            for (int i = 0; i < Math.min(concurrency, items.size()); i++) {
                pump();
            }
            return all;
        }

        /** Start tasks until one is still running; loops instead of recursing over tasks that finish at once. */
        @SuppressWarnings("checkstyle:IllegalCatch")
        private void pump() {
            while (true) {
                final int index = next.getAndIncrement();
                if (index >= items.size()) {
                    return;
                }
                CompletableFuture<R> future;
                try {
                    future = task.apply(items.get(index)).toCompletableFuture();
                } catch (RuntimeException e) {
                    future = CompletableFuture.failedFuture(e);
                }
                if (future.isDone()) {
                    record(index, future);
                    continue;
                }
                final CompletableFuture<R> running = future;
                running.whenComplete((value, failure) -> {
                    record(index, running);
                    pump();
                });
                return;
            }
        }

        @SuppressWarnings({ "unchecked", "checkstyle:IllegalCatch" })
        private void record(final int index, final CompletableFuture<R> done) {
            try {
                results[index] = done.join();
            } catch (RuntimeException e) {
                firstFailure.compareAndSet(null, e.getCause() != null ? e.getCause() : e);
            }
            if (remaining.decrementAndGet() == 0) {
                final Throwable failure = firstFailure.get();
                if (failure != null) {
                    all.completeExceptionally(failure);
                } else {
                    all.complete((List<R>) Arrays.asList(results));
                }
            }
        }
    }
}

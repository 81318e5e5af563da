/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.controller;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * How many routers talk to their routers at once, without a thread per router: a task runs when a permit is free,
 * else it waits in line, first come first served; the permit returns when the task's stage completes.
 */
final class Permits {
    private final int max;
    private final Deque<Runnable> waiting = new ArrayDeque<>();
    private int used;

    Permits(final int max) {
        if (max < 1) {
            throw new IllegalArgumentException("at least one permit");
        }
        this.max = max;
    }

    /** Runs {@code task} once a permit is free; the result completes with the task's stage. */
    @SuppressWarnings("checkstyle:IllegalCatch")
    <T> CompletionStage<T> run(final Supplier<? extends CompletionStage<T>> task) {
        final CompletableFuture<T> result = new CompletableFuture<>();
        final Runnable start = () -> {
            final CompletionStage<T> stage;
            try {
                stage = task.get();
            } catch (RuntimeException e) {
                release();
                result.completeExceptionally(e);
                return;
            }
            stage.whenComplete((value, failure) -> {
                release();
                if (failure != null) {
                    result.completeExceptionally(failure);
                } else {
                    result.complete(value);
                }
            });
        };
        final boolean now;
        synchronized (this) {
            now = used < max;
            if (now) {
                used++;
            } else {
                waiting.add(start);
            }
        }
        if (now) {
            start.run();
        }
        return result;
    }

    private void release() {
        final Runnable next;
        synchronized (this) {
            next = waiting.poll();
            if (next == null) {
                used--;
            }
        }
        if (next != null) {
            next.run();
        }
    }

    /** Permits in use (tests, diagnostics). */
    synchronized int used() {
        return used;
    }
}

/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.device;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Time for transactions and reconcilers: what time it is and running something later. Injected, so that tests drive
 * deadlines, back-offs and reverts with a clock they advance, without sleeping.
 */
public interface Scheduler {
    /** Something scheduled, which may be called off. */
    @FunctionalInterface
    interface Cancellable {
        /** Calls it off if it has not run yet. */
        void cancel();
    }

    /** The current time. */
    Instant now();

    /** Runs {@code task} once {@code delay} has passed (at once for a delay of zero or less). */
    Cancellable schedule(Duration delay, Runnable task);

    /** A stage that completes once {@code delay} has passed. */
    default CompletableFuture<Void> delay(final Duration delay) {
        final CompletableFuture<Void> done = new CompletableFuture<>();
        schedule(delay, () -> done.complete(null));
        return done;
    }

    /** The system clock and a timer thread. */
    static Scheduler system(final ScheduledExecutorService timer) {
        requireNonNull(timer);
        final Clock clock = Clock.systemUTC();
        return new Scheduler() {
            @Override
            public Instant now() {
                return clock.instant();
            }

            @Override
            public Cancellable schedule(final Duration delay, final Runnable task) {
                final ScheduledFuture<?> future = timer.schedule(task, Math.max(0, delay.toNanos()),
                    TimeUnit.NANOSECONDS);
                return () -> future.cancel(false);
            }
        };
    }

    /** The system clock and the JDK's shared delayed executor (for tools that keep no timer of their own). */
    Scheduler SYSTEM = new Scheduler() {
        @Override
        public Instant now() {
            return Instant.now();
        }

        @Override
        public Cancellable schedule(final Duration delay, final Runnable task) {
            final CompletableFuture<Void> future = CompletableFuture.runAsync(task,
                CompletableFuture.delayedExecutor(Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS));
            return () -> future.cancel(false);
        }
    };
}

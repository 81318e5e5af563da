/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.device;

import com.google.common.util.concurrent.ThreadFactoryBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The system clock and one timer thread of its own (a daemon, named), owned by whoever creates it and stopped by
 * {@link #close()}: the controller's provider keeps one for the fleet's reconcilers and {@link DevicePush}'s back-offs
 * and closes it with the plugin; a tool keeps one for its run.
 *
 * <p>Why not {@code CompletableFuture.delayedExecutor} (the JDK's shared timer): its tasks run on
 * {@code ForkJoinPool.commonPool()} on machines with more than two cores, and what a back-off continues with can end
 * in a status write or an RPC's answer. In Karaf the common pool's threads may not set a context class loader, and
 * Jersey writes a RESTCONF answer on the thread that completes the RPC: an answer completed there dies (session 7).
 * A thread of ours also stops with the bundle instead of outliving it. {@code NoCommonPoolTest} keeps it so.
 *
 * <p>Tasks are short (they complete a future or hand work on): one thread serves a whole fleet. A cancelled task
 * leaves the queue at once instead of waiting there for its time: reconcilers move their wake-up whenever their state
 * changes (cancel, schedule again), which kept about a dozen dead tasks per router at 1,000 routers (the controller
 * benchmark's heap histogram).
 */
public final class TimerThread implements Scheduler, AutoCloseable {
    private final ScheduledThreadPoolExecutor executor;

    /**
     * Starts the timer thread.
     *
     * @param name the thread's name, as thread dumps show it
     */
    public TimerThread(final String name) {
        executor = new ScheduledThreadPoolExecutor(1,
            new ThreadFactoryBuilder().setNameFormat(name).setDaemon(true).build());
        executor.setRemoveOnCancelPolicy(true);
    }

    @Override
    public Instant now() {
        return Instant.now();
    }

    @Override
    public Cancellable schedule(final Duration delay, final Runnable task) {
        final ScheduledFuture<?> future = executor.schedule(task, Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
        return () -> future.cancel(false);
    }

    /** Stops the thread; what was scheduled and has not run never runs. */
    @Override
    public void close() {
        executor.shutdownNow();
    }
}

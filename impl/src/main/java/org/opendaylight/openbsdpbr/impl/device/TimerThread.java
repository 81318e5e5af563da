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
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
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
 * <p>{@link #schedule} tasks run on the timer thread and must be short (they hand work on): one thread serves a whole
 * fleet. A {@link #delay} completes on one of a few worker threads of this timer instead ({@code NAME-work-N}, gone
 * when idle), because what a back-off continues with may block: opening an SSH connection resolves the router's host
 * name, and a slow resolver must not stall every reconciler's timer. A cancelled task leaves the queue at once
 * instead of waiting there for its time: reconcilers move their wake-up whenever their state changes (cancel, schedule
 * again), which kept about a dozen dead tasks per router at 1,000 routers (the controller benchmark's heap histogram).
 *
 * <p>After {@link #close()} nothing scheduled runs, and every delay not yet over completes exceptionally (a
 * {@link RejectedExecutionException}): a transaction waiting on a back-off when the plugin stops ends, and an RPC
 * waiting on it is answered, instead of waiting forever.
 */
public final class TimerThread implements Scheduler, AutoCloseable {
    private final ScheduledThreadPoolExecutor executor;
    private final ThreadPoolExecutor continuations;
    private final Set<CompletableFuture<Void>> delays = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /**
     * Starts the timer thread.
     *
     * @param name the thread's name, as thread dumps show it
     */
    public TimerThread(final String name) {
        executor = new ScheduledThreadPoolExecutor(1,
            new ThreadFactoryBuilder().setNameFormat(name).setDaemon(true).build());
        executor.setRemoveOnCancelPolicy(true);
        final int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
        continuations = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
            new ThreadFactoryBuilder().setNameFormat(name + "-work-%d").setDaemon(true).build());
        continuations.allowCoreThreadTimeOut(true);
    }

    @Override
    public Instant now() {
        return Instant.now();
    }

    /** Runs {@code task} on the timer thread after {@code delay}; after {@link #close()} it never runs. */
    @Override
    public Cancellable schedule(final Duration delay, final Runnable task) {
        final ScheduledFuture<?> future;
        try {
            future = executor.schedule(task, Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            // closed: nothing runs any more, as for what was scheduled before the close
            return () -> { };
        }
        return () -> future.cancel(false);
    }

    /** Completes on one of this timer's workers once {@code delay} has passed; exceptionally once closed. */
    @Override
    public CompletableFuture<Void> delay(final Duration delay) {
        final CompletableFuture<Void> done = new CompletableFuture<>();
        delays.add(done);
        done.whenComplete((ignored, failure) -> delays.remove(done));
        if (closed) {
            done.completeExceptionally(stopped());
            return done;
        }
        schedule(delay, () -> {
            try {
                continuations.execute(() -> done.complete(null));
            } catch (RejectedExecutionException e) {
                done.completeExceptionally(stopped());
            }
        });
        if (closed) {
            // closed meanwhile: close() may have looked at the delays before this one was added
            done.completeExceptionally(stopped());
        }
        return done;
    }

    private static RejectedExecutionException stopped() {
        return new RejectedExecutionException("the controller's timer is stopped");
    }

    /** Stops the threads; what was scheduled never runs, and every delay not over yet completes exceptionally. */
    @Override
    public void close() {
        closed = true;
        executor.shutdownNow();
        continuations.shutdownNow();
        List.copyOf(delays).forEach(delay -> delay.completeExceptionally(stopped()));
    }
}

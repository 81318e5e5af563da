/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.mdsal;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.FluentFuture;
import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.MoreExecutors;
import com.google.common.util.concurrent.ThreadFactoryBuilder;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.binding.api.WriteTransaction;
import org.opendaylight.mdsal.common.api.CommitInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One writer's writes to the datastore, coalesced and <b>one transaction at a time</b>: the newest value of each key
 * queued (a rollout's status, a router's pin), written on one writer thread, each transaction started when the last
 * one completed, with everything queued meanwhile; a write that failed goes back into the queue (newer values queued
 * meanwhile win) and is written again from a fresh transaction, less and less often (from {@value #REWRITE_MILLIS} ms
 * up to every {@value #REWRITE_MAX_MILLIS} ms), said once at INFO and at WARN when it keeps failing. Used by the
 * staged profiles' pins ({@link StagedPinStore}) and the rollouts' status ({@link RolloutStatusWriter}).
 *
 * <p>Why no transaction chain: a write may fail (an optimistic-lock conflict with another member's write of the same
 * data, a datastore without a leader). A merging chain whose transaction failed cancels the transactions readied
 * behind it without completing their commits, so their values were lost without a word (session 7's missing pins),
 * and a rollout's final status could stay stale for good. A transaction of its own per write, the next one started
 * once the last one completed, loses nothing: what failed and what waited are written by the next transaction, which
 * sees the other writer's data.
 *
 * @param <K> what a queued value is the newest of (a later value of the same key replaces it)
 */
final class WriteQueue<K> implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WriteQueue.class);
    /** How long closing waits for queued writes. */
    static final int CLOSE_SECONDS = 10;
    /**
     * How long a failed write waits before it is written again: a conflict is over once the other write committed,
     * a datastore without a shard leader answers the next one late anyway.
     */
    static final long REWRITE_MILLIS = 200;
    /** The longest wait before a write that keeps failing is written again. */
    static final long REWRITE_MAX_MILLIS = 10_000;
    /** Failed writes in a row after which the failure is said at WARN. */
    private static final int WARN_AFTER = 5;

    private final DataBroker broker;
    private final String what;
    private final Consumer<WriteTransaction> everyTransaction;
    private final CompletionStage<?> ready;
    private final ExecutorService writer;
    /** The newest value of each key not written yet: what it writes into a transaction. */
    private final Map<K, Consumer<WriteTransaction>> pending = new LinkedHashMap<>();
    private boolean flushQueued;
    /** Whether a transaction is being committed: the next one starts when it completed. */
    private boolean writing;
    /** Failed writes in a row. */
    private int failures;
    private volatile boolean closed;
    private volatile Future<?> lastCommit = CompletableFuture.completedFuture(null);

    /**
     * A queue whose writes start at once.
     *
     * @param what what it writes, for the log and its thread's name ({@code rollout status})
     */
    WriteQueue(final DataBroker broker, final String what) {
        this(broker, what, tx -> { }, CompletableFuture.completedFuture(null));
    }

    /**
     * A queue.
     *
     * @param broker the datastore
     * @param what what it writes, for the log and its thread's name ({@code staged profile pins})
     * @param everyTransaction what each transaction writes besides the queued values (the writer's stamp)
     * @param ready nothing is written before it completes (the keep's pins wait until the stored ones were read)
     */
    WriteQueue(final DataBroker broker, final String what, final Consumer<WriteTransaction> everyTransaction,
            final CompletionStage<?> ready) {
        this.broker = requireNonNull(broker);
        this.what = requireNonNull(what);
        this.everyTransaction = requireNonNull(everyTransaction);
        this.ready = requireNonNull(ready);
        writer = Executors.newSingleThreadExecutor(new ThreadFactoryBuilder()
            .setNameFormat("openbsd-pbr-" + what.replace(' ', '-')).setDaemon(true).build());
    }

    /**
     * Queues the newest value of a key: written by the next transaction, unless a newer one replaces it first.
     *
     * @param write what it writes into a transaction (on the writer thread; again, if its transaction failed)
     */
    synchronized void put(final K key, final Consumer<WriteTransaction> write) {
        pending.put(requireNonNull(key), requireNonNull(write));
        queueFlush();
    }

    /** Drops the values of these keys not written yet (what they would write is known to be stored already). */
    synchronized void drop(final Collection<? extends K> keys) {
        pending.keySet().removeAll(keys);
    }

    private void queueFlush() {
        // caller holds this
        if (!flushQueued && !writing && !closed) {
            flushQueued = true;
            ready.thenRun(() -> execute(this::flush));
        }
    }

    private void execute(final Runnable task) {
        try {
            writer.execute(task);
        } catch (RejectedExecutionException e) {
            LOG.debug("closed: {} not written", what, e);
        }
    }

    @SuppressWarnings("checkstyle:IllegalCatch")
    private void flush() {
        final Map<K, Consumer<WriteTransaction>> batch;
        synchronized (this) {
            flushQueued = false;
            if (pending.isEmpty()) {
                return;
            }
            batch = new LinkedHashMap<>(pending);
            pending.clear();
            writing = true;
        }
        final FluentFuture<? extends CommitInfo> commit;
        try {
            final var tx = broker.newWriteOnlyTransaction();
            everyTransaction.accept(tx);
            // a value that cannot be written (its computation failed) is dropped alone, said at WARN: retried, it
            // would fail again and hold back every other value of its batch for good
            for (var it = batch.entrySet().iterator(); it.hasNext(); ) {
                final var entry = it.next();
                try {
                    entry.getValue().accept(tx);
                } catch (RuntimeException e) {
                    LOG.warn("{}: {} cannot be written, dropped", what, entry.getKey(), e);
                    it.remove();
                }
            }
            commit = tx.commit();
        } catch (RuntimeException e) {
            // the broker refused the transaction itself (a datastore shutting down): as a failed write
            written(batch, e);
            return;
        }
        lastCommit = commit;
        commit.addCallback(new FutureCallback<Object>() {
            @Override
            public void onSuccess(final Object result) {
                written(batch, null);
            }

            @Override
            public void onFailure(final Throwable cause) {
                written(batch, cause);
            }
        }, MoreExecutors.directExecutor());
    }

    /**
     * A transaction completed: the next one may start. One that failed (a conflict with another member's write, or
     * the datastore) goes back into the queue, unless newer values of its keys are queued meanwhile, and is written
     * again a moment later from a fresh transaction, which sees what the other writer wrote.
     */
    private synchronized void written(final Map<K, Consumer<WriteTransaction>> batch, final Throwable failure) {
        writing = false;
        if (failure == null) {
            failures = 0;
        } else {
            failures++;
            if (failures == 1) {
                LOG.info("{} ({}) not written, written again: {}", what, batch.size(), failure.getMessage());
            } else if (failures == WARN_AFTER) {
                LOG.warn("{} ({}) not written {} times in a row, still written again", what, batch.size(), failures,
                    failure);
            } else {
                LOG.debug("{} ({}) not written", what, batch.size(), failure);
            }
            batch.forEach(pending::putIfAbsent);
        }
        if (!flushQueued && !closed && !pending.isEmpty()) {
            flushQueued = true;
            if (failure == null) {
                execute(this::flush);
            } else {
                try {
                    CompletableFuture.delayedExecutor(Math.min(REWRITE_MAX_MILLIS, REWRITE_MILLIS << Math.min(
                        failures - 1, 10)), TimeUnit.MILLISECONDS, writer).execute(this::flush);
                } catch (RejectedExecutionException e) {
                    LOG.debug("closed: {} ({}) not written", what, pending.size(), e);
                }
            }
        }
        notifyAll();
    }

    /**
     * Lets what is queued be written first (at most {@value #CLOSE_SECONDS} s: a datastore that does not answer does
     * not hold a controller's shutdown), then stops the writer.
     */
    @Override
    public void close() {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CLOSE_SECONDS);
        synchronized (this) {
            try {
                while ((writing || flushQueued) && ready.toCompletableFuture().isDone()
                        && System.nanoTime() < deadline) {
                    wait(100);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            closed = true;
        }
        writer.shutdown();
        try {
            if (writer.awaitTermination(CLOSE_SECONDS, TimeUnit.SECONDS)) {
                lastCommit.get(CLOSE_SECONDS, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.debug("the last write of {} did not complete before closing", what, e);
        }
    }
}

/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.mdsal;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.MoreExecutors;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.opendaylight.mdsal.binding.api.TransactionChain;
import org.opendaylight.mdsal.binding.api.WriteTransaction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the writers of the rollouts' status and the staged profiles' pins share: one writer thread each, commits whose
 * failure is logged (the next change writes the newest value again), and a close that lets what was queued be written
 * first. The rollouts' status is written over transaction chains (one member writes it); the pins, which every member
 * writes, one transaction at a time ({@link StagedPinStore}).
 */
final class Writes {
    private static final Logger LOG = LoggerFactory.getLogger(Writes.class);
    /** How long closing waits for queued writes. */
    static final int CLOSE_SECONDS = 10;

    private Writes() {
        // utility
    }

    /**
     * Commits a write; a failure is logged, not thrown.
     *
     * @param tx the write
     * @param what what it writes, for the log ({@code rollout x: status})
     * @return the commit
     */
    static Future<?> commit(final WriteTransaction tx, final Supplier<String> what) {
        return commit(tx, what, () -> { });
    }

    /**
     * Commits a write; a failure is logged, not thrown, and then {@code failed} runs (the writer's chain is failed
     * with it: a writer that must not lose the write makes a new chain and writes it again).
     *
     * @param tx the write
     * @param what what it writes, for the log ({@code rollout x: status})
     * @param failed what the writer does when it failed
     * @return the commit
     */
    static Future<?> commit(final WriteTransaction tx, final Supplier<String> what, final Runnable failed) {
        final var commit = tx.commit();
        commit.addCallback(new FutureCallback<Object>() {
            @Override
            public void onSuccess(final Object result) {
                // written
            }

            @Override
            public void onFailure(final Throwable cause) {
                LOG.warn("{} could not be written", what.get(), cause);
                failed.run();
            }
        }, MoreExecutors.directExecutor());
        return commit;
    }

    /** Closes a failed chain, whose close may complain about the transaction that failed it. */
    static void closeQuietly(final TransactionChain chain) {
        try {
            chain.close();
        } catch (IllegalStateException e) {
            LOG.debug("a failed chain did not close cleanly", e);
        }
    }

    /**
     * Closes a writer thread and its transaction chain once what was queued is written (a chain refuses to close
     * with a transaction outstanding), waiting a bounded time: a datastore that does not answer does not hold a
     * controller's shutdown.
     */
    static void closeAfterWrites(final ExecutorService writer, final Supplier<Future<?>> lastCommit,
            final TransactionChain chain) {
        closeAfterWrites(writer, lastCommit);
        try {
            chain.close();
        } catch (IllegalStateException e) {
            LOG.warn("closed with a write outstanding: {}", e.getMessage());
        }
    }

    /** Closes a writer thread once what was queued is written, waiting a bounded time. */
    static void closeAfterWrites(final ExecutorService writer, final Supplier<Future<?>> lastCommit) {
        writer.shutdown();
        try {
            if (writer.awaitTermination(CLOSE_SECONDS, TimeUnit.SECONDS)) {
                lastCommit.get().get(CLOSE_SECONDS, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.debug("the last write did not complete before closing", e);
        }
    }
}

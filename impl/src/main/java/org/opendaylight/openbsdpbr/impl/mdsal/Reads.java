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
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import com.google.common.util.concurrent.SettableFuture;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.binding.api.ReadTransaction;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.openbsdpbr.impl.controller.Fleet;
import org.opendaylight.yangtools.binding.DataObject;
import org.opendaylight.yangtools.binding.DataObjectIdentifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every read of the plugin's own from the datastore: several paths read as one snapshot (one read-only transaction),
 * <b>one read in flight at a time</b>, each answered within a bound, else read again once from a fresh transaction,
 * else failed with a {@link TimeoutException} that says what to do.
 *
 * <p>Why one at a time (the cause of session 8's ClusterE2E {@code eee} failures: start-rollout on a just-rejoined
 * member never answered, its log said {@code No request matching Envelope{... ReadTransactionSuccess{target=...
 * txn-14-0, sequence=2}} found, ignoring response}): when a member's shard leader is another member (a rejoined
 * member is a follower everywhere) every read is a message to that leader. ODL's backend (controller 12.0.3,
 * {@code Shard.handleRequestEnvelope}) sends a {@code ReadTransactionSuccess}, a {@code SliceableMessage} since bug
 * 7449, from a task on its serialization dispatcher, a pool of several threads, and every other answer directly: two
 * answers to one transaction can arrive in either order. The frontend ({@code TransmitQueue.findMatchingEntry})
 * matches an answer against the first request of the same transaction still in flight and drops it when the sequence
 * differs. So with three reads sent at once the third answer, arriving first, was dropped, its future never
 * completed (the frontend times a request out only after two minutes) and the RPC never answered. The same race drops
 * the answer to a close sent while a read is in flight (6efd110 closes after the answers). With one request of a
 * transaction in flight at a time there is nothing to overtake: a read is sent once the previous one answered, the
 * transaction is closed once the last one answered. It costs one round trip per path, a millisecond on a local
 * network; a read of a local leader (no message at all) is unaffected.
 *
 * <p>Why a bound and one retry: a read may still go unanswered (a frontend reconnecting to a leader that moved, a
 * member whose datastore is not ready yet). A user's RPC must answer rather than hang past its client's timeout: a
 * read not answered within {@link #BOUND} is abandoned with its transaction and the whole snapshot read once more
 * from a fresh one (a new transaction is a new request, not the lost one replayed); if that one does not answer
 * either, the caller gets a {@link TimeoutException} naming what was read and saying to ask another member. A read
 * that fails is passed on as it failed (the datastore said why), not retried here.
 *
 * <p>The other reads of the plugin send one request at a time already and keep their transactions: read-write
 * transactions read once and write after the answer (StagedPinStore's collection, the secrets), and the statistics'
 * one read a second waits at most 5 s for its answer on a thread of its own.
 */
final class Reads {
    private static final Logger LOG = LoggerFactory.getLogger(Reads.class);
    /** How long one read of an operator's request may go unanswered before its transaction is given up. */
    static final Duration BOUND = Duration.ofSeconds(10);
    /**
     * The same for a read nobody waits on (the keep's load at start, the rollouts' takeover), which may be large and
     * is made when a member is busiest: long enough for a loaded member's answer, short of the frontend's own two
     * minutes.
     */
    static final Duration BACKGROUND = Duration.ofMinutes(1);
    /** Transactions a snapshot is read from at most: the first and one fresh one. */
    private static final int ATTEMPTS = 2;

    /** The timer of the bound: runs a task once a delay passed, and returns what calls it off. */
    @FunctionalInterface
    interface Timer {
        Runnable schedule(Duration delay, Runnable task);
    }

    /** What a snapshot found, by the path read. */
    static final class Snapshot {
        private final Map<DataObjectIdentifier<?>, Optional<?>> found;

        private Snapshot(final Map<DataObjectIdentifier<?>, Optional<?>> found) {
            this.found = Map.copyOf(found);
        }

        /**
         * What was found at a path the snapshot read.
         *
         * @throws IllegalArgumentException if the snapshot did not read it
         */
        @SuppressWarnings("unchecked")
        <T extends DataObject> Optional<T> get(final DataObjectIdentifier<T> path) {
            final Optional<?> value = found.get(path);
            if (value == null) {
                throw new IllegalArgumentException("not read in this snapshot: " + path);
            }
            return (Optional<T>) value;
        }
    }

    private final DataBroker broker;
    private final Timer time;
    private final Duration bound;

    /**
     * Reads over a broker, each answered within {@link #BOUND}.
     *
     * @param broker the datastore
     * @param time the timer of the bound (never ForkJoinPool.commonPool(): a caller may answer an RPC on it)
     */
    Reads(final DataBroker broker, final Timer time) {
        this(broker, time, BOUND);
    }

    Reads(final DataBroker broker, final Timer time, final Duration bound) {
        this.broker = requireNonNull(broker);
        this.time = requireNonNull(time);
        this.bound = requireNonNull(bound);
    }

    /** Reads for an operator's request ({@link #BOUND}), bounded on the fleet's timer thread. */
    static Reads of(final DataBroker broker, final Fleet fleet) {
        return of(broker, fleet, BOUND);
    }

    /** Reads bounded on the fleet's timer thread. */
    static Reads of(final DataBroker broker, final Fleet fleet, final Duration bound) {
        return new Reads(broker, (delay, task) -> fleet.time().schedule(delay, task)::cancel, bound);
    }

    /**
     * Reads one path.
     *
     * @return what is there, or failed (a {@link TimeoutException} when the datastore did not answer twice)
     */
    <T extends DataObject> ListenableFuture<Optional<T>> read(final LogicalDatastoreType store,
            final DataObjectIdentifier<T> path) {
        return Futures.transform(snapshot(store, List.of(path)), snapshot -> snapshot.get(path),
            MoreExecutors.directExecutor());
    }

    /**
     * Reads several paths as one snapshot of the datastore (one transaction), one after the other.
     *
     * @return what is there, or failed (a {@link TimeoutException} when the datastore did not answer twice)
     */
    ListenableFuture<Snapshot> snapshot(final LogicalDatastoreType store, final List<DataObjectIdentifier<?>> paths) {
        final SettableFuture<Snapshot> result = SettableFuture.create();
        attempt(store, List.copyOf(paths), 1, result);
        return result;
    }

    private void attempt(final LogicalDatastoreType store, final List<DataObjectIdentifier<?>> paths,
            final int attempt, final SettableFuture<Snapshot> result) {
        next(broker.newReadOnlyTransaction(), store, paths, new HashMap<>(), attempt, result);
    }

    /** Sends the next read once the previous one answered; closes the transaction after the last answer. */
    private void next(final ReadTransaction tx, final LogicalDatastoreType store,
            final List<DataObjectIdentifier<?>> paths, final Map<DataObjectIdentifier<?>, Optional<?>> found,
            final int attempt, final SettableFuture<Snapshot> result) {
        if (found.size() == paths.size()) {
            tx.close();
            result.set(new Snapshot(found));
            return;
        }
        final DataObjectIdentifier<?> path = paths.get(found.size());
        // one answer counts: the read's or the bound's, whichever comes first (a late answer is ignored)
        final AtomicBoolean settled = new AtomicBoolean();
        final Runnable timer = time.schedule(bound, () -> {
            if (settled.compareAndSet(false, true)) {
                tx.close();
                final String what = describe(store, path);
                if (attempt < ATTEMPTS) {
                    LOG.warn("the datastore did not answer a read of {} within {} s: reading again from a fresh "
                        + "transaction", what, bound.toSeconds());
                    attempt(store, paths, attempt + 1, result);
                } else {
                    result.setException(new TimeoutException("this member's datastore did not answer a read of "
                        + what + " within " + bound.toSeconds() + " s, twice (a member that has just joined the "
                        + "cluster may not answer yet): ask another member"));
                }
            }
        });
        Futures.addCallback(tx.read(store, path), new FutureCallback<Optional<?>>() {
            @Override
            public void onSuccess(final Optional<?> value) {
                if (settled.compareAndSet(false, true)) {
                    timer.run();
                    found.put(path, value);
                    try {
                        next(tx, store, paths, found, attempt, result);
                    } catch (IllegalStateException | IllegalArgumentException e) {
                        // the transaction refused the next read (a datastore shutting down): the caller hears it
                        tx.close();
                        result.setException(e);
                    }
                }
            }

            @Override
            public void onFailure(final Throwable cause) {
                if (settled.compareAndSet(false, true)) {
                    timer.run();
                    tx.close();
                    result.setException(cause);
                }
            }
        }, MoreExecutors.directExecutor());
    }

    /** The datastore and the last element of a path, for a message ({@code config Routers}). */
    private static String describe(final LogicalDatastoreType store, final DataObjectIdentifier<?> path) {
        return (store == LogicalDatastoreType.CONFIGURATION ? "config " : "operational ")
            + path.lastStep().type().getSimpleName();
    }
}

/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.mdsal;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import com.google.common.util.concurrent.SettableFuture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.mdsal.dom.api.DOMDataBroker;
import org.opendaylight.yangtools.yang.data.api.YangInstanceIdentifier;
import org.opendaylight.yangtools.yang.data.api.schema.MapEntryNode;
import org.opendaylight.yangtools.yang.data.api.schema.NormalizedNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Read-your-writes for the router RPCs that answer from the fleet's view of the configuration (render, sync).
 *
 * <p>RESTCONF answers a PUT once its transaction is committed; the fleet learns of the write from the data tree change
 * listeners ({@link ConfigListener}) a moment later. A client that PUTs an intent and at once calls render would, in
 * that moment, be shown the intent before its PUT (and sync would apply it): seen in the end-to-end tests on a loaded
 * machine. The listeners record here the router and profile entries they handed to the fleet; {@link #caughtUp} reads
 * the router's entry and the entries of the profiles it names from the configuration datastore, in one read
 * transaction, and completes once the listeners have handed exactly those entries to the fleet.
 *
 * <p>It completes anyway after a limit (a write made between the read and the wait, which the listeners may already
 * have passed, must not hang the call; the answer is then the fleet's view, as before). Entries are compared by
 * identity first, then by value (a follower's listener sees copies of the leader's nodes). Only the latest entry per
 * router and profile is held: the data tree holds the same nodes.
 */
final class SeenConfig {
    private static final Logger LOG = LoggerFactory.getLogger(SeenConfig.class);

    /** A router or profile entry. */
    record Key(ConfigListener.Kind kind, String name) {
        Key {
            requireNonNull(kind);
            requireNonNull(name);
        }
    }

    private record Waiter(Map<Key, Optional<MapEntryNode>> expected, SettableFuture<Void> done) {
        // what a call waits for
    }

    private final DOMDataBroker broker;
    private final ScheduledExecutorService timer;
    private final Executor workers;
    private final Duration limit;
    // guarded by this
    private final Map<Key, MapEntryNode> seen = new HashMap<>();
    private final List<Waiter> waiters = new ArrayList<>();

    /**
     * Records what the listeners handed to the fleet.
     *
     * @param broker reads the configuration datastore
     * @param timer ends a wait at the limit
     * @param workers completes the waits, so that the call's own work runs on neither the datastore's, the
     *     listener's nor the timer's thread
     * @param limit how long a call waits for the listeners at most
     */
    SeenConfig(final DOMDataBroker broker, final ScheduledExecutorService timer, final Executor workers,
            final Duration limit) {
        this.broker = requireNonNull(broker);
        this.timer = requireNonNull(timer);
        this.workers = requireNonNull(workers);
        this.limit = requireNonNull(limit);
    }

    /** The listener handed this entry to the fleet (null: it handed over the entry's removal). */
    void seen(final ConfigListener.Kind kind, final String name, final @Nullable MapEntryNode entry) {
        final List<SettableFuture<Void>> ready = new ArrayList<>();
        synchronized (this) {
            final Key key = new Key(kind, name);
            if (entry == null) {
                seen.remove(key);
            } else {
                seen.put(key, entry);
            }
            for (Iterator<Waiter> it = waiters.iterator(); it.hasNext();) {
                final Waiter waiter = it.next();
                if (waiter.done().isDone() || matches(waiter.expected())) {
                    it.remove();
                    ready.add(waiter.done());
                }
            }
        }
        ready.forEach(done -> done.set(null));
    }

    /**
     * Completes once the fleet has been handed the router's configured entry and its profiles' entries as they are
     * in the configuration datastore now (or after the limit).
     */
    ListenableFuture<Void> caughtUp(final String router) {
        final var tx = broker.newReadOnlyTransaction();
        final var routerRead = tx.read(LogicalDatastoreType.CONFIGURATION, ConfigNodes.ROUTER_LIST.node(
            ConfigNodes.key(ConfigNodes.ROUTER, router)));
        final var profilesRead = tx.read(LogicalDatastoreType.CONFIGURATION,
            YangInstanceIdentifier.of(ConfigNodes.PROFILES));
        final ListenableFuture<Void> read = Futures.whenAllSucceed(routerRead, profilesRead).callAsync(() -> {
            final Optional<MapEntryNode> entry = Futures.getDone(routerRead)
                .filter(MapEntryNode.class::isInstance).map(MapEntryNode.class::cast);
            final NormalizedNode profiles = Futures.getDone(profilesRead).orElse(null);
            final Map<Key, Optional<MapEntryNode>> expected = new LinkedHashMap<>();
            expected.put(new Key(ConfigListener.Kind.ROUTERS, router), entry);
            for (String profile : entry.map(ConfigNodes::profiles).orElse(List.of())) {
                expected.put(new Key(ConfigListener.Kind.PROFILES, profile),
                    ConfigNodes.entry(profiles, ConfigNodes.PROFILE, profile));
            }
            return await(expected);
        }, MoreExecutors.directExecutor());
        read.addListener(tx::close, MoreExecutors.directExecutor());
        // a failed read answers from the fleet's view, as a call did before: the wait is a courtesy, not a gate
        return Futures.catching(read, Exception.class, cause -> {
            LOG.debug("{}: could not read the configuration to wait for: {}", router, cause.getMessage());
            return null;
        }, workers);
    }

    /** Completes once the listeners have handed exactly these entries (empty: no entry) to the fleet. */
    ListenableFuture<Void> await(final Map<Key, Optional<MapEntryNode>> expected) {
        final SettableFuture<Void> done = SettableFuture.create();
        synchronized (this) {
            if (matches(expected)) {
                return Futures.immediateVoidFuture();
            }
            waiters.add(new Waiter(Map.copyOf(expected), done));
        }
        final var timeout = timer.schedule(() -> {
            if (done.set(null)) {
                LOG.debug("the fleet has not been handed {} within {}: answering from its view", expected.keySet(),
                    limit);
                synchronized (this) {
                    waiters.removeIf(waiter -> waiter.done() == done);
                }
            }
        }, limit.toMillis(), TimeUnit.MILLISECONDS);
        done.addListener(() -> timeout.cancel(false), MoreExecutors.directExecutor());
        return done;
    }

    private boolean matches(final Map<Key, Optional<MapEntryNode>> expected) {
        for (Map.Entry<Key, Optional<MapEntryNode>> wanted : expected.entrySet()) {
            // Optional.equals compares by identity first, then by value
            if (!Optional.ofNullable(seen.get(wanted.getKey())).equals(wanted.getValue())) {
                return false;
            }
        }
        return true;
    }
}

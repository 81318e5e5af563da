/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.mdsal;

import com.google.common.util.concurrent.FluentFuture;
import com.google.common.util.concurrent.SettableFuture;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicInteger;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.binding.api.ReadTransaction;

/**
 * A data broker whose read-only transactions behave as ODL's datastore frontend does on a member whose shard leader
 * is another member (a member just back in the cluster): each read is a message to the leader and its answer comes
 * back later, when the test {@linkplain #deliver delivers} it; and a read sent while an earlier read of the same
 * transaction is still unanswered loses its answer for good. The leader sends a {@code ReadTransactionSuccess} from
 * a pool of threads (controller 12.0.3 {@code Shard.handleRequestEnvelope}), so a later answer may arrive first, and
 * the frontend drops an answer whose transaction has an earlier request in flight ({@code TransmitQueue}: "No request
 * matching ... ReadTransactionSuccess ... found, ignoring response"): the worst case of that race, every time. Writes
 * and listeners go to the in-memory broker underneath as they are.
 */
final class RemoteLeaderBroker {
    private final Deque<Runnable> network = new ArrayDeque<>();
    private final AtomicInteger transactions = new AtomicInteger();
    private final AtomicInteger dropped = new AtomicInteger();
    private final AtomicInteger closedInFlight = new AtomicInteger();
    private final DataBroker broker;

    RemoteLeaderBroker(final DataBroker local) {
        broker = (DataBroker) Proxy.newProxyInstance(DataBroker.class.getClassLoader(),
            new Class<?>[] {DataBroker.class}, (proxy, method, args) -> method.getName().equals(
                "newReadOnlyTransaction") ? remote(local.newReadOnlyTransaction()) : call(method, local, args));
    }

    /** The broker to hand to the code under test. */
    DataBroker broker() {
        return broker;
    }

    /**
     * Delivers the answer that arrives next.
     *
     * @return whether there was one
     */
    boolean deliver() {
        final Runnable next;
        synchronized (network) {
            next = network.poll();
        }
        if (next == null) {
            return false;
        }
        next.run();
        return true;
    }

    /** Read-only transactions opened so far. */
    int transactions() {
        return transactions.get();
    }

    /** Answers lost because their read was sent while another read of its transaction was in flight. */
    int dropped() {
        return dropped.get();
    }

    /** Transactions closed while one of their reads was in flight (the close's answer may overtake the read's). */
    int closedInFlight() {
        return closedInFlight.get();
    }

    private ReadTransaction remote(final ReadTransaction local) {
        transactions.incrementAndGet();
        final AtomicInteger inFlight = new AtomicInteger();
        return (ReadTransaction) Proxy.newProxyInstance(ReadTransaction.class.getClassLoader(),
            new Class<?>[] {ReadTransaction.class}, (proxy, method, args) -> {
                switch (method.getName()) {
                    case "read" -> {
                        final SettableFuture<Object> answer = SettableFuture.create();
                        if (inFlight.getAndIncrement() > 0) {
                            // an earlier read of this transaction is unanswered: this answer arrives first, dropped
                            dropped.incrementAndGet();
                            return FluentFuture.from(answer);
                        }
                        final var read = (FluentFuture<?>) call(method, local, args);
                        synchronized (network) {
                            network.add(() -> {
                                inFlight.decrementAndGet();
                                answer.setFuture(read);
                            });
                        }
                        return FluentFuture.from(answer);
                    }
                    case "close" -> {
                        if (inFlight.get() > 0) {
                            closedInFlight.incrementAndGet();
                        }
                        return call(method, local, args);
                    }
                    default -> {
                        return call(method, local, args);
                    }
                }
            });
    }

    private static Object call(final Method method, final Object target, final Object[] args)
            throws ReflectiveOperationException {
        return method.invoke(target, args);
    }
}

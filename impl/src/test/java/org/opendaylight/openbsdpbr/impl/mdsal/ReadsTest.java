/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.mdsal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.common.util.concurrent.FluentFuture;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.SettableFuture;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.binding.api.ReadTransaction;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.openbsdpbr.impl.controller.FakeTime;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.Profiles;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.Rollouts;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.Routers;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.routers.Router;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.routers.RouterBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.types.rev261124.ObjectName;
import org.opendaylight.yangtools.binding.DataObjectIdentifier;

/**
 * Reads on a member whose shard leader is another member: a snapshot's reads go one at a time, so no answer is
 * overtaken and lost; a read that is not answered is read again once from a fresh transaction, then failed saying
 * so, never left hanging.
 */
class ReadsTest {
    private static final DataObjectIdentifier<Routers> ROUTERS = DataObjectIdentifier.builder(Routers.class).build();
    private static final DataObjectIdentifier<Profiles> PROFILES = DataObjectIdentifier.builder(Profiles.class)
        .build();
    private static final DataObjectIdentifier<Rollouts> ROLLOUTS = DataObjectIdentifier.builder(Rollouts.class)
        .build();
    private static final RolloutPersistenceTest.Broker BROKER = new RolloutPersistenceTest.Broker();

    @BeforeAll
    static void broker() throws Exception {
        BROKER.setup();
        final var write = BROKER.getDataBroker().newWriteOnlyTransaction();
        // a router, so that the routers' container is there to read
        final Router router = new RouterBuilder().setName(new ObjectName("r01")).build();
        write.put(LogicalDatastoreType.CONFIGURATION, ROUTERS.toBuilder().child(Router.class, router.key()).build(),
            router);
        write.commit().get(30, TimeUnit.SECONDS);
    }

    /**
     * Three reads of one snapshot, as start-rollout makes: sent at once, the second and third answers were lost
     * (session 8's eee on a rejoined member); one after the other, all three answer, and the transaction is closed
     * after the last answer, not while a read is in flight.
     */
    @Test
    void aSnapshotsReadsGoOneAtATimeSoNoAnswerIsLost() throws Exception {
        final RemoteLeaderBroker remote = new RemoteLeaderBroker(BROKER.getDataBroker());
        final var read = new Reads(remote.broker(), timer(new FakeTime())).snapshot(LogicalDatastoreType.CONFIGURATION,
            List.of(ROLLOUTS, ROUTERS, PROFILES));
        while (!read.isDone() && remote.deliver()) {
            // the leader's answers arrive one by one
        }
        assertThat(read).as("answered").isDone();
        final Reads.Snapshot snapshot = read.get();
        assertThat(snapshot.get(ROUTERS)).isPresent();
        assertThat(snapshot.get(ROLLOUTS)).isEmpty();
        assertThat(snapshot.get(PROFILES)).isEmpty();
        assertThat(remote.dropped()).as("answers lost").isZero();
        assertThat(remote.closedInFlight()).as("closed with a read in flight").isZero();
        assertThat(remote.transactions()).as("one snapshot, one transaction").isOne();
    }

    /** A read nobody answers: read again from a fresh transaction after the bound, then failed, saying what to do. */
    @Test
    void anUnansweredReadIsReadAgainOnceFromAFreshTransactionThenFailsSayingSo() throws Exception {
        final AtomicInteger opened = new AtomicInteger();
        final FakeTime time = new FakeTime();
        final var read = new Reads(silent(opened, 2), timer(time)).read(LogicalDatastoreType.CONFIGURATION, ROUTERS);
        assertThat(opened).hasValue(1);
        time.advance(Reads.BOUND.minusMillis(1));
        assertThat(read).as("still waiting within the bound").isNotDone();
        assertThat(opened).hasValue(1);
        time.advance(Duration.ofMillis(1));
        assertThat(opened).as("read again from a fresh transaction").hasValue(2);
        assertThat(read).isNotDone();
        time.advance(Reads.BOUND);
        assertThat(read).isDone();
        final ExecutionException failure = catchThrowableOfType(ExecutionException.class, read::get);
        assertThat(failure).cause().isInstanceOf(TimeoutException.class).hasMessage("this member's datastore did "
            + "not answer a read of config Routers within 10 s, twice (a member that has just joined the cluster may "
            + "not answer yet): ask another member");
        assertThat(opened).as("no third transaction").hasValue(2);
    }

    /** The fresh transaction answers: the read succeeds, the first one's late answer is ignored. */
    @Test
    void aReadAnsweredByTheFreshTransactionSucceeds() throws Exception {
        final AtomicInteger opened = new AtomicInteger();
        final FakeTime time = new FakeTime();
        final var read = new Reads(silent(opened, 1), timer(time)).read(LogicalDatastoreType.CONFIGURATION, ROUTERS);
        time.advance(Reads.BOUND);
        assertThat(opened).hasValue(2);
        assertThat(read.get(0, TimeUnit.SECONDS)).isPresent();
        time.advance(Reads.BOUND.multipliedBy(3));
        assertThat(read.get()).isPresent();
    }

    /** The bound on a clock the test advances. */
    private static Reads.Timer timer(final FakeTime time) {
        return (delay, task) -> time.schedule(delay, task)::cancel;
    }

    /**
     * A broker whose first {@code unanswered} read-only transactions never answer a read (a lost answer); later ones
     * read the in-memory datastore.
     */
    private static DataBroker silent(final AtomicInteger opened, final int unanswered) {
        final DataBroker local = BROKER.getDataBroker();
        return (DataBroker) Proxy.newProxyInstance(DataBroker.class.getClassLoader(), new Class<?>[] {
            DataBroker.class}, (proxy, method, args) -> {
                if (!method.getName().equals("newReadOnlyTransaction")) {
                    return method.invoke(local, args);
                }
                if (opened.incrementAndGet() > unanswered) {
                    return local.newReadOnlyTransaction();
                }
                return Proxy.newProxyInstance(ReadTransaction.class.getClassLoader(), new Class<?>[] {
                    ReadTransaction.class}, (tx, call, arguments) -> switch (call.getName()) {
                        case "read" -> FluentFuture.from(SettableFuture.create());
                        case "close" -> null;
                        case "hashCode" -> System.identityHashCode(tx);
                        case "equals" -> tx == arguments[0];
                        case "toString" -> "a transaction that never answers";
                        default -> Futures.immediateFailedFuture(new UnsupportedOperationException(call.getName()));
                    });
            });
    }
}

/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.mdsal;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opendaylight.mdsal.binding.dom.adapter.test.AbstractDataBrokerTest;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.openbsdpbr.impl.mdsal.ConfigListener.Kind;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.Profiles;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.Routers;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.profiles.Profile;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.profiles.ProfileBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.profiles.ProfileKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.routers.Router;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.routers.RouterBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.routers.RouterKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.types.rev261124.DescriptionText;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.types.rev261124.ObjectName;
import org.opendaylight.yangtools.binding.DataObjectIdentifier;
import org.opendaylight.yangtools.yang.data.api.YangInstanceIdentifier;
import org.opendaylight.yangtools.yang.data.api.schema.MapEntryNode;

/**
 * Read-your-writes: render and sync wait until the listeners have handed the fleet the router's entry and its
 * profiles' entries as the configuration datastore holds them. Entries are written through an in-memory broker and
 * handed over by hand, as a listener running late would.
 */
class SeenConfigTest {
    private static final Duration LONG = Duration.ofMinutes(5);

    private final Broker broker = new Broker();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    private static final class Broker extends AbstractDataBrokerTest {
        // the project's model over MD-SAL's in-memory datastores
    }

    @BeforeEach
    void setUp() throws Exception {
        broker.setup();
    }

    @AfterEach
    void tearDown() {
        timer.shutdownNow();
    }

    @Test
    void aCallWaitsUntilTheFleetWasHandedTheRouterAsWritten() throws Exception {
        final SeenConfig seen = new SeenConfig(broker.getDomBroker(), timer, MoreExecutors.directExecutor(), LONG);
        put(router("r1", "first"));
        seen.seen(Kind.ROUTERS, "r1", read("r1"));
        assertThat(seen.caughtUp("r1").get(30, TimeUnit.SECONDS)).isNull();

        final MapEntryNode before = read("r1");
        put(router("r1", "second"));
        final ListenableFuture<Void> call = seen.caughtUp("r1");
        // the listener has handed over only the entry before the write: the call must not answer from it
        assertThat(call.isDone()).isFalse();
        seen.seen(Kind.ROUTERS, "r1", before);
        assertThat(call.isDone()).isFalse();
        seen.seen(Kind.ROUTERS, "r2", read("r1"));
        assertThat(call.isDone()).isFalse();

        seen.seen(Kind.ROUTERS, "r1", read("r1"));
        assertThat(call.get(30, TimeUnit.SECONDS)).isNull();
    }

    @Test
    void aCopyOfTheEntryCountsAsHandedOver() throws Exception {
        final SeenConfig seen = new SeenConfig(broker.getDomBroker(), timer, MoreExecutors.directExecutor(), LONG);
        put(router("r1", "first"));
        final ListenableFuture<Void> call = seen.caughtUp("r1");
        assertThat(call.isDone()).isFalse();
        // a follower's listener holds copies of the leader's nodes: equal by value is enough
        final MapEntryNode copy = read("r1");
        seen.seen(Kind.ROUTERS, "r1", (MapEntryNode) org.opendaylight.yangtools.yang.data.spi.node.ImmutableNodes
            .newMapEntryBuilder().withNodeIdentifier(copy.name()).withValue(List.copyOf(copy.body())).build());
        assertThat(call.get(30, TimeUnit.SECONDS)).isNull();
    }

    @Test
    void theProfilesTheRouterListsAreWaitedForToo() throws Exception {
        final SeenConfig seen = new SeenConfig(broker.getDomBroker(), timer, MoreExecutors.directExecutor(), LONG);
        putProfile("branch", "v1");
        put(router("r1", "first", "branch"));
        seen.seen(Kind.PROFILES, "branch", readProfile("branch"));
        seen.seen(Kind.ROUTERS, "r1", read("r1"));
        assertThat(seen.caughtUp("r1").isDone()).isTrue();

        putProfile("branch", "v2");
        final ListenableFuture<Void> call = seen.caughtUp("r1");
        assertThat(call.isDone()).isFalse();
        seen.seen(Kind.PROFILES, "branch", readProfile("branch"));
        assertThat(call.get(30, TimeUnit.SECONDS)).isNull();
    }

    @Test
    void aRemovedRouterIsWaitedForUntilItsRemovalWasHandedOver() throws Exception {
        final SeenConfig seen = new SeenConfig(broker.getDomBroker(), timer, MoreExecutors.directExecutor(), LONG);
        put(router("r1", "first"));
        seen.seen(Kind.ROUTERS, "r1", read("r1"));
        final var tx = broker.getDataBroker().newWriteOnlyTransaction();
        tx.delete(LogicalDatastoreType.CONFIGURATION, path("r1"));
        tx.commit().get(30, TimeUnit.SECONDS);

        final ListenableFuture<Void> call = seen.caughtUp("r1");
        assertThat(call.isDone()).isFalse();
        seen.seen(Kind.ROUTERS, "r1", null);
        assertThat(call.get(30, TimeUnit.SECONDS)).isNull();
        // a router nobody configured and nobody handed over: nothing to wait for (the RPC then says it is unknown)
        assertThat(seen.caughtUp("never").get(30, TimeUnit.SECONDS)).isNull();
    }

    @Test
    void aCallThatIsNeverCaughtUpAnswersAtTheLimit() throws Exception {
        final SeenConfig seen = new SeenConfig(broker.getDomBroker(), timer, MoreExecutors.directExecutor(),
            Duration.ofMillis(200));
        put(router("r1", "first"));
        final ListenableFuture<Void> call = seen.caughtUp("r1");
        assertThat(call.get(30, TimeUnit.SECONDS)).isNull();
        // the waiter is gone: a later hand-over finds nothing to complete
        seen.seen(Kind.ROUTERS, "r1", read("r1"));
    }

    private void put(final Router router) throws Exception {
        final var tx = broker.getDataBroker().newWriteOnlyTransaction();
        tx.put(LogicalDatastoreType.CONFIGURATION, path(router.getName().getValue()), router);
        tx.commit().get(30, TimeUnit.SECONDS);
    }

    private void putProfile(final String name, final String description) throws Exception {
        final var tx = broker.getDataBroker().newWriteOnlyTransaction();
        tx.put(LogicalDatastoreType.CONFIGURATION, DataObjectIdentifier.builder(Profiles.class)
            .child(Profile.class, new ProfileKey(new ObjectName(name))).build(), new ProfileBuilder()
            .setName(new ObjectName(name)).setDescription(new DescriptionText(description)).build());
        tx.commit().get(30, TimeUnit.SECONDS);
    }

    private MapEntryNode read(final String name) throws Exception {
        return readEntry(ConfigNodes.ROUTER_LIST.node(ConfigNodes.key(ConfigNodes.ROUTER, name)));
    }

    private MapEntryNode readProfile(final String name) throws Exception {
        return readEntry(ConfigNodes.PROFILE_LIST.node(ConfigNodes.key(ConfigNodes.PROFILE, name)));
    }

    private MapEntryNode readEntry(final YangInstanceIdentifier path) throws Exception {
        try (var tx = broker.getDomBroker().newReadOnlyTransaction()) {
            return (MapEntryNode) tx.read(LogicalDatastoreType.CONFIGURATION, path).get(30, TimeUnit.SECONDS)
                .orElseThrow();
        }
    }

    private static Router router(final String name, final String description, final String... profiles) {
        final var builder = new RouterBuilder().setName(new ObjectName(name))
            .setDescription(new DescriptionText(description));
        if (profiles.length > 0) {
            builder.setProfile(java.util.Arrays.stream(profiles).map(ObjectName::new).toList());
        }
        return builder.build();
    }

    private static DataObjectIdentifier<Router> path(final String name) {
        return DataObjectIdentifier.builder(Routers.class).child(Router.class, new RouterKey(new ObjectName(name)))
            .build();
    }
}

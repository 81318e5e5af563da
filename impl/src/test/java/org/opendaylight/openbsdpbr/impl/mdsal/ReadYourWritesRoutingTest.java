/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.mdsal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import com.google.common.util.concurrent.MoreExecutors;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opendaylight.mdsal.binding.dom.adapter.test.util.BindingBrokerTestFactory;
import org.opendaylight.mdsal.binding.dom.adapter.test.util.BindingTestContext;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.openbsdpbr.api.device.DeviceConnector;
import org.opendaylight.openbsdpbr.api.intent.IntentError;
import org.opendaylight.openbsdpbr.impl.compile.Compilations;
import org.opendaylight.openbsdpbr.impl.compile.IntentCompiler;
import org.opendaylight.openbsdpbr.impl.controller.ControllerSettings;
import org.opendaylight.openbsdpbr.impl.controller.Fleet;
import org.opendaylight.openbsdpbr.impl.controller.RouterSpec;
import org.opendaylight.openbsdpbr.impl.controller.StatusSink;
import org.opendaylight.openbsdpbr.impl.controller.StatusView;
import org.opendaylight.openbsdpbr.impl.device.DevicePush;
import org.opendaylight.openbsdpbr.impl.render.ApplyPlanner;
import org.opendaylight.openbsdpbr.impl.secret.SecretKeys;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.Routers;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.Sync;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.SyncInputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.SyncOutput;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.routers.Router;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.routers.RouterBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.routers.RouterKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.types.rev261124.DescriptionText;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.types.rev261124.ObjectName;
import org.opendaylight.yangtools.binding.DataObjectIdentifier;
import org.opendaylight.yangtools.yang.common.RpcResult;
import org.opendaylight.yangtools.yang.data.api.schema.MapEntryNode;

/**
 * A member that does not manage r1, whose config listener has not yet handed r1 to its fleet, receives sync for r1
 * right after the PUT. The read-your-writes wait must come before the routing decision: the call is forwarded to the
 * owner (here none answers, so OwnerCalls refuses after its wait), never refused as "managed by another member"
 * (found in review: the wait once came after the decision).
 */
class ReadYourWritesRoutingTest {
    private BindingTestContext mdsal;
    private ScheduledExecutorService timer;
    private Fleet fleet;

    @BeforeEach
    void start() {
        final var factory = new BindingBrokerTestFactory();
        factory.setExecutor(MoreExecutors.newDirectExecutorService());
        mdsal = factory.getTestContext();
        mdsal.start();
        timer = Executors.newSingleThreadScheduledExecutor();
    }

    @AfterEach
    void stop() throws Exception {
        if (fleet != null) {
            fleet.close();
        }
        timer.shutdownNow();
        mdsal.close();
    }

    @Test
    void aCallThatWaitedForTheListenerIsStillForwardedToTheOwner() throws Exception {
        final var calls = new OwnerCalls(mdsal.getBindingRpcProviderRegistry(), mdsal.getBindingRpcService(),
            mdsal.getCodec().currentSerializer(), "member-2", timer, Duration.ofMillis(600));
        // this member never gains r1: another member manages it
        fleet = new Fleet(new DevicePush(mock(DeviceConnector.class), ApplyPlanner::plan), new StatusSink() {
            @Override
            public void write(final String name, final StatusView status) {
                // nothing
            }

            @Override
            public void clear(final String name) {
                // nothing
            }
        }, calls.serving((name, owner) -> () -> { }), ControllerSettings.defaults(),
            new Compilations(IntentCompiler.standard()));
        final SeenConfig seen = new SeenConfig(mdsal.getDomAsyncDataBroker(), timer, MoreExecutors.directExecutor(),
            Duration.ofMinutes(5));
        final PbrRpcs rpcs = new PbrRpcs(fleet, SecretKeys.generate().digest(), "member-2", calls, seen);
        final Sync sync = rpcs.implementations().stream().filter(Sync.class::isInstance).map(Sync.class::cast)
            .findFirst().orElseThrow();

        // the client's PUT is committed; this member's listener has not handed r1 to the fleet yet
        final var tx = mdsal.getDataBroker().newWriteOnlyTransaction();
        tx.put(LogicalDatastoreType.CONFIGURATION, DataObjectIdentifier.builder(Routers.class)
            .child(Router.class, new RouterKey(new ObjectName("r1"))).build(), new RouterBuilder()
            .setName(new ObjectName("r1")).setDescription(new DescriptionText("new")).build());
        tx.commit().get(30, TimeUnit.SECONDS);
        final var call = sync.invoke(new SyncInputBuilder().setRouter(new ObjectName("r1")).build());
        assertThat(call.isDone()).as("waits for the listener").isFalse();

        // the listener catches up: it hands r1 to the fleet and records the entry
        fleet.routerChanged(new RouterSpec("r1", Optional.empty(), "no management address", Optional.empty(),
            new IntentError("intent", "none"), List.of(), Duration.ofMinutes(5), false, false));
        final MapEntryNode entry;
        try (var read = mdsal.getDomAsyncDataBroker().newReadOnlyTransaction()) {
            entry = (MapEntryNode) read.read(LogicalDatastoreType.CONFIGURATION, ConfigNodes.ROUTER_LIST.node(
                ConfigNodes.key(ConfigNodes.ROUTER, "r1"))).get(30, TimeUnit.SECONDS).orElseThrow();
        }
        seen.seen(ConfigListener.Kind.ROUTERS, "r1", entry);

        final RpcResult<SyncOutput> result = call.get(30, TimeUnit.SECONDS);
        assertThat(result.getErrors().toString()).as("forwarded to the owner, not refused here")
            .doesNotContain("managed by another member");
    }
}

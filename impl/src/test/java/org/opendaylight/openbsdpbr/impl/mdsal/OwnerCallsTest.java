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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opendaylight.mdsal.binding.dom.adapter.test.util.BindingBrokerTestFactory;
import org.opendaylight.mdsal.binding.dom.adapter.test.util.BindingTestContext;
import org.opendaylight.openbsdpbr.impl.controller.Ownership;
import org.opendaylight.openbsdpbr.impl.secret.KeyedDigest;
import org.opendaylight.openbsdpbr.impl.secret.SecretKeys;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.CallOwner;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.CallOwnerInputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.CallOwnerOutput;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.CheckSync;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.CheckSyncInput;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.CheckSyncInputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.CheckSyncOutput;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.CheckSyncOutputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.ConfirmCommit;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.ConfirmCommitInputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.ConfirmCommitOutput;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.Routers;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.routers.Router;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.routers.RouterKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.types.rev261124.ObjectName;
import org.opendaylight.yangtools.binding.DataObjectIdentifier;
import org.opendaylight.yangtools.binding.RpcInput;
import org.opendaylight.yangtools.yang.common.ErrorTag;
import org.opendaylight.yangtools.yang.common.ErrorType;
import org.opendaylight.yangtools.yang.common.QName;
import org.opendaylight.yangtools.yang.common.RpcResult;
import org.opendaylight.yangtools.yang.common.RpcResultBuilder;

/**
 * Forwarding to the member that manages a router, over MD-SAL's own RPC router (the one every member runs, which
 * routes {@code call-owner} by its context reference to the implementation registered for the router's path; ODL's
 * remote RPC connector adds remote members' registrations to the same router). Two {@link OwnerCalls} on one router
 * stand for two members.
 */
class OwnerCallsTest {
    private final List<String> served = new ArrayList<>();
    /** The deployment's digest key, shared by the members as the key file is. */
    private final KeyedDigest digest = SecretKeys.generate().digest();
    private BindingTestContext mdsal;
    private ScheduledExecutorService timer;
    private OwnerCalls one;
    private OwnerCalls two;
    private final Map<String, Ownership.Owner> ownersOne = new java.util.HashMap<>();
    private final Map<String, Ownership.Owner> ownersTwo = new java.util.HashMap<>();

    @BeforeEach
    void start() {
        final var factory = new BindingBrokerTestFactory();
        factory.setExecutor(MoreExecutors.newDirectExecutorService());
        mdsal = factory.getTestContext();
        mdsal.start();
        timer = Executors.newSingleThreadScheduledExecutor();
        one = member("member-1", ownersOne);
        two = member("member-2", ownersTwo);
    }

    @AfterEach
    void stop() throws Exception {
        timer.shutdownNow();
        mdsal.close();
    }

    /** A member serving check-sync (in sync) and confirm-commit (nothing pending: the reconciler's refusal). */
    private OwnerCalls member(final String name, final Map<String, Ownership.Owner> owners) {
        final var calls = new OwnerCalls(mdsal.getBindingRpcProviderRegistry(), mdsal.getBindingRpcService(),
            mdsal.getCodec().currentSerializer(), digest, name, timer, Duration.ofMillis(600));
        calls.serve(Map.of(
            "check-sync", served(CheckSync.QNAME, input -> {
                served.add(name + " check-sync " + ((CheckSyncInput) input).getRouter().getValue());
                return RpcResultBuilder.success(new CheckSyncOutputBuilder().setServedBy(name).setInSync(true)
                    .build()).buildFuture();
            }),
            "confirm-commit", served(ConfirmCommit.QNAME, input -> RpcResultBuilder.<ConfirmCommitOutput>failed()
                .withError(ErrorType.APPLICATION, ErrorTag.DATA_MISSING, "confirm-commit: nothing awaits a confirm")
                .buildFuture())));
        // ownership as the fleet sees it: the test says when a member gains or loses a router
        final Ownership ownership = calls.serving((router, owner) -> {
            owners.put(router, owner);
            return () -> owners.remove(router);
        });
        for (String router : List.of("r1", "r2")) {
            ownership.register(router, new Ownership.Owner() {
                @Override
                public void gained() {
                    // the reconciler's part: nothing here
                }

                @Override
                public void lost() {
                    // the reconciler's part: nothing here
                }
            });
        }
        return calls;
    }

    private static OwnerCalls.Served served(final QName rpc,
            final java.util.function.Function<RpcInput, ListenableFuture<? extends RpcResult<?
                extends org.opendaylight.yangtools.binding.RpcOutput>>> run) {
        return new OwnerCalls.Served() {
            @Override
            public QName rpc() {
                return rpc;
            }

            @Override
            public ListenableFuture<? extends RpcResult<? extends org.opendaylight.yangtools.binding.RpcOutput>> run(
                    final RpcInput input) {
                return run.apply(input);
            }
        };
    }

    private static CheckSyncInput checkSync(final String router) {
        return new CheckSyncInputBuilder().setRouter(new ObjectName(router)).build();
    }

    private static <T> RpcResult<T> get(final ListenableFuture<RpcResult<T>> future) throws Exception {
        return future.get(10, TimeUnit.SECONDS);
    }

    @Test
    void aCallOnAnotherMemberIsServedByTheOwnerWithItsInputAndItsAnswer() throws Exception {
        ownersOne.get("r1").gained();
        ownersTwo.get("r2").gained();

        final RpcResult<CheckSyncOutput> r1 = get(two.forward("r1", "check-sync", checkSync("r1")));
        assertThat(r1.isSuccessful()).as(r1.getErrors().toString()).isTrue();
        assertThat(r1.getResult().getServedBy()).isEqualTo("member-1");
        assertThat(r1.getResult().getInSync()).isTrue();
        final RpcResult<CheckSyncOutput> r2 = get(one.forward("r2", "check-sync", checkSync("r2")));
        assertThat(r2.getResult().getServedBy()).isEqualTo("member-2");
        // the owner decoded the caller's input: the router it names arrived
        assertThat(served).containsExactly("member-1 check-sync r1", "member-2 check-sync r2");
    }

    @Test
    void theOwnersRefusalComesBackAsItIs() throws Exception {
        ownersOne.get("r1").gained();
        final RpcResult<ConfirmCommitOutput> refused = get(two.forward("r1", "confirm-commit",
            new ConfirmCommitInputBuilder().setRouter(new ObjectName("r1")).build()));
        assertThat(refused.isSuccessful()).isFalse();
        assertThat(refused.getErrors()).singleElement().satisfies(error -> {
            assertThat(error.getTag()).isEqualTo(ErrorTag.DATA_MISSING);
            assertThat(error.getMessage()).isEqualTo("confirm-commit: nothing awaits a confirm");
        });
    }

    @Test
    void aRouterHandedOverIsServedByItsNewOwner() throws Exception {
        ownersOne.get("r1").gained();
        assertThat(get(two.<CheckSyncOutput>forward("r1", "check-sync", checkSync("r1"))).getResult().getServedBy())
            .isEqualTo("member-1");
        // member-1 hands r1 to member-2: its path is unregistered, member-2's registered
        ownersOne.get("r1").lost();
        ownersTwo.get("r1").gained();
        assertThat(get(one.<CheckSyncOutput>forward("r1", "check-sync", checkSync("r1"))).getResult().getServedBy())
            .isEqualTo("member-2");
    }

    @Test
    void aCallWaitsForAHandoverThatCompletesWithinTheWait() throws Exception {
        final ListenableFuture<RpcResult<CheckSyncOutput>> answer = two.forward("r1", "check-sync", checkSync("r1"));
        // no member manages r1 yet; member-1 takes it while the call retries
        timer.schedule(() -> ownersOne.get("r1").gained(), 200, TimeUnit.MILLISECONDS);
        assertThat(get(answer).getResult().getServedBy()).isEqualTo("member-1");
    }

    @Test
    void aRouterNobodyManagesIsRefusedAfterTheWaitNamingIt() throws Exception {
        ownersOne.get("r1").gained();
        ownersOne.get("r1").lost();
        final RpcResult<CheckSyncOutput> refused = get(two.forward("r1", "check-sync", checkSync("r1")));
        assertThat(refused.isSuccessful()).isFalse();
        assertThat(refused.getErrors()).singleElement().satisfies(error -> {
            assertThat(error.getTag()).isEqualTo(ErrorTag.RESOURCE_DENIED);
            assertThat(error.getMessage()).contains("router r1");
        });
        assertThat(served).isEmpty();
    }

    /**
     * call-owner is in the module's YANG, so RESTCONF offers it to clients: a call that a member did not stamp (a
     * client's, with no stamp or one made under another key, the input of a genuine check-sync otherwise) reaches the
     * owner's registration and is refused there, before anything runs; the members' own calls still go through.
     */
    @Test
    void aCallOwnerThatNoMemberStampedIsRefusedAndRunsNothing() throws Exception {
        ownersOne.get("r1").gained();
        final var path = DataObjectIdentifier.builder(Routers.class)
            .child(Router.class, new RouterKey(new ObjectName("r1"))).build();
        final var forged = new OwnerCalls(mdsal.getBindingRpcProviderRegistry(), mdsal.getBindingRpcService(),
            mdsal.getCodec().currentSerializer(), SecretKeys.generate().digest(), "client", timer,
            Duration.ofMillis(600));
        // a genuine member's encoding of the input, so that only the stamp differs
        final byte[] input = new byte[] {1, 2, 3};
        for (String stamp : new String[] {null, "0".repeat(64), "not hex at all"}) {
            final RpcResult<CallOwnerOutput> refused = get(mdsal.getBindingRpcService().getRpc(CallOwner.class)
                .invoke(new CallOwnerInputBuilder().setRouter(path).setOperation("check-sync").setInput(input)
                    .setStamp(stamp).build()));
            assertThat(refused.isSuccessful()).as("stamp " + stamp).isFalse();
            assertThat(refused.getErrors()).singleElement().satisfies(error -> {
                assertThat(error.getTag()).isEqualTo(ErrorTag.ACCESS_DENIED);
                assertThat(error.getMessage()).isEqualTo(OwnerCalls.REFUSED);
            });
        }
        // a caller with another key (a member of another deployment, a client that made up a key) is refused too
        forged.serve(Map.of("check-sync", served(CheckSync.QNAME, ignored -> {
            throw new AssertionError("the forging side never serves");
        })));
        final RpcResult<CheckSyncOutput> other = get(forged.forward("r1", "check-sync", checkSync("r1")));
        assertThat(other.isSuccessful()).isFalse();
        assertThat(other.getErrors()).singleElement().satisfies(error ->
            assertThat(error.getMessage()).contains(OwnerCalls.REFUSED));
        assertThat(served).as("nothing ran on the owner").isEmpty();
        // the members' own call still goes through
        assertThat(get(two.<CheckSyncOutput>forward("r1", "check-sync", checkSync("r1"))).getResult().getServedBy())
            .isEqualTo("member-1");
    }
}

/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.mdsal;

import static java.util.Objects.requireNonNull;

import com.google.common.io.ByteStreams;
import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import com.google.common.util.concurrent.SettableFuture;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.opendaylight.mdsal.binding.api.RpcProviderService;
import org.opendaylight.mdsal.binding.api.RpcService;
import org.opendaylight.mdsal.dom.api.DOMRpcImplementationNotAvailableException;
import org.opendaylight.openbsdpbr.impl.controller.Ownership;
import org.opendaylight.openbsdpbr.impl.secret.KeyedDigest;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.CallOwner;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.CallOwnerInput;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.CallOwnerInputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.CallOwnerOutput;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.CallOwnerOutputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.Routers;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.routers.Router;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.routers.RouterKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.types.rev261124.ObjectName;
import org.opendaylight.yangtools.binding.DataObjectIdentifier;
import org.opendaylight.yangtools.binding.RpcInput;
import org.opendaylight.yangtools.binding.RpcOutput;
import org.opendaylight.yangtools.binding.data.codec.api.BindingNormalizedNodeSerializer;
import org.opendaylight.yangtools.concepts.Registration;
import org.opendaylight.yangtools.yang.common.ErrorTag;
import org.opendaylight.yangtools.yang.common.ErrorType;
import org.opendaylight.yangtools.yang.common.QName;
import org.opendaylight.yangtools.yang.common.RpcError;
import org.opendaylight.yangtools.yang.common.RpcResult;
import org.opendaylight.yangtools.yang.common.RpcResultBuilder;
import org.opendaylight.yangtools.yang.common.YangConstants;
import org.opendaylight.yangtools.yang.data.api.schema.ContainerNode;
import org.opendaylight.yangtools.yang.data.codec.binfmt.NormalizedNodeDataInput;
import org.opendaylight.yangtools.yang.data.codec.binfmt.NormalizedNodeStreamVersion;
import org.opendaylight.yangtools.yang.model.api.stmt.SchemaNodeIdentifier.Absolute;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Any member answers for any router. A router RPC (render, sync, confirm-commit, rollback, check-sync) that arrives on
 * a member that does not manage the router is forwarded to the member that does, through the routed RPC
 * {@code call-owner}: the managing member registers its implementation for the router's path (the RPC's
 * {@code context-reference}) exactly while it manages the router, and ODL's remote RPC connector
 * (sal-remoterpc-connector: its {@code OpsListener} hears the registration from the local RPC router, its
 * {@code RpcRegistry} gossips it, the other members' {@code OpsRegistrar} register a remote implementation for that
 * path) delivers a call made anywhere else to it. The RPC's input and output travel as yangtools' binary stream of
 * normalized nodes, the encoding the datastore replicates with, so one RPC carries every router RPC, present and
 * future, and the reply is the owner's own ({@code served-by} and refusals included).
 *
 * <p>Why a routed RPC and not an action on the router's list entry: ODL's connector announces only RPCs. Its
 * {@code OpsManager} registers {@code OpsListener} with the RPC service only; the listener's action half is never
 * registered with {@code DOMActionAvailabilityExtension}, so an action registered on one member never reaches the
 * others (an earlier attempt with a {@code call-owner} action failed exactly so: "No implementation of Action ...
 * available" on every other member). Routed RPCs are the mechanism ODL's own plugins use per device.
 *
 * <p>Why not a datastore mailbox: the RPC path costs no Raft write and no garbage collection, and the owner's
 * registration is closed the moment it loses the router, so a call never reaches a member that no longer manages it.
 * Right after a handover the new owner's registration takes a gossip round (about a second) to reach the others: a
 * call that finds no owner is tried again for up to {@link #WAIT}, then refused as {@code resource-denied}, naming the
 * router.
 *
 * <p>Why every call carries a stamp: {@code call-owner} is in the module's YANG (a routed RPC has to be), so RESTCONF
 * offers it to every authenticated client, and the owner decodes whatever binary input it is handed. A member stamps
 * each call it forwards with an HMAC of router, operation and input under the deployment's digest key
 * ({@link KeyedDigest}: the key file every member shares, which no client reads), and the owner runs only calls whose
 * stamp it can make itself: a client's call is refused {@code access-denied} before its input is decoded. A stamp is
 * never shown to a client (it travels between members only), so none can be replayed from a reply; a client that could
 * read the key file would own the controller anyway. The same approach as rollout-keep's {@code KeepStamps}.
 */
final class OwnerCalls {
    /** How long a forwarded call waits for a member to manage the router (a handover, a failover under way). */
    static final Duration WAIT = Duration.ofSeconds(15);
    private static final Duration RETRY = Duration.ofMillis(250);
    /** What a call without a valid stamp is told. */
    static final String REFUSED = "call-owner is internal to the cluster (each call carries a stamp made with the "
        + "deployment's key): call the router RPC itself (render, sync, confirm-commit, rollback, check-sync) on any "
        + "member";
    private static final Logger LOG = LoggerFactory.getLogger(OwnerCalls.class);

    /** The RPCs a member serves for the routers it manages, by name: each runs locally, never forwards again. */
    interface Served {
        /** The RPC's QName (for decoding its input and output). */
        QName rpc();

        /** Runs the RPC here. */
        ListenableFuture<? extends RpcResult<? extends RpcOutput>> run(RpcInput input);
    }

    private final RpcProviderService provider;
    private final RpcService rpcs;
    private final BindingNormalizedNodeSerializer codec;
    private final KeyedDigest digest;
    private final String member;
    private final ScheduledExecutorService timer;
    private final Duration wait;
    private volatile Map<String, Served> served = Map.of();

    OwnerCalls(final RpcProviderService provider, final RpcService rpcs,
            final BindingNormalizedNodeSerializer codec, final KeyedDigest digest, final String member,
            final ScheduledExecutorService timer) {
        this(provider, rpcs, codec, digest, member, timer, WAIT);
    }

    /**
     * Forwarding for one member.
     *
     * @param provider registers call-owner for the routers this member manages
     * @param rpcs invokes call-owner, routed by ODL to the member that registered the router's path
     * @param codec encodes the router RPCs' inputs and outputs
     * @param digest the deployment's digest key, which stamps the calls this member forwards and checks those it serves
     * @param member this member's name, the outputs' {@code served-by}
     * @param timer runs the retries
     * @param wait how long a call waits for a member to register the router's path
     */
    OwnerCalls(final RpcProviderService provider, final RpcService rpcs, final BindingNormalizedNodeSerializer codec,
            final KeyedDigest digest, final String member, final ScheduledExecutorService timer, final Duration wait) {
        this.digest = requireNonNull(digest);
        this.wait = requireNonNull(wait);
        this.provider = requireNonNull(provider);
        this.rpcs = requireNonNull(rpcs);
        this.codec = requireNonNull(codec);
        this.member = requireNonNull(member);
        this.timer = requireNonNull(timer);
    }

    /** Adds RPCs this member serves (once each, by the RPCs themselves: the router RPCs, the rollout's steps). */
    synchronized void serve(final Map<String, Served> operations) {
        final var all = new java.util.HashMap<>(served);
        all.putAll(operations);
        served = Map.copyOf(all);
    }

    /** Wraps ownership so that this member serves a router's calls exactly while it manages the router. */
    Ownership serving(final Ownership delegate) {
        return (router, owner) -> delegate.register(router, new Ownership.Owner() {
            private Registration registration;

            @Override
            public void gained() {
                // the reconciler first: a forwarded call that arrives once the path is registered finds it managing
                owner.gained();
                synchronized (this) {
                    if (registration == null) {
                        registration = provider.registerRpcImplementation((CallOwner) input -> answer(router,
                            input), Set.of(path(router)));
                    }
                }
            }

            @Override
            public void lost() {
                // the path first: no call is routed here once the reconciler no longer manages the router
                synchronized (this) {
                    if (registration != null) {
                        registration.close();
                        registration = null;
                    }
                }
                owner.lost();
            }

            @Override
            public java.util.concurrent.CompletionStage<Void> idle() {
                return owner.idle();
            }
        });
    }

    /**
     * Forwards an RPC to the member that manages the router and answers with its reply.
     *
     * @param router the router's name
     * @param operation the RPC's name (a key of {@link #serve(Map)})
     * @param input the RPC's input
     * @return the owner's reply: its output, or its error
     */
    <O extends RpcOutput> ListenableFuture<RpcResult<O>> forward(final String router, final String operation,
            final RpcInput input) {
        final Served rpc = served.get(operation);
        final CallOwnerInput call;
        try {
            final byte[] encoded = encode(codec.toNormalizedNodeRpcData(input));
            call = new CallOwnerInputBuilder().setRouter(path(router)).setOperation(operation).setInput(encoded)
                .setStamp(stamp(router, operation, encoded)).build();
        } catch (IOException e) {
            return failed(ErrorTag.OPERATION_FAILED, "internal: " + operation + " input not encoded: "
                + e.getMessage());
        }
        final SettableFuture<RpcResult<O>> answer = SettableFuture.create();
        attempt(router, rpc, call, answer, Instant.now().plus(wait));
        return answer;
    }

    private <O extends RpcOutput> void attempt(final String router, final Served rpc, final CallOwnerInput call,
            final SettableFuture<RpcResult<O>> answer, final Instant deadline) {
        final var reply = rpcs.getRpc(CallOwner.class).invoke(call);
        Futures.addCallback(reply, new FutureCallback<RpcResult<CallOwnerOutput>>() {
            @Override
            public void onSuccess(final RpcResult<CallOwnerOutput> result) {
                answer.set(decode(router, rpc, result));
            }

            @Override
            public void onFailure(final Throwable cause) {
                if (!noImplementation(cause)) {
                    // delivered, perhaps, but no reply (the cluster's RPC ask-duration ran out, the owner died): a
                    // retry could apply a sync twice, so the caller is told, and the router's status says the rest
                    LOG.debug("{}: {} forwarded, no reply", router, call.getOperation(), cause);
                    answer.set(RpcResultBuilder.<O>failed().withError(ErrorType.APPLICATION,
                        ErrorTag.OPERATION_FAILED, "forward: no reply from the member that manages router " + router
                        + " (" + cause.getMessage() + "); the call may still complete there: see the router's "
                        + "status").build());
                    return;
                }
                // no member registered the router's path yet (a handover or a failover under way): try again
                if (Instant.now().isBefore(deadline)) {
                    timer.schedule(() -> attempt(router, rpc, call, answer, deadline), RETRY.toMillis(),
                        TimeUnit.MILLISECONDS);
                    return;
                }
                LOG.debug("{}: no member answered {}", router, call.getOperation(), cause);
                answer.set(RpcResultBuilder.<O>failed().withError(ErrorType.APPLICATION, ErrorTag.RESOURCE_DENIED,
                    "no member manages router " + router + " now (a handover may be under way): try again").build());
            }
        }, MoreExecutors.directExecutor());
    }

    @SuppressWarnings("unchecked")
    private <O extends RpcOutput> RpcResult<O> decode(final String router, final Served rpc,
            final RpcResult<CallOwnerOutput> result) {
        final CallOwnerOutput output = result.getResult();
        if (!result.isSuccessful() || output == null) {
            final String message = result.getErrors().stream().map(RpcError::getMessage).findFirst()
                .orElse("the call failed");
            return RpcResultBuilder.<O>failed().withError(ErrorType.APPLICATION, ErrorTag.OPERATION_FAILED,
                "internal: " + router + ": " + message).build();
        }
        if (output.getErrorTag() != null) {
            return RpcResultBuilder.<O>failed().withError(ErrorType.APPLICATION, new ErrorTag(output.getErrorTag()),
                output.getErrorMessage()).build();
        }
        try {
            final ContainerNode node = (ContainerNode) NormalizedNodeDataInput.newDataInput(ByteStreams.newDataInput(
                output.getOutput())).readNormalizedNode();
            return RpcResultBuilder.success((O) codec.fromNormalizedNodeRpcData(Absolute.of(rpc.rpc(),
                YangConstants.operationOutputQName(rpc.rpc().getModule())), node)).build();
        } catch (IOException | ClassCastException e) {
            return RpcResultBuilder.<O>failed().withError(ErrorType.APPLICATION, ErrorTag.OPERATION_FAILED,
                "internal: " + router + ": the reply of " + output.getServedBy() + " not decoded: " + e.getMessage())
                .build();
        }
    }

    /** The owner's side: runs the call here and encodes its reply. */
    private ListenableFuture<RpcResult<CallOwnerOutput>> answer(final String router, final CallOwnerInput call) {
        final String stamp = call.getStamp();
        if (stamp == null || call.getOperation() == null || !MessageDigest.isEqual(
                stamp.getBytes(StandardCharsets.US_ASCII), stamp(router, call.getOperation(),
                    call.getInput() == null ? new byte[0] : call.getInput()).getBytes(StandardCharsets.US_ASCII))) {
            LOG.debug("{}: call-owner {} without a valid stamp refused", router, call.getOperation());
            return RpcResultBuilder.<CallOwnerOutput>failed().withError(ErrorType.APPLICATION, ErrorTag.ACCESS_DENIED,
                REFUSED).buildFuture();
        }
        final Served rpc = served.get(call.getOperation());
        if (rpc == null) {
            return reply(new CallOwnerOutputBuilder().setErrorTag(ErrorTag.INVALID_VALUE.elementBody())
                .setErrorMessage("call-owner: no router RPC named " + call.getOperation()).build());
        }
        final RpcInput input;
        try {
            final ContainerNode node = (ContainerNode) NormalizedNodeDataInput.newDataInput(ByteStreams.newDataInput(
                call.getInput())).readNormalizedNode();
            input = (RpcInput) codec.fromNormalizedNodeRpcData(Absolute.of(rpc.rpc(),
                YangConstants.operationInputQName(rpc.rpc().getModule())), node);
        } catch (IOException | ClassCastException | IllegalArgumentException e) {
            return reply(new CallOwnerOutputBuilder().setErrorTag(ErrorTag.INVALID_VALUE.elementBody())
                .setErrorMessage("call-owner: " + call.getOperation() + " input not decoded: " + e.getMessage())
                .build());
        }
        LOG.debug("{}: serving {} for another member", router, call.getOperation());
        return Futures.transform(rpc.run(input), result -> {
            final var builder = new CallOwnerOutputBuilder().setServedBy(member);
            if (!result.isSuccessful() || result.getResult() == null) {
                final RpcError error = result.getErrors().stream().findFirst().orElse(null);
                return RpcResultBuilder.success(builder
                    .setErrorTag((error == null ? ErrorTag.OPERATION_FAILED : error.getTag()).elementBody())
                    .setErrorMessage(error == null ? "failed" : error.getMessage()).build()).build();
            }
            try {
                return RpcResultBuilder.success(builder.setOutput(encode(codec.toNormalizedNodeRpcData(
                    result.getResult()))).build()).build();
            } catch (IOException e) {
                return RpcResultBuilder.success(builder.setErrorTag(ErrorTag.OPERATION_FAILED.elementBody())
                    .setErrorMessage("internal: output not encoded: " + e.getMessage()).build()).build();
            }
        }, MoreExecutors.directExecutor());
    }

    /** Whether a call failed because no member has the router's path registered (so it reached nobody). */
    static boolean noImplementation(final Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof DOMRpcImplementationNotAvailableException) {
                return true;
            }
        }
        return false;
    }

    private static ListenableFuture<RpcResult<CallOwnerOutput>> reply(final CallOwnerOutput output) {
        return RpcResultBuilder.success(output).buildFuture();
    }

    /**
     * The stamp of a call: the deployment's keyed digest over a label and the SHA-256 of router, operation and input
     * (each length-prefixed, so no two calls share the digest's input).
     */
    private String stamp(final String router, final String operation, final byte[] input) {
        final MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
        for (byte[] part : new byte[][] {router.getBytes(StandardCharsets.UTF_8),
                operation.getBytes(StandardCharsets.UTF_8), input}) {
            sha.update(ByteBuffer.allocate(Integer.BYTES).putInt(part.length).array());
            sha.update(part);
        }
        // the label keeps a call's stamp from ever equalling a revision or a rollout-keep stamp
        return digest.revision("call-owner stamp\0" + HexFormat.of().formatHex(sha.digest()));
    }

    private static byte[] encode(final ContainerNode node) throws IOException {
        final var bytes = ByteStreams.newDataOutput();
        try (var out = NormalizedNodeStreamVersion.current().newDataOutput(bytes)) {
            out.writeNormalizedNode(node);
        }
        return bytes.toByteArray();
    }

    private static DataObjectIdentifier.WithKey<Router, RouterKey> path(final String router) {
        return DataObjectIdentifier.builder(Routers.class).child(Router.class, new RouterKey(new ObjectName(router)))
            .build();
    }

    private static <T> ListenableFuture<RpcResult<T>> failed(final ErrorTag tag, final String message) {
        return RpcResultBuilder.<T>failed().withError(ErrorType.APPLICATION, tag, message).buildFuture();
    }
}

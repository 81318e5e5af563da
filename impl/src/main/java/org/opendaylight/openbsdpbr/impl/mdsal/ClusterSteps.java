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
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.opendaylight.openbsdpbr.api.intent.Profile;
import org.opendaylight.openbsdpbr.impl.controller.Fleet;
import org.opendaylight.openbsdpbr.impl.controller.FleetSteps;
import org.opendaylight.openbsdpbr.impl.controller.RouterReconciler;
import org.opendaylight.openbsdpbr.impl.controller.RouterSteps;
import org.opendaylight.openbsdpbr.impl.rollout.RouterResult.ProbeOutcome;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.RolloutPin;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.RolloutStep;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.RolloutStepInput;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.RolloutStepInputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.RolloutStepOutput;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.RolloutStepOutputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.rollout.step.input.Release;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.rollout.step.input.ReleaseBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.rollout.step.input.WithdrawBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.types.rev261124.ObjectName;
import org.opendaylight.yangtools.binding.RpcInput;
import org.opendaylight.yangtools.binding.RpcOutput;
import org.opendaylight.yangtools.yang.common.Empty;
import org.opendaylight.yangtools.yang.common.ErrorTag;
import org.opendaylight.yangtools.yang.common.ErrorType;
import org.opendaylight.yangtools.yang.common.QName;
import org.opendaylight.yangtools.yang.common.RpcError;
import org.opendaylight.yangtools.yang.common.RpcResult;
import org.opendaylight.yangtools.yang.common.RpcResultBuilder;
import org.opendaylight.yangtools.yang.common.Uint32;
import org.opendaylight.yangtools.yang.common.Uint8;

/**
 * A rollout reaches every router, wherever it is managed: a step on a router this member manages runs here
 * ({@link FleetSteps}), a step on a router another member manages is carried to that member by the cluster's
 * forwarding ({@link OwnerCalls}, operation {@value #OPERATION}), whose {@link FleetSteps} runs it through the router's
 * reconciler (one commit path, whichever member runs the rollout). The internal RPC {@code rollout-step} only describes
 * the call's input and output: no member registers it northbound, so a RESTCONF client cannot pin a router.
 *
 * <p>The pins travel with the step: the managing member is told the content (its revision in {@code rollout-keep} and
 * the document itself, so that it need not wait for the keep to replicate) and pins the router there, where its
 * commits compile and where its pins are written ({@link Fleet#pin}: only the managing member writes a router's pin,
 * the others follow it). A router's own intent is never sent (it holds secrets): the managing member takes the intent
 * configured there, which is the one the rollout carries unless it was edited meanwhile, which halts the rollout.
 *
 * <p>A wave cannot be applied twice through this path: an apply is sent once per router (the rollout's state marks the
 * router applying, persisted, before the step is sent), and a delivered call that gets no answer is never sent again
 * ({@link OwnerCalls}): the apply counts as failed, and an engine that takes the rollout over verifies the router by
 * reading it back ({@link Step.Verify}), which commits nothing; a verify that cannot be delivered counts the router
 * failed rather than risk a second commit.
 */
final class ClusterSteps implements RouterSteps {
    /** The forwarded operation's name. */
    static final String OPERATION = "rollout-step";

    private final Fleet fleet;
    private final FleetSteps local;
    private final OwnerCalls calls;
    private final StagedPinStore contents;
    private final String member;

    /**
     * The steps of one member; serves the steps other members send for the routers it manages.
     *
     * @param fleet this member's routers
     * @param calls the forwarding to the member that manages a router
     * @param contents the staged profiles' contents by revision (rollout-keep)
     * @param member this member's name, the output's {@code served-by}
     */
    ClusterSteps(final Fleet fleet, final OwnerCalls calls, final StagedPinStore contents, final String member) {
        this.fleet = requireNonNull(fleet);
        local = new FleetSteps(fleet);
        this.calls = requireNonNull(calls);
        this.contents = requireNonNull(contents);
        this.member = requireNonNull(member);
        calls.serve(Map.of(OPERATION, new OwnerCalls.Served() {
            @Override
            public QName rpc() {
                return RolloutStep.QNAME;
            }

            @Override
            public ListenableFuture<? extends RpcResult<? extends RpcOutput>> run(final RpcInput input) {
                return input instanceof RolloutStepInput step ? serve(step)
                    : RpcResultBuilder.<RolloutStepOutput>failed().withError(ErrorType.APPLICATION,
                        ErrorTag.INVALID_VALUE, "rollout-step: not its input: " + input).buildFuture();
            }
        }));
    }

    @Override
    public CompletionStage<Result> run(final Step step) {
        if (managedHere(step.router()) || fleet.router(step.router()).isEmpty()) {
            return local.run(step);
        }
        final RolloutStepInput input;
        try {
            input = input(step);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(new Result.Failed("forward", e.getMessage()));
        }
        final CompletableFuture<Result> result = new CompletableFuture<>();
        Futures.addCallback(calls.<RolloutStepOutput>forward(step.router(), OPERATION, input),
            new FutureCallback<RpcResult<RolloutStepOutput>>() {
                @Override
                public void onSuccess(final RpcResult<RolloutStepOutput> reply) {
                    result.complete(reply.isSuccessful() && reply.getResult() != null ? result(reply.getResult())
                        : undelivered(step, reply.getErrors().stream().map(RpcError::getMessage).findFirst()
                            .orElse("no answer")));
                }

                @Override
                public void onFailure(final Throwable cause) {
                    result.complete(undelivered(step, String.valueOf(cause.getMessage())));
                }
            }, MoreExecutors.directExecutor());
        return result;
    }

    private boolean managedHere(final String router) {
        return fleet.router(router).filter(RouterReconciler::isManagedHere).isPresent();
    }

    /**
     * A step whose call failed or got no answer: a gate fails; a reach question counts the router reachable (its
     * manager could not be asked, which says nothing about the router: a loaded member may answer late; its apply
     * decides, and fails at {@code forward} if the manager is gone); anything else fails with the step
     * {@code forward}.
     */
    private static Result undelivered(final Step step, final String why) {
        final String message = "router " + step.router() + ": " + why;
        return switch (step) {
            case Step.Gate gate -> new Result.Gated(Optional.of("forward: " + message), List.of());
            case Step.Reach reach -> new Result.Reached(true);
            default -> new Result.Failed("forward", message);
        };
    }

    // --- the caller's side ----------------------------------------------------------------------------------------

    private RolloutStepInput input(final Step step) {
        final var input = new RolloutStepInputBuilder().setRouter(new ObjectName(step.router()));
        switch (step) {
            case Step.Apply apply -> input.setStep(RolloutStepInput.Step.Apply).setRelease(pin(apply.release()))
                .setWithdraw(new WithdrawBuilder(pin(apply.withdraw())).build());
            case Step.Verify verify -> input.setStep(RolloutStepInput.Step.Verify).setRelease(pin(verify.release()))
                .setWithdraw(new WithdrawBuilder(pin(verify.withdraw())).build());
            case Step.Gate gate -> input.setStep(RolloutStepInput.Step.Gate).setProbe(gate.probes().stream()
                .map(probe -> new org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.rollout.step
                    .input.ProbeBuilder().setName(probe.name()).setRdomain(Uint8.valueOf(probe.rdomain()))
                    .setCount(Uint8.valueOf(probe.count())).setAddress(probe.address()).build()).toList());
            case Step.Revert revert -> input.setStep(RolloutStepInput.Step.Revert)
                .setWithdraw(new WithdrawBuilder(pin(revert.withdraw())).build());
            case Step.Reach reach -> input.setStep(RolloutStepInput.Step.Reach);
        }
        return input.build();
    }

    /** A pin as the managing member is told it: the content by revision, with its document. */
    private Release pin(final Pin pin) {
        final var out = new ReleaseBuilder();
        switch (pin) {
            case Pin.ProfilePin profile -> {
                out.setProfile(profile.profile());
                if (profile.content().isEmpty()) {
                    out.setHeld(Empty.value());
                } else {
                    final String revision = contents.revision(profile.content().orElseThrow());
                    out.setRevision(revision).setDocument(contents.document(revision).orElseThrow(() ->
                        new IllegalArgumentException("profile " + profile.profile() + ": content " + revision
                            + " is not kept")).getDocument());
                }
            }
            case Pin.IntentPin own -> {
                if (own.intent().isEmpty()) {
                    out.setHeld(Empty.value());
                }
            }
        }
        return out.build();
    }

    private static Result result(final RolloutStepOutput output) {
        final OptionalInt generation = output.getGeneration() == null ? OptionalInt.empty()
            : OptionalInt.of(output.getGeneration().intValue());
        final RolloutStepOutput.Result kind = output.getResult() == null ? RolloutStepOutput.Result.Failed
            : output.getResult();
        return switch (kind) {
            case Applied -> new Result.Applied(generation);
            case Verified -> new Result.Verified(Boolean.TRUE.equals(output.getTook()), generation);
            case Gated -> new Result.Gated(Optional.ofNullable(output.getFailureMessage()), output.nonnullProbe()
                .stream().map(probe -> new ProbeOutcome(probe.getName(), probe.getSent() == null ? 0
                    : probe.getSent().intValue(), probe.getReceived() == null ? 0 : probe.getReceived().intValue()))
                .toList());
            case RolledBack -> generation.isPresent() ? new Result.RolledBack(generation.getAsInt())
                : new Result.Failed("rollback", "no generation in the answer of " + output.getServedBy());
            case Reachable -> new Result.Reached(true);
            case Unreachable -> new Result.Reached(false);
            case Failed -> new Result.Failed(output.getFailureStep() == null ? "commit" : output.getFailureStep(),
                output.getFailureMessage() == null ? "failed on " + output.getServedBy()
                    : output.getFailureMessage());
        };
    }

    // --- the managing member's side ------------------------------------------------------------------------------

    /** Runs a step another member sent for a router managed here, and answers with its result. */
    private ListenableFuture<RpcResult<RolloutStepOutput>> serve(final RolloutStepInput input) {
        final String router = input.getRouter() == null ? "" : input.getRouter().getValue();
        final Step step;
        try {
            step = step(router, input);
        } catch (IllegalArgumentException | IOException e) {
            return RpcResultBuilder.<RolloutStepOutput>failed().withError(ErrorType.APPLICATION,
                ErrorTag.INVALID_VALUE, "rollout-step: router " + router + ": " + e.getMessage()).buildFuture();
        }
        final SettableFuture<RpcResult<RolloutStepOutput>> answer = SettableFuture.create();
        local.run(step).whenComplete((result, error) -> answer.set(RpcResultBuilder.success(output(result != null
            ? result : new Result.Failed("commit", "internal: " + error))).build()));
        return answer;
    }

    private Step step(final String router, final RolloutStepInput input) throws IOException {
        if (input.getStep() == null) {
            throw new IllegalArgumentException("no step");
        }
        return switch (input.getStep()) {
            case Apply -> new Step.Apply(router, told(router, input.getRelease()), told(router, input.getWithdraw()));
            case Verify -> new Step.Verify(router, told(router, input.getRelease()), told(router,
                input.getWithdraw()));
            case Gate -> {
                final List<org.opendaylight.openbsdpbr.api.device.Probe> probes = new ArrayList<>();
                for (var probe : input.nonnullProbe()) {
                    probes.add(new org.opendaylight.openbsdpbr.api.device.Probe(probe.getName(),
                        probe.getRdomain() == null ? 0 : probe.getRdomain().intValue(),
                        probe.getCount() == null ? 3 : probe.getCount().intValue(), probe.getAddress()));
                }
                yield new Step.Gate(router, probes);
            }
            case Revert -> new Step.Revert(router, told(router, input.getWithdraw()));
            case Reach -> new Step.Reach(router);
        };
    }

    /** A pin as told: a kept content (read here, or from the document sent), held, or the configured intent. */
    private Pin told(final String router, final RolloutPin pin) throws IOException {
        if (pin == null) {
            throw new IllegalArgumentException("no pin");
        }
        final boolean held = pin.getHeld() != null;
        if (pin.getProfile() == null) {
            return new Pin.IntentPin(held ? Optional.empty() : fleet.router(router).flatMap(reconciler ->
                reconciler.spec().intent()));
        }
        if (held) {
            return new Pin.ProfilePin(pin.getProfile(), Optional.empty());
        }
        if (pin.getRevision() == null) {
            throw new IllegalArgumentException("profile " + pin.getProfile() + ": neither held nor a revision");
        }
        final Optional<Profile> kept = contents.content(pin.getRevision());
        if (kept.isPresent()) {
            return new Pin.ProfilePin(pin.getProfile(), kept);
        }
        if (pin.getDocument() == null) {
            throw new IllegalArgumentException("profile " + pin.getProfile() + ": content " + pin.getRevision()
                + " is not kept here and was not sent");
        }
        return new Pin.ProfilePin(pin.getProfile(), Optional.of(contents.parse(pin.getDocument())));
    }

    private RolloutStepOutput output(final Result result) {
        final var output = new RolloutStepOutputBuilder().setServedBy(member);
        switch (result) {
            case Result.Applied applied -> output.setResult(RolloutStepOutput.Result.Applied)
                .setGeneration(generation(applied.generation()));
            case Result.Verified verified -> output.setResult(RolloutStepOutput.Result.Verified)
                .setTook(verified.took()).setGeneration(generation(verified.generation()));
            case Result.Gated gated -> output.setResult(RolloutStepOutput.Result.Gated)
                .setFailureMessage(gated.failure().orElse(null)).setProbe(gated.probes().stream()
                    .map(probe -> new org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.rollout
                        .step.output.ProbeBuilder().setName(probe.name()).setSent(Uint8.valueOf(probe.sent()))
                        .setReceived(Uint8.valueOf(probe.received())).build()).toList());
            case Result.RolledBack back -> output.setResult(RolloutStepOutput.Result.RolledBack)
                .setGeneration(Uint32.valueOf(back.generation()));
            case Result.Failed failed -> output.setResult(RolloutStepOutput.Result.Failed)
                .setFailureStep(failed.step()).setFailureMessage(failed.message());
            case Result.Reached reached -> output.setResult(reached.reachable()
                ? RolloutStepOutput.Result.Reachable : RolloutStepOutput.Result.Unreachable);
        }
        return output.build();
    }

    private static Uint32 generation(final OptionalInt generation) {
        return generation.isPresent() ? Uint32.valueOf(generation.getAsInt()) : null;
    }
}

/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.mdsal;

import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.SettableFuture;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.opendaylight.openbsdpbr.api.device.Candidate;
import org.opendaylight.openbsdpbr.api.device.CommitRequest;
import org.opendaylight.openbsdpbr.api.device.DeviceConnector;
import org.opendaylight.openbsdpbr.api.device.DeviceException;
import org.opendaylight.openbsdpbr.api.device.DeviceTarget;
import org.opendaylight.openbsdpbr.api.files.FileSet;
import org.opendaylight.openbsdpbr.api.files.ManagedFile;
import org.opendaylight.openbsdpbr.impl.compile.Compiled;
import org.opendaylight.openbsdpbr.impl.controller.Fleet;
import org.opendaylight.openbsdpbr.impl.controller.RouterReconciler;
import org.opendaylight.openbsdpbr.impl.device.DevicePush;
import org.opendaylight.openbsdpbr.impl.device.PushOptions;
import org.opendaylight.openbsdpbr.impl.device.PushResult;
import org.opendaylight.openbsdpbr.impl.mape.CeLayout;
import org.opendaylight.openbsdpbr.impl.mape.MapECalculator;
import org.opendaylight.openbsdpbr.impl.mape.MapEException;
import org.opendaylight.openbsdpbr.impl.mape.MapEParameters;
import org.opendaylight.openbsdpbr.impl.render.ApplyPlanner;
import org.opendaylight.openbsdpbr.impl.render.Lint;
import org.opendaylight.openbsdpbr.impl.render.UnifiedDiff;
import org.opendaylight.openbsdpbr.impl.secret.KeyedDigest;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.Ipv4AddressNoZone;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.Ipv6AddressNoZone;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.PortNumber;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.CheckSync;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.CheckSyncOutput;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.CheckSyncOutputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.ComputeMapE;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.ComputeMapEInput;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.ComputeMapEOutput;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.ComputeMapEOutputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.ConfirmCommit;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.ConfirmCommitOutput;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.ConfirmCommitOutputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.Render;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.RenderOutput;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.RenderOutputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.Rollback;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.RollbackOutput;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.RollbackOutputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.RouterRef;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.Sync;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.SyncOutput;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.SyncOutputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.SyncStatus;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.compute.map.e.output.PortRangeBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.render.output.FileBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.render.output.LintBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.types.rev261124.Sha256Hex;
import org.opendaylight.yangtools.binding.Rpc;
import org.opendaylight.yangtools.binding.util.BindingMap;
import org.opendaylight.yangtools.yang.common.ErrorTag;
import org.opendaylight.yangtools.yang.common.ErrorType;
import org.opendaylight.yangtools.yang.common.RpcResult;
import org.opendaylight.yangtools.yang.common.RpcResultBuilder;
import org.opendaylight.yangtools.yang.common.Uint16;
import org.opendaylight.yangtools.yang.common.Uint32;
import org.opendaylight.yangtools.yang.common.Uint8;

/**
 * The RPCs of the openbsd-pbr module. Failures are RFC 8040 errors whose message starts with the failing step.
 * Outputs never carry a secret: file contents and diffs mask them.
 */
final class PbrRpcs {
    private final Fleet fleet;
    private final DevicePush push;
    private final DeviceConnector connector;
    private final Duration confirmTimeout;
    private final KeyedDigest revisions;

    /**
     * The RPCs.
     *
     * @param revisions keys the revisions shown (an unkeyed one covers the PPPoE secret)
     */
    PbrRpcs(final Fleet fleet, final DevicePush push, final DeviceConnector connector, final Duration confirmTimeout,
            final KeyedDigest revisions) {
        this.fleet = fleet;
        this.push = push;
        this.connector = connector;
        this.confirmTimeout = confirmTimeout;
        this.revisions = revisions;
    }

    List<Rpc<?, ?>> implementations() {
        return List.of((Render) input -> render(input), (Sync) input -> sync(input),
            (ConfirmCommit) input -> confirm(input), (Rollback) input -> rollback(input),
            (CheckSync) input -> checkSync(input), (ComputeMapE) input -> computeMapE(input));
    }

    private ListenableFuture<RpcResult<RenderOutput>> render(final RouterRef input) {
        final RouterReconciler router = router(input);
        if (router == null) {
            return unknownRouter(input);
        }
        return switch (router.compiled()) {
            case Compiled.Invalid invalid -> failed((invalid.stage() == Compiled.Stage.RENDER ? "render: "
                : "validate-intent: ") + invalid.message(), ErrorTag.INVALID_VALUE);
            case Compiled.Ready rendered -> {
                final FileSet files = rendered.files();
                final FileSet applied = router.applied().orElse(FileSet.empty());
                final var fileMap = BindingMap.<org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124
                    .render.output.FileKey, org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124
                    .render.output.File>orderedBuilder();
                for (ManagedFile file : files.files().values()) {
                    // no hash of a file that holds a secret: a guessed secret could be tested against it
                    fileMap.add(new FileBuilder().setPath(file.path()).setOwner(file.owner()).setGroup(file.group())
                        .setMode(file.modeString()).setSha256(file.secret() ? null : new Sha256Hex(file.sha256()))
                        .setContent(UnifiedDiff.shown(file)).build());
                }
                final var lints = BindingMap.<org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124
                    .render.output.LintKey, org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124
                    .render.output.Lint>orderedBuilder();
                for (Lint lint : rendered.lints()) {
                    lints.add(new LintBuilder().setPath(lint.path()).setCode(lint.code())
                        .setSeverity(lint.severity().name().toLowerCase(Locale.ROOT)).setMessage(lint.message())
                        .build());
                }
                yield RpcResultBuilder.success(new RenderOutputBuilder()
                    .setRevision(shown(rendered.revision()))
                    .setFile(fileMap.build())
                    .setLint(lints.build())
                    .setDiff(UnifiedDiff.diff(applied, files))
                    .setPlan(ApplyPlanner.plan(applied, files).commands())
                    .build()).buildFuture();
            }
        };
    }

    private ListenableFuture<RpcResult<SyncOutput>> sync(
            final org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.SyncInput input) {
        return withTarget(input, (router, target) -> sync(input, router, target));
    }

    private ListenableFuture<RpcResult<SyncOutput>> sync(
            final org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.SyncInput input,
            final RouterReconciler router, final DeviceTarget target) {
        if (!router.spec().hasIntent()) {
            return failed("validate-intent: router " + router.name() + " has no intent (it is only observed): "
                + "nothing to push", ErrorTag.OPERATION_FAILED);
        }
        if (!(router.compiled() instanceof Compiled.Ready rendered)) {
            return failed("validate-intent: the router's intent cannot be rendered; see its status",
                ErrorTag.INVALID_VALUE);
        }
        final Duration timeout = input.getConfirmTimeout() == null ? router.spec().confirmTimeout()
            : Duration.ofSeconds(input.getConfirmTimeout().toJava());
        final boolean manual = Boolean.TRUE.equals(input.getConfirmManually());
        final PushOptions options = PushOptions.defaults().withConfirm(timeout);
        if (manual) {
            return commitForManualConfirm(router, target, rendered, timeout);
        }
        return translate(push.push(rendered.files(), target, options), pushed -> {
            if (!manual) {
                router.checkSync();
            }
            return new SyncOutputBuilder().setRevision(shown(rendered.revision()))
                .setGeneration(pushed.generation().isPresent() ? Uint32.valueOf(pushed.generation().getAsInt()) : null)
                .setSyncStatus(manual ? SyncStatus.AwaitingConfirm : SyncStatus.InSync).build();
        });
    }

    /**
     * A confirmed commit left waiting for the operator's confirm-commit: the router reverts by itself at the deadline
     * unless confirmed. The plans are computed from the files the controller knows the router runs.
     */
    private ListenableFuture<RpcResult<SyncOutput>> commitForManualConfirm(final RouterReconciler router,
            final DeviceTarget target, final Compiled.Ready rendered, final Duration timeout) {
        final FileSet applied = router.applied().orElse(null);
        if (applied == null) {
            return failed("read-back: the files the router runs are not known yet; run check-sync first",
                ErrorTag.OPERATION_FAILED);
        }
        final FileSet files = rendered.files();
        final var candidate = new Candidate(files, ApplyPlanner.plan(applied, files),
            ApplyPlanner.plan(files, applied));
        router.holdForRollback();
        final SettableFuture<RpcResult<SyncOutput>> future = SettableFuture.create();
        connector.open(target).thenCompose(session -> session.lock()
            .thenCompose(locked -> session.editCandidate(candidate))
            .thenCompose(staged -> session.validate())
            .thenCompose(valid -> session.commit(CommitRequest.confirmed(timeout)))
            .thenCompose(committed -> session.unlock().thenApply(unlocked -> committed))
            .whenComplete((committed, failure) -> {
                if (failure != null) {
                    session.unlock();
                }
                session.close();
            }))
            .whenComplete((committed, failure) -> {
                if (failure != null) {
                    future.set(error(failure));
                    return;
                }
                router.checkSync();
                future.set(RpcResultBuilder.success(new SyncOutputBuilder()
                    .setRevision(shown(rendered.revision()))
                    .setGeneration(Uint32.valueOf(committed.generation()))
                    .setSyncStatus(SyncStatus.AwaitingConfirm).build()).build());
            });
        return future;
    }

    private ListenableFuture<RpcResult<ConfirmCommitOutput>> confirm(final RouterRef input) {
        return withTarget(input, (router, target) -> translate(push.confirm(target, 0), pushed -> {
            router.checkSync();
            return new ConfirmCommitOutputBuilder().setGeneration(pushed.generation().isPresent()
                ? Uint32.valueOf(pushed.generation().getAsInt()) : null).build();
        }));
    }

    private ListenableFuture<RpcResult<RollbackOutput>> rollback(
            final org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.RollbackInput input) {
        return withTarget(input, (router, target) -> rollback(input, router, target));
    }

    private ListenableFuture<RpcResult<RollbackOutput>> rollback(
            final org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.RollbackInput input,
            final RouterReconciler router, final DeviceTarget target) {
        // no generation given: the one before the generation the router runs
        final var applied = router.status().appliedGeneration();
        final int generation = input.getGeneration() != null ? input.getGeneration().intValue()
            : applied.isPresent() && applied.getAsInt() > 0 ? applied.getAsInt() - 1 : -1;
        if (generation < 0) {
            return failed("read-back: the router's generation is not known yet; name one or run check-sync",
                ErrorTag.OPERATION_FAILED);
        }
        router.holdForRollback();
        return translate(push.rollback(target, generation, PushOptions.defaults().withConfirm(confirmTimeout)),
            pushed -> {
                router.checkSync();
                return new RollbackOutputBuilder().setGeneration(pushed.generation().isPresent()
                    ? Uint32.valueOf(pushed.generation().getAsInt()) : null).build();
            });
    }

    private ListenableFuture<RpcResult<CheckSyncOutput>> checkSync(final RouterRef input) {
        return withTarget(input, this::checkSync);
    }

    private ListenableFuture<RpcResult<CheckSyncOutput>> checkSync(final RouterReconciler router,
            final DeviceTarget target) {
        final FileSet expected = router.applied().orElse(null);
        final SettableFuture<RpcResult<CheckSyncOutput>> future = SettableFuture.create();
        push.readConfig(target).whenComplete((running, failure) -> {
            if (failure != null) {
                future.set(error(failure));
                return;
            }
            router.checkSync();
            final FileSet against = expected != null ? expected
                : router.compiled() instanceof Compiled.Ready rendered ? rendered.files() : FileSet.empty();
            final var drifted = running.differencesFrom(against);
            future.set(RpcResultBuilder.success(new CheckSyncOutputBuilder().setInSync(drifted.isEmpty())
                .setDriftedFile(drifted.isEmpty() ? null : new HashSet<>(drifted)).build()).build());
        });
        return future;
    }

    private static ListenableFuture<RpcResult<ComputeMapEOutput>> computeMapE(final ComputeMapEInput input) {
        try {
            final var result = MapECalculator.compute(new MapEParameters(
                input.getDelegatedPrefix().getValue(), input.getRuleIpv6Prefix().getValue(),
                input.getRuleIpv4Prefix().getValue(), input.getEaBitsLength().toJava(),
                input.getPsidOffset() == null ? 6 : input.getPsidOffset().toJava(),
                input.getCeLayout() == ComputeMapEInput.CeLayout.Draft03 ? CeLayout.DRAFT03 : CeLayout.RFC7597));
            // ordered-by user: the ranges ascend as the calculator lists them
            final var ranges = result.portRanges().stream()
                .map(range -> new PortRangeBuilder().setStart(new PortNumber(Uint16.valueOf(range.start())))
                    .setEnd(new PortNumber(Uint16.valueOf(range.end()))).build())
                .toList();
            return RpcResultBuilder.success(new ComputeMapEOutputBuilder()
                .setIpv4Address(new Ipv4AddressNoZone(result.ipv4String()))
                .setCeIpv6Address(new Ipv6AddressNoZone(result.ceAddressString()))
                .setPsid(Uint16.valueOf(result.psid())).setPsidLength(Uint8.valueOf(result.psidLength()))
                .setPortRange(ranges).build()).buildFuture();
        } catch (MapEException e) {
            return failed(e.getMessage(), ErrorTag.INVALID_VALUE);
        }
    }

    /**
     * Runs an RPC that talks to the router: only on the cluster member that manages it (two members must never work
     * on one router), and only with a usable management target.
     */
    private <O> ListenableFuture<RpcResult<O>> withTarget(final RouterRef input,
            final BiFunction<RouterReconciler, DeviceTarget, ListenableFuture<RpcResult<O>>> action) {
        final RouterReconciler router = router(input);
        if (router == null) {
            return unknownRouter(input);
        }
        if (!router.isManagedHere()) {
            return failed("router " + router.name() + " is managed by another member of the cluster (its status "
                + "says which, managed-by): call that member", ErrorTag.OPERATION_FAILED);
        }
        final DeviceTarget target = router.target().orElse(null);
        return target == null ? noTarget(router) : action.apply(router, target);
    }

    /** The revision as clients see it: keyed, as in the status. */
    private Sha256Hex shown(final String revision) {
        return new Sha256Hex(revisions.revision(revision));
    }

    private RouterReconciler router(final RouterRef input) {
        return input.getRouter() == null ? null : fleet.router(input.getRouter().getValue()).orElse(null);
    }

    /** The router's management settings are unusable: why, as the connect step's failure. */
    private static <T> ListenableFuture<RpcResult<T>> noTarget(final RouterReconciler router) {
        return failed("connect: " + router.spec().targetError(), ErrorTag.OPERATION_FAILED);
    }

    private static <T> ListenableFuture<RpcResult<T>> unknownRouter(final RouterRef input) {
        return failed("router " + (input.getRouter() == null ? "(none)" : input.getRouter().getValue())
            + " is not managed by this controller", ErrorTag.DATA_MISSING);
    }

    private static <T> ListenableFuture<RpcResult<T>> translate(final CompletionStage<PushResult> stage,
            final Function<PushResult, T> output) {
        final SettableFuture<RpcResult<T>> future = SettableFuture.create();
        stage.whenComplete((result, failure) -> {
            if (failure != null) {
                future.set(error(failure));
            } else if (result.isSuccess() || result.outcome() == PushResult.Outcome.PENDING) {
                future.set(RpcResultBuilder.success(output.apply(result)).build());
            } else {
                future.set(RpcResultBuilder.<T>failed().withError(ErrorType.APPLICATION, ErrorTag.OPERATION_FAILED,
                    result.failure().map(e -> step(e) + ": " + e.getMessage()).orElse(result.summary())).build());
            }
        });
        return future;
    }

    private static <T> RpcResult<T> error(final Throwable failure) {
        final Throwable cause = failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause() : failure;
        final String message = cause instanceof DeviceException device ? step(device) + ": " + device.getMessage()
            : "internal: " + cause.getClass().getSimpleName();
        return RpcResultBuilder.<T>failed().withError(ErrorType.APPLICATION, ErrorTag.OPERATION_FAILED, message)
            .build();
    }

    private static String step(final DeviceException error) {
        return error.step().toString();
    }

    private static <T> ListenableFuture<RpcResult<T>> failed(final String message, final ErrorTag tag) {
        return Futures.immediateFuture(RpcResultBuilder.<T>failed().withError(ErrorType.APPLICATION, tag, message)
            .build());
    }
}

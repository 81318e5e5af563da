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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.function.Supplier;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.openbsdpbr.api.files.FileSet;
import org.opendaylight.openbsdpbr.api.files.ManagedFile;
import org.opendaylight.openbsdpbr.impl.analysis.FailoverStates;
import org.opendaylight.openbsdpbr.impl.analysis.RouterModel;
import org.opendaylight.openbsdpbr.impl.analysis.host.IfstatedConf;
import org.opendaylight.openbsdpbr.impl.analysis.source.ModelException;
import org.opendaylight.openbsdpbr.impl.compile.Compiled;
import org.opendaylight.openbsdpbr.impl.controller.Command;
import org.opendaylight.openbsdpbr.impl.controller.Fleet;
import org.opendaylight.openbsdpbr.impl.controller.RouterReconciler;
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
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.CheckSyncInput;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.CheckSyncOutput;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.CheckSyncOutputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.ComputeMapE;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.ComputeMapEInput;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.ComputeMapEOutput;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.ComputeMapEOutputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.ConfirmCommit;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.ConfirmCommitInput;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.ConfirmCommitOutput;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.ConfirmCommitOutputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.Render;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.RenderInput;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.RenderOutput;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.RenderOutputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.Rollback;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.RollbackInput;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.RollbackOutput;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.RollbackOutputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.RouterRef;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.Sync;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.SyncInput;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.SyncOutput;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.SyncOutputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.SyncStatus;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.compute.map.e.output.PortRangeBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.render.output.FileBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.render.output.LintBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.types.rev261124.Sha256Hex;
import org.opendaylight.yangtools.binding.Rpc;
import org.opendaylight.yangtools.binding.RpcInput;
import org.opendaylight.yangtools.binding.RpcOutput;
import org.opendaylight.yangtools.binding.util.BindingMap;
import org.opendaylight.yangtools.yang.common.ErrorTag;
import org.opendaylight.yangtools.yang.common.ErrorType;
import org.opendaylight.yangtools.yang.common.QName;
import org.opendaylight.yangtools.yang.common.RpcResult;
import org.opendaylight.yangtools.yang.common.RpcResultBuilder;
import org.opendaylight.yangtools.yang.common.Uint16;
import org.opendaylight.yangtools.yang.common.Uint32;
import org.opendaylight.yangtools.yang.common.Uint8;

/**
 * The RPCs of the openbsd-pbr module. Those that talk to a router (sync, confirm-commit, rollback, check-sync) post a
 * {@link Command} to the router's reconciler and answer with its outcome: the reconciler owns the router's state and
 * its one transaction engine, and nothing here talks to a router. Render reads the compiled intent and the files the
 * controller knows the router runs. Refusals are RFC 8040 errors whose message starts with the failing step: a bad
 * request or a state that does not allow it is a 4xx ({@code invalid-value} 400; {@code data-missing},
 * {@code in-use}, {@code resource-denied} 409), a router that failed or cannot be reached is {@code operation-failed}.
 * Outputs never carry a secret: file contents and diffs mask them.
 */
final class PbrRpcs {
    private final Fleet fleet;

    private final KeyedDigest revisions;
    private final String member;
    private final @Nullable OwnerCalls calls;

    /**
     * The RPCs of a cluster member.
     *
     * @param fleet the routers: every RPC that talks to one posts a command to its reconciler
     * @param revisions keys the revisions shown (an unkeyed one covers the PPPoE secret)
     * @param member this member's name, the outputs' {@code served-by}
     * @param calls forwards a router RPC to the member that manages the router (null: serve every call here)
     */
    PbrRpcs(final Fleet fleet, final KeyedDigest revisions, final String member, final @Nullable OwnerCalls calls) {
        this.fleet = fleet;
        this.revisions = revisions;
        this.member = member;
        this.calls = calls;
        if (calls != null) {
            calls.serve(Map.of(
                "render", served(Render.QNAME, input -> render((RenderInput) input)),
                "sync", served(Sync.QNAME, input -> sync((SyncInput) input)),
                "confirm-commit", served(ConfirmCommit.QNAME, input -> confirm((ConfirmCommitInput) input)),
                "rollback", served(Rollback.QNAME, input -> rollback((RollbackInput) input)),
                "check-sync", served(CheckSync.QNAME, input -> checkSync((CheckSyncInput) input))));
        }
    }

    List<Rpc<?, ?>> implementations() {
        return List.of((Render) input -> routed(input, "render", () -> render(input)),
            (Sync) input -> routed(input, "sync", () -> sync(input)),
            (ConfirmCommit) input -> routed(input, "confirm-commit", () -> confirm(input)),
            (Rollback) input -> routed(input, "rollback", () -> rollback(input)),
            (CheckSync) input -> routed(input, "check-sync", () -> checkSync(input)),
            (ComputeMapE) input -> computeMapE(input));
    }

    /**
     * Any member answers for any router: the call runs here when this member manages the router (or knows no such
     * router: the refusal is the same everywhere), else it is forwarded to the member that does (see
     * {@link OwnerCalls}), whose reply, {@code served-by} included, is the answer.
     */
    private <I extends RouterRef & RpcInput, O extends RpcOutput> ListenableFuture<RpcResult<O>> routed(
            final I input, final String operation, final Supplier<ListenableFuture<RpcResult<O>>> local) {
        final RouterReconciler router = router(input);
        if (calls == null || router == null || router.isManagedHere()) {
            return local.get();
        }
        return calls.forward(input.getRouter().getValue(), operation, input);
    }

    private static OwnerCalls.Served served(final QName rpc,
            final Function<RpcInput, ListenableFuture<? extends RpcResult<? extends RpcOutput>>> local) {
        return new OwnerCalls.Served() {
            @Override
            public QName rpc() {
                return rpc;
            }

            @Override
            public ListenableFuture<? extends RpcResult<? extends RpcOutput>> run(final RpcInput input) {
                return local.apply(input);
            }
        };
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
                    .setServedBy(member)
                    .setRevision(shown(rendered.revision()))
                    .setFile(fileMap.build())
                    .setLint(lints.build())
                    .setDiff(UnifiedDiff.diff(applied, files))
                    .setPlan(ApplyPlanner.plan(applied, files).commands())
                    .setFailoverState(failoverMatrix(files))
                    .build()).buildFuture();
            }
        };
    }

    /** The failover matrix of rendered files ({@link FailoverStates#matrix()}), or null without failover. */
    private static @Nullable List<org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.render.output
            .FailoverState> failoverMatrix(final FileSet files) {
        if (files.get(IfstatedConf.PATH).isEmpty()) {
            return null;
        }
        final FailoverStates states;
        try {
            states = FailoverStates.of(RouterModel.of(files));
        } catch (ModelException e) {
            return null;
        }
        final var rows = new ArrayList<org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.render
            .output.FailoverState>();
        for (FailoverStates.Row row : states.matrix()) {
            final var paths = new ArrayList<org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.render
                .output.failover.state.Path>();
            row.paths().forEach((path, egress) -> paths.add(new org.opendaylight.yang.gen.v1.urn.opendaylight
                .openbsd.pbr.rev261124.render.output.failover.state.PathBuilder().setName(path).setEgress(egress)
                .build()));
            rows.add(new org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.render.output
                .FailoverStateBuilder().setState(row.state()).setDown(List.copyOf(row.down())).setPath(paths)
                .build());
        }
        return rows;
    }

    private ListenableFuture<RpcResult<SyncOutput>> sync(
            final org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.SyncInput input) {
        final Optional<Duration> timeout = Optional.ofNullable(input.getConfirmTimeout())
            .map(seconds -> Duration.ofSeconds(seconds.toJava()));
        return post(input, new Command.Sync(timeout, Boolean.TRUE.equals(input.getConfirmManually())),
            outcome -> outcome instanceof Command.Outcome.Synced synced ? new SyncOutputBuilder()
                .setServedBy(member)
                .setRevision(shown(synced.revision()))
                .setGeneration(synced.generation().isPresent() ? Uint32.valueOf(synced.generation().getAsInt())
                    : null)
                .setSyncStatus(synced.awaitingConfirm().isPresent() ? SyncStatus.AwaitingConfirm : SyncStatus.InSync)
                .build() : null);
    }

    private ListenableFuture<RpcResult<ConfirmCommitOutput>> confirm(final RouterRef input) {
        return post(input, new Command.Confirm(), outcome -> outcome instanceof Command.Outcome.Confirmed confirmed
            ? new ConfirmCommitOutputBuilder().setServedBy(member).setGeneration(Uint32.valueOf(
                confirmed.generation())).build() : null);
    }

    private ListenableFuture<RpcResult<RollbackOutput>> rollback(
            final org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.RollbackInput input) {
        final OptionalInt generation = input.getGeneration() == null ? OptionalInt.empty()
            : OptionalInt.of(input.getGeneration().intValue());
        return post(input, new Command.Rollback(generation),
            outcome -> outcome instanceof Command.Outcome.RolledBack rolledBack ? new RollbackOutputBuilder()
                .setServedBy(member).setGeneration(Uint32.valueOf(rolledBack.generation())).build() : null);
    }

    private ListenableFuture<RpcResult<CheckSyncOutput>> checkSync(final RouterRef input) {
        return post(input, new Command.CheckSync(), outcome -> outcome instanceof Command.Outcome.Checked checked
            ? new CheckSyncOutputBuilder().setServedBy(member).setInSync(checked.inSync())
                .setDriftedFile(checked.drifted().isEmpty() ? null : new HashSet<>(checked.drifted())).build()
            : null);
    }

    /**
     * Posts a command to the router's reconciler and answers with its outcome: the output when it succeeded, else an
     * error whose tag says whose problem it is.
     */
    private <O> ListenableFuture<RpcResult<O>> post(final RouterRef input, final Command command,
            final Function<Command.Outcome, O> output) {
        final RouterReconciler router = router(input);
        if (router == null) {
            return unknownRouter(input);
        }
        final SettableFuture<RpcResult<O>> future = SettableFuture.create();
        router.submit(command).whenComplete((outcome, failure) -> {
            if (failure != null) {
                future.set(RpcResultBuilder.<O>failed().withError(ErrorType.APPLICATION, ErrorTag.OPERATION_FAILED,
                    "internal: " + failure.getClass().getSimpleName()).build());
                return;
            }
            final O result = output.apply(outcome);
            if (result != null) {
                future.set(RpcResultBuilder.success(result).build());
            } else if (outcome instanceof Command.Outcome.Refused refused) {
                future.set(RpcResultBuilder.<O>failed().withError(ErrorType.APPLICATION, tag(refused.reason()),
                    refused.message()).build());
            } else {
                future.set(RpcResultBuilder.<O>failed().withError(ErrorType.APPLICATION, ErrorTag.OPERATION_FAILED,
                    "internal: unexpected outcome " + outcome.getClass().getSimpleName()).build());
            }
        });
        return future;
    }

    /** RFC 8040 section 7: 400 for what the request got wrong, 409 for what the router's state refuses. */
    static ErrorTag tag(final Command.Reason reason) {
        return switch (reason) {
            case INVALID_INTENT -> ErrorTag.INVALID_VALUE;
            case NO_INTENT, NO_TARGET, NOTHING_PENDING, NO_GENERATION -> ErrorTag.DATA_MISSING;
            case LOCKED -> ErrorTag.IN_USE;
            case NOT_MANAGED_HERE, STOPPED -> ErrorTag.RESOURCE_DENIED;
            case DEVICE -> ErrorTag.OPERATION_FAILED;
        };
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

    /** The revision as clients see it: keyed, as in the status. */
    private Sha256Hex shown(final String revision) {
        return new Sha256Hex(revisions.revision(revision));
    }

    private RouterReconciler router(final RouterRef input) {
        return input.getRouter() == null ? null : fleet.router(input.getRouter().getValue()).orElse(null);
    }

    private static <T> ListenableFuture<RpcResult<T>> unknownRouter(final RouterRef input) {
        return failed("no router named " + (input.getRouter() == null ? "(none)" : input.getRouter().getValue())
            + " is configured", ErrorTag.DATA_MISSING);
    }

    private static <T> ListenableFuture<RpcResult<T>> failed(final String message, final ErrorTag tag) {
        return Futures.immediateFuture(RpcResultBuilder.<T>failed().withError(ErrorType.APPLICATION, tag, message)
            .build());
    }
}

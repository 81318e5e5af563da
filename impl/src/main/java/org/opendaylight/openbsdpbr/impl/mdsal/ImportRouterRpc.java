/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.mdsal;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.SettableFuture;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.UnaryOperator;
import org.opendaylight.openbsdpbr.api.intent.IntentError;
import org.opendaylight.openbsdpbr.api.intent.Pppoe;
import org.opendaylight.openbsdpbr.api.intent.RouterIntent;
import org.opendaylight.openbsdpbr.api.intent.Secret;
import org.opendaylight.openbsdpbr.api.intent.Uplink;
import org.opendaylight.openbsdpbr.impl.analysis.host.HostnameFile;
import org.opendaylight.openbsdpbr.impl.controller.Command;
import org.opendaylight.openbsdpbr.impl.controller.Fleet;
import org.opendaylight.openbsdpbr.impl.controller.RouterReconciler;
import org.opendaylight.openbsdpbr.impl.importer.FileComparison;
import org.opendaylight.openbsdpbr.impl.importer.ImportReport;
import org.opendaylight.openbsdpbr.impl.importer.IntentJsonWriter;
import org.opendaylight.openbsdpbr.impl.importer.Unmapped;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.ImportRouter;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.ImportRouterInput;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.ImportRouterOutput;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.ImportRouterOutputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124._import.router.output.Difference;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124._import.router.output.DifferenceBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124._import.router.output.UnmappedBuilder;
import org.opendaylight.yangtools.yang.common.ErrorTag;
import org.opendaylight.yangtools.yang.common.ErrorType;
import org.opendaylight.yangtools.yang.common.RpcResult;
import org.opendaylight.yangtools.yang.common.RpcResultBuilder;
import org.opendaylight.yangtools.yang.common.Uint32;

/**
 * The import-router RPC: a router configured by hand becomes intent. Its files are read through the router's
 * reconciler ({@link Command.ReadFiles}: read-only, no lock, the one path to a router), mapped and proven by
 * {@link ImportReport} off the I/O threads, the PPPoE secret sealed before anything leaves this class, and, when the
 * operator says {@code write}, written at {@code .../router=NAME/intent} through the datastore like any RESTCONF
 * write, so that the intent cohort and the secret cohort judge it (a write that would lock the controller out is
 * refused there too).
 *
 * <p>Decisions, and why:
 * <ul>
 *   <li>The router is the one registered under the name: its management address, credentials and host-key policy
 *       come from its registration, where secrets are sealed and checked. The RPC takes no credentials of its own:
 *       they would reach the controller outside that path, and registering a router without intent already touches
 *       none of its files (it is only observed), so nothing is lost by registering first.</li>
 *   <li>{@code write} is refused when the router has intent: an import never replaces intent by surprise (delete
 *       it first, or compare with check-sync), and when the imported intent does not render (nothing half-usable is
 *       stored).</li>
 *   <li>Unmapped lines are shown with secrets masked ({@link HostnameFile#mask}); the intent answered carries the
 *       sealed secret only.</li>
 * </ul>
 */
final class ImportRouterRpc implements ImportRouter {
    /** Writes a router's intent, given as the JSON body RESTCONF takes at {@code .../router=NAME/intent}. */
    @FunctionalInterface
    interface IntentStore {
        /**
         * Write it.
         *
         * @return done, or the datastore's refusal (its message says why)
         */
        CompletionStage<Void> write(String router, String json);
    }

    private final Fleet fleet;
    private final UnaryOperator<String> seal;
    private final IntentStore store;
    private final Executor work;

    /**
     * The RPC.
     *
     * @param fleet the routers: the files are read through the router's reconciler
     * @param seal seals a clear secret (the seal-secret RPC's sealing)
     * @param store writes the intent
     * @param work runs the import and its proof (flow comparison): not on an I/O thread
     */
    ImportRouterRpc(final Fleet fleet, final UnaryOperator<String> seal, final IntentStore store,
            final Executor work) {
        this.fleet = requireNonNull(fleet);
        this.seal = requireNonNull(seal);
        this.store = requireNonNull(store);
        this.work = requireNonNull(work);
    }

    @Override
    public ListenableFuture<RpcResult<ImportRouterOutput>> invoke(final ImportRouterInput input) {
        final String name = input.getRouter() == null ? null : input.getRouter().getValue();
        if (name == null) {
            return failed("input/router: which router to import is missing", ErrorTag.INVALID_VALUE);
        }
        final RouterReconciler router = fleet.router(name).orElse(null);
        if (router == null) {
            return failed("input/router: no router named " + name + " is configured: register it first (a router "
                + "without intent is only observed, none of its files is touched)", ErrorTag.DATA_MISSING);
        }
        final boolean write = Boolean.TRUE.equals(input.getWrite());
        if (write && router.spec().hasIntent()) {
            return failed("input/write: router " + name + " has intent already: an import does not replace it "
                + "(delete .../router=" + name + "/intent first, or compare with check-sync)", ErrorTag.DATA_EXISTS);
        }
        final SettableFuture<RpcResult<ImportRouterOutput>> future = SettableFuture.create();
        router.submit(new Command.ReadFiles()).thenAcceptAsync(outcome -> {
            switch (outcome) {
                case Command.Outcome.FilesRead read -> imported(name, read, write, future);
                case Command.Outcome.Refused refused -> future.set(RpcResultBuilder.<ImportRouterOutput>failed()
                    .withError(ErrorType.APPLICATION, PbrRpcs.tag(refused.reason()), refused.message()).build());
                default -> future.set(error("internal: unexpected outcome " + outcome.getClass().getSimpleName(),
                    ErrorTag.OPERATION_FAILED));
            }
        }, work).exceptionally(failure -> {
            future.set(error("internal: " + failure.getClass().getSimpleName(), ErrorTag.OPERATION_FAILED));
            return null;
        });
        return future;
    }

    private void imported(final String name, final Command.Outcome.FilesRead read, final boolean write,
            final SettableFuture<RpcResult<ImportRouterOutput>> future) {
        final Map<String, String> files = new TreeMap<>();
        read.files().files().values().forEach(file -> files.put(file.path(), file.content()));
        if (files.isEmpty()) {
            future.set(error("read-files: router " + name + " has none of the files openbsd-pbr reads "
                + "(hostname.if, pf.conf, ssh/sshd_config, ...): nothing to import", ErrorTag.DATA_MISSING));
            return;
        }
        final ImportReport report = ImportReport.of(name, files);
        final String json = IntentJsonWriter.write(sealed(report.result().intent(), seal));
        final ImportRouterOutputBuilder output = output(report, files.size()).setIntent(json).setWritten(false);
        if (!write) {
            future.set(RpcResultBuilder.success(output.build()).build());
            return;
        }
        if (!report.renders()) {
            future.set(error("input/write: the imported intent does not render, nothing was written: "
                + report.invalid().stream().map(IntentError::toString).limit(3).toList()
                + " (import without write lists every problem)", ErrorTag.INVALID_VALUE));
            return;
        }
        store.write(name, json).whenComplete((done, failure) -> future.set(failure == null
            ? RpcResultBuilder.success(output.setWritten(true).build()).build()
            : error("input/write: the controller refused the imported intent: " + message(failure),
                ErrorTag.INVALID_VALUE)));
    }

    /** The intent with its PPPoE secrets sealed: nothing clear leaves this class. */
    static RouterIntent sealed(final RouterIntent intent, final UnaryOperator<String> seal) {
        final List<Uplink> uplinks = new ArrayList<>();
        for (Uplink uplink : intent.uplinks()) {
            if (uplink.kind() instanceof Pppoe pppoe && pppoe.secret() != null) {
                uplinks.add(new Uplink(uplink.name(), uplink.description(), uplink.rdomain(), uplink.mss(),
                    new Pppoe(pppoe.iface(), pppoe.parent(), pppoe.authProtocol(), pppoe.username(),
                        new Secret(seal.apply(pppoe.secret().value())), pppoe.mtu(), pppoe.ipv6()), uplink.ipv6()));
            } else {
                uplinks.add(uplink);
            }
        }
        return new RouterIntent(intent.name(), intent.openbsdRelease(), intent.rdomains(), intent.interfaces(),
            uplinks, intent.shared());
    }

    private static ImportRouterOutputBuilder output(final ImportReport report, final int filesRead) {
        // ordered-by user: the unmapped lines in file and line order, the files in path order
        final var unmapped = new ArrayList<org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124
            ._import.router.output.Unmapped>();
        for (Unmapped line : report.result().unmapped()) {
            unmapped.add(new UnmappedBuilder().setIndex(Uint32.valueOf(unmapped.size() + 1)).setFile(line.file())
                .setLine(Uint32.valueOf(line.line())).setText(HostnameFile.mask(line.text())).setWhy(line.why())
                .build());
        }
        final var differences = new ArrayList<Difference>();
        for (FileComparison.Difference difference : report.files()) {
            differences.add(new DifferenceBuilder().setPath(difference.path())
                .setComparison(Difference.Comparison.forName(difference.status().name().toLowerCase(Locale.ROOT)
                    .replace('_', '-')))
                .setChangedLines(Uint32.valueOf(difference.changedLines())).build());
        }
        final ImportRouterOutputBuilder output = new ImportRouterOutputBuilder()
            .setFilesRead(Uint32.valueOf(filesRead))
            .setUnmapped(unmapped)
            .setNote(report.result().notes().isEmpty() ? null : report.result().notes())
            .setDifference(differences)
            .setInvalid(report.invalid().isEmpty() ? null : report.invalid().stream().map(IntentError::toString)
                .toList());
        report.flows().ifPresent(flows -> output.setFlowsCompared(Uint32.valueOf(flows.flows()))
            .setFlowsDiffering(Uint32.valueOf(flows.differing()))
            .setFlowDifference(flows.differences().isEmpty() ? null : flows.differences()));
        return output;
    }

    private static String message(final Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return String.valueOf(cause.getMessage());
    }

    private static RpcResult<ImportRouterOutput> error(final String message, final ErrorTag tag) {
        return RpcResultBuilder.<ImportRouterOutput>failed().withError(ErrorType.APPLICATION, tag, message).build();
    }

    private static ListenableFuture<RpcResult<ImportRouterOutput>> failed(final String message, final ErrorTag tag) {
        return RpcResultBuilder.<ImportRouterOutput>failed().withError(ErrorType.APPLICATION, tag, message)
            .buildFuture();
    }
}

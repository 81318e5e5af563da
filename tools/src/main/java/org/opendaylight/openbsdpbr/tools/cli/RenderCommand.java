/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.tools.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.opendaylight.openbsdpbr.impl.analysis.FailoverStates;
import org.opendaylight.openbsdpbr.impl.analysis.RouterModel;
import org.opendaylight.openbsdpbr.impl.analysis.source.ModelException;
import org.opendaylight.openbsdpbr.impl.render.Lint;
import org.opendaylight.openbsdpbr.impl.render.RenderResult;
import org.opendaylight.openbsdpbr.tools.cli.Inputs.CommandLine;
import org.opendaylight.openbsdpbr.tools.cli.Inputs.UsageException;
import org.opendaylight.openbsdpbr.tools.intentjson.IntentDocument;

/**
 * {@code openbsd-pbr render}: renders intent JSON offline into the files a router gets, at their paths under an
 * output directory ({@code OUT/etc/pf.conf}, {@code OUT/etc/hostname.pppoe0} with mode 0600, ...), as
 * {@code openbsd-pbr push --files OUT} reads them.
 * <pre>
 * openbsd-pbr render INTENT.json|DIR [--router NAME] --out OUT
 * </pre>
 * The input is what RESTCONF accepts (see {@link org.opendaylight.openbsdpbr.tools.intentjson.IntentJson}). Several
 * routers without {@code --router} are rendered each into {@code OUT/NAME/}. Every router is merged with its
 * profiles, validated and rendered in memory first; only then is {@code OUT} replaced as a whole, so an invalid
 * intent writes nothing. Prints each router's lints ({@code warning PATH: message [code]}) and revision.
 * Exit status 0 when the files were written, 1 when the intent is invalid or they could not be written, 2 on a usage
 * error.
 */
public final class RenderCommand {
    static final String USAGE = "usage: openbsd-pbr render INTENT.json|DIR [--router NAME] --out DIR";
    private static final String ROUTER = "--router";
    private static final String OUT = "--out";
    private static final String HELP = USAGE + "\n"
        + "Renders intent (the JSON RESTCONF accepts) into the files a router gets, under DIR at their paths.\n"
        + "  INTENT.json|DIR  a document {\"openbsd-pbr:routers\": ..., \"openbsd-pbr:profiles\": ...}, a body of\n"
        + "                   openbsd-pbr:router, openbsd-pbr:profile or openbsd-pbr:intent, or a directory of such\n"
        + "                   files (intent<S>.json belongs to the router of router<S>.json)\n"
        + "  --router NAME    render only this router; names the router of a lone intent body (default 'router')\n"
        + "  --out DIR        output directory, replaced as a whole; several routers go to DIR/NAME/\n";

    private RenderCommand() {
        // static only
    }

    /**
     * Runs the command.
     *
     * @param args the arguments after {@code render}
     * @param out where lints and revisions go
     * @param error where problems go, one a line
     * @return 0 when the files were written, 1 on invalid intent or a write failure, 2 on a usage error
     */
    public static int run(final List<String> args, final PrintStream out, final PrintStream error) {
        final var parsed = CommandLine.parse("render", args, Set.of(ROUTER, OUT), Set.of(), given -> {
            if (given.positional().size() != 1) {
                throw new UsageException(given.positional().isEmpty() ? "missing the intent file or directory"
                    : "one intent file or directory, got " + given.positional().size());
            }
            if (given.option(OUT) == null) {
                throw new UsageException("missing " + OUT);
            }
        }, HELP, out, error);
        final CommandLine line = parsed.line();
        if (line == null) {
            return parsed.exit();
        }
        final String router = line.option(ROUTER);
        final IntentDocument document = Inputs.load(Path.of(line.positional().get(0)), router, "", error);
        if (document == null) {
            return 1;
        }
        final List<String> routers = router != null ? List.of(router) : document.routerNames();
        if (routers.isEmpty()) {
            error.println("error: " + line.positional().get(0) + " holds no router (only profiles?)");
            return 1;
        }
        final List<OutputDir.Output> outputs = new ArrayList<>();
        final List<RenderResult> results = new ArrayList<>();
        boolean valid = true;
        for (String name : routers) {
            final RenderResult result = Inputs.render(document, name, "", error);
            if (result == null) {
                valid = false;
                continue;
            }
            results.add(result);
            outputs.add(new OutputDir.Output(name, routers.size() == 1 ? "" : name, result.files()));
        }
        if (!valid) {
            error.println("error: nothing written");
            return 1;
        }
        final Path outDir = Path.of(line.option(OUT));
        try {
            OutputDir.replace(outDir, outputs);
        } catch (OutputDir.OutputException e) {
            error.println("error: " + e.getMessage());
            return 1;
        }
        for (int i = 0; i < outputs.size(); i++) {
            final OutputDir.Output output = outputs.get(i);
            final Path where = output.subdirectory().isEmpty() ? outDir : outDir.resolve(output.subdirectory());
            out.println(output.router() + ": " + output.files().size() + " files under " + where);
            for (Lint lint : results.get(i).lints()) {
                out.println(lint.severity().name().toLowerCase(Locale.ROOT) + " " + lint.path() + ": "
                    + lint.message() + " [" + lint.code() + "]");
            }
            printMatrix(results.get(i), out);
            out.println("revision " + output.files().revision());
        }
        return 0;
    }

    /**
     * The failover matrix of a router with failover: per failure state (and the uplinks down that lead to it), where
     * each path leaves, read back from the rendered files ({@link FailoverStates#matrix()}).
     */
    static void printMatrix(final RenderResult result, final PrintStream out) {
        final FailoverStates states;
        try {
            states = FailoverStates.of(RouterModel.of(result.files()));
        } catch (ModelException e) {
            out.println("failover: the files do not read back: " + e.getMessage());
            return;
        }
        if (states == null) {
            return;
        }
        out.println("failover matrix (where each path leaves, per failure state):");
        for (FailoverStates.Row row : states.matrix()) {
            out.println("  " + row.state() + (row.down().isEmpty() ? " (every uplink up)" : " ("
                + String.join(", ", row.down()) + " down)") + ":");
            row.paths().forEach((path, egress) -> out.println("    " + path + " -> " + egress));
        }
    }
}

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
import java.util.Set;
import java.util.TreeSet;
import org.opendaylight.openbsdpbr.api.files.FileSet;
import org.opendaylight.openbsdpbr.api.plan.ApplyPlan;
import org.opendaylight.openbsdpbr.impl.render.ApplyPlanner;
import org.opendaylight.openbsdpbr.impl.render.RenderResult;
import org.opendaylight.openbsdpbr.impl.render.UnifiedDiff;
import org.opendaylight.openbsdpbr.tools.cli.Inputs.CommandLine;
import org.opendaylight.openbsdpbr.tools.cli.Inputs.UsageException;
import org.opendaylight.openbsdpbr.tools.intentjson.IntentDocument;

/**
 * {@code openbsd-pbr diff}: what changing the intent from OLD to NEW does to a router, offline: a unified diff of every
 * rendered file that changes (secret values masked), then the apply plan, the commands the router runs, in order.
 * <pre>
 * openbsd-pbr diff OLD.json|DIR NEW.json|DIR [--router NAME]
 * </pre>
 * Without {@code --router} every router of either input is compared (a router in only one input: all its files are
 * added or removed). Exit status 0 when both inputs are valid (whether or not they differ), 1 when one is invalid,
 * 2 on a usage error.
 */
public final class DiffCommand {
    static final String USAGE = "usage: openbsd-pbr diff OLD.json|DIR NEW.json|DIR [--router NAME]";
    private static final String ROUTER = "--router";
    private static final String HELP = USAGE + "\n"
        + "Renders both intents and prints the unified diff of the files (secrets masked), then the apply plan.\n"
        + "  OLD, NEW        intent JSON files or directories, as for 'openbsd-pbr render'\n"
        + "  --router NAME   compare only this router; names the router of a lone intent body (default 'router')\n";

    private DiffCommand() {
        // static only
    }

    /**
     * Runs the command.
     *
     * @param args the arguments after {@code diff}
     * @param out where the diff and the plan go
     * @param error where problems go, one a line
     * @return 0 when both intents are valid, 1 when one is not, 2 on a usage error
     */
    public static int run(final List<String> args, final PrintStream out, final PrintStream error) {
        final var parsed = CommandLine.parse("diff", args, Set.of(ROUTER), Set.of(), given -> {
            if (given.positional().size() != 2) {
                throw new UsageException("two intents to compare, got " + given.positional().size());
            }
        }, HELP, out, error);
        final CommandLine line = parsed.line();
        if (line == null) {
            return parsed.exit();
        }
        final String router = line.option(ROUTER);
        final String oldInput = line.positional().get(0);
        final String newInput = line.positional().get(1);
        final IntentDocument before = Inputs.load(Path.of(oldInput), router, "old: ", error);
        final IntentDocument after = Inputs.load(Path.of(newInput), router, "new: ", error);
        if (before == null || after == null) {
            return 1;
        }
        final TreeSet<String> routers = new TreeSet<>();
        if (router != null) {
            routers.add(router);
        } else {
            routers.addAll(before.routers().keySet());
            routers.addAll(after.routers().keySet());
        }
        final List<String> sections = new ArrayList<>();
        boolean valid = true;
        for (String name : routers) {
            if (router != null && !before.routers().containsKey(name) && !after.routers().containsKey(name)) {
                error.println("error: no router named " + name + " in " + oldInput + " or " + newInput);
                return 1;
            }
            final FileSet from = files(before, name, "old: ", error);
            final FileSet to = files(after, name, "new: ", error);
            if (from == null || to == null) {
                valid = false;
                continue;
            }
            sections.add(section(name, routers.size() > 1, from, to));
        }
        if (!valid) {
            return 1;
        }
        sections.forEach(out::print);
        return 0;
    }

    /** A router's rendered files, empty when the input does not have it, null when its intent is invalid. */
    private static FileSet files(final IntentDocument document, final String router, final String label,
            final PrintStream error) {
        if (!document.routers().containsKey(router)) {
            return FileSet.empty();
        }
        final RenderResult result = Inputs.render(document, router, label, error);
        return result == null ? null : result.files();
    }

    private static String section(final String router, final boolean named, final FileSet from, final FileSet to) {
        final StringBuilder sb = new StringBuilder();
        if (named) {
            sb.append("router ").append(router).append('\n');
        }
        final String diff = UnifiedDiff.diff(from, to);
        sb.append(diff.isEmpty() ? "no changes\n" : diff);
        final ApplyPlan plan = ApplyPlanner.plan(from, to);
        sb.append(plan.isEmpty() ? "plan: nothing to run\n" : "plan:\n");
        for (String command : plan.commands()) {
            sb.append("  ").append(command).append('\n');
        }
        return sb.toString();
    }
}

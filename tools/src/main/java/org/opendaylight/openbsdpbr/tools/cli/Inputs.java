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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.openbsdpbr.api.intent.IntentError;
import org.opendaylight.openbsdpbr.api.intent.RouterIntent;
import org.opendaylight.openbsdpbr.impl.render.InvalidIntentException;
import org.opendaylight.openbsdpbr.impl.render.RenderResult;
import org.opendaylight.openbsdpbr.impl.render.Renderer;
import org.opendaylight.openbsdpbr.tools.intentjson.IntentDocument;
import org.opendaylight.openbsdpbr.tools.intentjson.IntentJson;
import org.opendaylight.openbsdpbr.tools.intentjson.IntentJsonException;
import org.opendaylight.openbsdpbr.tools.intentjson.RouterEntry;

/**
 * What {@code render} and {@code diff} share: their command lines, reading intent JSON, and rendering routers, with
 * every problem printed on the error stream one a line.
 */
final class Inputs {
    private Inputs() {
        // utility
    }

    /** The JSON reader: building it parses the model, so one per process. */
    private static final class Holder {
        static final IntentJson JSON = create();

        private static IntentJson create() {
            // yangtools logs its codec choices at INFO; a command's output is not the place for them
            final String key = "org.slf4j.simpleLogger.log.org.opendaylight.yangtools";
            if (System.getProperty(key) == null) {
                System.setProperty(key, "warn");
            }
            return IntentJson.create();
        }
    }

    /** A usage error: the message and the usage line go to the error stream, exit status 2. */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(final String message) {
            super(message);
        }

        /** A usage error found through another exception (a value a constructor refused). */
        UsageException(final String message, final Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * A parsed command line: positional arguments and {@code --name VALUE} / {@code --name=VALUE} options.
     *
     * @param positional the arguments that are not options, in order
     * @param options the options given, each at most once
     * @param repeated the values of options that may be given several times ({@code --assume A --assume B})
     */
    record CommandLine(List<String> positional, Map<String, String> options, Map<String, List<String>> repeated) {
        CommandLine(final List<String> positional, final Map<String, String> options) {
            this(positional, options, Map.of());
        }

        static CommandLine parse(final List<String> args, final Set<String> valued) throws UsageException {
            return parse(args, valued, Set.of());
        }

        /**
         * Parses {@code --name VALUE} / {@code --name=VALUE} options, flags without a value (recorded with the value
         * {@code ""}) and positional arguments.
         */
        static CommandLine parse(final List<String> args, final Set<String> valued, final Set<String> flags)
                throws UsageException {
            return parse(args, valued, flags, Set.of());
        }

        /** As {@link #parse(List, Set, Set)}, with options that may be given several times. */
        static CommandLine parse(final List<String> args, final Set<String> valued, final Set<String> flags,
                final Set<String> repeatable) throws UsageException {
            final Map<String, List<String>> repeated = new LinkedHashMap<>();
            final List<String> positional = new ArrayList<>();
            final Map<String, String> options = new LinkedHashMap<>();
            for (int i = 0; i < args.size(); i++) {
                final String arg = args.get(i);
                if (!arg.startsWith("-") || "-".equals(arg)) {
                    positional.add(arg);
                    continue;
                }
                final int equals = arg.indexOf('=');
                final String name = equals > 0 ? arg.substring(0, equals) : arg;
                final String value;
                if (flags.contains(arg)) {
                    value = "";
                } else if (!valued.contains(name) && !repeatable.contains(name)) {
                    throw new UsageException("unknown option " + name);
                } else if (equals > 0) {
                    value = arg.substring(equals + 1);
                } else if (i + 1 < args.size()) {
                    value = args.get(++i);
                } else {
                    throw new UsageException(name + " needs a value");
                }
                if (repeatable.contains(name)) {
                    repeated.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
                } else if (options.putIfAbsent(name, value) != null) {
                    throw new UsageException(name + " given more than once");
                }
            }
            return new CommandLine(positional, options, repeated);
        }

        /**
         * The frame the offline commands share: {@code --help} or {@code -h} prints the help (exit 0); a usage error
         * is reported as {@code COMMAND: PROBLEM (USAGE)} (exit 2).
         *
         * @return the parsed line, or empty with the exit status when the command is done
         */
        static Parsed parse(final String command, final List<String> args, final Set<String> valued,
                final Set<String> flags, final Check check, final String help, final PrintStream out,
                final PrintStream error) {
            return parse(command, args, valued, flags, Set.of(), check, help, out, error);
        }

        /** The frame, with options that may be given several times. */
        static Parsed parse(final String command, final List<String> args, final Set<String> valued,
                final Set<String> flags, final Set<String> repeatable, final Check check, final String help,
                final PrintStream out, final PrintStream error) {
            if (args.contains("--help") || args.contains("-h")) {
                out.print(help);
                return new Parsed(null, 0);
            }
            try {
                final CommandLine line = parse(args, valued, flags, repeatable);
                check.check(line);
                return new Parsed(line, 0);
            } catch (UsageException e) {
                error.println(command + ": " + e.getMessage() + " (" + help.lines().findFirst().orElse("") + ")");
                return new Parsed(null, 2);
            }
        }

        /** What a command requires of its parsed line beyond known options (how many inputs, which options). */
        @FunctionalInterface
        interface Check {
            void check(CommandLine line) throws UsageException;
        }

        /**
         * A parsed command line, or the exit status of a command that ended while parsing.
         *
         * @param line the line, null when the command is done
         * @param exit the exit status when it is
         */
        record Parsed(@Nullable CommandLine line, int exit) {
        }

        @Nullable String option(final String name) {
            return options.get(name);
        }

        /** Every value of a repeatable option, in order. */
        List<String> all(final String name) {
            return repeated.getOrDefault(name, List.of());
        }

        boolean has(final String flag) {
            return options.containsKey(flag);
        }
    }

    /** Reads intent JSON; null when it is invalid, the problems printed one a line. */
    static @Nullable IntentDocument load(final Path input, final @Nullable String router, final String label,
            final PrintStream error) {
        try {
            return Holder.JSON.load(input, router);
        } catch (IntentJsonException e) {
            printProblems(e.problems(), label, error);
            return null;
        }
    }

    /**
     * Renders a router of a document: merged with its profiles, validated, rendered.
     *
     * @return the files and lints, or null when the intent is invalid (the problems printed one a line)
     */
    static @Nullable RenderResult render(final IntentDocument document, final String router, final String label,
            final PrintStream error) {
        final RouterIntent effective;
        try {
            effective = document.effective(router);
        } catch (IntentJsonException e) {
            printProblems(e.problems(), label, error);
            return null;
        }
        try {
            return Renderer.render(effective);
        } catch (InvalidIntentException e) {
            final List<String> problems = new ArrayList<>();
            for (IntentError problem : e.errors()) {
                problems.add(RouterEntry.path(router) + "/" + problem.path() + ": " + problem.message());
            }
            printProblems(problems, label, error);
            return null;
        }
    }

    private static void printProblems(final List<String> problems, final String label, final PrintStream error) {
        for (String problem : problems) {
            error.println("error: " + label + problem);
        }
    }
}

/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.tools.bench;

import static java.util.Objects.requireNonNull;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A benchmark's command line, checked against its usage text before anything starts: {@code -h}/{@code --help} prints
 * the usage and runs nothing, and an option the usage does not name is refused. A benchmark that starts a lab of 1,000
 * routers or a controller must not do so because someone asked for help or mistyped {@code --router}. With
 * {@code --check} among the arguments, a valid command line is only checked, not run: a script that starts a
 * controller for the benchmark (tools/bench/controller-bench.sh) asks first.
 *
 * @param usage the usage text; every {@code --option} it mentions is allowed, and one written {@code --option VALUE}
 *              (a word in capitals, digits or {@code a,b}) takes a value
 */
record BenchmarkArgs(String usage) {
    private static final String CHECK = "--check";
    private static final Pattern OPTION = Pattern.compile("(--[a-z][a-z-]*)( [A-Z0-9][A-Za-z0-9,._:/-]*)?");

    BenchmarkArgs {
        requireNonNull(usage);
    }

    /** What to do with a command line. */
    sealed interface Verdict {
        /** Run the benchmark. */
        record Run() implements Verdict {
        }

        /** Print this to stdout and exit 0: help was asked for. */
        record Help(String text) implements Verdict {
        }

        /** Print this to stderr and exit 2: the command line is wrong. */
        record Refused(String text) implements Verdict {
        }

        /** Exit 0: the command line is valid, and {@code --check} asked only for that. */
        record Checked() implements Verdict {
        }
    }

    /** The verdict on {@code args}. */
    Verdict check(final String... args) {
        if (Arrays.stream(args).anyMatch(arg -> "-h".equals(arg) || "--help".equals(arg))) {
            return new Verdict.Help(usage);
        }
        final Set<String> valued = options(true);
        final Set<String> known = options(false);
        boolean checkOnly = false;
        for (int i = 0; i < args.length; i++) {
            final String arg = args[i];
            if (CHECK.equals(arg)) {
                checkOnly = true;
                continue;
            }
            if (!known.contains(arg)) {
                return new Verdict.Refused((arg.startsWith("-") ? "unknown option " : "unexpected argument ") + arg
                    + "\n" + usage);
            }
            if (valued.contains(arg)) {
                if (i + 1 >= args.length) {
                    return new Verdict.Refused(arg + " needs a value\n" + usage);
                }
                i++;
            }
        }
        return checkOnly ? new Verdict.Checked() : new Verdict.Run();
    }

    /**
     * Prints help or the refusal and says whether to stop: {@code Optional.of(0)} after help or a check,
     * {@code Optional.of(2)} after a refusal, empty to run.
     */
    Optional<Integer> answer(final PrintStream out, final PrintStream errors, final String... args) {
        return switch (check(args)) {
            case Verdict.Run run -> Optional.empty();
            case Verdict.Checked checked -> Optional.of(0);
            case Verdict.Help help -> {
                out.println(help.text());
                yield Optional.of(0);
            }
            case Verdict.Refused refused -> {
                errors.println(refused.text());
                yield Optional.of(2);
            }
        };
    }

    private Set<String> options(final boolean valuedOnly) {
        final Matcher matcher = OPTION.matcher(usage);
        return matcher.results().filter(result -> !valuedOnly || result.group(2) != null)
            .map(result -> result.group(1)).collect(Collectors.toUnmodifiableSet());
    }
}

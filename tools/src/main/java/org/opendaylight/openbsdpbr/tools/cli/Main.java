/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.tools.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * The offline command line, {@code openbsd-pbr COMMAND [ARGS]}: the first word chooses the command, the rest are its
 * arguments. Exit status 0 on success, 1 on a failure or invalid intent, 2 on a usage error.
 */
public final class Main {
    static final String USAGE = """
        usage: openbsd-pbr COMMAND [ARGS]   ('openbsd-pbr COMMAND --help' for a command's arguments)
          render      render intent JSON into the files a router gets
          diff        unified diff of the rendered files of two intents, and the apply plan
          map-e       MAP-E (RFC 7597) arithmetic: IPv4 address, PSID, CE address, port ranges
          flow        where does this flow go: pf rules, routing table, egress, NAT, listener, replies
          import      an existing router's files to intent, with what could not be mapped
          lab         run simulated OpenBSD routers
          push        commit rendered files to a router (confirmed commit)
          confirm     confirm a router's pending commit
          rollback    return a router to an earlier generation
          check-sync  compare a router's files with rendered files
          secret-keys make (or rotate) the controller's secret key file, for every cluster member
        """;

    private Main() {
        // static only
    }

    /**
     * The command line's entry point; exits with the command's status.
     *
     * @param args the command and its arguments
     */
    @SuppressWarnings("checkstyle:RegexpSinglelineJava")
    public static void main(final String[] args) {
        System.exit(run(Arrays.asList(args), System.out, System.err));
    }

    /**
     * Runs one command.
     *
     * @param args the command and its arguments
     * @param out where results go
     * @param error where problems go
     * @return the exit status: 0 ok, 1 failure or invalid intent, 2 usage error
     */
    public static int run(final List<String> args, final PrintStream out, final PrintStream error) {
        if (args.isEmpty()) {
            error.print(USAGE);
            return 2;
        }
        final List<String> rest = List.copyOf(args.subList(1, args.size()));
        return switch (args.get(0)) {
            case "render" -> RenderCommand.run(rest, out, error);
            case "diff" -> DiffCommand.run(rest, out, error);
            case "map-e" -> MapECommand.run(rest, out, error);
            case "flow" -> FlowCommand.run(rest, out, error);
            case "import" -> ImportCommand.run(rest, out, error);
            case "lab" -> LabCommand.run(rest, out, error);
            case "push" -> IntentPush.applies(rest) ? IntentPush.run(rest, out, error)
                : PushCommand.run(rest, out, error);
            case "confirm" -> ConfirmCommand.run(rest, out, error);
            case "rollback" -> RollbackCommand.run(rest, out, error);
            case "check-sync" -> CheckSyncCommand.run(rest, out, error);
            case "secret-keys" -> SecretKeysCommand.run(rest, out, error);
            case "help", "--help", "-h" -> {
                out.print(USAGE);
                yield 0;
            }
            default -> {
                error.println("openbsd-pbr: unknown command '" + args.get(0) + "'");
                error.print(USAGE);
                yield 2;
            }
        };
    }
}

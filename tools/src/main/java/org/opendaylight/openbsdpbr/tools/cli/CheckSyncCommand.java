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
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.opendaylight.openbsdpbr.api.device.DeviceTarget;
import org.opendaylight.openbsdpbr.api.device.RunningConfig;
import org.opendaylight.openbsdpbr.api.files.FileSet;
import org.opendaylight.openbsdpbr.tools.cli.device.DeviceCli;
import org.opendaylight.openbsdpbr.tools.cli.device.DeviceCommand;
import org.opendaylight.openbsdpbr.tools.cli.device.FileTree;

/**
 * {@code openbsd-pbr check-sync}: reads a router's generation and its managed files as they are on disk, and reports
 * files changed by hand since their generation installed them (drift) and, with {@code --files DIR}, every difference
 * from the rendered files. Prints {@code generation N} last.
 * <pre>
 * openbsd-pbr check-sync --router NAME --target HOST[:PORT] [--files DIR] [device options]
 * </pre>
 * Exit status 0 when in sync (no drift, no difference), 1 when not or unreachable, 2 on a usage error.
 */
public final class CheckSyncCommand {
    static final String USAGE = "usage: openbsd-pbr check-sync --router NAME --target HOST[:PORT] [--files DIR] "
        + "[--identity KEY | --password-file F] [--known-hosts F | --fingerprint SHA256:...]";
    private static final String HELP = USAGE + "\n"
        + "Reports the router's generation, files changed on the router by hand, and differences from DIR.\n"
        + "  --files DIR               rendered files to compare with\n"
        + DeviceCli.HELP;
    private static final DeviceCommand COMMAND = new DeviceCommand(USAGE, HELP, Set.of("--files"), Set.of());

    private CheckSyncCommand() {
        // static only
    }

    /**
     * Runs the command.
     *
     * @param args the arguments after {@code check-sync}
     * @param out where results go
     * @param error where errors go
     * @return 0 when in sync, 1 when not, 2 on a usage error
     */
    public static int run(final List<String> args, final PrintStream out, final PrintStream error) {
        return COMMAND.run(args, out, error, options -> {
            final Optional<String> files = options.value("--files");
            final Optional<FileSet> expected = files.isPresent()
                ? Optional.of(FileTree.read(Path.of(files.orElseThrow()))) : Optional.empty();
            final DeviceTarget target = DeviceCli.target(options, out);
            return push -> {
                final RunningConfig config;
                try {
                    config = push.readConfig(target).toCompletableFuture().get();
                } catch (ExecutionException e) {
                    DeviceCli.fail(e, error);
                    DeviceCli.printGeneration(OptionalInt.empty(), out);
                    return 1;
                }
                return report(target, config, expected, out);
            };
        });
    }

    private static int report(final DeviceTarget target, final RunningConfig config,
            final Optional<FileSet> expected, final PrintStream out) {
        out.println(target.name() + ": " + config.recorded().size() + " managed files");
        config.pending().ifPresent(pending -> out.println("pending: generation " + pending.generation()
            + " waits for confirm until " + pending.deadline() + " (then reverts to " + pending.previous() + ")"));
        config.lastRevert().ifPresent(revert -> out.println("last revert: generation " + revert.generation()
            + " -> " + revert.restored() + " at " + revert.at()));
        final Set<String> drift = config.localChanges();
        drift.forEach(path -> out.println("changed on the router: " + path
            + (config.onDisk().containsKey(path) ? "" : " (missing)")));
        boolean inSync = drift.isEmpty();
        if (expected.isPresent()) {
            final Set<String> differences = config.differencesFrom(expected.orElseThrow());
            differences.forEach(path -> out.println("differs from the rendered files: " + path));
            inSync &= differences.isEmpty();
        }
        out.println(inSync ? "in sync" : "OUT OF SYNC");
        DeviceCli.printGeneration(OptionalInt.of(config.generation()), out);
        return inSync ? 0 : 1;
    }
}

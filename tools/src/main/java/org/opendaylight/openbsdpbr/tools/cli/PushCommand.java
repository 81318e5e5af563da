/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.tools.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.openbsdpbr.api.device.DeviceTarget;
import org.opendaylight.openbsdpbr.api.files.FileSet;
import org.opendaylight.openbsdpbr.api.intent.RouterIntent;
import org.opendaylight.openbsdpbr.impl.device.PushOptions;
import org.opendaylight.openbsdpbr.tools.cli.device.DeviceCli;
import org.opendaylight.openbsdpbr.tools.cli.device.DeviceCommand;
import org.opendaylight.openbsdpbr.tools.cli.device.FileTree;
import org.opendaylight.openbsdpbr.tools.cli.device.Options;
import org.opendaylight.openbsdpbr.tools.cli.device.UsageException;

/**
 * {@code openbsd-pbr push}: commits rendered files to one router without a controller. Lock, upload, validate with the
 * router's own checks, commit (with {@code --confirm}: reconnect to prove the router is still reachable, then
 * confirm; the router reverts by itself otherwise), unlock. The apply plan is computed against the generation the
 * router runs. Prints the outcome and, last, {@code generation N}.
 * <pre>
 * openbsd-pbr push --files DIR --router NAME --target HOST[:PORT] [--user U] [--identity KEY | --password-file F]
 *     [--known-hosts F | --fingerprint SHA256:... | --trust-on-first-use] [--confirm SECONDS] [--lock-wait SECONDS]
 *     [--timeout SECONDS] [--force]
 * </pre>
 * Exit status 0 when the router runs the files (committed, confirmed or already in sync), 1 when it does not (the
 * output says which generation it runs), 2 on a usage error.
 */
public final class PushCommand {
    static final String USAGE = "usage: openbsd-pbr push --files DIR --router NAME --target HOST[:PORT] "
        + "[--identity KEY | --password-file F] [--known-hosts F | --fingerprint SHA256:...] [--confirm SECONDS]";
    private static final Set<String> OWN = Set.of("--files", "--confirm", "--lock-wait", PathCheck.CONTROLLER_ADDRESS,
        PathCheck.ROUTER_ADDRESS, PathCheck.ROUTER_PORT);
    private static final String HELP = USAGE + "\n"
        + "Commits the files of DIR (DIR/etc/pf.conf is /etc/pf.conf) to one router.\n"
        + "  --files DIR               rendered files, as 'openbsd-pbr render --out DIR' writes them\n"
        + "  --confirm SECONDS         confirmed commit: the router reverts unless confirmed in time\n"
        + "  --lock-wait SECONDS       wait this long for another holder's lock (default 30)\n"
        + "  --force                   commit even when the router already runs these files\n"
        + PathCheck.HELP
        + DeviceCli.HELP;
    private static final DeviceCommand COMMAND = new DeviceCommand(USAGE, HELP, OWN, Set.of("--force",
        PathCheck.SKIP));
    private static final DeviceCommand FILES = new DeviceCommand(USAGE, HELP, Set.of("--confirm", "--lock-wait",
        PathCheck.CONTROLLER_ADDRESS, PathCheck.ROUTER_ADDRESS, PathCheck.ROUTER_PORT), Set.of("--force",
        PathCheck.SKIP));

    private PushCommand() {
        // static only
    }

    /**
     * Runs the command.
     *
     * @param args the arguments after {@code push}
     * @param out where results go
     * @param error where errors go
     * @return 0 when the router runs the files, 1 when not, 2 on a usage error
     */
    public static int run(final List<String> args, final PrintStream out, final PrintStream error) {
        return COMMAND.run(args, out, error,
            options -> prepare(FileTree.read(Path.of(options.required("--files"))), null, options, out, error));
    }

    /**
     * Push files that the caller produced (e.g. rendered from an intent) with the device options in {@code args}
     * ({@code --router}, {@code --target}, credentials, host key, {@code --confirm}, {@code --lock-wait},
     * {@code --force}, {@code --timeout}).
     *
     * @return the exit status, as {@link #run}
     */
    public static int pushFiles(final FileSet files, final List<String> args, final PrintStream out,
            final PrintStream error) {
        return pushFiles(files, null, args, out, error);
    }

    /**
     * As {@link #pushFiles(FileSet, List, PrintStream, PrintStream)}, naming intent elements when the management-path
     * proof refuses the files.
     *
     * @param intent the effective intent the files were rendered from, or null
     */
    public static int pushFiles(final FileSet files, final @Nullable RouterIntent intent, final List<String> args,
            final PrintStream out, final PrintStream error) {
        return FILES.execute(args, out, error, options -> prepare(files, intent, options, out, error));
    }

    private static DeviceCommand.Call prepare(final FileSet files, final @Nullable RouterIntent intent,
            final Options options, final PrintStream out, final PrintStream error)
            throws UsageException, IOException {
        final DeviceTarget target = DeviceCli.target(options, out);
        // before any byte goes to the router: would it still let this machine in?
        final String refusal = PathCheck.refusal(files, target, options, intent, out);
        if (refusal != null) {
            return push -> {
                error.println(refusal);
                return 1;
            };
        }
        final PushOptions pushOptions = DeviceCli.withConfirm(PushOptions.defaults(), options)
            .withLockWait(Duration.ofSeconds(options.intValue("--lock-wait", 0, 3600).orElse(30)))
            .withSkipWhenInSync(!options.flag("--force"));
        return push -> {
            out.println("pushing " + files.size() + " files (revision " + files.revision().substring(0, 12)
                + ") to " + target.name() + " at " + target.endpoint()
                + pushOptions.confirm().map(t -> ", confirm within " + t.toSeconds() + " s").orElse(""));
            return DeviceCli.report(push.push(files, target, pushOptions), out, error);
        };
    }
}

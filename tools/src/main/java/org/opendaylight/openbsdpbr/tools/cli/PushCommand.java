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
import org.opendaylight.openbsdpbr.api.device.DeviceTarget;
import org.opendaylight.openbsdpbr.api.files.FileSet;
import org.opendaylight.openbsdpbr.impl.ssh.PushOptions;
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
    private static final Set<String> OWN = Set.of("--files", "--confirm", "--lock-wait");
    private static final String HELP = USAGE + "\n"
        + "Commits the files of DIR (DIR/etc/pf.conf is /etc/pf.conf) to one router.\n"
        + "  --files DIR               rendered files, as 'openbsd-pbr render --out DIR' writes them\n"
        + "  --confirm SECONDS         confirmed commit: the router reverts unless confirmed in time\n"
        + "  --lock-wait SECONDS       wait this long for another holder's lock (default 30)\n"
        + "  --force                   commit even when the router already runs these files\n"
        + DeviceCli.HELP;
    private static final DeviceCommand COMMAND = new DeviceCommand(USAGE, HELP, OWN, Set.of("--force"));
    private static final DeviceCommand FILES = new DeviceCommand(USAGE, HELP, Set.of("--confirm", "--lock-wait"),
        Set.of("--force"));

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
            options -> prepare(FileTree.read(Path.of(options.required("--files"))), options, out, error));
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
        return FILES.execute(args, out, error, options -> prepare(files, options, out, error));
    }

    private static DeviceCommand.Call prepare(final FileSet files, final Options options, final PrintStream out,
            final PrintStream error) throws UsageException, IOException {
        final DeviceTarget target = DeviceCli.target(options, out);
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

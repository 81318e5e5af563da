/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.tools.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Set;
import org.opendaylight.openbsdpbr.api.device.DeviceTarget;
import org.opendaylight.openbsdpbr.tools.cli.device.DeviceCli;
import org.opendaylight.openbsdpbr.tools.cli.device.DeviceCommand;

/**
 * {@code openbsd-pbr confirm}: confirms a router's pending confirmed commit (or, with {@code --cancel}, reverts it
 * now). Prints the outcome and, last, {@code generation N}.
 * <pre>
 * openbsd-pbr confirm --router NAME --target HOST[:PORT] [--generation N] [--cancel] [device options]
 * </pre>
 * Exit status 0 when confirmed (or cancelled), 1 when the router had already reverted or nothing was pending, 2 on a
 * usage error.
 */
public final class ConfirmCommand {
    static final String USAGE = "usage: openbsd-pbr confirm --router NAME --target HOST[:PORT] [--generation N] "
        + "[--cancel] [--identity KEY | --password-file F] [--known-hosts F | --fingerprint SHA256:...]";
    private static final String HELP = USAGE + "\n"
        + "Confirms the router's pending confirmed commit, so that the router keeps it.\n"
        + "  --generation N            the generation to confirm (default: whichever is pending)\n"
        + "  --cancel                  revert the pending commit now instead\n"
        + DeviceCli.HELP;
    private static final DeviceCommand COMMAND = new DeviceCommand(USAGE, HELP, Set.of("--generation"),
        Set.of("--cancel"));

    private ConfirmCommand() {
        // static only
    }

    /**
     * Runs the command.
     *
     * @param args the arguments after {@code confirm}
     * @param out where results go
     * @param error where errors go
     * @return 0 when confirmed or cancelled, 1 when not, 2 on a usage error
     */
    public static int run(final List<String> args, final PrintStream out, final PrintStream error) {
        return COMMAND.run(args, out, error, options -> {
            final int generation = options.intValue("--generation", 1, Integer.MAX_VALUE).orElse(0);
            final DeviceTarget target = DeviceCli.target(options, out);
            return push -> DeviceCli.report(options.flag("--cancel") ? push.cancelCommit(target)
                : push.confirm(target, generation), out, error);
        });
    }
}

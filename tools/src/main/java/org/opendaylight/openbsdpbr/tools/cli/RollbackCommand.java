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
import org.opendaylight.openbsdpbr.impl.device.PushOptions;
import org.opendaylight.openbsdpbr.tools.cli.device.DeviceCli;
import org.opendaylight.openbsdpbr.tools.cli.device.DeviceCommand;
import org.opendaylight.openbsdpbr.tools.cli.device.UsageException;

/**
 * {@code openbsd-pbr rollback}: re-installs a generation the router keeps (it keeps the last ten) as a new commit,
 * with the apply plan computed between the two generations; confirmed when asked. Prints the outcome and, last,
 * {@code generation N}.
 * <pre>
 * openbsd-pbr rollback --router NAME --target HOST[:PORT] --generation N [--confirm SECONDS] [device options]
 * </pre>
 * Exit status 0 when the router runs the old files again, 1 when it does not, 2 on a usage error.
 */
public final class RollbackCommand {
    static final String USAGE = "usage: openbsd-pbr rollback --router NAME --target HOST[:PORT] --generation N "
        + "[--confirm SECONDS] [--identity KEY | --password-file F] [--known-hosts F | --fingerprint SHA256:...]";
    private static final String HELP = USAGE + "\n"
        + "Re-installs a generation the router keeps, as a new generation.\n"
        + "  --generation N            the generation to go back to\n"
        + "  --confirm SECONDS         confirmed: the router reverts unless confirmed in time\n"
        + DeviceCli.HELP;
    private static final DeviceCommand COMMAND = new DeviceCommand(USAGE, HELP,
        Set.of("--generation", "--confirm"), Set.of());

    private RollbackCommand() {
        // static only
    }

    /**
     * Runs the command.
     *
     * @param args the arguments after {@code rollback}
     * @param out where results go
     * @param error where errors go
     * @return 0 on success, 1 on failure, 2 on a usage error
     */
    public static int run(final List<String> args, final PrintStream out, final PrintStream error) {
        return COMMAND.run(args, out, error, options -> {
            final int generation = options.intValue("--generation", 1, Integer.MAX_VALUE)
                .orElseThrow(() -> new UsageException("missing --generation"));
            final PushOptions pushOptions = DeviceCli.withConfirm(PushOptions.defaults().withSkipWhenInSync(false),
                options);
            final DeviceTarget target = DeviceCli.target(options, out);
            return push -> DeviceCli.report(push.rollback(target, generation, pushOptions), out, error);
        });
    }
}

/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.tools.cli.device;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.opendaylight.openbsdpbr.impl.device.DevicePush;
import org.opendaylight.openbsdpbr.impl.device.TimerThread;
import org.opendaylight.openbsdpbr.impl.render.ApplyPlanner;
import org.opendaylight.openbsdpbr.impl.ssh.SshDeviceConnector;

/**
 * The frame each device command (push, confirm, rollback, check-sync) runs in, so that a command holds only its own
 * part: {@code --help}; parsing the {@link DeviceCli device options} with the command's own; usage errors (exit
 * status 2, with the usage line when the command line is at fault); one connector to the router; and failures before
 * any result (exit status 1).
 */
public final class DeviceCommand {
    /** The command's own part of the command line, read after parsing: returns what to do on the router. */
    @FunctionalInterface
    public interface Prepare {
        /**
         * Read the command's own options and name the router.
         *
         * @param options the parsed command line
         * @return the work on the router
         * @throws UsageException when the command line is at fault
         * @throws IOException when a file it names cannot be read
         */
        Call prepare(Options options) throws UsageException, IOException;
    }

    /** The command's work on the router: prints the outcome, returns the exit status. */
    @FunctionalInterface
    public interface Call {
        /**
         * Talk to the router.
         *
         * @param push the router operations, over this command's connector
         * @return the exit status
         * @throws ExecutionException when the operation failed before any result
         * @throws InterruptedException when interrupted
         */
        int call(DevicePush push) throws ExecutionException, InterruptedException;
    }

    private final String usage;
    private final String help;
    private final Set<String> valued;
    private final Set<String> flags;

    /**
     * A device command.
     *
     * @param usage the usage line, printed after a usage error
     * @param help the text of {@code --help}
     * @param ownValued the command's own options that take a value
     * @param ownFlags the command's own flags
     */
    public DeviceCommand(final String usage, final String help, final Set<String> ownValued,
            final Set<String> ownFlags) {
        this.usage = usage;
        this.help = help;
        valued = DeviceCli.with(DeviceCli.VALUED, ownValued.toArray(String[]::new));
        flags = DeviceCli.with(DeviceCli.FLAGS, ownFlags.toArray(String[]::new));
    }

    /**
     * Run the command: prints the help when {@code args} ask for it, otherwise {@link #execute}.
     *
     * @return the exit status: 0 on help
     */
    public int run(final List<String> args, final PrintStream out, final PrintStream error, final Prepare prepare) {
        if (args.contains("--help") || args.contains("-h")) {
            out.print(help);
            return 0;
        }
        return execute(args, out, error, prepare);
    }

    /**
     * Parse {@code args}, let the command prepare its call, then make the call over a new connector.
     *
     * @return the exit status of the call; 2 on a usage error; 1 when the call failed before any result
     */
    public int execute(final List<String> args, final PrintStream out, final PrintStream error,
            final Prepare prepare) {
        DeviceCli.quietLogs();
        final Options options;
        final Call call;
        try {
            options = Options.parse(args, valued, flags, DeviceCli.REPEATABLE);
            call = prepare.prepare(options);
        } catch (UsageException e) {
            error.println("error: " + e.getMessage());
            error.println(usage);
            return 2;
        } catch (IOException e) {
            error.println("error: " + e.getMessage());
            return 2;
        }
        try (var connector = new SshDeviceConnector(DeviceCli.settings(options));
             var timer = new TimerThread("device-timer")) {
            return call.call(new DevicePush(connector, ApplyPlanner::plan, timer));
        } catch (UsageException e) {
            error.println("error: " + e.getMessage());
            return 2;
        } catch (ExecutionException e) {
            return DeviceCli.fail(e, error);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return DeviceCli.fail(e, error);
        }
    }
}

/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.tools.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.opendaylight.openbsdpbr.tools.cli.device.DeviceCli;
import org.opendaylight.openbsdpbr.tools.cli.device.Options;
import org.opendaylight.openbsdpbr.tools.cli.device.UsageException;
import org.opendaylight.openbsdpbr.tools.lab.Lab;
import org.opendaylight.openbsdpbr.tools.lab.LabConfig;
import org.opendaylight.openbsdpbr.tools.lab.LabControl;
import org.opendaylight.openbsdpbr.tools.lab.LabFault;
import org.opendaylight.openbsdpbr.tools.lab.LabRouter;

/**
 * {@code openbsd-pbr lab}: runs N simulated OpenBSD routers on loopback until stopped (SIGTERM or Ctrl-C), one SSH
 * port each ({@code r1} on the base port, {@code r2} on the next...), and prints each router's endpoint and host-key
 * fingerprint. Faults are injected with control lines ({@code fault r2 drop-commit}, {@code clear all}, {@code help})
 * typed on stdin or posted to the HTTP control port.
 * <pre>
 * openbsd-pbr lab --routers N [--base-port P] [--state-dir DIR] [--host 127.0.0.1] [--user root]
 *     [--password-file F] [--authorized-key SHA256:...]... [--control-port P] [--exit-on-eof]
 * </pre>
 * With {@code --state-dir}, host keys persist there (stable fingerprints across restarts) and {@code endpoints.txt}
 * ({@code NAME HOST:PORT FINGERPRINT USER} per line), {@code known_hosts} and {@code control.url} are written. The
 * routers accept any public key for the user unless {@code --authorized-key} restricts them, and a password only with
 * {@code --password-file}.
 */
public final class LabCommand {
    static final String USAGE = "usage: openbsd-pbr lab --routers N [--base-port P] [--state-dir DIR] "
        + "[--control-port P] [--password-file F] [--authorized-key SHA256:...]";
    private static final Set<String> VALUED = Set.of("--routers", "--base-port", "--state-dir", "--host", "--user",
        "--password-file", "--authorized-key", "--control-port");
    private static final String HELP = USAGE + "\n"
        + "Runs simulated OpenBSD routers on loopback for tests and demos, until stopped.\n"
        + "  --routers N               how many routers (r1..rN), default 3\n"
        + "  --base-port P             r1 listens on P, r2 on P+1...; default: free ports\n"
        + "  --state-dir DIR           keep host keys there; write endpoints.txt, known_hosts, control.url\n"
        + "  --host ADDRESS            loopback address to listen on (default 127.0.0.1)\n"
        + "  --user USER               account the routers accept (default root)\n"
        + "  --password-file FILE      accept the password on the first line of FILE too\n"
        + "  --authorized-key SHA256:. accept only this public key (repeatable; default any key)\n"
        + "  --control-port P          HTTP control port (default: a free one; -1 for none)\n"
        + "  --exit-on-eof             stop when stdin closes\n"
        + "Control lines (stdin, or POST to the control URL):\n"
        + "  routers | status R | fault R|all FAULT [ARG] | clear R|all [FAULT] | cat R PATH | edit R PATH [TEXT]\n"
        + "  faults: " + LabFault.names() + "\n";

    private LabCommand() {
        // static only
    }

    /**
     * Runs the lab until the process is stopped, reading control lines from stdin.
     *
     * @param args the arguments after {@code lab}
     * @param out where endpoints and control replies go
     * @param error where errors go
     * @return 2 on a usage error, 1 when the lab cannot start; otherwise it runs until the process ends (0 after
     *     {@code --exit-on-eof} and the end of stdin)
     */
    public static int run(final List<String> args, final PrintStream out, final PrintStream error) {
        return run(args, System.in, out, error);
    }

    /** As {@link #run(List, PrintStream, PrintStream)}, with control lines read from {@code in}. */
    public static int run(final List<String> args, final InputStream in, final PrintStream out,
            final PrintStream error) {
        if (args.contains("--help") || args.contains("-h")) {
            out.print(HELP);
            return 0;
        }
        DeviceCli.quietLogs();
        final LabConfig config;
        final boolean exitOnEof;
        try {
            final Options options = Options.parse(args, VALUED, Set.of("--exit-on-eof"), Set.of("--authorized-key"));
            config = config(options);
            exitOnEof = options.flag("--exit-on-eof");
        } catch (UsageException e) {
            error.println("error: " + e.getMessage());
            error.println(USAGE);
            return 2;
        } catch (IOException e) {
            error.println("error: " + e.getMessage());
            return 2;
        }
        final Lab lab;
        try {
            lab = Lab.start(config);
        } catch (IOException e) {
            error.println("error: cannot start the lab: " + e.getMessage());
            return 1;
        }
        final var stopped = new CountDownLatch(1);
        final Thread hook = new Thread(() -> {
            lab.close();
            stopped.countDown();
        }, "lab-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        printEndpoints(lab, config, out);
        control(lab.control(), in, out);
        if (exitOnEof) {
            Runtime.getRuntime().removeShutdownHook(hook);
            lab.close();
            out.println("lab stopped");
            return 0;
        }
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private static LabConfig config(final Options options) throws UsageException, IOException {
        final int routers = options.intValue("--routers", 1, 5000).orElse(3);
        LabConfig config = LabConfig.of(routers);
        final int basePort = options.intValue("--base-port", 0, 65535).orElse(0);
        if (basePort != 0 && basePort + routers - 1 > 65535) {
            throw new UsageException("--base-port: the last router's port would pass 65535");
        }
        config = config.withBasePort(basePort).withControlPort(options.intValue("--control-port", -1, 65535)
            .orElse(0));
        config = new LabConfig(config.routers(), options.value("--host").orElse("127.0.0.1"), config.basePort(),
            options.value("--user").orElse("root"), config.password(), config.authorizedKeys(), config.stateDir(),
            config.controlPort(), config.ioThreads());
        if (options.value("--state-dir").isPresent()) {
            config = config.withStateDir(Files.createDirectories(Path.of(options.value("--state-dir").orElseThrow())));
        }
        if (options.value("--password-file").isPresent()) {
            final Path file = Path.of(options.value("--password-file").orElseThrow());
            try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
                config = config.withPassword(lines.findFirst().orElseThrow(() -> new IOException(file
                    + " is empty")));
            }
        }
        if (!options.values("--authorized-key").isEmpty()) {
            try {
                config = config.withAuthorizedKeys(Set.copyOf(options.values("--authorized-key")));
            } catch (IllegalArgumentException e) {
                throw new UsageException("--authorized-key: " + e.getMessage(), e);
            }
        }
        return config;
    }

    private static void printEndpoints(final Lab lab, final LabConfig config, final PrintStream out) {
        out.println("lab: " + config.routers() + " simulated OpenBSD routers on " + config.host() + ", user "
            + config.user() + (config.authorizedKeys().isEmpty() ? ", any public key" : ", listed keys only")
            + (config.password().isPresent() ? " or the password" : ""));
        for (LabRouter router : lab.routers()) {
            out.println(router.name() + " " + config.host() + ":" + lab.port(router.name()) + " "
                + router.hostKeyFingerprint());
        }
        lab.controlUri().ifPresent(uri -> out.println("control: " + uri + "  (curl -d 'fault r1 drop-commit' "
            + uri + ")"));
        config.stateDir().ifPresent(dir -> out.println("state: " + dir + " (endpoints.txt, known_hosts, hostkeys/)"));
        out.println("type control lines here ('help'); stop with Ctrl-C");
        out.flush();
    }

    private static void control(final LabControl control, final InputStream in, final PrintStream out) {
        try (var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                final String reply = control.execute(line);
                if (!reply.isEmpty()) {
                    out.println(reply);
                    out.flush();
                }
            }
        } catch (IOException e) {
            // stdin is gone: keep running
        }
    }
}

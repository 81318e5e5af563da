/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.tools.bench;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.opendaylight.openbsdpbr.api.device.Candidate;
import org.opendaylight.openbsdpbr.api.device.CommitRequest;
import org.opendaylight.openbsdpbr.api.device.CommitResult;
import org.opendaylight.openbsdpbr.api.device.Credentials;
import org.opendaylight.openbsdpbr.api.device.DeviceSession;
import org.opendaylight.openbsdpbr.api.device.DeviceTarget;
import org.opendaylight.openbsdpbr.api.files.FileSet;
import org.opendaylight.openbsdpbr.api.files.ManagedFile;
import org.opendaylight.openbsdpbr.api.plan.ApplyPlan;
import org.opendaylight.openbsdpbr.api.plan.PlanStep;
import org.opendaylight.openbsdpbr.impl.ssh.SshDeviceConnector;
import org.opendaylight.openbsdpbr.impl.ssh.SshKeys;
import org.opendaylight.openbsdpbr.impl.ssh.SshSettings;
import org.opendaylight.openbsdpbr.tools.lab.Lab;
import org.opendaylight.openbsdpbr.tools.lab.LabConfig;

/**
 * One router, full device cycle on loopback with a fresh SSH session each time: connect (TCP, key exchange, public-key
 * authentication), lock, upload a candidate, validate, commit confirmed, confirm, unlock, close, against a lab router
 * in the same JVM. Prints the median, p90, min and max of the whole cycle and the median of each step (goal: p50
 * at most 150 ms).
 * <pre>
 * java -cp TOOLS_CLASSPATH org.opendaylight.openbsdpbr.tools.bench.DeviceBenchmark [--runs 50] [--warmup 20]
 * </pre>
 */
public final class DeviceBenchmark {
    private static final List<String> STEPS = List.of("connect+auth", "lock", "upload", "validate",
        "commit confirmed", "confirm", "unlock");

    private DeviceBenchmark() {
        // main only
    }

    static final String USAGE = """
        usage: ./openbsd-pbr bench device [--runs N] [--warmup N]
        One lab router in this JVM: the full confirmed-commit cycle, each time with a fresh SSH session. Prints the
        median, p90, min and max of the cycle and the median of each step.
          --runs N      cycles measured (default 50)
          --warmup N    cycles run first and not measured (default 20)""";

    public static void main(final String[] args) throws Exception {
        printing(args, USAGE, out -> run(args, out));
    }

    /** What a benchmark's main runs, printing its figures. */
    @FunctionalInterface
    interface Body {
        void run(PrintStream out) throws Exception;
    }

    /**
     * The frame of every benchmark's main, after its command line is checked against its usage ({@link BenchmarkArgs}:
     * help prints the usage and runs nothing; an option the usage does not name exits 2).
     */
    // help goes to stdout, a refused command line to stderr, as every command of the launcher does
    @SuppressWarnings("checkstyle:RegexpSinglelineJava")
    static void printing(final String[] args, final String usage, final Body body) throws Exception {
        final var stop = new BenchmarkArgs(usage).answer(System.out, System.err, args);
        if (stop.isPresent()) {
            if (stop.orElseThrow() != 0) {
                System.exit(stop.orElseThrow());
            }
            return;
        }
        printing(body);
    }

    /**
     * The frame of every benchmark's main: library logging at warn, figures to stdout in UTF-8, autoflushed. A failed
     * benchmark ends its JVM: its failure leaves main and is printed as usual, and should threads it left behind (a
     * request pool, the lab's) keep the JVM alive, a daemon halts it with status 1 a few seconds later; otherwise the
     * script waiting for it would wait for ever, holding the ports lock.
     */
    static void printing(final Body body) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        boolean finished = false;
        try (PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true,
                StandardCharsets.UTF_8)) {
            body.run(out);
            finished = true;
        } finally {
            if (!finished) {
                final Thread reaper = new Thread(() -> {
                    LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(5));
                    Runtime.getRuntime().halt(1);
                }, "benchmark-failed");
                reaper.setDaemon(true);
                reaper.start();
            }
        }
    }

    private static void run(final String[] args, final PrintStream out) throws Exception {
        final int runs = intArg(args, "--runs", 50);
        final int warmup = intArg(args, "--warmup", 20);
        final var credentials = new Credentials.Key(SshKeys.generateEd25519());
        try (Lab lab = Lab.start(LabConfig.of(1));
             var connector = new SshDeviceConnector(SshSettings.defaults())) {
            final DeviceTarget target = lab.target("r1", credentials);
            final List<long[]> samples = new ArrayList<>();
            for (int i = 0; i < warmup + runs; i++) {
                final long[] steps = cycle(connector, target, i);
                if (i >= warmup) {
                    samples.add(steps);
                }
            }
            final long[] totals = samples.stream().mapToLong(steps -> Arrays.stream(steps).sum()).sorted().toArray();
            out.printf(Locale.ROOT, "device full cycle, one lab router on loopback, fresh session each time%n");
            out.printf(Locale.ROOT, "  connect, lock, upload, validate, commit confirmed, confirm, unlock (%d runs "
                + "after %d warm-up)%n", runs, warmup);
            out.printf(Locale.ROOT, "  p50 %.1f ms  p90 %.1f ms  min %.1f ms  max %.1f ms  (goal p50 <= 150 ms)%n",
                ms(percentile(totals, 50)), ms(percentile(totals, 90)), ms(totals[0]), ms(totals[totals.length - 1]));
            for (int s = 0; s < STEPS.size(); s++) {
                final int step = s;
                final long[] values = samples.stream().mapToLong(steps -> steps[step]).sorted().toArray();
                out.printf(Locale.ROOT, "  %-17s p50 %6.2f ms  p90 %6.2f ms%n", STEPS.get(s),
                    ms(percentile(values, 50)), ms(percentile(values, 90)));
            }
        }
    }

    private static long[] cycle(final SshDeviceConnector connector, final DeviceTarget target, final int run)
            throws Exception {
        final long[] steps = new long[STEPS.size()];
        long start = System.nanoTime();
        final DeviceSession session = get(connector.open(target));
        steps[0] = System.nanoTime() - start;
        try {
            start = System.nanoTime();
            get(session.lock());
            steps[1] = System.nanoTime() - start;
            start = System.nanoTime();
            get(session.editCandidate(candidate(run)));
            steps[2] = System.nanoTime() - start;
            start = System.nanoTime();
            get(session.validate());
            steps[3] = System.nanoTime() - start;
            start = System.nanoTime();
            final CommitResult committed = get(session.commit(CommitRequest.confirmed(Duration.ofSeconds(60))));
            steps[4] = System.nanoTime() - start;
            start = System.nanoTime();
            get(session.confirm(committed.generation()));
            steps[5] = System.nanoTime() - start;
            start = System.nanoTime();
            get(session.unlock());
            steps[6] = System.nanoTime() - start;
        } finally {
            session.close();
        }
        return steps;
    }

    /** A realistic small router: pf.conf, the PPPoE uplink, the LAN, unwind, sshd. */
    static Candidate candidate(final int run) {
        return candidate(run, "root", "wheel");
    }

    /** The same router with files of this owner and group (a Linux sandbox has no group wheel). */
    static Candidate candidate(final int run, final String owner, final String group) {
        final FileSet files = FileSet.of(List.of(
            new ManagedFile("/etc/pf.conf", owner, group, 0644, "set skip on lo\nblock return\npass\n"
                + "match out on pppoe0 inet from em1:network to any nat-to (pppoe0:0)\npass in on em1 inet from "
                + "em1:network to <via_pppoe> rtable 1\ntable <via_pppoe> { 192.0.2." + (run % 250) + " }\n", false),
            new ManagedFile("/etc/hostname.pppoe0", owner, group, 0600, "rdomain 1\ninet 0.0.0.0 255.255.255.255 "
                + "NONE mtu 1454 pppoedev em0 authproto chap authname 'user' authkey 'secret' up\ndest 0.0.0.1\n"
                + "!/sbin/route -T 1 add default -ifp pppoe0 0.0.0.1\n", true),
            new ManagedFile("/etc/hostname.em1", owner, group, 0644, "inet 192.168.1.1 255.255.255.0\n", false),
            new ManagedFile("/etc/unwind.conf", owner, group, 0644, "forwarder { 8.8.8.8 1.1.1.1 }\n", false),
            new ManagedFile("/etc/ssh/sshd_config", owner, group, 0644, "PermitRootLogin prohibit-password\n"
                + "ListenAddress 0.0.0.0\nListenAddress 0.0.0.0 rdomain 1\n", false)));
        return new Candidate(files, new ApplyPlan(List.of(new PlanStep.LoadPf())),
            new ApplyPlan(List.of(new PlanStep.LoadPf())));
    }

    static <T> T get(final CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    static long percentile(final long[] sorted, final int percent) {
        final int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    static double ms(final long nanos) {
        return nanos / 1_000_000.0;
    }

    static int intArg(final String[] args, final String name, final int fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (name.equals(args[i])) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return fallback;
    }

    static String stringArg(final String[] args, final String name, final String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (name.equals(args[i])) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}

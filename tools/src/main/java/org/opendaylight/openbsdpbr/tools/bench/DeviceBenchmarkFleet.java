/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.tools.bench;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.opendaylight.openbsdpbr.api.device.Candidate;
import org.opendaylight.openbsdpbr.api.device.Credentials;
import org.opendaylight.openbsdpbr.impl.render.ApplyPlanner;
import org.opendaylight.openbsdpbr.impl.ssh.DevicePush;
import org.opendaylight.openbsdpbr.impl.ssh.PushOptions;
import org.opendaylight.openbsdpbr.impl.ssh.PushResult;
import org.opendaylight.openbsdpbr.impl.ssh.SshDeviceConnector;
import org.opendaylight.openbsdpbr.impl.ssh.SshKeys;
import org.opendaylight.openbsdpbr.impl.ssh.SshSettings;
import org.opendaylight.openbsdpbr.tools.lab.Lab;
import org.opendaylight.openbsdpbr.tools.lab.LabConfig;

/**
 * The same change to N lab routers (N = 10, 100, 1000 by default): a whole confirmed transaction per router (connect,
 * lock, get-config, upload, validate, commit confirmed, reconnect, confirm, unlock), at most C routers at once, over
 * one SSH client whose few I/O threads serve every router (no thread per router). Round 1 is the first contact, which
 * also installs the router-side script; round 2 is the next change. Prints time vs N, failures and the peak thread
 * count (goal: 1000 routers in at most 30 s on two cores, zero failures).
 * <pre>
 * java -cp TOOLS_CLASSPATH org.opendaylight.openbsdpbr.tools.bench.DeviceBenchmarkFleet [--sizes 10,100,1000]
 *     [--concurrency 64] [--confirm 120]
 * </pre>
 */
public final class DeviceBenchmarkFleet {
    private DeviceBenchmarkFleet() {
        // main only
    }

    public static void main(final String[] args) throws Exception {
        DeviceBenchmark.printing(out -> run(args, out));
    }

    private static void run(final String[] args, final PrintStream out) throws Exception {
        final int[] sizes = Arrays.stream(DeviceBenchmark.stringArg(args, "--sizes", "10,100,1000").split(","))
            .mapToInt(Integer::parseInt).toArray();
        final int concurrency = DeviceBenchmark.intArg(args, "--concurrency", 64);
        final var options = PushOptions.defaults().withConfirm(Duration.ofSeconds(
            DeviceBenchmark.intArg(args, "--confirm", 120))).withLockWait(Duration.ofSeconds(60));
        final var credentials = new Credentials.Key(SshKeys.generateEd25519());
        out.printf(Locale.ROOT, "fleet push: the same confirmed change to N lab routers, concurrency %d, %d cores%n",
            concurrency, Runtime.getRuntime().availableProcessors());
        out.printf(Locale.ROOT, "%7s  %-28s  %10s  %9s  %8s  %12s%n", "routers", "round", "time", "per s",
            "failures", "peak threads");
        for (int size : sizes) {
            try (Lab lab = Lab.start(LabConfig.of(size));
                 var connector = new SshDeviceConnector(SshSettings.defaults().withTimeouts(Duration.ofSeconds(60)))) {
                final var push = new DevicePush(connector, ApplyPlanner::plan);
                final List<DevicePush.Job> first = jobs(lab, credentials, 1);
                round(out, push, first, options, concurrency, size, "1 (first contact, install)");
                final List<DevicePush.Job> second = jobs(lab, credentials, 2);
                round(out, push, second, options, concurrency, size, "2 (next change)");
            }
        }
    }

    private static List<DevicePush.Job> jobs(final Lab lab, final Credentials credentials, final int run) {
        final Candidate candidate = DeviceBenchmark.candidate(run);
        return lab.routers().stream().map(router -> new DevicePush.Job(lab.target(router.name(), credentials),
            candidate)).toList();
    }

    private static void round(final PrintStream out, final DevicePush push, final List<DevicePush.Job> jobs,
            final PushOptions options, final int concurrency, final int size, final String round) throws Exception {
        ManagementFactory.getThreadMXBean().resetPeakThreadCount();
        final long start = System.nanoTime();
        final List<PushResult> results = push.pushAll(jobs, options, concurrency).toCompletableFuture()
            .get(10, TimeUnit.MINUTES);
        final double seconds = (System.nanoTime() - start) / 1e9;
        final Map<PushResult.Outcome, Integer> outcomes = new TreeMap<>();
        results.forEach(result -> outcomes.merge(result.outcome(), 1, Integer::sum));
        final long failures = results.stream().filter(result -> result.outcome() != PushResult.Outcome.CONFIRMED)
            .count();
        out.printf(Locale.ROOT, "%7d  %-28s  %8.2f s  %9.1f  %8d  %12d%n", size, round, seconds, size / seconds,
            failures, ManagementFactory.getThreadMXBean().getPeakThreadCount());
        if (failures > 0) {
            out.println("         outcomes: " + outcomes);
            results.stream().filter(result -> !result.isSuccess()).limit(3)
                .forEach(result -> out.println("         " + result.summary()));
        }
    }
}

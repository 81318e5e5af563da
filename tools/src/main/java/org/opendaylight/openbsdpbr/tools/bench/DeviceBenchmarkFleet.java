/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.tools.bench;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.opendaylight.openbsdpbr.api.device.Candidate;
import org.opendaylight.openbsdpbr.api.device.Credentials;
import org.opendaylight.openbsdpbr.api.device.DeviceTarget;
import org.opendaylight.openbsdpbr.impl.device.DevicePush;
import org.opendaylight.openbsdpbr.impl.device.PushOptions;
import org.opendaylight.openbsdpbr.impl.device.PushResult;
import org.opendaylight.openbsdpbr.impl.device.TimerThread;
import org.opendaylight.openbsdpbr.impl.render.ApplyPlanner;
import org.opendaylight.openbsdpbr.impl.ssh.SshDeviceConnector;
import org.opendaylight.openbsdpbr.impl.ssh.SshKeys;
import org.opendaylight.openbsdpbr.impl.ssh.SshSettings;
import org.opendaylight.openbsdpbr.tools.lab.Lab;
import org.opendaylight.openbsdpbr.tools.lab.LabConfig;
import org.opendaylight.openbsdpbr.tools.sandbox.SandboxSshd;

/**
 * The same change to N routers, at most C at once, over one SSH client whose few I/O threads serve every router (no
 * thread per router): a whole confirmed transaction per router (connect, lock, get-config, upload, validate, commit
 * confirmed, reconnect, confirm, unlock). Round 1 is the first contact, which also installs the router-side script;
 * round 2 is the next change. Prints time vs N, failures, the peak thread count and the CPU time it took (goal: 1000
 * lab routers in at most 30 s on two cores, zero failures).
 *
 * <p>Two kinds of routers. By default, lab routers in this JVM ({@link Lab}: the protocol answered in Java). With
 * {@code --real-sshd} (root only), sandbox routers behind Debian's real sshd running the real {@code pbr-agent.sh}
 * with stand-in tools, one account and root each ({@link SandboxSshd}); then a third round commits without a confirm
 * (upload, validate, install: the same three steps) and, on the same routers, an {@code scp} + {@code ssh} loop run by
 * {@code xargs -P} does that same work per router with the same files ({@link ScpSshLoop}): the ratio on identical
 * work. The CPU column then adds what sshd's children (connections, shells, the agent, the stand-ins) used.
 * <pre>
 * java -cp TOOLS_CLASSPATH org.opendaylight.openbsdpbr.tools.bench.DeviceBenchmarkFleet [--sizes 10,100,1000]
 *     [--concurrency 64] [--confirm 120] [--real-sshd [--loop-parallel 50] [--dir DIR]]
 * </pre>
 */
public final class DeviceBenchmarkFleet {
    private static final String ROW = "%7d  %-34s  %8.2f s  %8.1f  %8d  %12d  %s%n";

    private DeviceBenchmarkFleet() {
        // main only
    }

    static final String USAGE = """
        usage: ./openbsd-pbr bench fleet [--sizes N,N,...] [--concurrency C] [--confirm SECONDS]
               ./openbsd-pbr bench fleet --real-sshd [--sizes N,N,...] [--concurrency C] [--loop-parallel L]
                 [--dir DIR]
        The same change to N routers, a whole confirmed transaction per router, at most C at once: lab routers in
        this JVM, or (--real-sshd, root only) sandbox routers behind Debian's sshd running the real agent, then an
        scp + ssh loop doing the same work. Prints time against N, failures, the peak thread count and CPU.
          --sizes N,N,...       fleet sizes, one run each (default 10,100,1000; 100,1000 with --real-sshd)
          --concurrency C       routers in flight at once (default 64; 50 with --real-sshd)
          --confirm SECONDS     confirm timeout of each commit (default 120)
          --real-sshd           sandbox routers behind Debian's sshd running pbr-agent.sh
          --loop-parallel L     parallel scp + ssh loops (default 50; with --real-sshd)
          --dir DIR             where the sandbox routers live (with --real-sshd)""";

    public static void main(final String[] args) throws Exception {
        DeviceBenchmark.printing(args, USAGE, out -> run(args, out));
    }

    private static void run(final String[] args, final PrintStream out) throws Exception {
        final boolean real = Arrays.asList(args).contains("--real-sshd");
        final int[] sizes = Arrays.stream(DeviceBenchmark.stringArg(args, "--sizes", real ? "100,1000" : "10,100,1000")
            .split(",")).mapToInt(Integer::parseInt).toArray();
        final int concurrency = DeviceBenchmark.intArg(args, "--concurrency", real ? 50 : 64);
        final int loopParallel = DeviceBenchmark.intArg(args, "--loop-parallel", 50);
        final var confirmed = PushOptions.defaults().withConfirm(Duration.ofSeconds(
            DeviceBenchmark.intArg(args, "--confirm", 120))).withLockWait(Duration.ofSeconds(60));
        out.printf(Locale.ROOT, "fleet push: the same change to N %s, concurrency %d, %d cores%n",
            real ? "sandbox routers behind Debian's sshd running the real pbr-agent.sh" : "lab routers",
            concurrency, Runtime.getRuntime().availableProcessors());
        out.printf(Locale.ROOT, "%7s  %-34s  %10s  %8s  %8s  %12s  %s%n", "routers", "round", "time", "per s",
            "failures", "peak threads", "cpu");
        if (real) {
            final Path alone = Files.createTempDirectory("openbsd-pbr-agent-alone");
            final String owner = Files.readAttributes(alone, PosixFileAttributes.class)
                .owner().getName();
            final String group = Files.readAttributes(alone, PosixFileAttributes.class)
                .group().getName();
            final AgentAlone.Cost cost = AgentAlone.measure(alone, 20, run -> DeviceBenchmark.candidate(run, owner,
                group));
            out.printf(Locale.ROOT, "  the agent alone (sh forked directly, no SSH, 20 confirmed transactions): "
                + "%.0f ms CPU and %.0f ms wall per transaction%n", cost.cpu().toNanos() / 1e6,
                cost.wall().toNanos() / 1e6);
            delete(alone);
        }
        for (int size : sizes) {
            if (real) {
                realSshd(out, args, size, concurrency, loopParallel, confirmed);
            } else {
                lab(out, size, concurrency, confirmed);
            }
        }
    }

    private static void lab(final PrintStream out, final int size, final int concurrency,
            final PushOptions confirmed) throws Exception {
        final var credentials = new Credentials.Key(SshKeys.generateEd25519());
        try (Lab lab = Lab.start(LabConfig.of(size));
             var connector = new SshDeviceConnector(SshSettings.defaults().withTimeouts(Duration.ofSeconds(60)));
             var timer = new TimerThread("fleet-bench-timer")) {
            final var push = new DevicePush(connector, ApplyPlanner::plan, timer);
            final List<DeviceTarget> targets = lab.routers().stream()
                .map(router -> lab.target(router.name(), credentials)).toList();
            final Function<Integer, Candidate> candidate = DeviceBenchmark::candidate;
            round(out, push, jobs(targets, candidate.apply(1)), confirmed, concurrency, size,
                "1 (first contact, install)", () -> Duration.ZERO);
            round(out, push, jobs(targets, candidate.apply(2)), confirmed, concurrency, size, "2 (next change)",
                () -> Duration.ZERO);
        }
    }

    private static void realSshd(final PrintStream out, final String[] args, final int size, final int concurrency,
            final int loopParallel, final PushOptions confirmed) throws Exception {
        if (!SandboxSshd.available() || !"root".equals(System.getProperty("user.name"))) {
            throw new IllegalStateException("--real-sshd needs root and Debian's openssh-server (/usr/sbin/sshd)");
        }
        final String base = DeviceBenchmark.stringArg(args, "--dir", "");
        final Path dir = base.isEmpty() ? Files.createTempDirectory("openbsd-pbr-fleet")
            : Files.createDirectories(Path.of(base).resolve("fleet-" + size));
        out.printf(Locale.ROOT, "  setting up %d sandbox routers under %s ...%n", size, dir);
        try {
            fleet(out, dir, size, concurrency, loopParallel, confirmed);
        } finally {
            if (base.isEmpty()) {
                delete(dir);
            }
        }
    }

    private static void fleet(final PrintStream out, final Path dir, final int size, final int concurrency,
            final int loopParallel, final PushOptions confirmed) throws Exception {
        try (SandboxSshd sshd = SandboxSshd.fleet(dir, size);
             var connector = new SshDeviceConnector(SshSettings.defaults().withTimeouts(Duration.ofSeconds(120)));
             var timer = new TimerThread("fleet-bench-timer")) {
            final var push = new DevicePush(connector, ApplyPlanner::plan, timer);
            final List<DeviceTarget> targets = sshd.routers().stream().map(sshd::target).toList();
            final String owner = sshd.owner();
            final String group = sshd.group();
            final Function<Integer, Candidate> candidate = run -> DeviceBenchmark.candidate(run, owner, group);
            round(out, push, jobs(targets, candidate.apply(1)), confirmed, concurrency, size,
                "1 (first contact, install)", sshd::childCpu);
            round(out, push, jobs(targets, candidate.apply(2)), confirmed, concurrency, size,
                "2 (next change, confirmed)", sshd::childCpu);
            final double agent = round(out, push, jobs(targets, candidate.apply(3)),
                PushOptions.defaults().withLockWait(Duration.ofSeconds(60)), concurrency, size,
                "3 (next change, plain commit)", sshd::childCpu);
            final var loop = new ScpSshLoop(sshd, candidate.apply(4).files(), loopParallel);
            final Duration cpuBefore = sshd.childCpu();
            final Duration clientsBefore = SandboxSshd.reapedChildrenCpu(ProcessHandle.current().pid());
            final ScpSshLoop.Result result = loop.run();
            final Duration clients = SandboxSshd.reapedChildrenCpu(ProcessHandle.current().pid()).minus(clientsBefore);
            final Duration server = sshd.childCpu().minus(cpuBefore);
            out.printf(Locale.ROOT, ROW, size, "scp + ssh loop (xargs -P " + loopParallel + ")",
                result.seconds(), size / result.seconds(), result.failures(), 0L,
                String.format(Locale.ROOT, "%.1f s ssh and scp clients + %.1f s sshd (%.0f ms per router)",
                    clients.toMillis() / 1e3, server.toMillis() / 1e3,
                    (double) clients.plus(server).toMillis() / size));
            out.printf(Locale.ROOT, "%7d  ratio on identical work (upload, validate, install): agent %.2f s, "
                + "scp + ssh %.2f s: the agent takes %.2fx the loop's time%n", size, agent, result.seconds(),
                agent / result.seconds());
        }
    }

    private static List<DevicePush.Job> jobs(final List<DeviceTarget> targets, final Candidate candidate) {
        return targets.stream().map(target -> new DevicePush.Job(target, candidate)).toList();
    }

    /** CPU time outside this JVM that a round used, e.g. by sshd's children; zero for lab routers. */
    @FunctionalInterface
    private interface CpuMeter {
        Duration used();
    }

    private static double round(final PrintStream out, final DevicePush push, final List<DevicePush.Job> jobs,
            final PushOptions options, final int concurrency, final int size, final String round,
            final CpuMeter routers) throws Exception {
        ManagementFactory.getThreadMXBean().resetPeakThreadCount();
        final Duration routersBefore = routers.used();
        final long jvmBefore = jvmCpu();
        final long start = System.nanoTime();
        final List<PushResult> results = push.pushAll(jobs, options, concurrency).toCompletableFuture()
            .get(30, TimeUnit.MINUTES);
        final double seconds = (System.nanoTime() - start) / 1e9;
        final Map<PushResult.Outcome, Integer> outcomes = new TreeMap<>();
        results.forEach(result -> outcomes.merge(result.outcome(), 1, Integer::sum));
        final PushResult.Outcome expected = options.confirm().isPresent() ? PushResult.Outcome.CONFIRMED
            : PushResult.Outcome.COMMITTED;
        final long failures = results.stream().filter(result -> result.outcome() != expected).count();
        out.printf(Locale.ROOT, ROW, size, round, seconds, size / seconds, failures,
            ManagementFactory.getThreadMXBean().getPeakThreadCount(),
            cpu(jvmCpu() - jvmBefore, routers.used().minus(routersBefore), size));
        if (failures > 0) {
            out.println("         outcomes: " + outcomes);
            results.stream().filter(result -> !result.isSuccess()).limit(3)
                .forEach(result -> out.println("         " + result.summary()));
        }
        return seconds;
    }

    private static String cpu(final long jvmNanos, final Duration routers, final int size) {
        final String jvm = String.format(Locale.ROOT, "%.1f s this JVM", jvmNanos / 1e9);
        final String total = routers.isZero() ? jvm : jvm + String.format(Locale.ROOT, " + %.1f s sshd and agent",
            routers.toMillis() / 1e3);
        return total + String.format(Locale.ROOT, " (%.0f ms per router)",
            (jvmNanos / 1e6 + routers.toMillis()) / size);
    }

    /** Remove a directory this benchmark made in the temporary directory. */
    static void delete(final Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private static long jvmCpu() {
        return ManagementFactory.getPlatformMXBean(OperatingSystemMXBean.class).getProcessCpuTime();
    }
}

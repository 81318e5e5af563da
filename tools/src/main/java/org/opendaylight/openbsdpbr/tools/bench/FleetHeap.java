/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.tools.bench;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.opendaylight.openbsdpbr.api.device.Credentials;
import org.opendaylight.openbsdpbr.api.device.DeviceTarget;
import org.opendaylight.openbsdpbr.api.device.HostKeyPolicy;
import org.opendaylight.openbsdpbr.impl.compile.Compilations;
import org.opendaylight.openbsdpbr.impl.compile.IntentCompiler;
import org.opendaylight.openbsdpbr.impl.controller.ControllerSettings;
import org.opendaylight.openbsdpbr.impl.controller.Fleet;
import org.opendaylight.openbsdpbr.impl.controller.Ownership;
import org.opendaylight.openbsdpbr.impl.controller.RouterSpec;
import org.opendaylight.openbsdpbr.impl.controller.StatusSink;
import org.opendaylight.openbsdpbr.impl.controller.StatusView;
import org.opendaylight.openbsdpbr.impl.device.DevicePush;
import org.opendaylight.openbsdpbr.impl.device.TimerThread;
import org.opendaylight.openbsdpbr.impl.render.ApplyPlanner;
import org.opendaylight.openbsdpbr.impl.render.Renderer;
import org.opendaylight.openbsdpbr.impl.ssh.SshDeviceConnector;
import org.opendaylight.openbsdpbr.impl.ssh.SshKeys;
import org.opendaylight.openbsdpbr.impl.ssh.SshSettings;
import org.opendaylight.openbsdpbr.tools.intentjson.IntentDocument;
import org.opendaylight.openbsdpbr.tools.intentjson.IntentJson;
import org.opendaylight.openbsdpbr.tools.intentjson.RouterEntry;

/**
 * The heap the controller's own classes retain per managed router, without the ports lock or a datastore: the
 * controller benchmark's fleet (its profile and each router's own intent, {@link ControllerBenchmark}) registered
 * straight with a {@link Fleet} (the reconcilers, the compile cache, the render's kept sections, {@link DevicePush}
 * with the controller's idle-session defaults, the one SSH client), lab routers in a child JVM on free ports. Prints
 * the heap in use after a full GC before registration and once every router is in sync, the time one change of the
 * profile takes to reach every router (sessions kept idle as in the controller), then the heap after the idle sessions
 * are closed and after the render's kept sections are forgotten, each per router, and the classes that grew most.
 *
 * <p>How it relates to the controller benchmark's "heap per managed router": that one is this plus what MD-SAL keeps
 * per router (the router's configuration and status in the datastore trees, the listeners' snapshots) and less what
 * the lab costs there (nothing: the lab runs in the benchmark's JVM). Lab routers run in a child JVM here so that their
 * server sessions do not count.
 * <pre>
 * ./openbsd-pbr bench heap [--routers 1000] [--histogram 20] [--idle-sessions 512]
 * </pre>
 */
public final class FleetHeap {
    static final String USAGE = """
        usage: ./openbsd-pbr bench heap [--routers N] [--histogram N] [--idle-sessions N]
        The controller benchmark's fleet registered with the controller's fleet in this JVM (no datastore), lab
        routers in a child JVM: prints the heap retained per managed router, the part of it the idle SSH sessions and
        the render's kept sections take, and the classes that grew most.
          --routers N        routers (default 1000)
          --histogram N      classes listed (default 20)
          --idle-sessions N  routers whose last session stays idle (default: the controller's)""";
    private static final Pattern HISTOGRAM = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)");

    private FleetHeap() {
        // main only
    }

    public static void main(final String[] args) throws Exception {
        DeviceBenchmark.printing(args, USAGE, out -> run(DeviceBenchmark.intArg(args, "--routers", 1000),
            DeviceBenchmark.intArg(args, "--histogram", 20),
            DeviceBenchmark.intArg(args, "--idle-sessions", DevicePush.IDLE_CAPACITY), out));
    }

    private static void run(final int routers, final int classes, final int idleSessions, final PrintStream out)
            throws Exception {
        final Path work = Files.createTempDirectory("openbsd-pbr-fleet-heap");
        final Process lab = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx1g", "-cp", labClasspath(), "org.opendaylight.openbsdpbr.tools.cli.Main",
            "lab", "--routers", Integer.toString(routers), "--state-dir", work.resolve("lab").toString(),
            "--control-port", "-1", "--exit-on-eof").redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            final IntentDocument document = fleetDocument(work.resolve("intent"), routers,
                List.of("8.8.8.8/32"));
            final IntentDocument changed = fleetDocument(work.resolve("changed"), 0,
                List.of("8.8.8.8/32", "1.0.0.1/32"));
            final var credentials = new Credentials.Key(SshKeys.generateEd25519());
            final Map<String, DeviceTarget> targets = awaitEndpoints(work.resolve("lab/endpoints.txt"), routers, lab,
                credentials);
            final Map<String, StatusView> status = new ConcurrentHashMap<>();
            final StatusSink sink = new StatusSink() {
                @Override
                public void write(final String router, final StatusView view) {
                    status.put(router, view);
                }

                @Override
                public void clear(final String router) {
                    status.remove(router);
                }
            };
            try (var connector = new SshDeviceConnector(SshSettings.defaults().withTimeouts(Duration.ofSeconds(60)));
                 var timer = new TimerThread("fleet-heap-timer")) {
                final var push = new DevicePush(connector, ApplyPlanner::plan, timer,
                    DevicePush.IDLE_LIFETIME, idleSessions);
                final var fleet = new Fleet(push, sink, Ownership.LOCAL, ControllerSettings.defaults(),
                    new Compilations(IntentCompiler.standard()), timer);
                try {
                    fleet.profileChanged(document.profiles().get("bench"));
                    final long empty = heapUsed();
                    final Path before = histogram(work, "before");
                    final long start = System.nanoTime();
                    for (int i = 1; i <= routers; i++) {
                        final RouterEntry entry = document.routers().get("b" + i);
                        fleet.routerChanged(new RouterSpec("b" + i, Optional.of(targets.get("b" + i)), null,
                            Optional.of(entry.own()), null, entry.profiles(), Duration.ofSeconds(30), false, true));
                    }
                    awaitInSync(status, routers, Map.of());
                    final int idleRegistered = push.idleSessions();
                    out.printf(Locale.ROOT, "%d routers registered and in sync in %.1f s%n", routers,
                        (System.nanoTime() - start) / 1e9);
                    final long registered = heapUsed();
                    final Path after = histogram(work, "registered");
                    // the benchmark's next step: one profile change reaching every router, sessions reused as there
                    out.printf(Locale.ROOT, "one profile change reached all %d routers in %.1f s%n", routers,
                        changeProfile(fleet, changed, status, routers));
                    final long changedHeap = heapUsed();
                    final int idle = push.idleSessions();
                    final Path withSessions = histogram(work, "changed");
                    push.closeIdleSessions();
                    final long withoutSessions = heapUsed();
                    final Path closed = histogram(work, "closed");
                    Renderer.forgetRenderedRoutes();
                    final long withoutSections = heapUsed();
                    out.printf(Locale.ROOT, "heap after a full GC: %.1f MiB before registration, %.1f MiB with %d "
                        + "routers: %.1f KiB per managed router (%d sessions idle)%n", empty / 1048576.0,
                        registered / 1048576.0, routers, kib(registered - empty, routers), idleRegistered);
                    out.printf(Locale.ROOT, "  after the profile change %.1f KiB per router, of which the %d idle SSH "
                        + "sessions %.1f KiB (%.1f KiB per session) and the render's kept sections %.1f KiB%n",
                        kib(changedHeap - empty, routers), idle, kib(changedHeap - withoutSessions, routers),
                        idle == 0 ? 0 : kib(changedHeap - withoutSessions, idle),
                        kib(withoutSessions - withoutSections, routers));
                    printDelta(out, "grown per router (registered minus before)", after, before, routers,
                        classes);
                    printDelta(out, "kept per router after the profile change (changed minus registered)",
                        withSessions, after, routers, classes);
                    if (idle > 0) {
                        printDelta(out, "per idle session (with them minus after closing them)", withSessions,
                            closed, idle, classes);
                    }
                } finally {
                    fleet.close();
                }
            }
        } finally {
            lab.getOutputStream().close();
            if (!lab.waitFor(30, TimeUnit.SECONDS)) {
                lab.destroy();
            }
            DeviceBenchmarkFleet.delete(work);
        }
    }

    /**
     * This JVM's class path without Bouncy Castle: the lab runs as in the controller benchmark and the end-to-end
     * tests, where its JVM has none and agrees on curve25519-sha256 with the controller. This JVM may have it (a
     * bcprov jar added to the class path makes the controller's side run as in Karaf, see SshDeviceConnector).
     */
    private static String labClasspath() {
        return String.join(File.pathSeparator, Stream.of(System.getProperty("java.class.path")
            .split(File.pathSeparator)).filter(entry -> !entry.contains("bouncycastle")).toList());
    }

    private static double kib(final long bytes, final int per) {
        return bytes / 1024.0 / per;
    }

    /** The controller benchmark's profile and N routers with their own intents, read as the CLI reads intent. */
    private static IntentDocument fleetDocument(final Path dir, final int routers, final List<String> entries)
            throws Exception {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("profile.json"), ControllerBenchmark.profile(entries));
        if (routers == 0) {
            return IntentJson.create().load(dir, null);
        }
        final List<String> list = new ArrayList<>();
        for (int i = 1; i <= routers; i++) {
            list.add("{\"name\":\"b" + i + "\",\"profile\":[\"bench\"],\"intent\":"
                + ControllerBenchmark.ownIntent() + "}");
        }
        Files.writeString(dir.resolve("routers.json"), "{\"openbsd-pbr:router\":[" + String.join(",", list) + "]}");
        return IntentJson.create().load(dir, null);
    }

    private static Map<String, DeviceTarget> awaitEndpoints(final Path file, final int routers, final Process lab,
            final Credentials credentials) throws IOException, InterruptedException {
        for (int i = 0; i < 1200; i++) {
            if (!lab.isAlive()) {
                throw new IOException("the lab exited with " + lab.exitValue());
            }
            final List<String> lines = Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8)
                : List.of();
            if (lines.size() >= routers) {
                final Map<String, DeviceTarget> targets = new HashMap<>();
                for (String line : lines) {
                    // NAME HOST:PORT FINGERPRINT USER
                    final String[] fields = line.trim().split("\\s+");
                    final int colon = fields[1].lastIndexOf(':');
                    // lab router rN is the benchmark's router bN
                    final String name = "b" + fields[0].substring(1);
                    targets.put(name, new DeviceTarget(name, fields[1].substring(0, colon),
                        Integer.parseInt(fields[1].substring(colon + 1)), fields[3], credentials,
                        HostKeyPolicy.Pinned.of(fields[2])));
                }
                return targets;
            }
            Thread.sleep(100);
        }
        throw new IOException("the lab wrote no endpoints in 120 s");
    }

    /** Waits until every router is in sync on another applied revision than {@code before} names. */
    private static void awaitInSync(final Map<String, StatusView> status, final int routers,
            final Map<String, Optional<String>> before) throws InterruptedException {
        final long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (status.entrySet().stream().filter(entry -> entry.getValue().sync() == StatusView.Sync.IN_SYNC
                && !entry.getValue().appliedRevision().equals(before.getOrDefault(entry.getKey(), Optional.empty())))
                .count() < routers) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not all routers in sync after 10 minutes: " + status.values()
                    .stream().map(StatusView::sync).filter(sync -> sync != StatusView.Sync.IN_SYNC).limit(5)
                    .toList());
            }
            Thread.sleep(20);
        }
    }

    /** Heap in use after full GCs, run as the controller benchmark runs them (jcmd GC.run). */
    private static long heapUsed() throws IOException, InterruptedException {
        for (int i = 0; i < 2; i++) {
            jcmd("GC.run");
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static String jcmd(final String command) throws IOException, InterruptedException {
        final Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
            Long.toString(ProcessHandle.current().pid()), command).redirectErrorStream(true).start();
        final String text = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        jcmd.waitFor();
        return text;
    }

    /**
     * One change of the profile, until every router is in sync on a new revision: seconds. A method of its own so that
     * the revisions it waits on are garbage once it returned (the heap after the change must not count them).
     */
    private static double changeProfile(final Fleet fleet, final IntentDocument changed,
            final Map<String, StatusView> status, final int routers) throws InterruptedException {
        final Map<String, Optional<String>> revisions = new HashMap<>();
        status.forEach((router, view) -> revisions.put(router, view.appliedRevision()));
        final long change = System.nanoTime();
        fleet.profileChanged(changed.profiles().get("bench"));
        awaitInSync(status, routers, revisions);
        return (System.nanoTime() - change) / 1e9;
    }

    /**
     * This JVM's class histogram (jcmd GC.class_histogram, after a full GC), kept in a file of {@code work}: parsed
     * only at the end, so that no figure counts the histograms themselves (thousands of classes: about 1 KiB per
     * router at 1,000 routers when two were held in memory).
     */
    private static Path histogram(final Path work, final String name) throws IOException, InterruptedException {
        final Path file = work.resolve("histogram-" + name + ".txt");
        Files.writeString(file, jcmd("GC.class_histogram"));
        return file;
    }

    /** Instances and bytes per class, from a histogram {@link #histogram} kept. */
    private static Map<String, long[]> counts(final Path histogram) throws IOException {
        final Map<String, long[]> counts = new HashMap<>();
        for (String line : Files.readAllLines(histogram, StandardCharsets.UTF_8)) {
            final var matcher = HISTOGRAM.matcher(line);
            if (matcher.find()) {
                counts.put(matcher.group(3), new long[] {
                    Long.parseLong(matcher.group(1)), Long.parseLong(matcher.group(2))
                });
            }
        }
        return counts;
    }

    private static void printDelta(final PrintStream out, final String title, final Path afterFile,
            final Path beforeFile, final int per, final int classes) throws IOException {
        final Map<String, long[]> after = counts(afterFile);
        final Map<String, long[]> before = counts(beforeFile);
        final List<Map.Entry<String, long[]>> deltas = new ArrayList<>();
        for (var entry : after.entrySet()) {
            final long[] then = before.getOrDefault(entry.getKey(), new long[2]);
            deltas.add(Map.entry(entry.getKey(), new long[] {
                entry.getValue()[0] - then[0], entry.getValue()[1] - then[1]
            }));
        }
        deltas.sort((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1]));
        out.printf(Locale.ROOT, "  %s, from class histograms: bytes, instances, class%n", title);
        for (var entry : deltas.subList(0, Math.min(classes, deltas.size()))) {
            out.printf(Locale.ROOT, "  %8.0f %6.1f  %s%n", entry.getValue()[1] / (double) per,
                entry.getValue()[0] / (double) per, entry.getKey());
        }
    }
}

/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.opendaylight.openbsdpbr.tools.bench.ControllerBenchmark;

/**
 * The cluster benchmark ({@code ./openbsd-pbr bench cluster --routers N}, issue 13): three members on this machine
 * (configured as {@link ClusterMember} configures the cluster test's), a lab of N routers, one shared profile (the
 * routers and the profile the controller benchmark registers, {@link ControllerBenchmark#router}). Phases:
 * registration (time until all N are in sync), a profile change to all N, kill -9 of the busiest member (time until
 * all N are in sync again under the survivors), its rejoin (time until the spread is restored); after each phase
 * {@code routers per member: member-1=N member-2=N member-3=N}, and per member its RSS and the heap it retains per
 * managed router (used heap after a full GC, against the same member before registration). Then the same N on one
 * member alone (a one-member cluster, so that the datastore is the same kind): registration, profile change, RSS,
 * heap per router, for the figures side by side. Prints figures; asserts only what the next phase needs. At the end
 * of each run it sums up every member's log (a run that passed deletes its directory unless
 * {@code -De2e.bench.keep=true}, {@code --keep}).
 *
 * <p>Run by {@code tools/bench/cluster-bench.sh} under the ports lock: members on the cluster test's ports (RESTCONF
 * 8191-8193, Pekko 2561-2563), the lab from port 12201 (control 12190).
 */
class ClusterBench {
    @SuppressWarnings("checkstyle:RegexpSinglelineJava")
    private static final PrintStream OUT = System.out;
    private static final List<Integer> MEMBERS = List.of(1, 2, 3);
    private static final int ROUTERS = Integer.getInteger("e2e.bench.routers", 1000);
    private static final int GROUPS = Integer.getInteger("e2e.bench.groups", 64);
    private static final String HEAP = System.getProperty("e2e.bench.heap", "2048m");
    private static final boolean SINGLE = Boolean.parseBoolean(System.getProperty("e2e.bench.single", "true"));
    private static final int LAB_BASE = 12201;
    private static final int LAB_CONTROL = 12190;
    private static final Duration PHASE = Duration.ofMinutes(Integer.getInteger("e2e.bench.phaseMinutes", 15));
    private static final Path ASSEMBLY = Path.of(System.getProperty("e2e.cluster.assembly",
        Restconf.repoRoot().resolve("distribution/target/assembly").toString()));
    private static final boolean KEEP = Boolean.getBoolean("e2e.bench.keep");
    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");
    private static final Pattern HEAP_TOTAL = Pattern.compile("total (\\d+)K");
    /** A karaf.log line: time | level | thread | logger | bundle | message. */
    private static final Pattern LOG_LINE = Pattern.compile(
        "^\\S+ \\| (WARN|ERROR)\\s*\\| [^|]*\\| ([^|]*?)\\s*\\| [^|]*\\| (.*)$");
    private static final Instant T0 = Instant.now();

    private final Map<Integer, Karaf> karaf = new TreeMap<>();
    private final Map<Integer, Restconf> restconf = new TreeMap<>();
    private final Map<String, String> figures = new LinkedHashMap<>();

    @Test
    void threeMembersThenOne() throws Exception {
        final Path work = Files.createTempDirectory("openbsd-pbr-cluster-bench.");
        say("work dir " + work + "; " + ROUTERS + " lab routers from port " + LAB_BASE + ", ownership-groups "
            + GROUPS + ", heap " + HEAP + " per member");
        Path lab = Files.createDirectories(work.resolve("lab"));
        final Process keygen = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C",
            "openbsd-pbr-bench", "-f", lab.resolve("controller-key").toString()).inheritIO().start();
        assertThat(keygen.waitFor()).as("ssh-keygen").isZero();
        final String labKey = Files.readString(lab.resolve("controller-key"), StandardCharsets.US_ASCII);
        boolean passed = false;
        try {
            Karaf.lib("lab_start", lab.toString(), Integer.toString(ROUTERS), Integer.toString(LAB_BASE),
                Integer.toString(LAB_CONTROL));
            final Map<String, String> cluster = run(work.resolve("cluster"), MEMBERS, labKey, true);
            if (SINGLE) {
                // a fresh lab (its own state directory): the routers start from nothing again
                Karaf.lib("lab_stop", lab.toString());
                lab = Files.createDirectories(work.resolve("lab-single"));
                Karaf.lib("lab_start", lab.toString(), Integer.toString(ROUTERS), Integer.toString(LAB_BASE),
                    Integer.toString(LAB_CONTROL));
                final Map<String, String> single = run(work.resolve("single"), List.of(1), labKey, false);
                say("");
                say("side by side, " + ROUTERS + " routers (three members | one member):");
                for (var figure : cluster.entrySet()) {
                    say(String.format("  %-44s %14s | %s", figure.getKey(), figure.getValue(),
                        single.getOrDefault(figure.getKey(), "-")));
                }
            }
            passed = true;
        } finally {
            Karaf.lib("lab_stop", lab.toString());
            if (passed && !KEEP) {
                try (Stream<Path> files = Files.walk(work)) {
                    files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
                }
            } else {
                say((passed ? "logs kept under " : "FAILED; logs kept under ") + work);
            }
        }
    }

    /** One run: members up, registration, profile change and, with three members, kill -9 and rejoin. */
    private Map<String, String> run(final Path work, final List<Integer> members, final String labKey,
            final boolean failover) throws Exception {
        figures.clear();
        karaf.clear();
        restconf.clear();
        final String label = members.size() + (members.size() == 1 ? " member" : " members");
        say("=== " + label);
        Files.createDirectories(work);
        final String password = ClusterMember.generatedPassword();
        final Path keys = ClusterMember.secretKeys(work);
        for (int member : members) {
            final Path home = work.resolve("member-" + member);
            ClusterMember.configure(ASSEMBLY, home, member, members, GROUPS, 300, password, keys);
            karaf.put(member, new Karaf(home, "http://127.0.0.1:" + ClusterMember.httpPort(member) + "/rests"));
        }
        try {
            final Instant launch = Instant.now();
            members.forEach(member -> karaf.get(member).launch(HEAP));
            for (int member : members) {
                karaf.get(member).await(Duration.ofSeconds(600));
                restconf.put(member, karaf.get(member).admin());
            }
            say("members up in " + seconds(launch) + " s");
            final int first = members.get(0);
            putWithRetry(first, "/data/openbsd-pbr:profiles/profile=bench",
                ControllerBenchmark.profile(List.of("8.8.8.8/32")));
            await("the profile readable on every member", Duration.ofMinutes(3), () -> members.stream().allMatch(
                member -> restconf.get(member).get("/data/openbsd-pbr:profiles/profile=bench?content=config")
                    .status() == 200));
            final Map<Integer, Long> heapBefore = heaps(members);
            final String key = new JsonPrimitive(Sealing.seal(restconf.get(members.get(members.size() - 1)), labKey,
                "private-key")).toString();

            // registration: N PUTs through the first member, 8 at a time
            final Instant register = Instant.now();
            final List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
            final ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                final List<Future<?>> puts = new ArrayList<>();
                for (int n = 1; n <= ROUTERS; n++) {
                    final int index = n;
                    puts.add(pool.submit(() -> {
                        final Instant put = Instant.now();
                        putWithRetry(first, "/data/openbsd-pbr:routers/router=b" + index,
                            ControllerBenchmark.router("b" + index, LAB_BASE + index - 1, key));
                        latencies.add(Duration.between(put, Instant.now()).toMillis());
                        return null;
                    }));
                }
                for (Future<?> put : puts) {
                    put.get();
                }
            } finally {
                pool.shutdown();
            }
            figure("registration: PUTs (s)", seconds(register));
            final List<Long> sorted = latencies.stream().sorted().toList();
            figure("registration: PUT latency median (ms)", sorted.get(sorted.size() / 2));
            figure("registration: PUT latency p99 (ms)", sorted.get(sorted.size() * 99 / 100));
            figure("registration: PUT latency max (ms)", sorted.get(sorted.size() - 1));
            Map<String, String[]> fleet = awaitFleet("all in sync", first, status -> "in-sync".equals(status[1]));
            figure("registration: all in sync (s)", seconds(register));
            spread(fleet, members);
            memory(members, heapBefore, fleet);

            // a profile change to all N
            final Instant change = Instant.now();
            putWithRetry(first, "/data/openbsd-pbr:profiles/profile=bench",
                ControllerBenchmark.profile(List.of("8.8.8.8/32", "1.0.0.1/32")));
            final Map<String, String[]> before = fleet;
            fleet = awaitFleet("all in sync on a new revision", first, status -> "in-sync".equals(status[1])
                && !status[2].equals(before.get(status[3])[2]));
            figure("profile change to all: in sync (s)", seconds(change));
            spread(fleet, members);

            if (failover) {
                final Map<String, Long> load = fleet.values().stream().collect(Collectors.groupingBy(
                    status -> status[0], TreeMap::new, Collectors.counting()));
                final int victim = Integer.parseInt(load.entrySet().stream().max(Map.Entry.comparingByValue())
                    .orElseThrow().getKey().substring("member-".length()));
                final int survivor = members.stream().filter(member -> member != victim).findFirst().orElseThrow();
                say("kill -9 member-" + victim + " (manages " + load.get("member-" + victim) + ")");
                final Instant kill = Instant.now();
                karaf.get(victim).kill();
                restconf.remove(victim);
                fleet = awaitFleet("all in sync under the survivors", survivor, status -> "in-sync".equals(status[1])
                    && !status[0].equals("member-" + victim));
                figure("kill -9: all in sync under the survivors (s)", seconds(kill));
                spread(fleet, members);

                final Instant rejoin = Instant.now();
                // the member's own heap, and as long to come up as at launch: a rejoining member reads its journal and
                // catches up with the leaders before it serves (180 s, Karaf.start's limit, was short at 1,000 routers)
                karaf.get(victim).launch(HEAP);
                karaf.get(victim).await(Duration.ofSeconds(600));
                restconf.put(victim, karaf.get(victim).admin());
                figure("rejoin: member up (s)", seconds(rejoin));
                fleet = awaitFleet("all in sync after the rejoin", survivor, status -> "in-sync".equals(status[1]));
                final Instant spreadBy = Instant.now().plus(PHASE);
                while (!balanced(fleet, members) && Instant.now().isBefore(spreadBy)) {
                    Thread.sleep(1000);
                    fleet = fleet(survivor);
                }
                figure("rejoin: spread restored, all in sync (s)", seconds(rejoin));
                spread(fleet, members);
                memory(members, Map.of(), fleet);
            }
            return new LinkedHashMap<>(figures);
        } finally {
            karaf.values().forEach(Karaf::stop);
            logDigest(members);
        }
    }

    /** Each member within 10% of the mean or one router, every router in sync. */
    private static boolean balanced(final Map<String, String[]> fleet, final List<Integer> members) {
        final double mean = fleet.size() / (double) members.size();
        final Map<String, Long> load = fleet.values().stream().collect(Collectors.groupingBy(status -> status[0],
            Collectors.counting()));
        return fleet.values().stream().allMatch(status -> "in-sync".equals(status[1])) && members.stream()
            .allMatch(member -> Math.abs(load.getOrDefault("member-" + member, 0L) - mean)
                <= Math.max(1, mean * 0.1));
    }

    private void spread(final Map<String, String[]> fleet, final List<Integer> members) {
        final Map<String, Long> load = fleet.values().stream().collect(Collectors.groupingBy(status -> status[0],
            Collectors.counting()));
        say("routers per member: " + members.stream().map(member -> "member-" + member + "="
            + load.getOrDefault("member-" + member, 0L)).collect(Collectors.joining(" ")));
    }

    /** Per member: RSS, used heap after a full GC, and (against {@code before}) the heap per managed router. */
    private void memory(final List<Integer> members, final Map<Integer, Long> before,
            final Map<String, String[]> fleet) throws IOException, InterruptedException {
        final Map<Integer, Long> after = heaps(members);
        for (int member : members) {
            final var pid = karaf.get(member).pid();
            if (pid.isEmpty()) {
                continue;
            }
            final long managed = fleet.values().stream().filter(status -> status[0].equals("member-" + member))
                .count();
            final long rss = ClusterMember.rssMiB(pid.getAsLong());
            // RSS follows the heap the JVM has committed (G1 grows it in a burst and gives it back slowly), not what
            // it retains: both are printed, so that a member whose RSS stands out can be told apart from a leak
            final long committed = committed(pid.getAsLong());
            // every member holds every router (configuration, compiled intent, a reconciler), and manages its share:
            // the heap it gained over registration, per router of the fleet and per router it manages
            String perRouter = "";
            if (before.containsKey(member) && managed > 0) {
                final long grown = after.get(member) - before.get(member);
                perRouter = String.format("; +%d MiB since registration: %.1f KiB per router held, %.1f KiB per "
                    + "managed router", grown / 1024, grown / (double) ROUTERS, grown / (double) managed);
                figures.put("member-" + member + " heap per router held (KiB)", String.format("%.1f",
                    grown / (double) ROUTERS));
                figures.put("member-" + member + " heap per managed router (KiB)", String.format("%.1f",
                    grown / (double) managed));
            }
            say(String.format("  member-%d: manages %d, RSS %d MiB, heap committed %d MiB, used after full GC %d MiB%s",
                member, managed, rss, committed / 1024, after.get(member) / 1024, perRouter));
            figures.put("member-" + member + " RSS (MiB)" + (before.isEmpty() ? " after the rejoin" : ""),
                Long.toString(rss));
        }
    }

    /** The heap the member's JVM has committed, in KiB ({@code jcmd GC.heap_info}); 0 when it cannot tell. */
    private static long committed(final long pid) throws IOException, InterruptedException {
        final Matcher total = HEAP_TOTAL.matcher(heapInfo(pid));
        return total.find() ? Long.parseLong(total.group(1)) : 0L;
    }

    private static String heapInfo(final long pid) throws IOException, InterruptedException {
        final String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        final Process info = new ProcessBuilder(jcmd, Long.toString(pid), "GC.heap_info").redirectErrorStream(true)
            .start();
        final String text = new String(info.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        info.waitFor();
        return text;
    }

    /**
     * Per member, what its karaf.log says went wrong: WARN and ERROR lines counted, the most frequent of each (numbers
     * folded, so that one message about many routers counts once), and placement's handovers and stand-ins. A run
     * that passed deletes its directory, and a figure that stands out must still be explainable afterwards.
     */
    private void logDigest(final List<Integer> members) {
        for (int member : members) {
            final Path dir = karaf.get(member).home().resolve("data/log");
            final Map<String, Integer> messages = new HashMap<>();
            final Map<String, Integer> levels = new TreeMap<>();
            int handovers = 0;
            int standIns = 0;
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.filter(file -> file.getFileName().toString().startsWith("karaf.log"))
                        .toList()) {
                    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                        if (line.contains("placement: ") && line.contains(") goes to ")) {
                            handovers++;
                        } else if (line.contains("placement: nobody has competed for ")) {
                            standIns++;
                        }
                        final Matcher warn = LOG_LINE.matcher(line);
                        if (warn.matches()) {
                            levels.merge(warn.group(1), 1, Integer::sum);
                            final String logger = warn.group(2).substring(warn.group(2).lastIndexOf('.') + 1);
                            final String text = (warn.group(1) + " " + logger + ": " + warn.group(3))
                                .replaceAll("\\d+", "#");
                            messages.merge(text.length() > 150 ? text.substring(0, 150) + "..." : text, 1,
                                Integer::sum);
                        }
                    }
                }
            } catch (IOException | UncheckedIOException e) {
                say("  member-" + member + " log: unreadable (" + e.getMessage() + ")");
                continue;
            }
            say("  member-" + member + " log: " + levels + ", placement handovers " + handovers + ", stand-ins "
                + standIns);
            // the most frequent ERRORs, then the most frequent WARNs (a few ERRORs matter more than many WARNs)
            for (String level : List.of("ERROR ", "WARN ")) {
                messages.entrySet().stream().filter(entry -> entry.getKey().startsWith(level))
                    .sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(3)
                    .forEach(entry -> say("    " + entry.getValue() + " x " + entry.getKey()));
            }
        }
    }

    /** Used heap after a full GC, in KiB, per running member ({@code jcmd}). */
    private Map<Integer, Long> heaps(final List<Integer> members) throws IOException, InterruptedException {
        final Map<Integer, Long> heaps = new HashMap<>();
        final String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        for (int member : members) {
            final var pid = karaf.get(member).pid();
            if (pid.isEmpty()) {
                continue;
            }
            new ProcessBuilder(jcmd, Long.toString(pid.getAsLong()), "GC.run").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
            final Matcher used = HEAP_USED.matcher(heapInfo(pid.getAsLong()));
            heaps.put(member, used.find() ? Long.parseLong(used.group(1)) : 0L);
        }
        return heaps;
    }

    /**
     * Waits (at most {@link #PHASE}) until every one of the N routers, read on {@code member}, matches; status rows are
     * {managed-by, sync-status, applied-revision, name}.
     */
    private Map<String, String[]> awaitFleet(final String what, final int member,
            final Predicate<String[]> condition) throws Exception {
        final Instant deadline = Instant.now().plus(PHASE);
        Instant progress = Instant.now().plusSeconds(15);
        Map<String, String[]> fleet = Map.of();
        while (Instant.now().isBefore(deadline)) {
            fleet = fleet(member);
            final long matching = fleet.values().stream().filter(condition).count();
            if (fleet.size() == ROUTERS && matching == ROUTERS) {
                return fleet;
            }
            if (Instant.now().isAfter(progress)) {
                say("  " + what + ": " + matching + "/" + ROUTERS + " (load " + load() + ")");
                progress = Instant.now().plusSeconds(15);
            }
            Thread.sleep(1000);
        }
        throw new AssertionError(what + ": not within " + PHASE + " (" + fleet.values().stream().filter(condition)
            .count() + "/" + ROUTERS + ")");
    }

    private Map<String, String[]> fleet(final int member) {
        final Restconf.Reply reply = restconf.get(member).get("/data/openbsd-pbr:routers?content=nonconfig&fields="
            + "router(name;status(managed-by;sync-status;applied-revision))");
        final Map<String, String[]> fleet = new HashMap<>();
        if (reply.status() != 200) {
            return fleet;
        }
        final JsonObject routers = reply.json().getAsJsonObject().getAsJsonObject("openbsd-pbr:routers");
        if (routers == null || !routers.has("router")) {
            return fleet;
        }
        for (JsonElement element : routers.getAsJsonArray("router")) {
            final JsonObject router = element.getAsJsonObject();
            final JsonObject status = router.has("status") ? router.getAsJsonObject("status") : new JsonObject();
            final String name = router.get("name").getAsString();
            fleet.put(name, new String[] {text(status, "managed-by"), text(status, "sync-status"),
                text(status, "applied-revision"), name});
        }
        return fleet;
    }

    private static String text(final JsonObject object, final String name) {
        return object.has(name) ? object.get(name).getAsString() : "-";
    }

    /**
     * PUTs, again after a refusal (AAA loading its users, a shard leader still being elected) or after no answer
     * within the client's 30 s: a PUT of the same body is idempotent, and one slow write on a starved machine (the
     * first 5,000-router run ended after about 170 PUTs that way) says more as a latency figure than as the end of
     * the benchmark.
     */
    private void putWithRetry(final int member, final String path, final String body) throws Exception {
        Restconf.Reply reply = null;
        for (int retry = 0; (reply == null || reply.status() >= 300) && retry < 30; retry++) {
            if (retry > 0) {
                Thread.sleep(1000);
            }
            try {
                reply = restconf.get(member).put(path, body);
            } catch (UncheckedIOException e) {
                if (!(e.getCause() instanceof HttpTimeoutException)) {
                    throw e;
                }
                say("  PUT " + path + ": no answer within 30 s (load " + load() + "), again");
            }
        }
        assertThat(reply).as("PUT " + path + ": never answered").isNotNull();
        assertThat(reply.status()).as("PUT " + path + ": " + reply.body()).isLessThan(300);
    }

    /** The machine's load average over the last minute, as /proc/loadavg says (this machine is shared). */
    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg"), StandardCharsets.US_ASCII).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }

    private static void await(final String what, final Duration limit, final BooleanSupplier done)
            throws InterruptedException {
        final Instant deadline = Instant.now().plus(limit);
        while (!done.getAsBoolean()) {
            assertThat(Instant.now()).as(what).isBefore(deadline);
            Thread.sleep(500);
        }
    }

    private void figure(final String name, final long value) {
        figures.put(name, Long.toString(value));
        say(name + ": " + value + " (load " + load() + ")");
    }

    private static long seconds(final Instant since) {
        return Duration.between(since, Instant.now()).toSeconds();
    }

    private static void say(final String line) {
        OUT.printf("[bench %5ds] %s%n", seconds(T0), line);
    }
}

/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.tools.bench;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.opendaylight.openbsdpbr.impl.rollout.RolloutState;
import org.opendaylight.openbsdpbr.impl.ssh.SshKeys;
import org.opendaylight.openbsdpbr.tools.lab.Lab;
import org.opendaylight.openbsdpbr.tools.lab.LabConfig;
import org.opendaylight.openbsdpbr.tools.lab.LabFault;

/**
 * The controller end to end, against a running distribution (started by {@code tools/bench/controller-bench.sh}) and
 * an in-process lab: N routers sharing one profile are registered over RESTCONF; the time until all are in sync, the
 * heap the controller retains per managed router (once registered, and again after the profile change, which is what a
 * controller that lives through many changes keeps), the time one profile change takes to reach every router, the same
 * kind of change carried by a staged rollout in waves (and the time a rollout takes to halt and roll a wave back), and
 * the intent-to-applied latency of one router (RESTCONF PUT returned until its operational status is in sync on the
 * new revision). Prints figures; asserts nothing.
 */
public final class ControllerBenchmark {
    private static final String ROUTERS = "/data/openbsd-pbr:routers";
    /** The status leaves {@link #statusOf} reads, as RESTCONF's {@code fields} of one router entry. */
    private static final String STATUS_FIELDS = "name;status(sync-status;applied-revision)";
    /** {@link #STATUS_FIELDS} of every router. */
    private static final String STATUS_FIELDS_ALL = "router(" + STATUS_FIELDS + ")";

    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");
    private static final String PASSWORD = "bench-password";

    /**
     * The key the controller logs in with, as a JSON string (the lab takes any key; the profile's sshd_config would
     * refuse a root password, so the controller refuses such intent). Written sealed: see {@link ControllerSecrets}.
     * Made at first use, not when the class loads: generating it logs through MINA, and the first log line fixes the
     * log level, which main sets to warn (every lab login was printed at info).
     */
    static String labKeyText() {
        return LabKey.TEXT;
    }

    private static final class LabKey {
        static final String TEXT = labKey();
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String restconf;
    private final String authorization;
    private final PrintStream out;

    private ControllerBenchmark(final String restconf, final String authorization, final PrintStream out) {
        this.restconf = restconf;
        this.authorization = authorization;
        this.out = out;
    }

    static final String USAGE = """
        usage: ./openbsd-pbr bench controller [--routers N] [--runs R] [--base-port P]
        Starts a fresh copy of the built distribution (tools/bench/controller-bench.sh) and an in-process lab of N
        routers, registers them over RESTCONF with one shared profile, and prints the time until all are in sync, the
        heap per managed router (registered, and after the profile change), the time one profile change takes to
        reach all, the same change as a staged rollout (waves 1%/10%/rest, zero soak) and with fail-validate on 5%
        of wave 2 (time to halt and roll back), and intent-to-applied latency.
          --routers N           lab routers (default 1000)
          --runs R              intent-to-applied samples on one router (default 30)
          --base-port P         the lab's first SSH port (default 12201)
          --restconf URL        the controller's RESTCONF base (default http://127.0.0.1:8181/rests)
          --password-file FILE  the admin password (tools/bench/controller-bench.sh passes the distribution's)
          --pid PID             the controller's JVM, for heap figures (passed by tools/bench/controller-bench.sh)""";

    public static void main(final String[] args) throws Exception {
        DeviceBenchmark.printing(args, USAGE, out -> {
            final int routers = DeviceBenchmark.intArg(args, "--routers", 1000);
            final int basePort = DeviceBenchmark.intArg(args, "--base-port", 12201);
            final int latencyRuns = DeviceBenchmark.intArg(args, "--runs", 30);
            final String restconf = DeviceBenchmark.stringArg(args, "--restconf", "http://127.0.0.1:8181/rests");
            final String pid = DeviceBenchmark.stringArg(args, "--pid", "");
            final String authorization = ControllerLogin.authorization(ControllerLogin.passwordFile(args));
            try (Lab lab = Lab.start(LabConfig.of(routers).withBasePort(basePort).withPassword(PASSWORD))) {
                new ControllerBenchmark(restconf, authorization, out).run(routers, basePort, latencyRuns, pid, lab);
            }
        });
    }

    private void run(final int routers, final int basePort, final int runs, final String pid, final Lab lab)
            throws Exception {
        out.printf("controller benchmark: %d lab routers from port %d, one shared profile%n", routers, basePort);
        put("/data/openbsd-pbr:profiles/profile=bench", profile(List.of("8.8.8.8/32")));
        final ControllerSecrets secrets = ControllerSecrets.of(http, restconf, authorization, out);
        final String key = new JsonPrimitive(secrets.value(labKeyText(), "private-key")).toString();
        final long heapBefore = heapUsedKiB(pid);
        final long[] beforeRegistration = compiles();

        final long registerStart = System.nanoTime();
        final ExecutorService pool = Executors.newFixedThreadPool(8);
        final List<Future<?>> puts = new ArrayList<>();
        for (int i = 1; i <= routers; i++) {
            final int index = i;
            puts.add(pool.submit(() -> put(ROUTERS + "/router=b" + index,
                router("b" + index, basePort + index - 1, key))));
        }
        for (Future<?> put : puts) {
            put.get();
        }
        final double putSeconds = seconds(registerStart);
        final Map<String, String> first = awaitAllInSync(routers, Map.of(), Duration.ofMinutes(10));
        out.printf("register %d routers: PUTs took %.1f s, all in-sync after %.1f s%n", routers, putSeconds,
            seconds(registerStart));
        final long[] afterRegistration = printCompiles("registration", routers, "router", beforeRegistration);

        final long heapAfter = heapUsedKiB(pid);
        if (heapBefore > 0 && heapAfter > 0) {
            out.printf("heap used after full GC: %d MiB before, %d MiB with %d routers: %.1f KiB per managed router%n",
                heapBefore / 1024, heapAfter / 1024, routers, (heapAfter - heapBefore) / (double) routers);
        }

        final long profileStart = System.nanoTime();
        put("/data/openbsd-pbr:profiles/profile=bench", profile(List.of("8.8.8.8/32", "1.0.0.1/32")));
        final double profileAnswered = seconds(profileStart);
        final Map<String, String> second = awaitAllInSync(routers, first, Duration.ofMinutes(10));
        final double immediate = seconds(profileStart);
        out.printf("one profile change reached all %d routers (in-sync on a new revision) in %.1f s "
            + "(the PUT answered in %.0f ms)%n", routers, immediate, profileAnswered * 1000);
        final long[] afterProfile = printCompiles("profile change", routers, "router", afterRegistration);
        // a controller lives through many changes: what a change leaves behind counts against the budget too
        final long heapChanged = heapUsedKiB(pid);
        if (heapBefore > 0 && heapChanged > 0) {
            out.printf("heap used after full GC after the profile change: %d MiB: %.1f KiB per managed router%n",
                heapChanged / 1024, (heapChanged - heapBefore) / (double) routers);
        }
        final Map<String, String> staged = rollouts(routers, second, immediate, lab);
        // the rollouts compile too (each staged change, each wave's pins and the rollback): counted on their own, so
        // that the next figure is the secret write's alone
        final long[] afterRollouts = printCompiles("rollouts", routers, "router", afterProfile);

        // a write carrying a secret (a PPPoE secret, sealed by seal-secret where the controller has it): compiled once
        final String secret = new JsonPrimitive(secrets.value("Bench-Secret-1", "pppoe-secret")).toString();
        final long secretStart = System.nanoTime();
        put(ROUTERS + "/router=b2/intent", intentWithSecret(secret));
        awaitInSync("b2", staged.get("b2"));
        out.printf("a write carrying a secret applied in %.0f ms%n", seconds(secretStart) * 1000);
        final long[] afterSecret = printCompiles("write with a secret", 1, "write", afterRollouts);

        final List<Double> latencies = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
            final String before = statusOf("b1").get("b1");
            final long start = System.nanoTime();
            // 10.0.1.x: always different from the table's first entry (10.0.0.1) and from the previous run
            put(ROUTERS + "/router=b1/intent/table=local", table(List.of("10.0.1." + (run % 200 + 1) + "/32")));
            awaitInSync("b1", before);
            latencies.add((System.nanoTime() - start) / 1e6);
        }
        Collections.sort(latencies);
        out.printf("intent-to-applied, one router, %d runs: p50 %.0f ms, p90 %.0f ms, max %.0f ms%n", runs,
            latencies.get(latencies.size() / 2), latencies.get((int) (latencies.size() * 0.9)),
            latencies.get(latencies.size() - 1));
        printCompiles("intent changes", runs, "change", afterSecret);

        final List<Future<Void>> deletes = new ArrayList<>();
        for (int i = 1; i <= routers; i++) {
            final int index = i;
            deletes.add(pool.submit(() -> delete(ROUTERS + "/router=b" + index)));
        }
        for (Future<Void> delete : deletes) {
            delete.get();
        }
        pool.shutdown();
        delete("/data/openbsd-pbr:profiles/profile=bench");
    }

    /**
     * Staged rollouts of the same profile, after the immediate change was measured: the profile becomes staged, a
     * change of it is carried by a rollout in waves of 1 %, 10 % and the rest with zero soak (concurrency up to the
     * whole wave, so that the controller's own bound applies as for the immediate change): the total time against
     * the immediate fan-out. Then another change with the lab's fail-validate on 5 % of wave 2's routers and a wave
     * budget of 2 %, rollback-wave: the time until the rollout halted and wave 2 is rolled back.
     *
     * @return the revisions the routers run at the end
     */
    private Map<String, String> rollouts(final int routers, final Map<String, String> before, final double immediate,
            final Lab lab) throws Exception {
        put("/data/openbsd-pbr:profiles/profile=bench", staged(profile(List.of("8.8.8.8/32", "1.0.0.1/32"))));
        put("/data/openbsd-pbr:profiles/profile=bench", staged(profile(List.of("8.8.8.8/32", "1.0.0.2/32"))));
        put("/data/openbsd-pbr:rollouts/rollout=bench-waves", rollout("bench-waves", routers));
        final Started wavesRun = runRollout("bench-waves", "done", routers);
        final JsonObject done = wavesRun.status();
        final double waves = seconds(wavesRun.start());
        final Map<String, String> after = awaitAllInSync(routers, before, Duration.ofMinutes(2));
        out.printf("staged rollout, waves 1%%/10%%/rest, zero soak: all %d routers healthy (%s) in %.1f s, against "
            + "%.1f s for the immediate fan-out: %.2fx (%+.1f s for the wave barriers and health gates)%n", routers,
            done.getAsJsonObject("counts").get("healthy").getAsString(), waves, immediate, waves / immediate,
            waves - immediate);

        // wave 2 is the 11th to the 110th router by name (1 % then 10 % of the targets, sorted)
        final List<String> names = IntStream.rangeClosed(1, routers).mapToObj(index -> "b" + index).sorted().toList();
        final int first = Math.max(1, (int) Math.ceil(routers / 100.0));
        final int second = Math.max(1, (int) Math.ceil(routers / 10.0));
        final List<String> waveTwo = names.subList(first, Math.min(routers, first + second));
        final List<String> failing = waveTwo.subList(0, Math.max(1, (int) Math.ceil(waveTwo.size() * 0.05)));
        for (String name : failing) {
            lab.setFault("r" + name.substring(1), LabFault.FAIL_VALIDATE, "/etc/pf.conf:1: syntax error");
        }
        put("/data/openbsd-pbr:profiles/profile=bench", staged(profile(List.of("8.8.8.8/32", "1.0.0.3/32"))));
        put("/data/openbsd-pbr:rollouts/rollout=bench-fail", rollout("bench-fail", routers)
            .replace("\"count\":0", "\"percent\":2"));
        final Started failRun = runRollout("bench-fail", "rolled-back", routers);
        final JsonObject rolledBack = failRun.status();
        final double toRollback = seconds(failRun.start());
        out.printf("with fail-validate on %d of wave 2's %d routers (budget 2%%, rollback-wave): rolled back in %.1f s "
            + "from start (%s rolled back, %s failed, wave 3 untouched: %s waiting)%n  %s%n", failing.size(),
            waveTwo.size(), toRollback, rolledBack.getAsJsonObject("counts").get("rolled-back").getAsString(),
            rolledBack.getAsJsonObject("counts").get("failed").getAsString(),
            rolledBack.getAsJsonObject("counts").get("waiting").getAsString(), rolledBack.get("reason").getAsString());
        for (String name : failing) {
            lab.clearFault("r" + name.substring(1), LabFault.FAIL_VALIDATE);
        }
        // back to an immediate profile: every router takes the last content, for the rest of the benchmark (the
        // routers that refused it are asked again at once, as an operator would after fixing them)
        put("/data/openbsd-pbr:profiles/profile=bench", profile(List.of("8.8.8.8/32", "1.0.0.3/32")));
        for (String name : failing) {
            post("/operations/openbsd-pbr:sync", "{\"input\":{\"router\":\"" + name + "\"}}");
        }
        delete("/data/openbsd-pbr:rollouts");
        return awaitAllInSync(routers, after, Duration.ofMinutes(10));
    }

    /** A rollout that ended as wanted: its last status, and when the start that ran was asked. */
    private record Started(JsonObject status, long start) {
    }

    /**
     * Starts a rollout and waits until it ends in the state wanted, timed from the start that ran. A controller from
     * before start-rollout read the profile as written (8b20c0e and older) may carry the content from before the
     * benchmark's last profile write, when its listener has not handed that write over yet, and halt at once with
     * "changed while the rollout ran", every router still waiting: such a start is said and made again (at most
     * twice more), so that both halves of a comparison measure a rollout of the same change. A controller with the
     * fix never needs it.
     */
    private Started runRollout(final String name, final String wanted, final int routers)
            throws IOException, InterruptedException {
        for (int starts = 1;; starts++) {
            final long start = System.nanoTime();
            post("/operations/openbsd-pbr:start-rollout", "{\"input\":{\"rollout\":\"" + name + "\"}}");
            final JsonObject status = awaitRollout(name, List.of(wanted, "halted"), Duration.ofMinutes(10));
            if (wanted.equals(status.get("state").getAsString())) {
                return new Started(status, start);
            }
            final String reason = status.has("reason") ? status.get("reason").getAsString() : "";
            final JsonObject counts = status.getAsJsonObject("counts");
            if (starts < 3 && reason.contains("changed while the rollout ran") && counts != null
                    && counts.has("waiting") && counts.get("waiting").getAsInt() == routers) {
                out.printf("rollout %s halted at its start, every router waiting (%s): the controller carried the "
                    + "profile from before its last write; started again%n", name, reason);
                continue;
            }
            throw new IllegalStateException(notReached(name, List.of(wanted), status));
        }
    }

    private JsonObject awaitRollout(final String name, final List<String> states, final Duration limit)
            throws IOException, InterruptedException {
        final long deadline = System.nanoTime() + limit.toNanos();
        JsonObject status = new JsonObject();
        while (System.nanoTime() < deadline) {
            final var response = send(HttpRequest.newBuilder(URI.create(restconf + "/data/openbsd-pbr:rollouts/rollout="
                + name + "/status?content=nonconfig")).GET().header("Accept", "application/yang-data+json"));
            if (response.statusCode() == 200) {
                status = JsonParser.parseString(response.body()).getAsJsonObject().getAsJsonObject(
                    "openbsd-pbr:status");
                final String state = status.has("state") ? status.get("state").getAsString() : "";
                if (states.contains(state)) {
                    return status;
                }
                if (Arrays.stream(RolloutState.State.values()).anyMatch(known -> known.yangName().equals(state)
                        && known.isFinal())) {
                    // nothing here resumes a rollout: waiting on would only hold the machine (and the ports lock)
                    throw new IllegalStateException(notReached(name, states, status));
                }
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException(notReached(name, states, status) + " within " + limit);
    }

    /** What a rollout's status says when it did not reach the states waited for (not its 1,000 router entries). */
    private static String notReached(final String name, final List<String> states, final JsonObject status) {
        return "rollout " + name + " not " + states + ": state " + status.get("state") + ", counts "
            + status.get("counts") + ", reason " + status.get("reason");
    }

    private static String staged(final String profile) {
        return profile.replace("{\"name\":\"bench\",", "{\"name\":\"bench\",\"apply\":\"staged\",");
    }

    private static String rollout(final String name, final int routers) {
        return """
            {"openbsd-pbr:rollout":[{"name":"NAME","change":{"profile":"bench"},"wave":["1%","10%","rest"],
              "wave-budget":{"count":0},"breach-action":"rollback-wave","concurrency":CONCURRENCY}]}
            """.replace("NAME", name).replace("CONCURRENCY", Integer.toString(Math.min(1024, routers)));
    }

    private void post(final String path, final String body) throws IOException, InterruptedException {
        final var response = send(HttpRequest.newBuilder(URI.create(restconf + path))
            .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/yang-data+json"));
        if (response.statusCode() >= 300) {
            throw new IllegalStateException("POST " + path + ": HTTP " + response.statusCode() + " "
                + response.body());
        }
    }

    /** Waits until one router is in sync on a revision other than {@code before}. */
    private void awaitInSync(final String router, final String before) throws IOException, InterruptedException {
        final long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            final String now = statusOf(router).get(router);
            if (now != null && !now.equals(before)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(router + " did not apply its change within 60 s");
            }
            Thread.sleep(5);
        }
    }

    /**
     * The controller's compile counters (compiles, reuses) summed over its members, once they stopped moving (the
     * controller publishes them once a second); {0, 0} when the controller does not publish them.
     */
    private long[] compiles() throws IOException, InterruptedException {
        long[] last = {-1, -1};
        for (int i = 0; i < 20; i++) {
            final var response = send(HttpRequest.newBuilder(URI.create(restconf
                + "/data/openbsd-pbr:controller?content=nonconfig")).GET()
                .header("Accept", "application/yang-data+json"));
            final long[] now = {0, 0};
            if (response.statusCode() == 200) {
                final var members = JsonParser.parseString(response.body()).getAsJsonObject()
                    .getAsJsonObject("openbsd-pbr:controller").getAsJsonArray("member");
                for (JsonElement member : members) {
                    final var entry = member.getAsJsonObject();
                    now[0] += entry.has("compiles") ? entry.get("compiles").getAsLong() : 0;
                    now[1] += entry.has("compile-reuses") ? entry.get("compile-reuses").getAsLong() : 0;
                }
            } else {
                return now;
            }
            if (now[0] == last[0] && now[1] == last[1]) {
                return now;
            }
            last = now;
            Thread.sleep(1100);
        }
        return last;
    }

    /** Prints the compiles since {@code before} per unit of work; returns the counters now. */
    private long[] printCompiles(final String what, final int units, final String unit, final long[] before)
            throws IOException, InterruptedException {
        final long[] now = compiles();
        out.printf("  compiles for the %s: %d (%.2f per %s), results reused %d times%n", what, now[0] - before[0],
            (now[0] - before[0]) / (double) units, unit, now[1] - before[1]);
        return now;
    }

    /** Waits until every router is in sync on a revision other than the one in {@code old}; returns revisions. */
    private Map<String, String> awaitAllInSync(final int routers, final Map<String, String> old,
            final Duration limit) throws Exception {
        final long deadline = System.nanoTime() + limit.toNanos();
        Map<String, String> revisions = Map.of();
        while (System.nanoTime() < deadline) {
            revisions = statusOf(null);
            final Map<String, String> snapshot = revisions;
            final long done = snapshot.entrySet().stream()
                .filter(entry -> !entry.getValue().equals(old.get(entry.getKey()))).count();
            if (done >= routers) {
                return revisions;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("only " + revisions.size() + " of " + routers + " routers in sync in "
            + limit);
    }

    /** Router name to applied revision, for routers in sync (one router or all). */
    private Map<String, String> statusOf(final String router) throws IOException, InterruptedException {
        // only the leaves read here: the whole status of 1,000 routers is 360 kB of JSON (these fields: 137 kB) that
        // the controller would serialize five times a second, on the cores the routers' changes are measured on
        final String path = router == null ? ROUTERS + "?content=nonconfig&fields=" + STATUS_FIELDS_ALL
            : ROUTERS + "/router=" + router + "?content=nonconfig&fields=" + STATUS_FIELDS;
        final var response = send(HttpRequest.newBuilder(URI.create(restconf + path)).GET()
            .header("Accept", "application/yang-data+json"));
        final Map<String, String> result = new HashMap<>();
        if (response.statusCode() != 200) {
            return result;
        }
        final JsonElement root = JsonParser.parseString(response.body());
        final var object = root.getAsJsonObject();
        final var list = object.has("openbsd-pbr:routers")
            ? object.getAsJsonObject("openbsd-pbr:routers").getAsJsonArray("router")
            : object.getAsJsonArray("openbsd-pbr:router");
        if (list == null) {
            return result;
        }
        for (JsonElement element : list) {
            final var entry = element.getAsJsonObject();
            final var status = entry.getAsJsonObject("status");
            if (status != null && status.has("sync-status") && "in-sync".equals(status.get("sync-status")
                    .getAsString()) && status.has("applied-revision")) {
                result.put(entry.get("name").getAsString(), status.get("applied-revision").getAsString());
            }
        }
        return result;
    }

    private static String labKey() {
        try {
            final Path file = Files.createTempFile("openbsd-pbr-bench", ".key");
            try {
                SshKeys.writePrivateKey(SshKeys.generateEd25519(), file, "openbsd-pbr-bench");
                return Files.readString(file, StandardCharsets.US_ASCII);
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot make the lab key", e);
        }
    }

    /**
     * A lab router on the shared profile {@code bench}, as this benchmark registers it; the cluster benchmark
     * (e2e's ClusterBench) registers the same, so that its figures stand beside this one's.
     */
    public static String router(final String name, final int port, final String key) {
        return """
            {"openbsd-pbr:router":[{"name":"NAME","profile":["bench"],
              "management":{"address":"127.0.0.1","port":PORT,"private-key":KEY,
                "host-key-policy":"trust-on-first-use"},
              "settings":{"confirm-timeout":30},
              "intent":INTENT}]}
            """.replace("NAME", name).replace("PORT", Integer.toString(port)).replace("KEY", key)
            .replace("INTENT", ownIntent());
    }

    /** Each router's own intent (a table of its own beside the profile's), as JSON. */
    static String ownIntent() {
        return """
            {
                "rdomain":[{"id":0,"default-route-via":"wan"}],
                "interface":[{"name":"em0"},{"name":"em1","ipv4-address":["192.168.1.1/24"]}],
                "uplink":[{"name":"wan","dhcp":{"interface":"em0"}}],
                "table":[{"name":"local","entry":["10.0.0.1/32"]}],
                "nat":[{"uplink":"wan","source":["em1:network"]}]}""";
    }

    /** b2's intent with a PPPoE uplink whose secret is written in clear. */
    private static String intentWithSecret(final String secretJson) {
        return """
            {"openbsd-pbr:intent":{
              "rdomain":[{"id":0,"default-route-via":"wan"}],
              "interface":[{"name":"em0"},{"name":"em1","ipv4-address":["192.168.1.1/24"]},{"name":"em2"}],
              "uplink":[{"name":"wan","dhcp":{"interface":"em0"}},
                {"name":"ppp","pppoe":{"interface":"pppoe0","parent":"em2","username":"bench",
                  "secret":SECRET}}],
              "table":[{"name":"local","entry":["10.0.0.1/32"]}],
              "nat":[{"uplink":"wan","source":["em1:network"]}]}}
            """.replace("SECRET", secretJson);
    }

    /** The shared profile {@code bench}: a policy route to the uplink for the destinations listed. */
    public static String profile(final List<String> entries) {
        return """
            {"openbsd-pbr:profile":[{"name":"bench",
              "table":[{"name":"via_wan","entry":[ENTRIES]}],
              "policy-route":[{"name":"to-via-wan","sequence":10,"ingress-interface":"em1",
                "source":{"interface-network":"em1:network"},"destination":{"table":"via_wan"},"via-uplink":"wan"}],
              "sshd":{"listen":[{"address":"0.0.0.0","rdomain":0}]}}]}
            """.replace("ENTRIES", String.join(",", entries.stream().map(entry -> "\"" + entry + "\"").toList()));
    }

    private static String table(final List<String> entries) {
        return "{\"openbsd-pbr:table\":[{\"name\":\"local\",\"entry\":["
            + String.join(",", entries.stream().map(entry -> "\"" + entry + "\"").toList()) + "]}]}";
    }

    private Void put(final String path, final String body) throws IOException, InterruptedException {
        var response = send(HttpRequest.newBuilder(URI.create(restconf + path))
            .PUT(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/yang-data+json"));
        for (int retry = 0; response.statusCode() == 401 && retry < 60; retry++) {
            // AAA may still be loading its users right after start-up
            Thread.sleep(1000);
            response = send(HttpRequest.newBuilder(URI.create(restconf + path))
                .PUT(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/yang-data+json"));
        }
        if (response.statusCode() >= 300) {
            throw new IllegalStateException("PUT " + path + ": HTTP " + response.statusCode() + " "
                + response.body());
        }
        return null;
    }

    private Void delete(final String path) throws IOException, InterruptedException {
        send(HttpRequest.newBuilder(URI.create(restconf + path)).DELETE());
        return null;
    }

    private HttpResponse<String> send(final HttpRequest.Builder builder) throws IOException, InterruptedException {
        return http.send(builder.header("Authorization", authorization).timeout(Duration.ofSeconds(60)).build(),
            HttpResponse.BodyHandlers.ofString());
    }

    /** Heap in use after a full GC, from jcmd; 0 when no pid was given. */
    private static long heapUsedKiB(final String pid) throws IOException, InterruptedException {
        if (pid.isEmpty()) {
            return 0;
        }
        final String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        new ProcessBuilder(jcmd, pid, "GC.run").redirectErrorStream(true).start().waitFor();
        final var process = new ProcessBuilder(jcmd, pid, "GC.heap_info").redirectErrorStream(true).start();
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        final var matcher = HEAP_USED.matcher(output);
        return matcher.find() ? Long.parseLong(matcher.group(1)) : 0;
    }

    private static double seconds(final long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}

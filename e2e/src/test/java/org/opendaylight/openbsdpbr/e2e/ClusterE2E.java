/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A three-member ODL cluster against the lab. Three copies of the built distribution form one cluster (every shard
 * replicated on all three, so the datastore keeps a majority when one member dies), configured as a single node is
 * (loopback listeners, the same generated admin password and secret files on every member) but on ports of their own,
 * and the lab's routers are registered through member 1. In order:
 * <ol>
 *   <li>every router reaches in-sync, as every member reads it;</li>
 *   <li>exactly one member manages each router (status {@code managed-by}, the same on every member, and one claim per
 *       router in the live members' logs), the routers are spread over the three members (each within 10% of the
 *       mean or one router, issue 13's placement); registering a router commits nothing and its intent is committed
 *       once, handovers made while the routers arrived included;</li>
 *   <li>{@code kill -9} of the member managing the most routers: within 30 s its routers are managed by the survivors,
 *       spread over both (not all to one), balanced between them;</li>
 *   <li>a change made through a survivor reaches every router exactly once;</li>
 *   <li>the killed member rejoins (unless {@code e2e.cluster.restart=false}) and gets its share back, balanced over
 *       the three again, without a commit;</li>
 * </ol>
 * and at the end, every router carries exactly the generations those steps commit (nothing was committed twice at any
 * point), and no clear secret is in any file of any member (logs, the datastore's journal and snapshots), where the
 * sealed ones are. Secrets are sealed by member 2 and written through member 1: one key file serves the cluster. After
 * each step it prints {@code routers per member: member-1=N member-2=N member-3=N}.
 *
 * <p>Run by {@code tools/test/cluster.sh} (part of {@code ./openbsd-pbr test}), under the ports lock. Member i serves
 * RESTCONF on 8190+i (Netty 8195+i), its console on 8110+i, JMX on 1110+i/44450+i, Pekko on 127.0.0.1:2560+i; the lab
 * uses 2401.. and 2499: nothing collides with a single node or with tools/test/e2e.sh. Options are system properties
 * ({@code e2e.cluster.*}, see tools/test/cluster.sh --help). Waits are awaits of a condition, never fixed sleeps.
 */
@TestMethodOrder(MethodOrderer.MethodName.class)
class ClusterE2E {
    // the test's progress and figures are its output, as the shell script's were
    @SuppressWarnings("checkstyle:RegexpSinglelineJava")
    private static final PrintStream OUT = System.out;
    private static final Path ROOT = Restconf.repoRoot();
    private static final List<Integer> MEMBERS = List.of(1, 2, 3);
    private static final int LAB_BASE = 2401;
    private static final int LAB_CONTROL = 2499;
    private static final String PPPOE_SECRET = "Ppp0eS3cretCluster";
    private static final Set<Integer> SINGLE_NODE_PORTS = Set.of(8181, 8182, 8101, 1099, 44444, 2550);
    private static final Duration POLL = Duration.ofMillis(250);
    private static final String STAGED_PROFILE = "/data/openbsd-pbr:profiles/profile=cl-branch";
    private static final Pattern CLAIM =
        Pattern.compile("\\| (c-r\\d+): this controller (manages the router now|no longer manages the router)");

    private static final int ROUTERS = Integer.getInteger("e2e.cluster.routers", 12);
    private static final int GROUPS = Integer.getInteger("e2e.cluster.groups", 64);
    private static final int CHECK_SYNC = Integer.getInteger("e2e.cluster.checkSync", 60);
    private static final String HEAP = System.getProperty("e2e.cluster.heap", "1024m");
    private static final boolean RESTART = Boolean.parseBoolean(System.getProperty("e2e.cluster.restart", "true"));
    private static final Path ASSEMBLY = Path.of(System.getProperty("e2e.cluster.assembly",
        ROOT.resolve("distribution/target/assembly").toString()));

    private static final Instant T0 = Instant.now();
    private static final Map<Integer, Karaf> KARAF = new TreeMap<>();
    private static final Map<Integer, Restconf> RESTCONF = new TreeMap<>();
    private static final Map<Integer, Long> LOG_FROM = new HashMap<>();
    private static final Map<String, Long> FIGURES = new TreeMap<>();
    private static final LabControl LAB = new LabControl("http://127.0.0.1:" + LAB_CONTROL + "/");
    private static Path work;
    private static String labKey;
    /** The steps that passed, so that a later one is skipped, not failed again, when an earlier one failed. */
    private static final List<String> PASSED = new ArrayList<>();
    private static int victim;
    /** The lab router ee sent commands to through a member that does not manage it. */
    private static String commanded = "";
    private static Map<String, RouterStatus> beforeKill = Map.of();
    private static Map<String, LabControl.Generation> afterSync = Map.of();

    /** One router's status as a member reports it. */
    record RouterStatus(String name, String managedBy, String sync, String revision, String generation,
            String lastError) {
        static RouterStatus of(final JsonObject router) {
            final JsonObject status = router.has("status") ? router.getAsJsonObject("status") : new JsonObject();
            final JsonObject error = status.has("last-error") ? status.getAsJsonObject("last-error") : null;
            return new RouterStatus(router.get("name").getAsString(), text(status, "managed-by"),
                text(status, "sync-status"), text(status, "applied-revision"), text(status, "applied-generation"),
                error == null ? "" : text(error, "step") + ": "
                    + text(error, "message").lines().findFirst().orElse(""));
        }

        private static String text(final JsonObject object, final String name) {
            final JsonElement element = object.get(name);
            return element == null || element.isJsonNull() ? "-" : element.getAsString();
        }

        @Override
        public String toString() {
            return name + " " + managedBy + " " + sync + " " + revision.substring(0, Math.min(12, revision.length()))
                + " " + generation + (lastError.isEmpty() ? "" : " " + lastError);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------

    @BeforeAll
    static void startClusterAndLab() throws Exception {
        assertThat(ASSEMBLY).as("the built distribution (build first)").isDirectory();
        work = Files.createTempDirectory("openbsd-pbr-cluster.");
        say("work dir " + work + "; " + ROUTERS + " routers, ownership-groups " + GROUPS + ", drift check every "
            + CHECK_SYNC + " s, heap " + HEAP + " per member");
        for (int port : allPorts()) {
            assertThat(ListeningSockets.portInUse(port)).as("port " + port + " (another cluster run?)").isFalse();
        }
        // one admin password and one secret key file for the three members, given to each before its first start
        // (a member would otherwise make its own, and none could open what another sealed)
        final String password = ClusterMember.generatedPassword();
        final Path keys = ClusterMember.secretKeys(work);
        for (int member : MEMBERS) {
            final Path home = work.resolve("member-" + member);
            ClusterMember.configure(ASSEMBLY, home, member, MEMBERS, GROUPS, CHECK_SYNC, password, keys);
            KARAF.put(member, new Karaf(home, "http://127.0.0.1:" + ClusterMember.httpPort(member) + "/rests"));
        }

        final Path lab = Files.createDirectories(work.resolve("lab"));
        final Process keygen = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C",
            "openbsd-pbr-cluster", "-f", lab.resolve("controller-key").toString()).inheritIO().start();
        assertThat(keygen.waitFor()).as("ssh-keygen").isZero();
        labKey = Files.readString(lab.resolve("controller-key"), StandardCharsets.US_ASCII);

        final Instant launch = Instant.now();
        for (int member : MEMBERS) {
            KARAF.get(member).launch(HEAP);
        }
        say("launched members 1-3 (RESTCONF on " + MEMBERS.stream().map(ClusterMember::httpPort).map(String::valueOf)
            .collect(Collectors.joining(", ")) + ")");
        Karaf.lib("lab_start", lab.toString(), Integer.toString(ROUTERS), Integer.toString(LAB_BASE),
            Integer.toString(LAB_CONTROL));
        for (int member : MEMBERS) {
            // they start side by side: the waits overlap
            KARAF.get(member).await(Duration.ofSeconds(480));
            FIGURES.put("up-member-" + member, seconds(launch));
            say("member-" + member + " serves openbsd-pbr over RESTCONF " + seconds(launch) + " s after launch");
            RESTCONF.put(member, KARAF.get(member).admin());
            LOG_FROM.put(member, 0L);
        }
    }

    @AfterAll
    static void stopClusterAndLab() throws Exception {
        final boolean passed = PASSED.contains("g");
        final int hold = Integer.getInteger("e2e.cluster.hold", 0);
        if (!passed && hold > 0 && work != null) {
            say("failed; holding the cluster for " + hold + " s (work dir " + work + ")");
            Thread.sleep(hold * 1000L);
        }
        CompletableFuture.allOf(KARAF.values().stream().map(karaf -> CompletableFuture.runAsync(karaf::stop))
            .toArray(CompletableFuture[]::new)).join();
        if (work != null) {
            Karaf.lib("lab_stop", work.resolve("lab").toString());
            if (passed) {
                try (Stream<Path> files = Files.walk(work)) {
                    files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
                }
            } else {
                say("FAILED; logs kept: " + work + "/member-{1,2,3}/data/log/karaf.log, lab log " + work
                    + "/lab/lab.log");
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------------

    @Test
    void a_theMembersFormOneClusterOnLoopbackPortsOfTheirOwn() throws Exception {
        final Instant start = Instant.now();
        final String probe = "{\"openbsd-pbr:profile\":[{\"name\":\"cluster-probe\","
            + "\"description\":\"cluster formation probe\"}]}";
        putWithRetry(1, "/data/openbsd-pbr:profiles/profile=cluster-probe", probe);
        await("a write through member-1 readable on members 2 and 3", Duration.ofSeconds(180),
            () -> Stream.of(2, 3).allMatch(member -> RESTCONF.get(member)
                .get("/data/openbsd-pbr:profiles/profile=cluster-probe?content=config").status() == 200));
        FIGURES.put("formed", seconds(start));
        RESTCONF.get(1).delete("/data/openbsd-pbr:profiles/profile=cluster-probe");
        say("cluster formed (a write through member-1 reads back on members 2 and 3)");

        for (int member : MEMBERS) {
            ClusterMember.assertInitialConfigurationKept(KARAF.get(member).home());
            final long pid = KARAF.get(member).pid().orElseThrow();
            final List<ListeningSockets.Socket> sockets = ListeningSockets.of(pid);
            say("  member-" + member + ": pid " + pid + ", RSS " + ClusterMember.rssMiB(pid) + " MiB, listening on "
                + sockets.stream().map(ListeningSockets.Socket::port).sorted().distinct().map(String::valueOf)
                    .collect(Collectors.joining(" ")));
            assertThat(sockets).as("member-" + member + " listens on loopback only")
                .allMatch(ListeningSockets.Socket::loopback);
            assertThat(sockets.stream().map(ListeningSockets.Socket::port)).as("member-" + member
                + " on a single node's port").doesNotContainAnyElementsOf(SINGLE_NODE_PORTS)
                .contains(ClusterMember.httpPort(member), ClusterMember.pekkoPort(member));
            assertThat(new Restconf(KARAF.get(member).restconf(), "admin", "admin")
                .get("/data/openbsd-pbr:routers?content=config").status()).as("member-" + member + " admin/admin")
                .isEqualTo(401);
        }
        say("  configuration/initial kept as written before the first boot; loopback listeners; admin/admin refused");
        PASSED.add("a");
    }

    @Test
    void b_everyRouterReachesInSyncWithOneManagerAndOneCommit() throws Exception {
        assumeTrue(PASSED.contains("a"), "the cluster formed");
        say("registering " + ROUTERS + " routers through member-1 (lab routers r1..r" + ROUTERS + " on ports "
            + LAB_BASE + "..), their secrets sealed by member-2");
        final Instant start = Instant.now();
        // secrets are written only sealed (the controller refuses clear ones): member 2 seals, member 1 stores, and
        // whichever member manages a router opens them: one key file for the whole cluster
        final String sealedPppoe = Sealing.seal(RESTCONF.get(2), PPPOE_SECRET, "pppoe-secret");
        final String sealedKey = Sealing.seal(RESTCONF.get(2), labKey, "private-key");
        final String intent = Restconf.example("seed-router/intent.json");
        assertThat(intent).as("the seed's PPPoE secret, to replace").contains("\"secret\": \"secret\"");
        assertThat(Restconf.example("seed-router/router.json")).contains("\"confirm-timeout\": 60");
        // every router lists a staged profile (eee rolls a change of it out): new, it reaches them with the intent,
        // in the same write (a router with profiles and no intent yet would be committed with the profile alone)
        putWithRetry(1, STAGED_PROFILE, stagedProfile("192.0.2.1"));
        final JsonArray profiles = new JsonArray();
        profiles.add("cl-branch");
        final JsonElement sealedIntent = JsonParser.parseString(intent.replace("\"secret\": \"secret\"",
            "\"secret\": \"" + sealedPppoe + "\"")).getAsJsonObject().get("openbsd-pbr:intent");
        for (int n = 1; n <= ROUTERS; n++) {
            final JsonObject document = JsonParser.parseString(Restconf.seedRouter("c-r" + n, LAB_BASE + n - 1)
                .replace("\"confirm-timeout\": 60", "\"confirm-timeout\": 30")).getAsJsonObject();
            final JsonObject router = document.getAsJsonArray("openbsd-pbr:router").get(0).getAsJsonObject();
            router.getAsJsonObject("management").addProperty("private-key", sealedKey);
            router.add("profile", profiles);
            router.add("intent", sealedIntent);
            putWithRetry(1, "/data/openbsd-pbr:routers/router=c-r" + n, document.toString());
        }
        say("  stored in " + seconds(start) + " s");

        awaitFleet("every router in-sync", Duration.ofSeconds(360), List.of(3),
            status -> "in-sync".equals(status.sync()));
        FIGURES.put("in-sync", seconds(start));
        say("a. all " + ROUTERS + " routers in-sync " + seconds(start) + " s after the first PUT (read on member-3)");
        for (int member : List.of(1, 2)) {
            awaitFleet("in-sync on member-" + member, Duration.ofSeconds(30), List.of(member),
                status -> "in-sync".equals(status.sync()));
        }
        say("   members 1 and 2 read the same: in-sync");

        // placement spreads the routers over the three members; handovers made while the routers arrived end first
        final Map<String, RouterStatus> fleet = awaitSpread("every router managed, spread over the members",
            Duration.ofSeconds(60), List.of(1), MEMBERS);
        for (int member : List.of(2, 3)) {
            assertThat(managers(fleet(member).orElseThrow())).as("managed-by as member-" + member + " reads it")
                .isEqualTo(managers(fleet));
        }
        assertSingleManager(fleet);
        beforeKill = fleet;
        say("b. managed-by set for every router, the same on all members, one claim per router in the members' logs");
        spread(fleet);
        assertBalanced(fleet, MEMBERS);
        say("   " + placement(1));
        afterSync = LAB.generations();
        assertThat(afterSync).as("registering commits nothing, the intent is committed once, nothing waits")
            .hasSize(ROUTERS).allSatisfy((name, generation) ->
                assertThat(generation).isEqualTo(new LabControl.Generation(1, 0)));
        PASSED.add("b");
    }

    @Test
    void bb_anyMemberAnswersForAnyRouterAndSaysWhoServedIt() throws Exception {
        assumeTrue(PASSED.contains("b"), "every router in sync");
        say("bb. router RPCs through a member that does not manage the router");
        answeredByTheOwner(beforeKill, MEMBERS);
        assertThat(LAB.generations()).as("read-only calls committed nothing").isEqualTo(afterSync);
        PASSED.add("bb");
    }

    /**
     * For one router per member, through each other member: check-sync and render answer 200 with the owner's
     * {@code served-by}, and confirm-commit (nothing pending) answers the owner's refusal, 409 data-missing.
     */
    private static void answeredByTheOwner(final Map<String, RouterStatus> fleet, final List<Integer> members)
            throws Exception {
        int calls = 0;
        for (int owner : members) {
            final RouterStatus router = fleet.values().stream()
                .filter(status -> status.managedBy().equals("member-" + owner)).findFirst().orElseThrow();
            final String input = "{\"input\":{\"router\":\"" + router.name() + "\"}}";
            for (int via : members) {
                if (via == owner) {
                    continue;
                }
                final Restconf.Reply check = RESTCONF.get(via).post("/operations/openbsd-pbr:check-sync", input);
                assertThat(check.status()).as("check-sync of " + router.name() + " through member-" + via + ": "
                    + check.body()).isEqualTo(200);
                final JsonObject checked = check.json().getAsJsonObject().getAsJsonObject("openbsd-pbr:output");
                assertThat(checked.get("served-by").getAsString()).as("check-sync served by").isEqualTo("member-"
                    + owner);
                assertThat(checked.get("in-sync").getAsBoolean()).as(router.name() + " in sync").isTrue();
                final Restconf.Reply render = RESTCONF.get(via).post("/operations/openbsd-pbr:render", input);
                assertThat(render.status()).as("render through member-" + via).isEqualTo(200);
                assertThat(render.json().getAsJsonObject().getAsJsonObject("openbsd-pbr:output").get("served-by")
                    .getAsString()).as("render served by").isEqualTo("member-" + owner);
                final Restconf.Reply confirm = RESTCONF.get(via).post("/operations/openbsd-pbr:confirm-commit", input);
                assertThat(confirm.status()).as("confirm-commit (nothing pending) through member-" + via + ": "
                    + confirm.body()).isEqualTo(409);
                assertThat(confirm.body()).contains("data-missing");
                calls += 3;
            }
        }
        say("   " + calls + " calls through members that do not manage the router: each served by the router's "
            + "manager (served-by), its refusals passed on as they are (409 data-missing)");
    }

    @Test
    void c_killingTheBusiestMemberMovesItsRoutersToTheSurvivors() throws Exception {
        assumeTrue(PASSED.contains("bb"), "every router in sync, RPCs through any member");
        final Map<String, Long> load = beforeKill.values().stream()
            .collect(Collectors.groupingBy(RouterStatus::managedBy, TreeMap::new, Collectors.counting()));
        // the busiest member; on a tie, the lowest number (deterministic)
        victim = Integer.parseInt(load.entrySet().stream()
            .max(Comparator.<Map.Entry<String, Long>>comparingLong(Map.Entry::getValue)
                .thenComparing(Map.Entry::getKey, Comparator.reverseOrder()))
            .orElseThrow().getKey().substring("member-".length()));
        final List<Integer> survivors = survivors();
        say("c. kill -9 member-" + victim + " (manages: " + beforeKill.values().stream()
            .filter(status -> status.managedBy().equals("member-" + victim)).map(RouterStatus::name)
            .collect(Collectors.joining(" ")) + "); survivors: " + survivors);
        final Instant kill = Instant.now();
        KARAF.get(victim).kill();

        // issue 13: a dead member's routers are managed by the survivors within 30 s, spread over both
        awaitFleet("managed by the survivors", Duration.ofSeconds(30), survivors,
            status -> survivors.stream().anyMatch(member -> status.managedBy().equals("member-" + member)));
        FIGURES.put("takeover", seconds(kill));
        say("   every router managed by a survivor " + seconds(kill) + " s after the kill");
        final Map<String, RouterStatus> fleet = awaitSpread("taken over by the survivors, spread and in-sync",
            Duration.ofSeconds(240), survivors, survivors);
        FIGURES.put("failover", seconds(kill));
        say("   every router managed by a survivor and in-sync " + seconds(kill) + " s after the kill");
        spread(fleet);
        assertBalanced(fleet, survivors);
        for (int survivor : survivors) {
            assertThat(beforeKill.values().stream().filter(status -> status.managedBy().equals("member-" + victim))
                .map(status -> fleet.get(status.name()).managedBy())).as("member-" + victim
                + "'s routers went to both survivors, not to one").contains("member-" + survivor);
        }
        say("   " + placement(survivors.get(0)));
        // the dead member's last figures ("manages 4") are removed, not left standing beside the survivors'
        final Set<String> alive = survivors.stream().map(member -> "member-" + member).collect(Collectors.toSet());
        final Instant figuresBy = Instant.now().plus(Duration.ofSeconds(15));
        Set<String> published = memberNames(survivors.get(0));
        while (!published.equals(alive) && Instant.now().isBefore(figuresBy)) {
            Thread.sleep(200);
            published = memberNames(survivors.get(0));
        }
        assertThat(published).as("members with figures after the kill").isEqualTo(alive);
        answeredByTheOwner(fleet, survivors);
        assertSingleManager(fleet);
        assertThat(LAB.generations()).as("no router committed again across the failover").isEqualTo(afterSync);
        say("   no router committed again: lab generations unchanged, one claim per router in the survivors' logs");
        PASSED.add("c");
    }

    @Test
    void d_aChangeThroughASurvivorReachesEveryRouterOnce() throws Exception {
        assumeTrue(PASSED.contains("c"), "the failover");
        final int via = survivors().get(0);
        final String table = "{\"openbsd-pbr:table\":[{\"name\":\"via_pppoe\",\"description\":"
            + "\"destinations that leave through PPPoE\",\"const\":true,"
            + "\"entry\":[\"8.8.8.8/32\",\"1.0.0.1/32\",\"9.9.9.9/32\"]}]}";
        say("d. PUT table via_pppoe (+9.9.9.9/32) on every router through member-" + via);
        final Map<String, String> revisions = fleet(via).orElseThrow().values().stream()
            .collect(Collectors.toMap(RouterStatus::name, RouterStatus::revision));
        final Instant start = Instant.now();
        for (int n = 1; n <= ROUTERS; n++) {
            putWithRetry(via, "/data/openbsd-pbr:routers/router=c-r" + n + "/intent/table=via_pppoe", table);
        }
        final Map<String, RouterStatus> fleet = awaitFleet("in-sync on a new revision", Duration.ofSeconds(240),
            survivors(), status -> "in-sync".equals(status.sync())
                && !status.revision().equals(revisions.get(status.name())));
        say("   every router in-sync on a new revision " + seconds(start) + " s after the first PUT");
        spread(fleet);
        final Map<String, LabControl.Generation> generations = LAB.generations();
        assertThat(generations).as("exactly one new generation per router").allSatisfy((name, generation) ->
            assertThat(generation).isEqualTo(new LabControl.Generation(afterSync.get(name).current() + 1, 0)));
        for (RouterStatus status : fleet.values()) {
            final String lab = "r" + status.name().substring("c-r".length());
            assertThat(status.generation()).as(status.name() + ": applied-generation against the lab")
                .isEqualTo(Integer.toString(generations.get(lab).current()));
            assertThat(LAB.send("cat " + lab + " /etc/pf.conf")).as(lab + "'s pf.conf").contains("9.9.9.9");
        }
        afterSync = generations;
        say("   one new generation per router (lab and applied-generation agree), pf.conf carries 9.9.9.9 everywhere");
        PASSED.add("d");
    }

    @Test
    void e_theKilledMemberRejoinsAndNothingIsCommittedAgain() throws Exception {
        assumeTrue(PASSED.contains("d"), "the change through a survivor");
        if (!RESTART) {
            say("e. (no restart: e2e.cluster.restart=false)");
            PASSED.add("e");
            return;
        }
        final Path log = KARAF.get(victim).home().resolve("data/log/karaf.log");
        LOG_FROM.put(victim, Files.size(log));
        say("e. restarting member-" + victim);
        final Instant start = Instant.now();
        KARAF.get(victim).start();
        await("member-" + victim + " reads all " + ROUTERS + " routers", Duration.ofSeconds(300),
            () -> fleet(victim).map(Map::size).orElse(0) == ROUTERS);
        say("   member-" + victim + " answers with all " + ROUTERS + " routers " + seconds(start) + " s after its"
            + " restart");
        await("openbsd-pbr started on member-" + victim, Duration.ofSeconds(120),
            () -> logSince(victim).contains("openbsd-pbr started"));
        // the rejoining member gets its share back: placement gives it its groups once the membership settled
        final Map<String, RouterStatus> fleet = awaitSpread("in-sync and spread over the three after the rejoin",
            Duration.ofSeconds(120), List.of(victim), MEMBERS);
        FIGURES.put("rejoin-spread", seconds(start));
        assertSingleManager(fleet);
        spread(fleet);
        assertBalanced(fleet, MEMBERS);
        say("   member-" + victim + " manages its share again " + seconds(start) + " s after its restart; "
            + placement(victim));
        assertThat(LAB.generations()).as("the rejoin committed nothing").isEqualTo(afterSync);
        say("   in-sync, read on member-" + victim + "; lab generations unchanged");
        PASSED.add("e");
    }

    @Test
    void ee_commandsThroughAMemberThatDoesNotManageTheRouterRunOnItsManagerOnce() throws Exception {
        assumeTrue(PASSED.contains("e"), "the rejoin");
        final Map<String, RouterStatus> fleet = fleet(MEMBERS.get(0)).orElseThrow();
        final RouterStatus router = fleet.get("c-r1");
        final String owner = router.managedBy();
        final int via = MEMBERS.stream().filter(member -> !owner.equals("member-" + member)).findFirst()
            .orElseThrow();
        commanded = "r1";
        final int before = afterSync.get(commanded).current();
        say("ee. rollback, sync (manual confirm), confirm-commit, check-sync of c-r1 (managed by " + owner
            + ") through member-" + via);
        final String input = "{\"input\":{\"router\":\"c-r1\"";
        // the rollback installs the generation before the current one as a new one, and holds the intent off
        final JsonObject rolledBack = served(via, "rollback", input + "}}", owner);
        assertThat(rolledBack.get("generation").getAsInt()).as("rollback's generation").isEqualTo(before + 1);
        assertThat(LAB.generations().get(commanded)).as("the lab after the rollback")
            .isEqualTo(new LabControl.Generation(before + 1, 0));
        // sync pushes the intent again, left for the operator's confirm
        final JsonObject synced = served(via, "sync", input + ",\"confirm-manually\":true}}", owner);
        assertThat(synced.get("sync-status").getAsString()).as("sync").isEqualTo("awaiting-confirm");
        final JsonObject confirmed = served(via, "confirm-commit", input + "}}", owner);
        assertThat(confirmed.get("generation").getAsInt()).as("confirmed generation").isEqualTo(before + 2);
        final JsonObject checked = served(via, "check-sync", input + "}}", owner);
        assertThat(checked.get("in-sync").getAsBoolean()).as("in sync after the confirm").isTrue();
        assertThat(LAB.generations().get(commanded)).as("the lab: one commit per command, none twice")
            .isEqualTo(new LabControl.Generation(before + 2, 0));
        say("   each served by " + owner + " (served-by); the lab went " + before + " -> " + (before + 1) + " -> "
            + (before + 2) + ": one commit per command");
        PASSED.add("ee");
    }

    /** The staged profile every router lists, with one table entry. */
    private static String stagedProfile(final String address) {
        return "{\"openbsd-pbr:profile\":[{\"name\":\"cl-branch\",\"apply\":\"staged\",\"table\":[{\"name\":"
            + "\"cl_rollout\",\"entry\":[\"" + address + "\"]}]}]}";
    }

    /** Posts a router RPC to a member and returns its output, asserting 200 and who served it. */
    private static JsonObject served(final int via, final String rpc, final String body, final String owner)
            throws Exception {
        final Restconf.Reply reply = RESTCONF.get(via).post("/operations/openbsd-pbr:" + rpc, body);
        assertThat(reply.status()).as(rpc + " through member-" + via + ": " + reply.body()).isEqualTo(200);
        final JsonObject output = reply.json().getAsJsonObject().getAsJsonObject("openbsd-pbr:output");
        assertThat(output.get("served-by").getAsString()).as(rpc + " served by").isEqualTo(owner);
        return output;
    }

    /**
     * A staged profile's change rolled out in three waves of four from the member that runs the rollouts, which
     * manages only some of the routers: every router takes the change once, the others' through their managers.
     */
    @Test
    void eee_aStagedProfileRolledOutFromOneMemberReachesEveryRouterOnce() throws Exception {
        assumeTrue(PASSED.contains("ee"), "the commands through other members");
        say("eee. PUT a change of staged profile cl-branch; roll it out in waves of 4 from the rollouts' member");
        final Instant start = Instant.now();
        // ee committed its router twice more: generations as they are now
        final Map<String, LabControl.Generation> before = LAB.generations();
        putWithRetry(1, STAGED_PROFILE, stagedProfile("192.0.2.2"));
        // staged: each router's manager pins it to the content it runs, in rollout-keep (then the rollout may start)
        final Set<String> unpinned = new TreeSet<>();
        await(() -> "every router pinned to the content it runs in rollout-keep (no pin: " + unpinned + ")",
            Duration.ofSeconds(30), () -> {
                final Restconf.Reply keep = RESTCONF.get(1).get("/data/openbsd-pbr:rollout-keep");
                final JsonArray pins = keep.status() != 200 ? null : keep.json().getAsJsonObject()
                    .getAsJsonObject("openbsd-pbr:rollout-keep").getAsJsonArray("pin");
                unpinned.clear();
                IntStream.rangeClosed(1, ROUTERS).forEach(n -> unpinned.add("c-r" + n));
                if (pins != null) {
                    pins.asList().stream().map(JsonElement::getAsJsonObject)
                        .filter(pin -> "cl-branch".equals(pin.get("profile").getAsString()))
                        .forEach(pin -> unpinned.remove(pin.get("router").getAsString()));
                }
                return unpinned.isEmpty();
            });
        assertThat(LAB.generations()).as("a staged change reaches no router by itself").isEqualTo(before);
        putWithRetry(1, "/data/openbsd-pbr:rollouts/rollout=cl-roll", "{\"openbsd-pbr:rollout\":[{\"name\":"
            + "\"cl-roll\",\"change\":{\"profile\":\"cl-branch\"},\"wave\":[\"4\"],\"wave-budget\":{\"count\":0},"
            + "\"breach-action\":\"halt\",\"concurrency\":4}]}");
        // the rollouts run on one member: the others refuse the start, naming where they run
        int runner = 0;
        for (int member : MEMBERS) {
            final Restconf.Reply started = RESTCONF.get(member).post("/operations/openbsd-pbr:start-rollout",
                "{\"input\":{\"rollout\":\"cl-roll\"}}");
            if (started.status() == 200) {
                runner = member;
                break;
            }
            assertThat(started.body()).as("start on member-" + member).contains("not this one");
        }
        assertThat(runner).as("the member that runs the rollouts").isPositive();
        final String runBy = "member-" + runner;
        final long own = fleet(runner).orElseThrow().values().stream()
            .filter(status -> status.managedBy().equals(runBy)).count();
        assertThat(own).as("routers member-" + runner + " manages").isBetween(1L, ROUTERS - 1L);
        JsonObject status = new JsonObject();
        final Instant deadline = Instant.now().plusSeconds(120);
        while (!"done".equals(text(status, "state"))) {
            assertThat(Instant.now()).as("rollout cl-roll done; last status " + status).isBefore(deadline);
            assertThat(text(status, "state")).as("rollout cl-roll: " + status).isNotIn("halted", "rolled-back");
            Thread.sleep(POLL.toMillis());
            final Restconf.Reply reply = RESTCONF.get(runner).get("/data/openbsd-pbr:rollouts/rollout=cl-roll/status"
                + "?content=nonconfig");
            if (reply.status() == 200) {
                status = reply.json().getAsJsonObject().getAsJsonObject("openbsd-pbr:status");
            }
        }
        assertThat(status.getAsJsonObject("counts").get("healthy").getAsInt()).as("healthy").isEqualTo(ROUTERS);
        final Map<String, LabControl.Generation> generations = LAB.generations();
        assertThat(generations).as("exactly one new generation per router, wherever it is managed")
            .allSatisfy((name, generation) -> assertThat(generation).isEqualTo(new LabControl.Generation(
                before.get(name).current() + 1, 0)));
        for (String lab : generations.keySet()) {
            assertThat(LAB.send("cat " + lab + " /etc/pf.conf")).as(lab + "'s pf.conf").contains("192.0.2.2");
        }
        afterSync = generations;
        say("   run by member-" + runner + " (manages " + own + " of " + ROUTERS + "): all " + ROUTERS
            + " healthy, one new generation each, " + seconds(start) + " s from the PUT");
        PASSED.add("eee");
    }

    @Test
    void f_noRouterWasEverCommittedTwiceAndNoClearSecretReachedAFile() throws Exception {
        assumeTrue(PASSED.contains("eee"), "the earlier steps");
        // a second commit at any point (a late one from a failover included) shows as one more generation now; the
        // router commanded in ee took two more (the confirmed sync and the rollback)
        assertThat(LAB.generations()).as("every router: the intent once, the change once, the rollout once, nothing "
            + "waiting").hasSize(ROUTERS).allSatisfy((name, generation) -> assertThat(generation).isEqualTo(
                new LabControl.Generation(name.equals(commanded) ? 5 : 3, 0)));
        final String keyLine = labKey.lines().skip(1).findFirst().orElseThrow();
        final StringBuilder warnings = new StringBuilder();
        for (int member : MEMBERS) {
            final Path home = KARAF.get(member).home();
            // every file of the member: logs, the datastore's journal and snapshots (replicated to every member)
            try (Stream<Path> files = Files.walk(home)) {
                assertThat(files.filter(Files::isRegularFile).filter(file -> contains(file, PPPOE_SECRET, keyLine)))
                    .as("member-" + member + "'s files holding a clear secret").isEmpty();
            }
            try (Stream<Path> files = Files.walk(home.resolve("state"))) {
                assertThat(files.filter(Files::isRegularFile).anyMatch(file -> contains(file, "$pbr1$")))
                    .as("member-" + member + ": sealed values in its datastore's files (read as they are?)").isTrue();
            }
            final String log = Files.readString(home.resolve("data/log/karaf.log"));
            assertThat(log).as("member-" + member + "'s karaf.log").doesNotContain(Restconf.adminPassword(home));
            warnings.append("member-").append(member).append(' ').append(log.lines()
                .filter(line -> line.matches(".*\\| (WARN|ERROR) .*openbsdpbr.*")).count()).append(' ');
        }
        say("no clear secret in any file of the members (sealed ones in every journal); openbsd-pbr WARN/ERROR lines: "
            + warnings.toString().strip());
        say("figures: RESTCONF up " + FIGURES.get("up-member-1") + "/" + FIGURES.get("up-member-2") + "/"
            + FIGURES.get("up-member-3") + " s, cluster formed " + FIGURES.get("formed") + " s, " + ROUTERS
            + " routers in-sync " + FIGURES.get("in-sync") + " s, takeover " + FIGURES.get("takeover") + " s, failover "
            + FIGURES.get("failover") + " s, share back after the rejoin " + FIGURES.get("rejoin-spread") + " s, wall "
            + seconds(T0) + " s");
        PASSED.add("f");
        PASSED.add("g");
    }

    // ---------------------------------------------------------------------------------------------------------------

    /** True when the file's bytes hold one of the strings (read as ISO-8859-1: any byte is a character). */
    private static boolean contains(final Path file, final String... strings) {
        final String text;
        try {
            text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            // a file that went away meanwhile (a log rotated, a temporary file)
            return false;
        }
        return Stream.of(strings).anyMatch(text::contains);
    }

    private static List<Integer> survivors() {
        return MEMBERS.stream().filter(member -> member != victim).toList();
    }

    private static List<Integer> allPorts() {
        final List<Integer> ports = new ArrayList<>();
        MEMBERS.forEach(member -> ports.addAll(ClusterMember.ports(member)));
        IntStream.range(LAB_BASE, LAB_BASE + ROUTERS).forEach(ports::add);
        ports.add(LAB_CONTROL);
        return ports;
    }

    /** PUT, retried while the cluster settles: AAA answers 401 for a moment, the datastore 5xx without a leader. */
    private static void putWithRetry(final int member, final String path, final String body) throws Exception {
        Restconf.Reply reply = null;
        final Instant deadline = Instant.now().plusSeconds(120);
        while (Instant.now().isBefore(deadline)) {
            try {
                reply = RESTCONF.get(member).put(path, body);
            } catch (UncheckedIOException e) {
                Thread.sleep(POLL.toMillis());
                continue;
            }
            if (reply.status() < 300) {
                return;
            }
            // a bare 404 (no "errors" body) comes before RESTCONF is registered
            final boolean settling = reply.status() == 401 || reply.status() >= 500
                || reply.status() == 404 && !reply.body().contains("\"errors\"");
            if (!settling) {
                break;
            }
            Thread.sleep(POLL.toMillis());
        }
        fail("PUT " + path + " on member-" + member + ": " + reply);
    }

    /** The operational status of every c-r router, as member {@code member} reads it; empty if it cannot answer. */
    private static Optional<Map<String, RouterStatus>> fleet(final int member) {
        final Restconf.Reply reply;
        try {
            reply = RESTCONF.get(member).get("/data/openbsd-pbr:routers?content=nonconfig");
        } catch (UncheckedIOException e) {
            return Optional.empty();
        }
        if (reply.status() != 200) {
            return Optional.empty();
        }
        final Map<String, RouterStatus> fleet = new TreeMap<>(Comparator.comparingInt(ClusterE2E::routerNumber));
        final JsonElement routers = reply.json().getAsJsonObject().getAsJsonObject("openbsd-pbr:routers").get("router");
        if (routers != null) {
            for (JsonElement router : routers.getAsJsonArray()) {
                final RouterStatus status = RouterStatus.of(router.getAsJsonObject());
                if (status.name().startsWith("c-r")) {
                    fleet.put(status.name(), status);
                }
            }
        }
        return Optional.of(fleet);
    }

    private static int routerNumber(final String name) {
        return Integer.parseInt(name.substring("c-r".length()));
    }

    /**
     * Waits until every router satisfies the condition, read from the first of {@code members} that answers
     * (operational data is replicated: any member answers for all routers).
     */
    private static Map<String, RouterStatus> awaitFleet(final String what, final Duration limit,
            final List<Integer> members, final Predicate<RouterStatus> condition) throws InterruptedException {
        final Instant deadline = Instant.now().plus(limit);
        Map<String, RouterStatus> last = Map.of();
        while (Instant.now().isBefore(deadline)) {
            for (int member : members) {
                final var fleet = fleet(member);
                if (fleet.isEmpty()) {
                    continue;
                }
                last = fleet.orElseThrow();
                if (last.size() == ROUTERS && last.values().stream().allMatch(condition)) {
                    return last;
                }
                break;
            }
            Thread.sleep(POLL.toMillis());
        }
        return fail("not " + what + " within " + limit.toSeconds() + " s; last listing (name managed-by sync revision"
            + " generation last-error):\n    " + last.values().stream().map(RouterStatus::toString)
                .collect(Collectors.joining("\n    ")));
    }

    @FunctionalInterface
    private interface Condition {
        boolean holds() throws Exception;
    }

    private static void await(final String what, final Duration limit, final Condition condition) throws Exception {
        await(() -> what, limit, condition);
    }

    /** Waits for a condition; what it waits for is told as it stands at the deadline (e.g. what is still missing). */
    private static void await(final Supplier<String> what, final Duration limit, final Condition condition)
            throws Exception {
        final Instant deadline = Instant.now().plus(limit);
        while (!condition.holds()) {
            if (Instant.now().isAfter(deadline)) {
                fail("not " + what.get() + " within " + limit.toSeconds() + " s");
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    private static Map<String, String> managers(final Map<String, RouterStatus> fleet) {
        return fleet.values().stream().collect(Collectors.toMap(RouterStatus::name, RouterStatus::managedBy));
    }

    /** Exactly one live member's log claims each router, and it is the member the status names. */
    private static void assertSingleManager(final Map<String, RouterStatus> fleet) throws IOException {
        final Map<String, List<String>> claims = new TreeMap<>();
        for (int member : MEMBERS) {
            if (KARAF.get(member).pid().isEmpty()) {
                continue;
            }
            final Map<String, Boolean> state = new HashMap<>();
            final Matcher matcher = CLAIM.matcher(logSince(member));
            while (matcher.find()) {
                state.put(matcher.group(1), matcher.group(2).startsWith("manages"));
            }
            state.forEach((router, manages) -> {
                if (manages) {
                    claims.computeIfAbsent(router, name -> new ArrayList<>()).add("member-" + member);
                }
            });
        }
        for (RouterStatus status : fleet.values()) {
            assertThat(claims.getOrDefault(status.name(), List.of())).as(status.name() + ": status says managed-by "
                + status.managedBy() + "; the live members' logs claim").containsExactly(status.managedBy());
        }
    }

    private static String logSince(final int member) throws IOException {
        final byte[] log = Files.readAllBytes(KARAF.get(member).home().resolve("data/log/karaf.log"));
        final int from = (int) Math.min(log.length, LOG_FROM.getOrDefault(member, 0L));
        return new String(log, from, log.length - from, StandardCharsets.UTF_8);
    }

    /** Routers managed by each of {@code members} (0 for one that manages none). */
    private static Map<Integer, Long> perMember(final Map<String, RouterStatus> fleet, final List<Integer> members) {
        final Map<Integer, Long> count = new TreeMap<>();
        members.forEach(member -> count.put(member, fleet.values().stream()
            .filter(status -> status.managedBy().equals("member-" + member)).count()));
        return count;
    }

    /** Every member within 10% of the mean or one router (issue 13), and no router managed elsewhere. */
    private static boolean balanced(final Map<String, RouterStatus> fleet, final List<Integer> members) {
        final Map<Integer, Long> count = perMember(fleet, members);
        final double mean = (double) fleet.size() / members.size();
        return count.values().stream().mapToLong(Long::longValue).sum() == fleet.size()
            && count.values().stream().allMatch(n -> Math.abs(n - mean) <= Math.max(0.1 * mean, 1));
    }

    private static void assertBalanced(final Map<String, RouterStatus> fleet, final List<Integer> members) {
        assertThat(balanced(fleet, members)).as("routers per member " + perMember(fleet, members) + " within 10% of "
            + "the mean or one router").isTrue();
    }

    /** Waits until every router is in-sync and the routers are balanced over {@code members}. */
    private static Map<String, RouterStatus> awaitSpread(final String what, final Duration limit,
            final List<Integer> readFrom, final List<Integer> members) throws Exception {
        final Instant deadline = Instant.now().plus(limit);
        Map<String, RouterStatus> last = Map.of();
        while (Instant.now().isBefore(deadline)) {
            for (int member : readFrom) {
                final var fleet = fleet(member);
                if (fleet.isPresent()) {
                    last = fleet.orElseThrow();
                    if (last.size() == ROUTERS && last.values().stream().allMatch(status -> "in-sync".equals(
                        status.sync())) && balanced(last, members) && handovers(member) == 0) {
                        return last;
                    }
                    break;
                }
            }
            Thread.sleep(POLL.toMillis());
        }
        return fail("not " + what + " within " + limit.toSeconds() + " s: routers per member "
            + perMember(last, members) + "; " + placement(readFrom.get(0)) + "; last listing:\n    "
            + last.values().stream().map(RouterStatus::toString).collect(Collectors.joining("\n    ")));
    }

    /** Each member's own figures ({@code /controller/member}), as member {@code member} reads them. */
    private static Optional<JsonElement> members(final int member) {
        try {
            final Restconf.Reply reply = RESTCONF.get(member).get("/data/openbsd-pbr:controller?content=nonconfig");
            return reply.status() == 200 ? Optional.ofNullable(reply.json().getAsJsonObject()
                .getAsJsonObject("openbsd-pbr:controller").get("member")) : Optional.empty();
        } catch (UncheckedIOException e) {
            return Optional.empty();
        }
    }

    /** The members that publish figures, as member {@code member} reads them (empty when it cannot answer). */
    private static Set<String> memberNames(final int member) {
        return members(member).map(list -> list.getAsJsonArray().asList().stream()
            .map(element -> element.getAsJsonObject().get("name").getAsString()).collect(Collectors.toSet()))
            .orElse(Set.of());
    }

    /** Handovers in progress over the members {@code member} reads (-1 when it cannot answer). */
    private static long handovers(final int member) {
        return members(member).map(list -> {
            long sum = 0;
            for (JsonElement element : list.getAsJsonArray()) {
                final JsonElement handovers = element.getAsJsonObject().get("handovers");
                sum += handovers == null ? 0 : handovers.getAsLong();
            }
            return sum;
        }).orElse(-1L);
    }

    /** The members' own figures on one line: managed/placed routers, handovers, and whom each sees live. */
    private static String placement(final int member) {
        return members(member).map(list -> {
            final List<String> parts = new ArrayList<>();
            for (JsonElement element : list.getAsJsonArray()) {
                final JsonObject object = element.getAsJsonObject();
                parts.add(object.get("name").getAsString() + " manages " + text(object, "routers-managed")
                    + " (placed " + text(object, "routers-placed") + ", share " + text(object, "share")
                    + "%, handovers " + text(object, "handovers") + ", sees " + text(object, "live-member") + ")");
            }
            return "members: " + String.join("; ", parts);
        }).orElse("members: (no answer from member-" + member + ")");
    }

    private static String text(final JsonObject object, final String name) {
        final JsonElement element = object.get(name);
        return element == null ? "-" : element.isJsonArray() ? element.getAsJsonArray().asList().stream()
            .map(JsonElement::getAsString).collect(Collectors.joining(",")) : element.getAsString();
    }

    /** Prints {@code routers per member: member-1=N member-2=N member-3=N} (issue 13's placement reads it). */
    private static void spread(final Map<String, RouterStatus> fleet) {
        final Map<String, Long> count = fleet.values().stream()
            .collect(Collectors.groupingBy(RouterStatus::managedBy, Collectors.counting()));
        say("   routers per member: " + MEMBERS.stream().map(member -> "member-" + member + "="
            + count.getOrDefault("member-" + member, 0L)).collect(Collectors.joining(" ")));
    }

    private static long seconds(final Instant since) {
        return Duration.between(since, Instant.now()).toSeconds();
    }

    @SuppressWarnings("checkstyle:RegexpSinglelineJava")
    private static void say(final String line) {
        OUT.printf("[cluster %4ds] %s%n", seconds(T0), line);
    }
}

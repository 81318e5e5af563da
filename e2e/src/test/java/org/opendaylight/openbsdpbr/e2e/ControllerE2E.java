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
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.opendaylight.openbsdpbr.api.files.LineBlock;

/**
 * The controller loop against the lab, through the real distribution: intent PUT over RESTCONF becomes a confirmed
 * commit on a simulated router; a policy-route change reloads pf only; a change that cuts the management path ends
 * reverted; a router that is down is unreachable, then in sync once it is back; no secret leaks.
 */
@TestMethodOrder(MethodOrderer.MethodName.class)
class ControllerE2E {
    private static final Restconf RESTCONF = Restconf.admin();
    private static final String ROUTERS = "/data/openbsd-pbr:routers/router=";
    static final String PPPOE_SECRET = "Ppp0eS3cretE2e";
    private static final Duration SETTLE = Duration.ofSeconds(90);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** The policy route as test b changes it (the seed's own rules also say "proto tcp", for ssh on pppoe0). */
    private static final String TCP_ROUTE =
        "pass in on vport0 inet proto tcp from vport0:network to <via_pppoe> rtable 1";

    /** The seed's router and intent under another name, pointed at a lab router. */
    private static void putRouter(final String name, final int port) {
        putRouter(name, port, 15);
    }

    private static void putRouter(final String name, final int port, final int confirmTimeout) {
        final String router = Restconf.seedRouter(name, port)
            .replace("\"confirm-timeout\": 60", "\"confirm-timeout\": " + confirmTimeout);
        assertThat(RESTCONF.put(ROUTERS + name, Sealing.sealAll(RESTCONF, withLabKey(router))).status())
            .isIn(200, 201, 204);
        final String intent = Restconf.example("seed-router/intent.json")
            .replace("\"secret\": \"secret\"", "\"secret\": \"" + PPPOE_SECRET + "\"");
        assertThat(RESTCONF.put(ROUTERS + name + "/intent", Sealing.sealAll(RESTCONF, intent)).status())
            .isIn(200, 201, 204);
    }

    /** The lab key tools/test/e2e.sh made: the controller logs in with it (sshd_config refuses root passwords). */
    static String labKey() {
        final String path = System.getProperty("e2e.lab.key", "");
        assumeFalse(path.isEmpty(), "the lab key is given by tools/test/e2e.sh");
        try {
            return Files.readString(Path.of(path), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A line of the key's body, to look for in responses and logs. */
    static String keyMaterial() {
        return labKey().lines().skip(1).findFirst().orElseThrow();
    }

    static String withLabKey(final String routerJson) {
        final JsonObject document = JsonParser.parseString(routerJson).getAsJsonObject();
        document.getAsJsonArray("openbsd-pbr:router").get(0).getAsJsonObject().getAsJsonObject("management")
            .addProperty("private-key", labKey());
        return document.toString();
    }

    private static JsonObject status(final String name) {
        final var reply = RESTCONF.get(ROUTERS + name + "/status?content=nonconfig");
        if (reply.status() != 200) {
            return new JsonObject();
        }
        assertThat(reply.body()).doesNotContain(PPPOE_SECRET).doesNotContain(keyMaterial());
        return reply.json().getAsJsonObject().getAsJsonObject("openbsd-pbr:status");
    }

    static String field(final JsonObject status, final String name) {
        return status.has(name) ? status.get(name).getAsString() : "";
    }

    static JsonObject awaitStatus(final String name, final String description,
            final Predicate<JsonObject> condition) throws InterruptedException {
        final Instant deadline = Instant.now().plus(SETTLE);
        JsonObject last = new JsonObject();
        while (Instant.now().isBefore(deadline)) {
            last = status(name);
            if (condition.test(last)) {
                return last;
            }
            Thread.sleep(250);
        }
        return fail(name + ": not " + description + " within " + SETTLE + "; last status " + last);
    }

    /**
     * The revision render answers once it differs from {@code before}. render answers from the router's reconciler,
     * which learns of a PUT from the datastore's change notification, delivered a moment after the PUT's reply: a
     * render right after a PUT can still show the intent before it (seen once on a loaded machine).
     */
    static String awaitRenderedRevision(final String name, final String before) throws InterruptedException {
        final Instant deadline = Instant.now().plus(SETTLE);
        String revision = before;
        while (Instant.now().isBefore(deadline)) {
            revision = field(render(name), "revision");
            if (!revision.equals(before)) {
                return revision;
            }
            Thread.sleep(250);
        }
        return fail(name + ": render still answers revision " + before + " " + SETTLE + " after the intent changed");
    }

    static JsonObject awaitSync(final String name, final String sync) throws InterruptedException {
        return awaitStatus(name, sync, status -> sync.equals(field(status, "sync-status")));
    }

    static String lab(final String command) throws IOException, InterruptedException {
        final String control = System.getProperty("e2e.lab.control", "http://127.0.0.1:2299/");
        final var response = HTTP.send(HttpRequest.newBuilder(URI.create(control))
            .POST(HttpRequest.BodyPublishers.ofString(command)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(command + ": " + response.body()).isEqualTo(200);
        // the control interface ends each answer with a newline of its own
        final String body = response.body();
        return body.endsWith("\n") ? body.substring(0, body.length() - 1) : body;
    }

    static String sha256(final String text) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
            .digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    static JsonObject render(final String name) {
        final var reply = RESTCONF.post("/operations/openbsd-pbr:render", "{\"input\":{\"router\":\"" + name + "\"}}");
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.body()).doesNotContain(PPPOE_SECRET).doesNotContain(keyMaterial());
        return reply.json().getAsJsonObject().getAsJsonObject("openbsd-pbr:output");
    }

    @Test
    void a_seedIntentReachesInSyncAndTheRouterRunsTheRenderedFiles() throws Exception {
        putRouter("e2e-seed", 2201);
        final JsonObject status = awaitSync("e2e-seed", "in-sync");
        final JsonObject output = render("e2e-seed");
        assertThat(field(status, "applied-revision")).isEqualTo(field(output, "revision"));
        assertThat(field(status, "connection")).isEqualTo("connected");
        for (var element : output.getAsJsonArray("file")) {
            final JsonObject file = element.getAsJsonObject();
            final String path = file.get("path").getAsString();
            // of a file shared with the admin (rc.conf.local, sysctl.conf) openbsd-pbr owns, renders and hashes its
            // block of lines
            final String whole = lab("cat r1 " + path);
            final String onRouter = LineBlock.MANAGED.body(whole).orElse(whole);
            if (path.startsWith("/etc/hostname.pppoe")) {
                // a hash of a file that holds a secret would let a guessed secret be tested: there is none
                assertThat(file.has("sha256")).as(path + " has no hash").isFalse();
            } else {
                assertThat(sha256(onRouter)).as(path + " on the lab router")
                    .isEqualTo(file.get("sha256").getAsString());
                assertThat(onRouter).as(path).isEqualTo(file.get("content").getAsString());
            }
        }
        assertThat(lab("cat r1 /etc/hostname.pppoe0")).contains("authkey '" + PPPOE_SECRET + "'");
        // RESTCONF JSON, the datastore, rendering and SSH reproduce the seed's golden files byte for byte
        final Path golden = Path.of("..", "impl", "src", "test", "resources", "render", "seed-router");
        for (String line : Files.readAllLines(golden.resolve("files.txt"))) {
            final String path = line.split(" ")[2];
            final String expected = Files.readString(golden.resolve(path.substring(1)), StandardCharsets.UTF_8)
                .replace("seed-router", "e2e-seed").replace("authkey 'secret'", "authkey '" + PPPOE_SECRET + "'");
            final String onRouter = lab("cat r1 " + path);
            assertThat(line.endsWith(" lines") ? LineBlock.MANAGED.body(onRouter).orElseThrow() : onRouter)
                .as(path + " against the golden seed").isEqualTo(expected);
        }
    }

    @Test
    void aa_theConfigurationHoldsSecretsOnlySealedAndAGetPutRoundTripChangesNothing() throws Exception {
        final String path = ROUTERS + "e2e-seed?content=config";
        final String body = RESTCONF.get(path).body();
        assertThat(body).as("the configuration").doesNotContain(PPPOE_SECRET).doesNotContain(keyMaterial())
            .containsPattern("\"secret\"\\s*:\\s*\"\\$pbr1\\$[0-9a-f]{8}\\$[A-Za-z0-9+/=]+\"")
            .containsPattern("\"private-key\"\\s*:\\s*\"\\$pbr1\\$[0-9a-f]{8}\\$[A-Za-z0-9+/=]+\"");

        // an operator's tool writes back what it read: sealed values are taken as they are, nothing is pushed
        final String applied = field(awaitSync("e2e-seed", "in-sync"), "applied-revision");
        final var put = RESTCONF.put(ROUTERS + "e2e-seed", body);
        assertThat(put.status()).as(put.toString()).isIn(200, 204);
        Thread.sleep(2_000);
        final JsonObject after = awaitSync("e2e-seed", "in-sync");
        assertThat(field(after, "applied-revision")).isEqualTo(applied);
        assertThat(RESTCONF.get(path).body()).isEqualTo(body);
        assertThat(lab("cat r1 /etc/hostname.pppoe0")).contains("authkey '" + PPPOE_SECRET + "'");
    }

    @Test
    void ab_intentThatWouldLockTheControllerOutIsRefused() {
        // managed as root with a password, while the seed's sshd_config refuses root password logins
        final String router = Restconf.seedRouter("e2e-lockout", 1)
            .replace("\"user\": \"root\",", "\"user\": \"root\", \"password\": \"root-Passw0rd\",");
        assertThat(RESTCONF.put(ROUTERS + "e2e-lockout", Sealing.sealAll(RESTCONF, router)).status())
            .isIn(200, 201, 204);
        final var reply = RESTCONF.put(ROUTERS + "e2e-lockout/intent",
            Sealing.sealAll(RESTCONF, Restconf.example("seed-router/intent.json")));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
        assertThat(reply.body()).contains("sshd/permit-root-login").contains("sshd/password-authentication")
            .contains("private key").doesNotContain("root-Passw0rd");
        assertThat(RESTCONF.get(ROUTERS + "e2e-lockout/intent?content=config").status()).as("nothing stored")
            .isIn(404, 409);
    }

    @Test
    void ac_aRouterRegisteredWithoutIntentIsObservedNotConfigured() throws Exception {
        final String router = Restconf.seedRouter("e2e-observed", 2203);
        assertThat(RESTCONF.put(ROUTERS + "e2e-observed", Sealing.sealAll(RESTCONF, withLabKey(router))).status())
            .isIn(200, 201, 204);
        final JsonObject status = awaitSync("e2e-observed", "no-intent");
        assertThat(field(status, "connection")).isEqualTo("connected");
        assertThat(field(status, "applied-generation")).isEqualTo("0");
        assertThat(lab("status r3")).as("nothing committed").contains("generation 0 ");
        final var sync = RESTCONF.post("/operations/openbsd-pbr:sync", "{\"input\":{\"router\":\"e2e-observed\"}}");
        // a state that does not allow it: 409 (RFC 8040 data-missing), with the reason
        assertThat(sync.status()).as(sync.toString()).isEqualTo(409);
        assertThat(sync.body()).contains("data-missing").contains("no intent");
        assertThat(RESTCONF.delete(ROUTERS + "e2e-observed").status()).isIn(200, 204);
    }

    /** The commands the lab router ran, oldest first (the lab shows the last few). */
    private static List<String> commandsRun(final String router) throws IOException, InterruptedException {
        final String status = lab("status " + router);
        return status.substring(status.indexOf("last commands:") + "last commands:".length()).lines()
            .map(String::strip).filter(line -> !line.isEmpty()).toList();
    }

    /** What {@code after} adds to {@code before}: the longest suffix of before that starts after is skipped. */
    private static List<String> newCommands(final List<String> before, final List<String> after) {
        for (int overlap = Math.min(before.size(), after.size()); overlap > 0; overlap--) {
            if (before.subList(before.size() - overlap, before.size()).equals(after.subList(0, overlap))) {
                return after.subList(overlap, after.size());
            }
        }
        return after;
    }

    @Test
    void b_policyRouteChangeReloadsPfOnly() throws Exception {
        final String before = field(awaitSync("e2e-seed", "in-sync"), "applied-revision");
        final List<String> commandsBefore = commandsRun("r1");
        final String route = "{\"openbsd-pbr:policy-route\":[{\"name\":\"to-via-pppoe\",\"sequence\":10,"
            + "\"ingress-interface\":\"vport0\",\"source\":{\"interface-network\":\"vport0:network\"},"
            + "\"destination\":{\"table\":\"via_pppoe\"},\"protocol\":\"tcp\",\"via-uplink\":\"pppoe\"}]}";
        assertThat(RESTCONF.put(ROUTERS + "e2e-seed/intent/policy-route=to-via-pppoe", route).status())
            .isIn(200, 201, 204);
        final JsonObject after = awaitStatus("e2e-seed", "in sync on a new revision",
            status -> "in-sync".equals(field(status, "sync-status"))
                && !before.equals(field(status, "applied-revision")));
        assertThat(field(after, "applied-revision")).isEqualTo(field(render("e2e-seed"), "revision"));
        assertThat(newCommands(commandsBefore, commandsRun("r1"))).as("the apply plan the router ran")
            .containsExactly("pfctl -f /etc/pf.conf");
        assertThat(lab("cat r1 /etc/pf.conf")).contains(TCP_ROUTE);
    }

    @Test
    void bb_rollbackRestoresThePreviousGenerationAndHoldsTheIntent() throws Exception {
        final JsonObject synced = awaitSync("e2e-seed", "in-sync");
        final int generation = Integer.parseInt(field(synced, "applied-generation"));
        final var reply = RESTCONF.post("/operations/openbsd-pbr:rollback", "{\"input\":{\"router\":\"e2e-seed\"}}");
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(lab("cat r1 /etc/pf.conf")).as("the previous test's change is gone")
            .doesNotContain(TCP_ROUTE);
        assertThat(lab("status r1")).contains("generation " + (generation + 1) + " ");
        awaitStatus("e2e-seed", "out-of-sync (held off its intent after the rollback)",
            status -> "out-of-sync".equals(field(status, "sync-status")));
        // the controller knows the files the router runs again: the dry run shows the one rule that would come back
        final String diff = field(render("e2e-seed"), "diff");
        assertThat(diff).as("render diff after the rollback").contains("--- a/etc/pf.conf").contains("+" + TCP_ROUTE)
            .doesNotContain("/dev/null").doesNotContain("+++ b/etc/rc.conf.local");
    }

    /**
     * Issue 15: the seed with failover (examples/seed-router-failover) reaches in-sync; with PPPoE set down in the lab
     * the router's ifstated moves to down-pppoe, the status shows it after a read-back, and the flow answer for a
     * via_pppoe destination with PPPoE down leaves through gif0; PPPoE up again: back to normal. The controller's
     * session works throughout (no labelled rule matches traffic to the router itself, so no kill reaches it).
     */
    @Test
    void bc_failoverRunsOnTheRouterAndTheStatusAndFlowAnswersFollowIt() throws Exception {
        final String intent = Restconf.example("seed-router-failover/intent.json")
            .replace("\"secret\": \"secret\"", "\"secret\": \"" + PPPOE_SECRET + "\"");
        final String before = field(render("e2e-seed"), "revision");
        assertThat(RESTCONF.put(ROUTERS + "e2e-seed/intent", Sealing.sealAll(RESTCONF, intent)).status())
            .isIn(200, 201, 204);
        final String revision = awaitRenderedRevision("e2e-seed", before);
        awaitStatus("e2e-seed", "in sync with failover", status -> "in-sync".equals(field(status, "sync-status"))
            && revision.equals(field(status, "applied-revision")));
        assertThat(lab("cat r1 /etc/ifstated.conf")).contains("init-state normal");
        assertThat(lab("cat r1 /etc/pf/failover-down-pppoe.conf")).contains("label \"route:to-via-pppoe@ipoe\"");
        assertThat(lab("status r1")).contains("\nfailover normal\n");
        // the dry run's failover matrix: with PPPoE down, the policy routes leave through MAP-E
        final String matrix = render("e2e-seed").getAsJsonArray("failover-state").toString();
        assertThat(matrix).contains("\"state\":\"down-pppoe\"")
            .contains("{\"name\":\"route:to-via-pppoe\",\"egress\":\"gif0 (rtable 0)\"}");

        assertThat(lab("uplink r1 pppoe0 down")).isEqualTo("failover down-pppoe");
        checkSync("e2e-seed");
        final JsonObject down = awaitStatus("e2e-seed", "in failover state down-pppoe",
            status -> "down-pppoe".equals(failoverState(status)));
        assertThat(field(down, "connection")).isEqualTo("connected");
        assertThat(field(down, "sync-status")).isEqualTo("in-sync");
        final JsonObject moved = flow("e2e-seed", ",\"down\":[\"pppoe\"]");
        assertThat(moved.get("egress-interface").getAsString()).isEqualTo("gif0");
        assertThat(moved.getAsJsonArray("assumptions").get(0).getAsString())
            .startsWith("failover state down-pppoe (pppoe0 down)");
        assertThat(flow("e2e-seed", "").get("egress-interface").getAsString()).isEqualTo("pppoe0");

        assertThat(lab("uplink r1 pppoe0 up")).isEqualTo("failover normal");
        checkSync("e2e-seed");
        final JsonObject back = awaitStatus("e2e-seed", "back in failover state normal",
            status -> "normal".equals(failoverState(status)));
        assertThat(back.getAsJsonObject("failover").getAsJsonArray("event").toString()).contains("down-pppoe");
        assertThat(field(back, "connection")).isEqualTo("connected");
        assertThat(field(back, "sync-status")).isEqualTo("in-sync");
        assertThat(lab("status r1")).contains("\nmanagement ok\n");
    }

    private static String failoverState(final JsonObject status) {
        return status.has("failover") && status.getAsJsonObject("failover").has("state")
            ? status.getAsJsonObject("failover").get("state").getAsString() : "";
    }

    private static void checkSync(final String name) {
        final var reply = RESTCONF.post("/operations/openbsd-pbr:check-sync", "{\"input\":{\"router\":\"" + name
            + "\"}}");
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    }

    /** The flow-path answer for a host of the LAN to 8.8.8.8 (a via_pppoe destination), tcp/443. */
    private static JsonObject flow(final String name, final String more) {
        final var reply = RESTCONF.post("/operations/openbsd-pbr:flow-path", "{\"input\":{\"router\":\"" + name
            + "\",\"in-interface\":\"vport0\",\"source\":\"192.168.1.10\",\"destination\":\"8.8.8.8\","
            + "\"protocol\":\"tcp\",\"destination-port\":443" + more + "}}");
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.json().getAsJsonObject().getAsJsonObject("openbsd-pbr:output");
    }

    @Test
    void c_changeThatCutsTheManagementPathIsReverted() throws Exception {
        putRouter("e2e-cut", 2202);
        final JsonObject synced = awaitSync("e2e-cut", "in-sync");
        final String generation = field(synced, "applied-generation");
        lab("fault r2 lose-mgmt");
        final String table = "{\"openbsd-pbr:table\":[{\"name\":\"via_pppoe\",\"const\":true,"
            + "\"entry\":[\"8.8.8.8/32\",\"1.0.0.1/32\",\"9.9.9.9/32\"]}]}";
        assertThat(RESTCONF.put(ROUTERS + "e2e-cut/intent/table=via_pppoe", table).status()).isIn(200, 201, 204);
        final JsonObject reverted = awaitSync("e2e-cut", "reverted");
        assertThat(reverted.getAsJsonObject("last-error").get("step").getAsString()).isEqualTo("confirm");
        lab("clear r2");
        assertThat(lab("status r2")).contains("generation " + generation + " ");
        assertThat(lab("cat r2 /etc/pf.conf")).doesNotContain("9.9.9.9");
    }

    @Test
    void d_routerThatIsDownIsUnreachableThenInSync() throws Exception {
        lab("fault r3 refuse");
        putRouter("e2e-down", 2203);
        awaitSync("e2e-down", "unreachable");
        lab("clear r3");
        awaitSync("e2e-down", "in-sync");
    }

    @Test
    void e_noSecretInTheLog() throws IOException {
        final String home = System.getProperty("e2e.karaf.home", "");
        assumeFalse(home.isEmpty(), "the controller's home is given by tools/test/e2e.sh");
        final String log = Files.readString(Path.of(home, "data", "log", "karaf.log"));
        assertThat(log).as("karaf.log").doesNotContain(PPPOE_SECRET).doesNotContain(keyMaterial());
        assertThat(log).contains("openbsd-pbr started");
    }

    /**
     * The controller is killed (SIGKILL) while a commit waits for its confirmation on the router, then started again:
     * the new controller reads the router back, finds the pending generation carries the intent and confirms it. The
     * router ends on that one generation (no revert, no second commit) and the status says in-sync with it.
     */
    @Test
    void f_controllerKilledMidCommitEndsOnOneGenerationWithTheRightStatus() throws Exception {
        final String home = System.getProperty("e2e.karaf.home", "");
        assumeFalse(home.isEmpty(), "the controller's home is given by tools/test/e2e.sh");
        // a confirm timeout longer than a restart, so that the router still waits when the new controller comes
        putRouter("e2e-restart", 2204, 300);
        final int generation = Integer.parseInt(field(awaitSync("e2e-restart", "in-sync"), "applied-generation"));
        lab("fault r4 slow 1500");
        final String table = "{\"openbsd-pbr:table\":[{\"name\":\"via_pppoe\",\"const\":true,"
            + "\"entry\":[\"8.8.8.8/32\",\"1.0.0.1/32\",\"9.9.9.9/32\"]}]}";
        assertThat(RESTCONF.put(ROUTERS + "e2e-restart/intent/table=via_pppoe", table).status())
            .isIn(200, 201, 204);
        final int pending = generation + 1;
        final Instant deadline = Instant.now().plus(SETTLE);
        while (!lab("status r4").contains("pending " + pending + ",")) {
            assertThat(Instant.now()).as("r4 never waited for a confirmation: " + lab("status r4"))
                .isBefore(deadline);
            Thread.sleep(50);
        }
        final Karaf karaf = Karaf.underTest();
        karaf.kill();
        lab("clear r4");
        assertThat(lab("status r4")).as("the kill left the commit unconfirmed")
            .contains("pending " + pending + ",");

        karaf.start();
        final JsonObject status = awaitStatus("e2e-restart", "in-sync on generation " + pending + " after the restart",
            candidate -> "in-sync".equals(field(candidate, "sync-status"))
                && String.valueOf(pending).equals(field(candidate, "applied-generation")));
        assertThat(field(status, "applied-revision")).isEqualTo(field(render("e2e-restart"), "revision"));
        final String router = lab("status r4");
        assertThat(router).as("one generation, confirmed, never reverted").contains("generation " + pending + " ")
            .doesNotContain("pending ").doesNotContain("last revert");
        assertThat(lab("cat r4 /etc/pf.conf")).contains("9.9.9.9");
        assertThat(Files.readString(Path.of(home, "data", "log", "karaf.log")))
            .contains("e2e-restart: found unconfirmed generation " + pending);
    }

    @AfterAll
    static void cleanUp() {
        for (String name : new String[] { "e2e-seed", "e2e-cut", "e2e-down", "e2e-restart", "e2e-lockout" }) {
            RESTCONF.delete(ROUTERS + name);
        }
    }
}

/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Staged profile changes against the real distribution and 30 lab routers (lab r6..r35, registered as ro-06..ro-35
 * with the seed's intent and the staged profile {@code rollout-branch}): a change of the profile waits on every router
 * until a rollout carries it over 3 waves of 10, and reaches all of them; the next change, with the lab's
 * {@code fail-validate} fault on two routers of wave 2 and a wave budget of 1, halts in wave 2, rolls wave 2 back
 * (the routers that took it run the previous content again, on a new generation), and leaves wave 3 untouched: the
 * lab's generations prove it, and the rollout's status says why.
 */
@TestMethodOrder(MethodOrderer.MethodName.class)
class RolloutE2E {
    private static final Restconf RESTCONF = Restconf.admin();
    private static final LabControl LAB = LabControl.underTest();
    private static final String PROFILE = "/data/openbsd-pbr:profiles/profile=rollout-branch";
    private static final Duration SETTLE = Duration.ofSeconds(180);
    private static final List<Integer> LAB_ROUTERS = IntStream.rangeClosed(6, 35).boxed().toList();

    private static String name(final int lab) {
        return String.format("ro-%02d", lab);
    }

    @BeforeAll
    static void registerThirtyRoutersOnTheStagedProfile() throws InterruptedException {
        assertThat(LAB.generations()).as("tools/test/e2e.sh starts 35 lab routers").containsKey("r35");
        putProfile("192.0.2.1");
        final String intent = Sealing.sealAll(RESTCONF, Restconf.example("seed-router/intent.json")
            .replace("\"secret\": \"secret\"", "\"secret\": \"" + ControllerE2E.PPPOE_SECRET + "\""));
        for (int lab : LAB_ROUTERS) {
            final JsonObject document = JsonParser.parseString(Restconf.example("seed-router/router.json"))
                .getAsJsonObject();
            final JsonObject router = document.getAsJsonArray("openbsd-pbr:router").get(0).getAsJsonObject();
            router.addProperty("name", name(lab));
            router.getAsJsonObject("management").addProperty("port", Lab.port(lab));
            router.getAsJsonObject("settings").addProperty("confirm-timeout", 15);
            final JsonArray profiles = new JsonArray();
            profiles.add("rollout-branch");
            router.add("profile", profiles);
            assertThat(RESTCONF.put("/data/openbsd-pbr:routers/router=" + name(lab),
                Sealing.sealAll(RESTCONF, ControllerE2E.withLabKey(document.toString()))).status()).isIn(200, 201, 204);
            assertThat(RESTCONF.put("/data/openbsd-pbr:routers/router=" + name(lab) + "/intent", intent).status())
                .isIn(200, 201, 204);
        }
        // routers that never got files take the staged profile at once: they have nothing to keep
        for (int lab : LAB_ROUTERS) {
            ControllerE2E.awaitSync(name(lab), "in-sync");
            assertThat(pfConf(lab)).contains("192.0.2.1");
        }
    }

    @Test
    void a_aStagedChangeWaitsThenReachesAllThirtyRoutersInThreeWaves() throws InterruptedException {
        final Map<Integer, Integer> before = generations();
        putProfile("192.0.2.2");
        // the routers stay pinned to the content they run: nothing reaches them (watched for 3 s; the rollouts
        // below prove it over their whole length for the waves they do not reach)
        final Instant quiet = Instant.now().plusSeconds(3);
        while (Instant.now().isBefore(quiet)) {
            assertThat(generations()).isEqualTo(before);
            Thread.sleep(250);
        }
        assertThat(pfConf(6)).contains("192.0.2.1").doesNotContain("192.0.2.2");

        putRollout("ro-all", 1);
        final JsonObject started = start("ro-all");
        assertThat(started.get("waves").getAsInt()).isEqualTo(3);
        final JsonObject status = awaitRollout("ro-all", "done");
        assertThat(status.getAsJsonObject("counts").get("healthy").getAsInt()).isEqualTo(30);
        final Map<Integer, Integer> after = generations();
        for (int lab : LAB_ROUTERS) {
            assertThat(after.get(lab)).as("r" + lab + ": one new generation").isEqualTo(before.get(lab) + 1);
            assertThat(pfConf(lab)).as("r" + lab).contains("192.0.2.2");
            ControllerE2E.awaitSync(name(lab), "in-sync");
        }
        // waves of 10 in name order
        assertThat(routersOf(status, 1)).containsExactlyElementsOf(LAB_ROUTERS.subList(0, 10).stream()
            .map(RolloutE2E::name).toList());
    }

    @Test
    void b_twoFailuresInWaveTwoOverABudgetOfOneHaltRollWaveTwoBackAndNeverTouchWaveThree()
            throws InterruptedException {
        putProfile("192.0.2.3");
        // wave 2 is ro-16..ro-25 (lab r16..r25); r17 and r18 refuse the files at validation
        LAB.send("fault r17 fail-validate /etc/pf.conf:60: syntax error");
        LAB.send("fault r18 fail-validate /etc/pf.conf:60: syntax error");
        try {
            final Map<Integer, Integer> before = generations();
            putRollout("ro-fail", 1);
            start("ro-fail");
            final JsonObject status = awaitRollout("ro-fail", "rolled-back");
            final Map<Integer, Integer> after = generations();

            assertThat(status.get("reason").getAsString()).startsWith("wave 2: 2 of 10 routers failed, over the "
                + "wave's budget of 1 (ro-17 validate: ").contains("rolling back wave 2");
            assertThat(status.get("current-wave").getAsInt()).isEqualTo(2);
            final Map<String, JsonObject> routers = routers(status);
            assertThat(routers.get("ro-17").getAsJsonObject("error").get("step").getAsString()).isEqualTo("validate");
            assertThat(routers.get("ro-17").get("phase").getAsString()).isEqualTo("failed");
            for (int lab : LAB_ROUTERS) {
                final String router = name(lab);
                final String phase = routers.get(router).get("phase").getAsString();
                if (lab < 16) {
                    assertThat(phase).as(router).isEqualTo("healthy");
                    assertThat(after.get(lab)).as(router).isEqualTo(before.get(lab) + 1);
                    assertThat(pfConf(lab)).as(router).contains("192.0.2.3");
                } else if (lab < 26) {
                    // the previous content again: failed routers never took the change, the others were put back
                    assertThat(pfConf(lab)).as(router).contains("192.0.2.2").doesNotContain("192.0.2.3");
                    if (lab == 17 || lab == 18) {
                        assertThat(after.get(lab)).as(router + " refused at validation").isEqualTo(before.get(lab));
                    } else {
                        assertThat(phase).as(router).isEqualTo("rolled-back");
                        assertThat(after.get(lab)).as(router + ": commit, then rollback").isEqualTo(
                            before.get(lab) + 2);
                    }
                } else {
                    assertThat(phase).as(router).isEqualTo("waiting");
                    assertThat(after.get(lab)).as(router + " never touched").isEqualTo(before.get(lab));
                    assertThat(pfConf(lab)).as(router).contains("192.0.2.2");
                }
            }
        } finally {
            LAB.send("clear r17");
            LAB.send("clear r18");
        }
    }

    @Test
    void c_controlRequestsThatDoNotFitAreRefusedNamingTheRollout() {
        final var again = RESTCONF.post("/operations/openbsd-pbr:resume-rollout",
            "{\"input\":{\"rollout\":\"ro-fail\"}}");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body()).contains("rollout ro-fail: cannot resume: only a paused rollout resumes; it is "
            + "rolled-back");
        final var unknown = RESTCONF.post("/operations/openbsd-pbr:start-rollout",
            "{\"input\":{\"rollout\":\"nope\"}}");
        assertThat(unknown.status()).isBetween(400, 499);
    }

    /**
     * An operator probe in the health gate, run by the lab as the router-side script runs ping: r6 (wave 1) gets no
     * answer from the probe's address, which fails its health over a budget of 0, and wave 1 is rolled back; the
     * others' probes are in their status. Deleting the rollout's configuration then removes its status.
     */
    @Test
    void d_aProbeWithoutAnswerFailsItsRouterAndADeletedRolloutLeavesNoStatus() throws InterruptedException {
        putProfile("192.0.2.4");
        LAB.send("fault r6 fail-probe 192.0.2.53");
        try {
            final String body = "{\"openbsd-pbr:rollout\":[{\"name\":\"ro-probe\",\"change\":{\"profile\":"
                + "\"rollout-branch\"},\"wave\":[\"10\"],\"wave-budget\":{\"count\":0},"
                + "\"breach-action\":\"rollback-wave\",\"concurrency\":10,"
                + "\"probe\":[{\"name\":\"dns\",\"ping\":{\"destination\":\"192.0.2.53\",\"count\":3}}]}]}";
            final var put = RESTCONF.put("/data/openbsd-pbr:rollouts/rollout=ro-probe", body);
            assertThat(put.status()).as(put.toString()).isIn(200, 201, 204);
            start("ro-probe");
            final JsonObject status = awaitRollout("ro-probe", "rolled-back");
            assertThat(status.get("reason").getAsString()).startsWith("wave 1: 1 of 10 routers failed, over the "
                + "wave's budget of 0 (ro-06 health: probe dns: 0 of 3 answered)");
            final Map<String, JsonObject> routers = routers(status);
            assertThat(routers.get("ro-06").getAsJsonObject("error").get("step").getAsString()).isEqualTo("health");
            final JsonObject probe = routers.get("ro-07").getAsJsonArray("probe").get(0).getAsJsonObject();
            assertThat(probe.get("name").getAsString()).isEqualTo("dns");
            assertThat(probe.get("passed").getAsBoolean()).isTrue();
            assertThat(probe.get("received").getAsInt()).isEqualTo(3);
            for (int lab : LAB_ROUTERS.subList(0, 10)) {
                assertThat(pfConf(lab)).as(name(lab) + ": back on what it ran").contains("192.0.2.3")
                    .doesNotContain("192.0.2.4");
            }
        } finally {
            LAB.send("clear r6");
        }
        assertThat(RESTCONF.delete("/data/openbsd-pbr:rollouts/rollout=ro-probe").status()).isIn(200, 204);
        // gone: RESTCONF answers a read of missing data with 404 or 409 (data-missing)
        final Instant deadline = Instant.now().plusSeconds(30);
        var status = RESTCONF.get("/data/openbsd-pbr:rollouts/rollout=ro-probe?content=nonconfig");
        while (status.status() == 200) {
            assertThat(Instant.now()).as("status removed with the configuration: " + status).isBefore(deadline);
            Thread.sleep(200);
            status = RESTCONF.get("/data/openbsd-pbr:rollouts/rollout=ro-probe?content=nonconfig");
        }
        assertThat(status.status()).as(status.toString()).isIn(404, 409);
    }

    /**
     * A rollout of the routers' own intents, staged like a profile's content: every router's apply is staged and its
     * intent gains a table; nothing reaches a router until its wave. With fail-validate on two routers of wave 2 and
     * a budget of one, the rollout halts in wave 2, wave 2 is rolled back, and wave 3 is never touched (lab
     * generations).
     */
    @Test
    void e_aRolloutOfTheRoutersOwnIntentsHaltsInWaveTwoAndNeverTouchesWaveThree() throws InterruptedException {
        for (int lab : LAB_ROUTERS) {
            final var apply = RESTCONF.put("/data/openbsd-pbr:routers/router=" + name(lab) + "/apply",
                "{\"openbsd-pbr:apply\":\"staged\"}");
            assertThat(apply.status()).as(apply.toString()).isIn(200, 201, 204);
        }
        final Map<Integer, Integer> before = generations();
        for (int lab : LAB_ROUTERS) {
            final var table = RESTCONF.put("/data/openbsd-pbr:routers/router=" + name(lab) + "/intent/table=own_probe",
                "{\"openbsd-pbr:table\":[{\"name\":\"own_probe\",\"entry\":[\"198.51.100.9\"]}]}");
            assertThat(table.status()).as(table.toString()).isIn(200, 201, 204);
        }
        final Instant quiet = Instant.now().plusSeconds(3);
        while (Instant.now().isBefore(quiet)) {
            assertThat(generations()).as("each router keeps the intent it runs").isEqualTo(before);
            Thread.sleep(250);
        }
        assertThat(pfConf(6)).doesNotContain("198.51.100.9");

        LAB.send("fault r17 fail-validate /etc/pf.conf:60: syntax error");
        LAB.send("fault r18 fail-validate /etc/pf.conf:60: syntax error");
        try {
            final String body = "{\"openbsd-pbr:rollout\":[{\"name\":\"ro-own\",\"change\":{\"router-intents\":"
                + "[null]},\"wave\":[\"10\"],\"wave-budget\":{\"count\":1},\"breach-action\":\"rollback-wave\","
                + "\"concurrency\":10}]}";
            final var put = RESTCONF.put("/data/openbsd-pbr:rollouts/rollout=ro-own", body);
            assertThat(put.status()).as(put.toString()).isIn(200, 201, 204);
            assertThat(start("ro-own").get("waves").getAsInt()).isEqualTo(3);
            final JsonObject status = awaitRollout("ro-own", "rolled-back");
            final Map<Integer, Integer> after = generations();
            assertThat(status.get("router-intents").getAsBoolean()).isTrue();
            assertThat(status.has("profile")).isFalse();
            assertThat(status.get("reason").getAsString()).startsWith("wave 2: 2 of 10 routers failed, over the "
                + "wave's budget of 1 (ro-17 validate: ");
            final Map<String, JsonObject> routers = routers(status);
            for (int lab : LAB_ROUTERS) {
                final String router = name(lab);
                if (lab < 16) {
                    assertThat(after.get(lab)).as(router).isEqualTo(before.get(lab) + 1);
                    assertThat(pfConf(lab)).as(router).contains("198.51.100.9");
                } else if (lab < 26) {
                    assertThat(pfConf(lab)).as(router).doesNotContain("198.51.100.9");
                    assertThat(after.get(lab)).as(router).isEqualTo(before.get(lab) + (lab == 17 || lab == 18 ? 0
                        : 2));
                } else {
                    assertThat(routers.get(router).get("phase").getAsString()).as(router).isEqualTo("waiting");
                    assertThat(after.get(lab)).as(router + " never touched").isEqualTo(before.get(lab));
                    assertThat(pfConf(lab)).as(router).doesNotContain("198.51.100.9");
                }
            }
        } finally {
            LAB.send("clear r17");
            LAB.send("clear r18");
        }
    }

    @AfterAll
    static void cleanUp() {
        RESTCONF.delete("/data/openbsd-pbr:rollouts");
        for (int lab : LAB_ROUTERS) {
            RESTCONF.delete("/data/openbsd-pbr:routers/router=" + name(lab));
        }
        RESTCONF.delete(PROFILE);
    }

    // --- helpers --------------------------------------------------------------------------------------------------

    private static void putProfile(final String address) {
        final String body = "{\"openbsd-pbr:profile\":[{\"name\":\"rollout-branch\",\"apply\":\"staged\","
            + "\"table\":[{\"name\":\"rollout_probe\",\"entry\":[\"" + address + "\"]}]}]}";
        final var reply = RESTCONF.put(PROFILE, body);
        assertThat(reply.status()).as(reply.toString()).isIn(200, 201, 204);
    }

    private static void putRollout(final String name, final int budget) {
        final String body = "{\"openbsd-pbr:rollout\":[{\"name\":\"" + name + "\",\"change\":{\"profile\":"
            + "\"rollout-branch\"},\"wave\":[\"10\"],\"wave-budget\":{\"count\":" + budget + "},"
            + "\"breach-action\":\"rollback-wave\",\"concurrency\":10}]}";
        final var reply = RESTCONF.put("/data/openbsd-pbr:rollouts/rollout=" + name, body);
        assertThat(reply.status()).as(reply.toString()).isIn(200, 201, 204);
    }

    private static JsonObject start(final String name) {
        final var reply = RESTCONF.post("/operations/openbsd-pbr:start-rollout",
            "{\"input\":{\"rollout\":\"" + name + "\"}}");
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.json().getAsJsonObject().getAsJsonObject("openbsd-pbr:output");
    }

    private static JsonObject awaitRollout(final String name, final String state) throws InterruptedException {
        final Instant deadline = Instant.now().plus(SETTLE);
        JsonObject last = new JsonObject();
        while (Instant.now().isBefore(deadline)) {
            final var reply = RESTCONF.get("/data/openbsd-pbr:rollouts/rollout=" + name + "/status?content=nonconfig");
            if (reply.status() == 200) {
                last = reply.json().getAsJsonObject().getAsJsonObject("openbsd-pbr:status");
                final String now = last.has("state") ? last.get("state").getAsString() : "";
                if (now.equals(state)) {
                    return last;
                }
                if (List.of("done", "halted", "rolled-back").contains(now)) {
                    return fail("rollout " + name + " ended " + now + ", not " + state + ": " + last);
                }
            }
            Thread.sleep(250);
        }
        return fail("rollout " + name + ": not " + state + " within " + SETTLE + "; last status " + last);
    }

    private static Map<String, JsonObject> routers(final JsonObject status) {
        final Map<String, JsonObject> routers = new TreeMap<>();
        for (JsonElement router : status.getAsJsonArray("router")) {
            routers.put(router.getAsJsonObject().get("name").getAsString(), router.getAsJsonObject());
        }
        return routers;
    }

    private static List<String> routersOf(final JsonObject status, final int wave) {
        final List<String> names = new ArrayList<>();
        routers(status).forEach((name, router) -> {
            if (router.get("wave").getAsInt() == wave) {
                names.add(name);
            }
        });
        return names;
    }

    private static Map<Integer, Integer> generations() {
        final Map<Integer, Integer> generations = new TreeMap<>();
        LAB.generations().forEach((router, generation) -> generations.put(Integer.parseInt(router.substring(1)),
            generation.current()));
        return generations;
    }

    private static String pfConf(final int lab) {
        return LAB.send("cat r" + lab + " /etc/pf.conf");
    }
}

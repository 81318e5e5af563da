/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opendaylight.openbsdpbr.e2e.ControllerE2E.awaitStatus;
import static org.opendaylight.openbsdpbr.e2e.ControllerE2E.awaitSync;
import static org.opendaylight.openbsdpbr.e2e.ControllerE2E.field;
import static org.opendaylight.openbsdpbr.e2e.ControllerE2E.lab;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 17 end to end: a lab router configured by hand (the seed's hand-written files) is registered without intent
 * (its status shows the first contact: the files found, the import suggested), imported over RESTCONF (a dry run
 * first, which changes nothing), adopted with {@code write}, and then imported again from the files openbsd-pbr
 * itself installed: that intent, written and committed, changes nothing on the router (the lab's generation counter
 * stays where the adoption left it).
 */
@TestMethodOrder(MethodOrderer.MethodName.class)
class ImportE2E {
    private static final Restconf RESTCONF = Restconf.admin();
    private static final String ROUTERS = "/data/openbsd-pbr:routers/router=";
    private static final String NAME = "e2e-import";
    /** The lab router no other test uses. */
    private static final String LAB_ROUTER = "r5";
    private static final int PORT = 2205;
    /** The PPPoE secret of the seed's hand-written hostname.pppoe0. */
    private static final String HANDWRITTEN_SECRET = "\"secret\": \"secret\"";

    @AfterAll
    static void removeTheRouter() {
        RESTCONF.delete(ROUTERS + NAME);
    }

    private static JsonObject importRouter(final String router, final boolean write) {
        final var reply = RESTCONF.post("/operations/openbsd-pbr:import-router", "{\"input\":{\"router\":\"" + router
            + "\",\"write\":" + write + "}}");
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.body()).doesNotContain(HANDWRITTEN_SECRET).doesNotContain("authkey secret");
        return reply.json().getAsJsonObject().getAsJsonObject("openbsd-pbr:output");
    }

    private static List<JsonObject> list(final JsonObject output, final String name) {
        final var result = new ArrayList<JsonObject>();
        if (output.has(name)) {
            for (JsonElement element : output.getAsJsonArray(name)) {
                result.add(element.getAsJsonObject());
            }
        }
        return result;
    }

    /** The lab router's "generation N (kept: ...)" line. */
    private static String generation() throws Exception {
        return lab("status " + LAB_ROUTER).lines().filter(line -> line.startsWith("generation ")).findFirst()
            .orElse("");
    }

    @Test
    void a_aHandWrittenRouterIsImportedAdoptedAndItsOwnRenderingImportsWithoutChange() throws Exception {
        assertThat(lab("load " + LAB_ROUTER + " " + Restconf.repoRoot().resolve("examples/seed-handwritten")))
            .startsWith("ok ");
        final String router = Restconf.example("seed-router/router.json")
            .replace("\"seed-router\"", "\"" + NAME + "\"").replace("\"port\": 2201", "\"port\": " + PORT);
        assertThat(RESTCONF.put(ROUTERS + NAME, Sealing.sealAll(RESTCONF, ControllerE2E.withLabKey(router)))
            .status()).isIn(200, 201, 204);
        // first contact: only observed, and the status offers the import of the files found
        final JsonObject observed = awaitStatus(NAME, "a first contact", status -> "no-intent".equals(field(status,
            "sync-status")) && status.has("first-contact"));
        final JsonObject firstContact = observed.getAsJsonObject("first-contact");
        assertThat(firstContact.get("import-suggested").getAsBoolean()).isTrue();
        assertThat(firstContact.getAsJsonArray("hand-written-file")).hasSize(10);
        assertThat(firstContact.get("originals").getAsString()).contains("generation 0");
        assertThat(generation()).startsWith("generation 0 ");

        // the dry run: the intent (secret sealed), every unmapped line with why, the comparison; nothing written
        final JsonObject dryRun = importRouter(NAME, false);
        assertThat(dryRun.get("written").getAsBoolean()).isFalse();
        assertThat(dryRun.get("files-read").getAsInt()).isEqualTo(10);
        assertThat(dryRun.get("intent").getAsString()).startsWith("{\n  \"openbsd-pbr:intent\": {")
            .contains("\"secret\": \"$pbr1$").contains("\"username\": \"username\"");
        assertThat(list(dryRun, "unmapped")).extracting(line -> line.get("file").getAsString() + ":"
            + line.get("line").getAsInt()).containsExactly("/etc/pf.conf:11", "/etc/pf.conf:14", "/etc/pf.conf:17",
                "/etc/pf.conf:30");
        assertThat(list(dryRun, "unmapped")).allSatisfy(line -> assertThat(line.get("why").getAsString())
            .isNotBlank());
        assertThat(list(dryRun, "difference")).extracting(file -> file.get("path").getAsString())
            .contains("/etc/pf.conf", "/etc/hostname.pppoe0");
        assertThat(dryRun.get("flows-compared").getAsInt()).isPositive();
        assertThat(RESTCONF.get(ROUTERS + NAME + "/intent?content=config").status()).as("nothing written")
            .isIn(404, 409);
        assertThat(generation()).as("read-only").startsWith("generation 0 ");

        // adopted: the intent is written, the controller commits its rendering (generation 1)
        assertThat(importRouter(NAME, true).get("written").getAsBoolean()).isTrue();
        final JsonObject adopted = awaitStatus(NAME, "in sync on generation 1", status -> "in-sync".equals(
            field(status, "sync-status")) && "1".equals(field(status, "applied-generation")));
        assertThat(adopted.has("first-contact")).as("the files are openbsd-pbr's now").isFalse();
        assertThat(generation()).startsWith("generation 1 ");

        // the router now runs openbsd-pbr's files: taken back out of the controller, imported again and written,
        // the intent is the one the router runs, so the commit changes nothing and no generation is added
        assertThat(RESTCONF.delete(ROUTERS + NAME + "/intent").status()).isIn(200, 204);
        awaitSync(NAME, "no-intent");
        final JsonObject again = importRouter(NAME, true);
        assertThat(again.get("written").getAsBoolean()).isTrue();
        assertThat(list(again, "unmapped")).as("openbsd-pbr's own files map completely").isEmpty();
        assertThat(list(again, "difference")).allSatisfy(file -> assertThat(file.get("comparison").getAsString())
            .as(file.toString()).isIn("identical", "only-on-router"));
        assertThat(again.get("flows-differing").getAsInt()).isZero();
        awaitSync(NAME, "in-sync");
        assertThat(generation()).as("no new generation").startsWith("generation 1 ");
    }

    @Test
    void b_badInputIsRefusedNamingTheElement() {
        final var unknown = RESTCONF.post("/operations/openbsd-pbr:import-router",
            "{\"input\":{\"router\":\"e2e-no-such-router\"}}");
        assertThat(unknown.status()).as(unknown.toString()).isIn(400, 409);
        assertThat(unknown.body()).contains("input/router").contains("e2e-no-such-router");
        final var noRouter = RESTCONF.post("/operations/openbsd-pbr:import-router", "{\"input\":{}}");
        assertThat(noRouter.status()).as(noRouter.toString()).isEqualTo(400);
        assertThat(noRouter.body()).contains("input/router");
    }

    @Test
    void c_writeIsRefusedWhenTheRouterHasIntent() {
        final var refused = RESTCONF.post("/operations/openbsd-pbr:import-router",
            "{\"input\":{\"router\":\"" + NAME + "\",\"write\":true}}");
        assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
        assertThat(refused.body()).contains("input/write").contains("has intent already");
    }
}

/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The northbound contract over real HTTP against the running distribution: our YANG modules are served, the seed
 * router's payloads are accepted and read back, bad input is refused with a 4xx naming the problem and leaves the
 * datastore as it was, and RESTCONF requires authentication.
 */
class RestconfContractE2E {
    private static final String ROUTER = "/data/openbsd-pbr:routers/router=contract-router";
    private static final Restconf RESTCONF = Restconf.admin();

    @BeforeAll
    static void putSeedRouter() {
        // the seed's payloads under another router name, so this test never touches the lab router
        RESTCONF.putSeed("contract-router", 6);
    }

    @AfterAll
    static void deleteRouter() {
        RESTCONF.delete(ROUTER);
    }

    @Test
    void modulesAreServed() {
        for (String module : new String[] { "openbsd-pbr", "openbsd-pbr-types" }) {
            final var reply = RESTCONF.get("/modules/" + module + "?revision=2026-11-24", "application/yang");
            assertThat(reply.status()).as(module).isEqualTo(200);
            assertThat(reply.body()).startsWith("module " + module + " {");
        }
    }

    @Test
    void seedIntentReadsBackAsWritten() {
        final var reply = RESTCONF.get(ROUTER + "/intent?content=config");
        assertThat(reply.status()).isEqualTo(200);
        final JsonObject intent = reply.json().getAsJsonObject().getAsJsonObject("openbsd-pbr:intent");
        final JsonObject written = JsonParser.parseString(Restconf.example("seed-router/intent.json"))
            .getAsJsonObject().getAsJsonObject("openbsd-pbr:intent");
        for (String list : new String[] { "rdomain", "interface", "table", "host-group", "policy-route", "nat" }) {
            assertThat(intent.getAsJsonArray(list)).as(list).hasSameSizeAs(written.getAsJsonArray(list));
        }
        assertThat(intent.getAsJsonObject("dns-resolver").getAsJsonArray("forwarder").toString())
            .isEqualTo("[\"8.8.8.8\",\"1.1.1.1\"]");
        final String routes = intent.getAsJsonArray("policy-route").toString();
        assertThat(routes).contains("\"via-uplink\":\"pppoe\"").contains("\"table\":\"via_pppoe\"");
    }

    static Stream<Arguments> badIntents() {
        return Stream.of(
            Arguments.of("rdomain out of range", "\"id\": 1,", "\"id\": 256,", "256"),
            Arguments.of("bad interface name", "\"name\": \"em2\"", "\"name\": \"em2;reboot\"", "interface name"),
            Arguments.of("secret with a newline", "\"secret\": \"secret\"", "\"secret\": \"sec\nret\"",
                "pppoe/secret"),
            Arguments.of("description with a quote", "\"description\": \"LAN bridge\"",
                "\"description\": \"LAN 'bridge\"", "description"),
            Arguments.of("MTU out of range", "\"mtu\": 1454", "\"mtu\": 9000", "PPPoE MTU"),
            Arguments.of("dangling uplink reference", "\"default-route-via\": \"pppoe\"",
                "\"default-route-via\": \"nope\"", "nope"),
            Arguments.of("duplicate sequence", "\"sequence\": 20", "\"sequence\": 10", "sequence"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badIntents")
    void badInputIsRefusedAndNothingIsStored(final String label, final String from, final String to,
            final String mentioned) {
        final String good = Restconf.example("seed-router/intent.json");
        assertThat(good).as("fixture").contains(from);
        // sealed without a kind: a bad secret is refused when the controller opens it, naming its leaf
        final String bad = Sealing.sealAll(RESTCONF, good.replace(from, to));
        final String before = RESTCONF.get(ROUTER + "/intent?content=config").body();

        final var reply = RESTCONF.put(ROUTER + "/intent", bad);

        assertThat(reply.status()).as(reply.toString()).isBetween(400, 499);
        assertThat(reply.body()).as("the error says what is wrong").contains(mentioned);
        assertThat(reply.body()).as("secrets never echoed").doesNotContain("sec\nret");
        assertThat(RESTCONF.get(ROUTER + "/intent?content=config").body()).as("datastore unchanged")
            .isEqualTo(before);
    }

    @Test
    void computeMapEAnswersRfc7597sFirstExample() {
        // RFC 7597 appendix A, example 1
        final var reply = RESTCONF.post("/operations/openbsd-pbr:compute-map-e", "{\"input\":{"
            + "\"delegated-prefix\":\"2001:db8:12:3400::/56\",\"rule-ipv6-prefix\":\"2001:db8::/40\","
            + "\"rule-ipv4-prefix\":\"192.0.2.0/24\",\"ea-bits-length\":16,\"psid-offset\":6}}");
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        final JsonObject output = reply.json().getAsJsonObject().getAsJsonObject("openbsd-pbr:output");
        assertThat(output.get("ipv4-address").getAsString()).isEqualTo("192.0.2.18");
        assertThat(output.get("psid").getAsInt()).isEqualTo(0x34);
        assertThat(output.get("ce-ipv6-address").getAsString()).isEqualTo("2001:db8:12:3400:0:c000:212:34");
        final var ranges = output.getAsJsonArray("port-range");
        assertThat(ranges).hasSize(63);
        int previous = -1;
        for (var range : ranges) {
            final int start = range.getAsJsonObject().get("start").getAsInt();
            assertThat(start).as("port ranges ascend").isGreaterThan(previous);
            assertThat(range.getAsJsonObject().get("end").getAsInt()).isEqualTo(start + 3);
            previous = start;
        }
    }

    @Test
    void authenticationIsRequired() {
        assertThat(new Restconf(Restconf.baseUrl(), null, null).get(ROUTER).status()).isEqualTo(401);
        assertThat(new Restconf(Restconf.baseUrl(), "admin", "wrong").get(ROUTER).status()).isEqualTo(401);
    }
}

/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * RESTCONF refuses every bad intent of {@code impl/src/test/resources/refused/cases.json} (one per refused class of
 * issues 9 and 10: values the YANG types refuse, and what the commit cohort's validator refuses once the intent is
 * merged) with a 4xx that names the element and says why, and stores nothing.
 */
class RefusalsE2E {
    private static final String ROUTER = "/data/openbsd-pbr:routers/router=refusals-router";
    private static final Restconf RESTCONF = Restconf.admin();

    @BeforeAll
    static void putSeedRouter() {
        // the seed's payloads under another router name and an unreachable port: nothing here talks to the lab
        RESTCONF.putSeed("refusals-router", 5);
    }

    @AfterAll
    static void deleteRouter() {
        RESTCONF.delete(ROUTER);
    }

    static Stream<Arguments> cases() throws IOException {
        final JsonArray cases = JsonParser.parseString(Files.readString(Restconf.repoRoot().resolve(
            "impl/src/test/resources/refused/cases.json"), StandardCharsets.UTF_8)).getAsJsonArray();
        return StreamSupport.stream(cases.spliterator(), false).map(JsonElement::getAsJsonObject)
            .map(refused -> Arguments.of(refused.get("label").getAsString(), refused));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void refusedWithTheElementNamedAndNothingStored(final String label, final JsonObject refused) {
        String bad = Restconf.example("seed-router/intent.json");
        for (JsonElement edit : refused.getAsJsonArray("edits")) {
            final JsonArray pair = edit.getAsJsonArray();
            final String from = pair.get(0).getAsString();
            assertThat(bad).as("fixture").contains(from);
            bad = bad.replaceFirst(java.util.regex.Pattern.quote(from),
                java.util.regex.Matcher.quoteReplacement(pair.get(1).getAsString()));
        }
        final String before = RESTCONF.get(ROUTER + "/intent?content=config").body();

        final var reply = RESTCONF.put(ROUTER + "/intent", Sealing.sealAll(RESTCONF, bad));

        assertThat(reply.status()).as(reply.toString()).isBetween(400, 499);
        final String element = refused.get("element").getAsString();
        final String leaf = element.substring(element.lastIndexOf('/') + 1);
        assertThat(reply.body()).as("the error says what is wrong").contains(refused.get("says").getAsString())
            .as("and names the element").contains(leaf);
        assertThat(RESTCONF.get(ROUTER + "/intent?content=config").body()).as("datastore unchanged")
            .isEqualTo(before);
    }

    @Test
    void twoListEntriesWithOneKeyAreRefusedNotMerged() {
        // a second host group named like the first, with other addresses: which one would win is not the writer's
        // choice to leave to a parser
        final String group = "    \"host-group\": [\n";
        final String intent = Restconf.example("seed-router/intent.json");
        assertThat(intent).as("fixture").contains(group);
        final String twice = intent.replace(group, group
            + "      {\"name\": \"pppoe_hosts\", \"address\": [\"192.168.1.99\"]},\n");
        final String before = RESTCONF.get(ROUTER + "/intent?content=config").body();

        final var reply = RESTCONF.put(ROUTER + "/intent", Sealing.sealAll(RESTCONF, twice));

        assertThat(reply.status()).as(reply.toString()).isBetween(400, 499);
        assertThat(reply.body()).as("names the list and the key").contains("host-group").contains("pppoe_hosts");
        assertThat(RESTCONF.get(ROUTER + "/intent?content=config").body()).as("datastore unchanged")
            .isEqualTo(before);
    }

    @Test
    void twoHundredCharactersOutsideTheBmpAreADescription() {
        // YANG counts characters (RFC 7950 9.4.4): 200 outside the Basic Multilingual Plane are 400 UTF-16 units
        final String astral = Character.toString(0x1D538).repeat(200);
        final String intent = Restconf.example("seed-router/intent.json").replace("\"description\": \"LAN bridge\"",
            "\"description\": \"" + astral + "\"");
        try {
            final var reply = RESTCONF.put(ROUTER + "/intent", Sealing.sealAll(RESTCONF, intent));
            assertThat(reply.status()).as(reply.toString()).isIn(200, 201, 204);
            assertThat(RESTCONF.get(ROUTER + "/intent?content=config").body()).contains(astral);
        } finally {
            assertThat(RESTCONF.put(ROUTER + "/intent", Sealing.sealAll(RESTCONF,
                Restconf.example("seed-router/intent.json"))).status())
                .isIn(200, 201, 204);
        }
    }
}

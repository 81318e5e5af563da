/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.tools.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opendaylight.openbsdpbr.tools.cli.Seed.replaceOnce;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.opendaylight.openbsdpbr.tools.cli.Seed.Run;

/**
 * The CLI refuses every bad intent of {@code impl/src/test/resources/refused/cases.json} (one per refused class of
 * issues 9 and 10): exit status 1, the offending element named, nothing written.
 */
class RenderRefusalsTest {
    private static final Path CASES = Path.of("..", "impl", "src", "test", "resources", "refused", "cases.json");
    private static final String ROUTER = "routers/router[name=" + Seed.ROUTER + "]/";

    @TempDir
    Path tmp;

    static Stream<Arguments> cases() throws IOException {
        final JsonArray cases = JsonParser.parseString(Files.readString(CASES, StandardCharsets.UTF_8))
            .getAsJsonArray();
        return StreamSupport.stream(cases.spliterator(), false).map(JsonElement::getAsJsonObject)
            .map(refused -> Arguments.of(refused.get("label").getAsString(), refused));
    }

    private Path edited(final String name, final JsonObject refused) throws IOException {
        return Seed.copy(tmp.resolve(name), text -> {
            String edited = text;
            for (JsonElement edit : refused.getAsJsonArray("edits")) {
                final JsonArray pair = edit.getAsJsonArray();
                edited = replaceOnce(edited, pair.get(0).getAsString(), pair.get(1).getAsString());
            }
            return edited;
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void renderRefusesItNamingTheElement(final String label, final JsonObject refused) throws IOException {
        final Path out = tmp.resolve("out");
        final Run run = Seed.run("render", edited("in", refused).toString(), "--out", out.toString());

        assertThat(run.status()).as(run.error()).isEqualTo(1);
        assertThat(run.error()).as("the error names the element and says why")
            .contains(ROUTER + refused.get("element").getAsString())
            .contains(refused.get("says").getAsString());
        assertThat(run.error().codePoints().filter(ch -> ch != '\n' && (Character.getType(ch) == Character.CONTROL
            || Character.getType(ch) == Character.FORMAT))).as("the error shows hidden characters escaped").isEmpty();
        assertThat(out).as("nothing written").doesNotExist();
    }

    @Test
    void twoHundredCharactersOutsideTheBmpAreADescription() throws IOException {
        // YANG counts characters: 200 of them outside the Basic Multilingual Plane are 400 UTF-16 units
        final String astral = Character.toString(0x1D538).repeat(200);
        final Path in = Seed.copy(tmp.resolve("in"), text -> replaceOnce(text, "\"description\": \"LAN bridge\"",
            "\"description\": \"" + astral + "\""));
        final Path out = tmp.resolve("out");
        final Run run = Seed.run("render", in.toString(), "--out", out.toString());

        assertThat(run.status()).as(run.error()).isZero();
        assertThat(Files.readString(out.resolve("etc/hostname.veb0"), StandardCharsets.UTF_8)).contains(astral);
    }

    @Test
    void aDestinationAnyIsLintedAndAnOmittedOneIsTheInternet() throws IOException {
        final Path in = Seed.copy(tmp.resolve("in"), text -> replaceOnce(replaceOnce(text,
            "\"destination\": {\n          \"table\": \"via_pppoe\"\n        },",
            "\"destination\": {\"any\": [null]},"),
            "\"destination\": {\n          \"table\": \"martians\",\n          \"negate\": true\n        },", ""));
        final Path out = tmp.resolve("out");
        final Run run = Seed.run("render", in.toString(), "--out", out.toString());

        assertThat(run.status()).as(run.error()).isZero();
        assertThat(run.out()).contains("warning " + "intent/policy-route[name=to-via-pppoe]/destination: destination"
            + " any also moves LAN traffic to the router itself").contains("[destination-any]");
        assertThat(Files.readString(out.resolve("etc/pf.conf"), StandardCharsets.UTF_8))
            .contains("pass in on vport0 inet from vport0:network to any rtable 1\n")
            .contains("pass in on vport0 inet from $pppoe_hosts to !<martians> rtable 1\n");
    }
}

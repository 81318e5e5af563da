/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.tools.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;
import static org.opendaylight.openbsdpbr.tools.cli.Seed.replaceOnce;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.opendaylight.openbsdpbr.api.files.ManagedFile;
import org.opendaylight.openbsdpbr.api.intent.RouterIntent;
import org.opendaylight.openbsdpbr.impl.render.RenderResult;
import org.opendaylight.openbsdpbr.impl.render.Renderer;
import org.opendaylight.openbsdpbr.tools.intentjson.IntentDocument;
import org.opendaylight.openbsdpbr.tools.intentjson.IntentJsonException;

class IntentJsonTest {
    @TempDir
    Path tmp;

    private static String example(final String file) throws IOException {
        return Files.readString(Seed.EXAMPLE.resolve(file), StandardCharsets.UTF_8);
    }

    private static RouterIntent seedEffective() throws IntentJsonException {
        return Seed.json().load(Seed.EXAMPLE, null).effective(Seed.ROUTER);
    }

    @Test
    void theSeedExampleRendersToTheGoldenFiles() throws Exception {
        final IntentDocument document = Seed.json().load(Seed.EXAMPLE, null);
        assertThat(document.routerNames()).containsExactly(Seed.ROUTER);
        assertThat(document.profiles()).isEmpty();
        assertThat(document.routers().get(Seed.ROUTER).profiles()).isEmpty();

        final RenderResult result = Renderer.render(document.effective(Seed.ROUTER));
        final Map<String, Seed.GoldenFile> golden = Seed.golden();
        assertThat(result.files().files().keySet()).containsExactlyElementsOf(golden.keySet());
        for (ManagedFile file : result.files().files().values()) {
            assertThat(file.content()).as(file.path()).isEqualTo(golden.get(file.path()).content());
            assertThat(file.mode()).as(file.path()).isEqualTo(golden.get(file.path()).mode());
        }
        assertThat(result.lints()).isEmpty();
    }

    @Test
    void aWholeDocumentReadsLikeTheDirectory() throws Exception {
        final JsonObject router = JsonParser.parseString(example("router.json")).getAsJsonObject()
            .getAsJsonArray("openbsd-pbr:router").get(0).getAsJsonObject();
        router.add("intent", JsonParser.parseString(example("intent.json")).getAsJsonObject()
            .get("openbsd-pbr:intent"));
        final JsonArray routers = new JsonArray();
        routers.add(router);
        final JsonObject document = new JsonObject();
        final JsonObject routersContainer = new JsonObject();
        routersContainer.add("router", routers);
        document.add("openbsd-pbr:routers", routersContainer);
        final JsonObject profiles = new JsonObject();
        profiles.add("profile", new JsonArray());
        document.add("openbsd-pbr:profiles", profiles);
        final Path file = tmp.resolve("config.json");
        Files.writeString(file, document.toString(), StandardCharsets.UTF_8);

        final IntentDocument loaded = Seed.json().load(file, null);
        assertThat(loaded.routerNames()).containsExactly(Seed.ROUTER);
        assertThat(loaded.effective(Seed.ROUTER)).isEqualTo(seedEffective());
    }

    @Test
    void aLoneIntentBodyIsNamedByTheCaller() throws Exception {
        final Path file = tmp.resolve("edge.json");
        Files.copy(Seed.EXAMPLE.resolve("intent.json"), file);
        final RouterIntent named = Seed.json().load(file, "edge-1").effective("edge-1");
        assertThat(named.name()).isEqualTo("edge-1");
        assertThat(named.uplinks()).isEqualTo(seedEffective().uplinks());
        assertThat(named.shared()).isEqualTo(seedEffective().shared());

        assertThat(Seed.json().load(file, null).routerNames()).containsExactly("router");
        assertThatThrownBy(() -> Seed.json().load(file, "Edge 1"))
            .isInstanceOfSatisfying(IntentJsonException.class, e -> assertThat(e.problems())
                .singleElement(STRING)
                .contains("'Edge 1' is not a router name"));
    }

    @Test
    void profilesAreMergedAndTheirErrorsNameTheProfile() throws Exception {
        final Path dir = tmp.resolve("fleet");
        Seed.copy(dir, UnaryOperator.identity());
        final String router = Files.readString(dir.resolve("router.json"), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("router.json"), replaceOnce(router, "\"openbsd-release\": \"7.8\",",
            "\"openbsd-release\": \"7.8\", \"profile\": [\"base\", \"extra\"],"), StandardCharsets.UTF_8);

        assertThatThrownBy(() -> Seed.json().load(dir, null).effective(Seed.ROUTER))
            .isInstanceOfSatisfying(IntentJsonException.class, e -> assertThat(e.problems()).containsExactly(
                "routers/router[name=seed-router]/profile: no profile named base",
                "routers/router[name=seed-router]/profile: no profile named extra"));

        Files.writeString(dir.resolve("profile.json"), """
            {"openbsd-pbr:profile": [
              {"name": "base", "policy-route": [{"name": "quad9", "sequence": 30, "ingress-interface": "vport0",
                "destination": {"network": ["9.9.9.9"]}, "via-uplink": "pppoe"}]},
              {"name": "extra", "policy-route": [{"name": "broken", "sequence": 40, "ingress-interface": "vport0",
                "via-uplink": "nowhere"}]}
            ]}""", StandardCharsets.UTF_8);
        final IntentDocument document = Seed.json().load(dir, null);
        assertThat(document.profiles()).containsOnlyKeys("base", "extra");
        assertThat(document.routers().get(Seed.ROUTER).profiles()).containsExactly("base", "extra");
        assertThatThrownBy(() -> document.effective(Seed.ROUTER))
            .isInstanceOfSatisfying(IntentJsonException.class, e -> assertThat(e.problems())
                .singleElement(STRING)
                .startsWith("profiles/profile[name=extra]/policy-route[name=broken]/via-uplink: "));

        Files.writeString(dir.resolve("router.json"), router.replace("\"openbsd-release\": \"7.8\",",
            "\"openbsd-release\": \"7.8\", \"profile\": [\"base\"],"), StandardCharsets.UTF_8);
        final RouterIntent merged = Seed.json().load(dir, null).effective(Seed.ROUTER);
        assertThat(merged.shared().policyRoutes()).extracting(route -> route.name())
            .containsExactly("to-via-pppoe", "from-pppoe-hosts", "quad9");
    }

    static Stream<Arguments> badIntents() {
        final String at = "intent.json: routers/router[name=seed-router]/intent/";
        return Stream.of(
            Arguments.of("a range", (UnaryOperator<String>) text -> replaceOnce(text, "\"mtu\": 1454",
                "\"mtu\": 70000"),
                at + "uplink[name=pppoe]/pppoe/mtu: ", "a PPPoE MTU is 576 to 1500"),
            Arguments.of("a pattern", (UnaryOperator<String>) text -> replaceOnce(text, "\"name\": \"em1\"",
                "\"name\": \"eth 1\""), at + "interface[#2]/name: 'eth 1': ", "an OpenBSD interface name is"),
            Arguments.of("an enumeration", (UnaryOperator<String>) text -> replaceOnce(text, "\"kind\": \"veb\"",
                "\"kind\": \"bridge\""), at + "interface[name=veb0]/kind: ", "bridge"),
            Arguments.of("an unknown element", (UnaryOperator<String>) text -> replaceOnce(text,
                "\"ingress-interface\": \"vport0\",", "\"ingress-interface\": \"vport0\", \"colour\": \"red\","),
                at + "policy-route[name=to-via-pppoe]/colour: ", "colour"),
            Arguments.of("a secret", (UnaryOperator<String>) text -> replaceOnce(text, "\"secret\": \"secret\"",
                "\"secret\": \"open sesame\""), at + "uplink[name=pppoe]/pppoe/secret: ", "a PPPoE secret is"),
            Arguments.of("a record's rule", (UnaryOperator<String>) text -> replaceOnce(text, "\"kind\": \"vport\"",
                "\"kind\": \"veb\""), at + "interface[name=vport0]/kind: ", "a veb interface is named vebN"),
            Arguments.of("a missing mandatory leaf", (UnaryOperator<String>) text -> replaceOnce(text,
                "\"username\": \"username\",", ""), at + "uplink[name=pppoe]/pppoe/username: ", "missing"),
            Arguments.of("broken JSON", (UnaryOperator<String>) text -> replaceOnce(text, "\"id\": 0,", "\"id\": 0,,"),
                "intent.json: not valid JSON: ", "line"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badIntents")
    void problemsNameTheFileAndTheElement(final String what, final UnaryOperator<String> edit, final String prefix,
            final String detail) throws IOException {
        final Path dir = Seed.copy(tmp.resolve("bad"), edit);
        assertThatThrownBy(() -> Seed.json().load(dir, null))
            .isInstanceOfSatisfying(IntentJsonException.class, e -> {
                assertThat(e.problems()).hasSize(1);
                final String problem = e.problems().get(0);
                assertThat(problem).startsWith(dir.resolve("intent.json") + prefix.substring("intent.json".length()))
                    .contains(detail).doesNotContain("open sesame").doesNotContain("\n");
            });
    }

    @Test
    void referencesAreCheckedAfterTheMerge() throws Exception {
        final Path dir = Seed.copy(tmp.resolve("dangling"), text -> replaceOnce(text, "\"via-uplink\": \"pppoe\"",
            "\"via-uplink\": \"nowhere\""));
        final IntentDocument document = Seed.json().load(dir, null);
        assertThatThrownBy(() -> document.effective(Seed.ROUTER))
            .isInstanceOfSatisfying(IntentJsonException.class, e -> assertThat(e.problems())
                .singleElement(STRING)
                .startsWith("routers/router[name=seed-router]/intent/policy-route[name=to-via-pppoe]/via-uplink: "));
        assertThatThrownBy(() -> document.effective("other"))
            .isInstanceOfSatisfying(IntentJsonException.class, e -> assertThat(e.problems())
                .containsExactly("routers/router[name=other]: no such router; the input holds [seed-router]"));
    }

    @Test
    void aDirectoryWithoutJsonOrAnUnknownBodyIsRefused() throws IOException {
        final Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertThatThrownBy(() -> Seed.json().load(empty, null))
            .isInstanceOfSatisfying(IntentJsonException.class, e -> assertThat(e.problems())
                .containsExactly(empty + ": no *.json file"));
        final Path odd = tmp.resolve("odd.json");
        Files.writeString(odd, "{\"ietf-interfaces:interfaces\": {}}", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> Seed.json().load(odd, null))
            .isInstanceOfSatisfying(IntentJsonException.class, e -> assertThat(e.problems().get(0))
                .startsWith(odd + ": 'ietf-interfaces:interfaces' is none of openbsd-pbr:routers"));
    }
}

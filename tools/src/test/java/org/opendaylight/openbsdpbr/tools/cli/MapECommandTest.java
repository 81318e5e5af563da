/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.tools.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MapECommandTest {
    private static final List<String> RFC_EXAMPLE = List.of("--prefix", "2001:db8:12:3400::/56",
        "--rule-ipv6", "2001:db8::/40", "--rule-ipv4", "192.0.2.0/24", "--ea-bits", "16", "--psid-offset", "6");

    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();

    @Test
    void printsTextForRfcExample() {
        assertThat(run(RFC_EXAMPLE)).isZero();
        final String text = out();
        assertThat(text).startsWith("""
            IPv4 address:    192.0.2.18
            PSID:            52 (0x34)
            PSID length:     8
            PSID offset:     6
            CE IPv6 address: 2001:db8:12:3400:0:c000:212:34
            Ports:           252 in 63 ranges
            1232-1235
            2256-2259
            """);
        assertThat(text).endsWith("\n63696-63699\n64720-64723\n");
        assertThat(text.lines()).hasSize(6 + 63);
        assertThat(err()).isEmpty();
    }

    @Test
    void printsJsonForV6plusInDraft03Layout() {
        final List<String> args = List.of("--prefix=240b:11:2345:6700::/56", "--rule-ipv6=240b:10::/31",
            "--rule-ipv4=106.72.0.0/15", "--ea-bits=25", "--psid-offset=4", "--layout=draft03", "--json");
        assertThat(run(args)).isZero();
        assertThat(err()).isEmpty();
        final JsonObject json = JsonParser.parseString(out()).getAsJsonObject();
        assertThat(json.keySet()).containsExactly("ipv4-address", "psid", "psid-length", "psid-offset",
            "ce-ipv6-address", "port-count", "port-ranges");
        assertThat(json.get("ipv4-address").getAsString()).isEqualTo("106.73.35.69");
        assertThat(json.get("psid").getAsInt()).isEqualTo(0x67);
        assertThat(json.get("psid-length").getAsInt()).isEqualTo(8);
        assertThat(json.get("psid-offset").getAsInt()).isEqualTo(4);
        assertThat(json.get("ce-ipv6-address").getAsString()).isEqualTo("240b:11:2345:6700:6a:4923:4500:6700");
        assertThat(json.get("port-count").getAsInt()).isEqualTo(240);
        final var ranges = json.getAsJsonArray("port-ranges");
        assertThat(ranges).hasSize(15);
        assertThat(ranges.get(0).getAsJsonObject().get("start").getAsInt()).isEqualTo(5744);
        assertThat(ranges.get(0).getAsJsonObject().get("end").getAsInt()).isEqualTo(5759);
        assertThat(ranges.get(14).getAsJsonObject().get("start").getAsInt()).isEqualTo(63088);
        assertThat(ranges.get(14).getAsJsonObject().get("end").getAsInt()).isEqualTo(63103);
    }

    @Test
    void jsonOfFullAddressHasOneRange() {
        assertThat(run(List.of("--json", "--prefix", "2001:db8:12::/48", "--rule-ipv6", "2001:db8::/40",
            "--rule-ipv4", "192.0.2.0/24", "--ea-bits", "8", "--psid-offset", "6", "--layout", "RFC7597"))).isZero();
        assertThat(out()).isEqualTo("""
            {
              "ipv4-address": "192.0.2.18",
              "psid": 0,
              "psid-length": 0,
              "psid-offset": 6,
              "ce-ipv6-address": "2001:db8:12::c000:212:0",
              "port-count": 64512,
              "port-ranges": [
                {"start": 1024, "end": 65535}
              ]
            }
            """);
    }

    @Test
    void escapesJsonStrings() {
        final String value = "a\"b\\c\n" + (char) 1 + "é";
        assertThat(MapECommand.jsonString(value)).isEqualTo("\"a\\\"b\\\\c\\n\\u0001é\"");
        assertThat(JsonParser.parseString(MapECommand.jsonString(value)).getAsString()).isEqualTo(value);
    }

    @Test
    void helpGoesToOut() {
        assertThat(run(List.of("--help"))).isZero();
        assertThat(out()).startsWith(MapECommand.USAGE + "\n").contains("--layout");
        assertThat(err()).isEmpty();
    }

    static Stream<Arguments> usageErrors() {
        return Stream.of(
            Arguments.of(List.of(), "map-e: missing --prefix"),
            Arguments.of(without("--ea-bits"), "map-e: missing --ea-bits"),
            Arguments.of(with("--verbose"), "map-e: unknown option --verbose"),
            Arguments.of(with("--prefixes=2001:db8::/56"), "map-e: unknown option --prefixes"),
            Arguments.of(with("extra"), "map-e: unexpected argument 'extra'"),
            Arguments.of(with("--layout"), "map-e: --layout needs a value"),
            Arguments.of(with("--prefix", "2001:db8:12:3500::/56"), "map-e: --prefix given more than once"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("usageErrors")
    void usageErrorsExitTwo(final List<String> args, final String message) {
        assertThat(run(args)).isEqualTo(2);
        assertThat(out()).isEmpty();
        assertThat(err()).startsWith(message + " (usage: ").endsWith(")\n").hasLineCount(1);
    }

    static Stream<Arguments> invalidParameters() {
        return Stream.of(
            Arguments.of(replace("--ea-bits", "sixteen"), "map-e: --ea-bits: 'sixteen' is not a whole number"),
            Arguments.of(replace("--psid-offset", "99999999999"),
                "map-e: --psid-offset: '99999999999' is not a whole number"),
            Arguments.of(replace("--psid-offset", "16"), "map-e: --psid-offset: 16 is out of range 0..15"),
            Arguments.of(with("--layout", "draft3"), "map-e: --layout: 'draft3' is neither rfc7597 nor draft03"),
            Arguments.of(replace("--rule-ipv4", "192.0.2.1/24"),
                "map-e: --rule-ipv4: '192.0.2.1/24' has bits set beyond /24 (did you mean 192.0.2.0/24?)"),
            Arguments.of(replace("--rule-ipv6", "2001:db8::/4o"),
                "map-e: --rule-ipv6: '2001:db8::/4o' has no valid prefix length"),
            Arguments.of(replace("--prefix", "2001:db8:12::/48"),
                "map-e: --prefix: delegated-prefix /48 is shorter than rule-ipv6-prefix + ea-bits-length"
                    + " (/40 + 16 = /56)"),
            Arguments.of(replace("--prefix", "2001:db9:12:3400::/56"),
                "map-e: --prefix: 2001:db9:12:3400::/56 is not inside rule-ipv6-prefix 2001:db8::/40"),
            Arguments.of(replace("--ea-bits", "4"),
                "map-e: --ea-bits: 4 EA bits cannot hold the 8-bit IPv4 suffix of rule-ipv4-prefix /24"
                    + " (a prefix-sharing ratio below 1 gives the CE an IPv4 prefix; shared prefixes are not"
                    + " supported)"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("invalidParameters")
    void invalidParametersExitOne(final List<String> args, final String message) {
        assertThat(run(args)).isEqualTo(1);
        assertThat(out()).isEmpty();
        assertThat(err()).isEqualTo(message + "\n");
    }

    private int run(final List<String> args) {
        return MapECommand.run(args, new PrintStream(outBytes, true, StandardCharsets.UTF_8),
            new PrintStream(errBytes, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return outBytes.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return errBytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
    }

    private static List<String> with(final String... extra) {
        final List<String> args = new ArrayList<>(RFC_EXAMPLE);
        args.addAll(List.of(extra));
        return args;
    }

    private static List<String> without(final String option) {
        final List<String> args = new ArrayList<>(RFC_EXAMPLE);
        final int index = args.indexOf(option);
        args.subList(index, index + 2).clear();
        return args;
    }

    private static List<String> replace(final String option, final String value) {
        final List<String> args = new ArrayList<>(RFC_EXAMPLE);
        args.set(args.indexOf(option) + 1, value);
        return args;
    }
}

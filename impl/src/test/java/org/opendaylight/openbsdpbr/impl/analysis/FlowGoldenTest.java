/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.opendaylight.openbsdpbr.impl.analysis.FlowAnswer.Matched;
import org.opendaylight.openbsdpbr.impl.analysis.ip.IpAddress;
import org.opendaylight.openbsdpbr.impl.analysis.ip.IpPrefix;
import org.opendaylight.openbsdpbr.impl.mape.PortRange;

/**
 * Batfish-style golden flows: for each behaviour a small router ({@code analysis/<case>/}) and its questions with
 * the answers expected from pf.conf(5) and the other manuals ({@code flows.txt}; see {@code analysis/README.md}),
 * plus the seed router's own flows.
 */
class FlowGoldenTest {
    private static final List<String> CASES = List.of("last-match", "quick", "sticky-match", "negation", "tables",
        "host-groups", "interface-networks", "dynamic-addresses", "rdomain-routing", "nat-per-uplink", "map-e",
        "local-delivery", "block", "anchors", "seed-router", "ipv6-seed-router");

    /** One question of a flows.txt and its expectations. */
    record Flow(String name, int line, String question, FlowQuestion flow, Map<String, String> expect) {
        @Override
        public String toString() {
            return name + ":" + line + " " + question;
        }
    }

    static Stream<Arguments> flows() throws IOException {
        final List<Arguments> all = new ArrayList<>();
        for (String name : CASES) {
            final List<String> lines = Files.readAllLines(Fixtures.resource("analysis/" + name).resolve(
                "flows.txt"), StandardCharsets.UTF_8);
            Flow current = null;
            for (int i = 0; i < lines.size(); i++) {
                final String line = lines.get(i).strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                if (line.startsWith("flow ")) {
                    current = new Flow(name, i + 1, line.substring(5), question(line.substring(5)),
                        new LinkedHashMap<>());
                    all.add(Arguments.of(current));
                    continue;
                }
                final int space = line.indexOf(' ');
                final String key = space < 0 ? line : line.substring(0, space);
                current.expect().put(key, space < 0 ? "" : line.substring(space + 1));
            }
        }
        return all.stream();
    }

    /** {@code --in IF --src A --dst B [--proto P] [--sport N] [--dport N] [--assume IF=ADDR]...}. */
    static FlowQuestion question(final String text) {
        final String[] words = text.split(" +");
        String in = null;
        IpAddress src = null;
        IpAddress dst = null;
        FlowQuestion.Protocol protocol = null;
        int sport = -1;
        int dport = -1;
        final Map<String, IpPrefix> assume = new LinkedHashMap<>();
        for (int i = 0; i < words.length; i += 2) {
            final String value = words[i + 1];
            switch (words[i]) {
                case "--in" -> in = value;
                case "--src" -> src = IpAddress.parse(value);
                case "--dst" -> dst = IpAddress.parse(value);
                case "--proto" -> protocol = FlowQuestion.Protocol.of(value);
                case "--sport" -> sport = Integer.parseInt(value);
                case "--dport" -> dport = Integer.parseInt(value);
                case "--assume" -> assume.put(value.substring(0, value.indexOf('=')),
                    IpPrefix.parse(value.substring(value.indexOf('=') + 1)));
                default -> throw new IllegalArgumentException(words[i]);
            }
        }
        return new FlowQuestion(in, src, dst, protocol, sport, dport, assume);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("flows")
    void answersAsTheManualsSay(final Flow flow) {
        final FlowAnswer answer = new FlowEngine(Fixtures.model(flow.name())).answer(flow.flow());
        final String context = flow + " -> " + answer.disposition() + ": " + answer.reason();
        for (Map.Entry<String, String> expect : flow.expect().entrySet()) {
            final String value = expect.getValue();
            switch (expect.getKey()) {
                case "disposition" -> assertThat(answer.disposition().keyword()).as(context).isEqualTo(value);
                case "rule" -> assertThat(answer.rule() == null ? "none" : where(answer.rule().file(),
                    answer.rule().line())).as(context).isEqualTo(value);
                case "matched" -> assertThat(matched(answer.matched())).as(context).isEqualTo(value);
                case "rtable" -> assertThat(String.valueOf(answer.rtable())).as(context).isEqualTo(value);
                case "egress" -> assertThat(answer.egressInterface() == null ? "none" : answer.egressInterface())
                    .as(context).isEqualTo(value);
                case "next-hop" -> assertThat(answer.nextHop()).as(context).isEqualTo(value);
                case "nat" -> assertThat(answer.nat() == null ? "none"
                    : (answer.nat().address() == null ? "-" : answer.nat().address()) + " " + answer.nat().form())
                    .as(context).isEqualTo(value);
                case "nat-ports" -> assertThat(String.join(" ", ports(answer))).as(context).isEqualTo(value);
                case "nat-port-count" -> assertThat(ports(answer)).as(context).hasSize(Integer.parseInt(value));
                case "nat-ports-first" -> assertThat(String.join(" ", ports(answer).subList(0,
                    value.split(" ").length))).as(context).isEqualTo(value);
                case "nat-ports-last" -> {
                    final List<String> ports = ports(answer);
                    final int count = value.split(" ").length;
                    assertThat(String.join(" ", ports.subList(ports.size() - count, ports.size()))).as(context)
                        .isEqualTo(value);
                }
                case "nat-probability" -> assertThat(String.join(" ", answer.nat().choices().stream()
                    .map(choice -> String.format(Locale.ROOT, "%.4f", choice.probability())).toList()))
                    .as(context).isEqualTo(value);
                case "nat-note" -> assertThat(answer.nat().choices()).as(context).allSatisfy(choice -> assertThat(
                    choice.portNote()).contains(value));
                case "delivery" -> assertThat(answer.delivery() == null || answer.delivery().service() == null
                    ? "none" : answer.delivery().service() + " " + (answer.delivery().listener() == null ? "-"
                        : answer.delivery().listener())).as(context).isEqualTo(value);
                case "reply" -> assertThat(answer.reply() == null || !answer.reply().known()
                    || answer.reply().leaves() == null ? "unknown" : answer.reply().leaves()).as(context)
                    .isEqualTo(value);
                case "reason" -> assertThat(answer.reason()).as(context).contains(value);
                case "assumes" -> assertThat(answer.assumptions()).as(context).anySatisfy(assumption -> assertThat(
                    assumption).contains(value));
                default -> throw new IllegalArgumentException("unknown expectation " + expect.getKey());
            }
        }
    }

    private static String where(final String file, final int line) {
        return RouterModel.PF_CONF.equals(file) ? Integer.toString(line) : file + ":" + line;
    }

    /** Matched lines as {@code IN... | OUT...}. */
    private static String matched(final List<Matched> matched) {
        final StringBuilder in = new StringBuilder();
        final StringBuilder out = new StringBuilder();
        for (Matched one : matched) {
            final StringBuilder sb = one.stage().startsWith("in") ? in : out;
            if (!sb.isEmpty()) {
                sb.append(' ');
            }
            sb.append(where(one.rule().file(), one.rule().line()));
        }
        return out.isEmpty() ? in.toString() : (in + " | " + out).strip();
    }

    private static List<String> ports(final FlowAnswer answer) {
        final List<String> ports = new ArrayList<>();
        for (FlowAnswer.Nat.Choice choice : answer.nat().choices()) {
            for (PortRange range : choice.ports()) {
                ports.add(range.toString());
            }
        }
        return ports;
    }
}

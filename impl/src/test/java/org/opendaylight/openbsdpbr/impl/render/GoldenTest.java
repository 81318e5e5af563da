/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.opendaylight.openbsdpbr.api.files.ManagedFile;
import org.opendaylight.openbsdpbr.api.intent.RouterIntent;

/**
 * Batfish-style golden tests: each case's rendered files, their metadata and the lints, byte for byte against
 * {@code src/test/resources/render/<case>/}.
 */
class GoldenTest {
    private static final Map<String, Supplier<RouterIntent>> CASES = Map.ofEntries(
        Map.entry("seed-router", GoldenFixtures::seedRouter),
        Map.entry("pppoe-ipv6-rfc4638", GoldenFixtures::pppoeIpv6Rfc4638),
        Map.entry("map-e-portset", GoldenFixtures::mapEPortset),
        Map.entry("branch-dhcp", GoldenFixtures::branchDhcp),
        Map.entry("minimal", GoldenFixtures::minimal),
        Map.entry("ipv6-seed-router", GoldenFixtures::seedRouterIpv6),
        Map.entry("ipv6-split-reserve", GoldenFixtures::ipv6SplitReserve),
        Map.entry("ipv6-pppoe-pd", GoldenFixtures::ipv6PppoePd),
        Map.entry("ipv6-ula", GoldenFixtures::ipv6Ula),
        Map.entry("failover-seed-router", FailoverFixtures::seedRouterFailover),
        Map.entry("failover-single-uplink", FailoverFixtures::singleUplink),
        Map.entry("failover-keep-kill", FailoverFixtures::keepKill),
        Map.entry("failover-three-tiers", FailoverFixtures::threeTiers));

    static Stream<Arguments> cases() {
        return CASES.keySet().stream().sorted().map(Arguments::of);
    }

    private static String resource(final String path) throws IOException {
        try (InputStream in = GoldenTest.class.getResourceAsStream("/render/" + path)) {
            assertThat(in).as("golden file render/%s", path).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void filesMatchTheGoldenOnes(final String name) throws IOException {
        final RenderResult result = Renderer.render(CASES.get(name).get());
        final List<String> listing = new ArrayList<>();
        for (ManagedFile file : result.files().files().values()) {
            listing.add(GoldenListing.line(file));
            assertThat(file.content()).as("%s %s", name, file.path()).isEqualTo(resource(name + file.path()));
        }
        assertThat(String.join("\n", listing) + "\n").as("%s files.txt", name).isEqualTo(resource(name
            + "/files.txt"));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void lintsMatchTheGoldenOnes(final String name) throws IOException {
        final RenderResult result = Renderer.render(CASES.get(name).get());
        final StringBuilder sb = new StringBuilder();
        for (Lint lint : result.lints()) {
            sb.append(lint).append('\n');
        }
        assertThat(sb.toString()).as("%s lints.txt", name).isEqualTo(resource(name + "/lints.txt"));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void renderingIsDeterministic(final String name) {
        final RenderResult first = Renderer.render(CASES.get(name).get());
        final RenderResult second = Renderer.render(CASES.get(name).get());
        assertThat(second.files()).isEqualTo(first.files());
        assertThat(second.files().revision()).isEqualTo(first.files().revision()).hasSize(64);
    }
}

/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.opendaylight.openbsdpbr.api.files.FileSet;
import org.opendaylight.openbsdpbr.impl.render.Renderer;

/**
 * The flow engine's comparison of a router's files with the rendering of their import: hand-written files that say
 * what the rendering says in an admin's words answer every flow the same; the seed's hand-written files differ
 * exactly where the rendering is stricter (default-deny on the PPPoE parent em0) or a line was unmapped (the stock
 * X11 block).
 */
class FlowEquivalenceTest {
    private static final Path GOLDEN_SEED = Path.of("src", "test", "resources", "render", "seed-router");

    @Test
    void rewordedFilesAnswerEveryFlowTheSame() {
        final Map<String, String> files = new TreeMap<>(ImportSeedTest.files(GOLDEN_SEED));
        // as an admin writes it: a macro for the uplink, continuation lines, tabs, no section comments
        files.put("/etc/pf.conf", files.get("/etc/pf.conf")
            .replace("# Rendered by openbsd-pbr for router seed-router; local changes are overwritten.\n",
                "ext_if = \"pppoe0\"\n")
            .replace("block in on pppoe0\n", "block in \\\n\ton $ext_if\n")
            .replace("pass in on vport0 inet from vport0:network to <via_pppoe> rtable 1",
                "pass in on vport0 inet \\\n    from vport0:network \\\n    to <via_pppoe> rtable 1")
            .replaceAll("(?m)^# (Macros|Tables|Options|NAT|Filter|Inbound|Policy).*\n", ""));
        files.put("/etc/hostname.vport0", "description \"the router on the LAN\"\ninet 192.168.1.1 255.255.255.0\n"
            + "up\n");
        final ImportResult imported = RouterImporter.importFiles("seed-router", files);
        final FileSet rendered = Renderer.render(imported.intent()).files();
        final FlowEquivalence.Result result = FlowEquivalence.compare(files, rendered);
        assertThat(result.flows()).isGreaterThan(10_000);
        assertThat(result.differences()).isEmpty();
        assertThat(result.differing()).isZero();
        assertThat(imported.unmapped()).extracting(Unmapped::text).containsExactly("ext_if = \"pppoe0\"");
    }

    @Test
    void seedHandWrittenFilesDifferWhereTheRenderingIsStricter() {
        final Map<String, String> files = ImportSeedTest.files(Path.of("..", "examples", "seed-handwritten"));
        final ImportResult imported = RouterImporter.importFiles("seed-router", files);
        final FlowEquivalence.Result result = FlowEquivalence.compare(files, Renderer.render(imported.intent())
            .files());
        // em0 (the PPPoE parent) gets the rendering's default-deny; elsewhere only the stock X11 block (unmapped)
        assertThat(result.differences()).isNotEmpty().allSatisfy(difference -> assertThat(difference)
            .matches(".* in on em0: router (?!BLOCKED).*, rendered BLOCKED.*|tcp .* port 6000 in on (?!em0).*: router"
                + " BLOCKED.*, rendered (?!BLOCKED).*"));
        assertThat(result.differences()).anyMatch(difference -> difference.contains(" in on em0: "))
            .anyMatch(difference -> difference.contains(" port 6000 in on vport0"));
        assertThat(result.differing()).isLessThan(result.flows() / 2);
    }

    @Test
    void ipv6ForTheLanThatTheImportCannotMapShowsInIpv6FlowsOnly() {
        // the IPv6 LAN of the ipv6 golden case (prefix delegation, router advertisements) is unmapped by the import:
        // its rendering misses it, and only IPv6 flows notice
        final Map<String, String> files = ImportSeedTest.files(Path.of("src", "test", "resources", "render",
            "ipv6-seed-router"));
        final ImportResult imported = RouterImporter.importFiles(null, files);
        assertThat(imported.unmapped()).extracting(Unmapped::file).contains("/etc/rad.conf", "/etc/dhcp6leased.conf");
        final FlowEquivalence.Result result = FlowEquivalence.compare(files, Renderer.render(imported.intent())
            .files());
        assertThat(result.differing()).isPositive();
        assertThat(result.differences()).allSatisfy(difference -> assertThat(difference).matches("[a-z]+ [0-9a-f:]+"
            + " -> [0-9a-f:]+ .*"));
    }
}

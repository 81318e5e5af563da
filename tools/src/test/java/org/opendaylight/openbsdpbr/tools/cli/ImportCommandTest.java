/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.tools.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opendaylight.openbsdpbr.api.intent.NatRule;
import org.opendaylight.openbsdpbr.api.intent.RouterIntent;
import org.opendaylight.openbsdpbr.api.intent.SharedIntent;
import org.opendaylight.openbsdpbr.impl.importer.ImportResult;
import org.opendaylight.openbsdpbr.impl.importer.IntentJsonWriter;
import org.opendaylight.openbsdpbr.impl.importer.RouterImporter;
import org.opendaylight.openbsdpbr.tools.cli.Seed.Run;
import org.opendaylight.openbsdpbr.tools.intentjson.IntentJsonException;

/**
 * {@code openbsd-pbr import}: the seed's hand-written files and every golden case's rendered files to intent JSON
 * that the controller's own JSON codec reads back to the same intent records; the report lists the unmapped lines
 * and how each file compares with the rendering.
 */
class ImportCommandTest {
    private static final Path HANDWRITTEN = Path.of("..", "examples", "seed-handwritten");
    private static final Path GOLDEN = Path.of("..", "impl", "src", "test", "resources", "render");

    @TempDir
    Path tmp;

    private static RouterIntent readBack(final Path json, final String router) throws IntentJsonException {
        return Seed.json().load(json, router).effective(router);
    }

    /**
     * The intent with its NAT sources in one order: they are an {@code ordered-by system} leaf-list, which the
     * controller's mapping puts in its own fixed order when it reads them (impl/mapping Order).
     */
    private static RouterIntent unordered(final RouterIntent intent) {
        final SharedIntent shared = intent.shared();
        return intent.withShared(new SharedIntent(shared.tables(), shared.hostGroups(), shared.policyRoutes(),
            shared.nat().stream().map(rule -> new NatRule(rule.uplink(), rule.sources().stream().sorted().toList()))
                .toList(), shared.inboundServices(), shared.dnsResolver(), shared.sshd()));
    }

    @Test
    void seedHandWrittenFilesImportWithTheirUnmappedLines() throws IOException, IntentJsonException {
        final Path out = tmp.resolve("intent.json");
        final Run run = Seed.run("import", HANDWRITTEN.toString(), "--router", "seed-router", "--out",
            out.toString());
        assertThat(run.status()).as(run.error()).isZero();
        assertThat(run.out()).startsWith("router seed-router: 10 files, 5 interfaces, 1 uplinks, 2 policy routes,"
            + " 4 unmapped lines\n")
            .contains("unmapped /etc/pf.conf:30: pass out on pppoe0 inet modulate state (pflow) -- state options")
            .contains("note unwind is configured but not enabled at boot")
            .contains("file /etc/hostname.lo1: new: the rendering adds it\n")
            .contains("file /etc/hostname.veb0: the same lines when rendered (comments and blanks differ)\n")
            .doesNotContain("authkey");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out))).isEqualTo("rw-------");
        final ImportResult expected = RouterImporter.importFiles("seed-router", ImportCommand.read(HANDWRITTEN));
        assertThat(readBack(out, "seed-router")).isEqualTo(expected.intent());
    }

    @Test
    void everyGoldenCaseImportsByteIdenticalAndItsJsonReadsBack() throws IOException, IntentJsonException {
        // the golden cases whose every element the import maps (not the IPv6 LAN ones: rad.conf, dhcp6leased.conf)
        for (String name : List.of("branch-dhcp", "map-e-portset", "minimal", "pppoe-ipv6-rfc4638", "seed-router")) {
            final Path dir = GOLDEN.resolve(name);
            final Path out = tmp.resolve(dir.getFileName() + ".json");
            final Run run = Seed.run("import", dir.toString(), "--out", out.toString());
            assertThat(run.status()).as(dir + ": " + run.error()).isZero();
            assertThat(run.out()).as(dir.toString()).contains(" 0 unmapped lines\n").doesNotContain("differ")
                .doesNotContain("new:").doesNotContain("not rendered");
            final ImportResult expected = RouterImporter.importFiles(null, ImportCommand.read(dir));
            assertThat(unordered(readBack(out, expected.intent().name()))).as(dir.toString())
                .isEqualTo(unordered(expected.intent()));
            assertThat(Files.readString(out)).isEqualTo(IntentJsonWriter.write(expected.intent()));
        }
    }

    @Test
    void usageErrors() {
        assertThat(Seed.run("import", "--out", "x.json").status()).isEqualTo(2);
        assertThat(Seed.run("import", HANDWRITTEN.toString()).status()).isEqualTo(2);
        final Run missing = Seed.run("import", tmp.toString(), "--out", tmp.resolve("x.json").toString());
        assertThat(missing.status()).isEqualTo(1);
        assertThat(missing.error()).contains("no etc directory");
        final Run nameless = Seed.run("import", HANDWRITTEN.toString(), "--out", tmp.resolve("x.json").toString());
        assertThat(nameless.status()).isEqualTo(1);
        assertThat(nameless.error()).contains("give its name");
    }
}

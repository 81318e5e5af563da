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

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opendaylight.openbsdpbr.api.files.LineBlock;
import org.opendaylight.openbsdpbr.tools.cli.Seed.Run;

class RenderCommandTest {
    @TempDir
    Path tmp;

    /** Every file under {@code dir}, by its path relative to {@code dir}, with its mode. */
    private static Map<String, String> tree(final Path dir) throws IOException {
        final Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files.put("/" + dir.relativize(file), PosixFilePermissions.toString(Files.getPosixFilePermissions(
                    file)) + " " + Files.readString(file, StandardCharsets.UTF_8));
            }
        }
        return files;
    }

    @Test
    void theSeedExampleRendersToTheGoldenFilesWithTheirModes() throws IOException {
        final Path out = tmp.resolve("out");
        final Run run = Seed.run("render", Seed.EXAMPLE.toString(), "--out", out.toString());
        assertThat(run.status()).as(run.error()).isZero();
        assertThat(run.error()).isEmpty();

        final Map<String, Seed.GoldenFile> golden = Seed.golden();
        final Map<String, String> written = tree(out);
        written.remove("/" + OutputDir.MARKER);
        assertThat(written.keySet()).containsExactlyElementsOf(golden.keySet());
        for (Seed.GoldenFile file : golden.values()) {
            final Path path = out.resolve(file.path().substring(1));
            assertThat(Files.readString(path, StandardCharsets.UTF_8)).as(file.path()).isEqualTo(file.written());
            assertThat(Files.getPosixFilePermissions(path)).as(file.path())
                .isEqualTo(OutputDir.permissions(file.mode()));
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve("etc/hostname.pppoe0"))))
            .isEqualTo("rw-------");
        assertThat(run.out()).startsWith("seed-router: 13 files under " + out + "\n")
            .containsPattern("\nrevision [0-9a-f]{64}\n$");
    }

    /**
     * {@code examples/seed-router-ipv6} (the seed with LAN IPv6) renders to the golden files of {@code
     * ipv6-seed-router}; sysctl.conf, of which openbsd-pbr owns a block of lines, is written as that block between
     * its markers, as the agent appends it to a router's empty file.
     */
    @Test
    void theSeedWithLanIpv6RendersToItsGoldenFiles() throws IOException {
        final Map<String, String> written = rendersToGolden("seed-router-ipv6", "ipv6-seed-router");
        assertThat(written.get("/etc/dhcp6leased.conf")).contains("request prefix delegation on em0 for {"
            + " reserve/64 vport0/64 }\n");
    }

    /**
     * {@code examples/seed-router-failover} (the seed with failover both ways, as RESTCONF takes it: the YANG defaults
     * of interval, down-after, up-after and the state actions filled in by the mapping) renders to the golden files of
     * {@code failover-seed-router}.
     */
    @Test
    void theSeedWithFailoverRendersToItsGoldenFiles() throws IOException {
        final Map<String, String> written = rendersToGolden("seed-router-failover", "failover-seed-router");
        assertThat(written).containsKeys("/etc/ifstated.conf", "/etc/pf/failover.conf",
            "/etc/pf/failover-down-pppoe.conf", "/etc/pf/failover-down-ipoe.conf");
    }

    /** render prints the failover matrix: each path's way out in each failure state, read back from the files. */
    @Test
    void theFailoverMatrixIsPrinted() {
        final Run run = Seed.run("render", Path.of("..", "examples", "seed-router-failover").toString(), "--out",
            tmp.resolve("matrix").toString());
        assertThat(run.status()).as(run.error()).isZero();
        assertThat(run.out()).contains("""
            failover matrix (where each path leaves, per failure state):
              normal (every uplink up):
                rdomain:0 -> gif0 (rtable 0)
                route:to-via-pppoe -> pppoe0 (rtable 1)
                route:from-pppoe-hosts -> pppoe0 (rtable 1)
              down-ipoe (gif0 down):
                rdomain:0 -> pppoe0 (rtable 1)
                route:to-via-pppoe -> pppoe0 (rtable 1)
                route:from-pppoe-hosts -> pppoe0 (rtable 1)
              down-pppoe (pppoe0 down):
                rdomain:0 -> gif0 (rtable 0)
                route:to-via-pppoe -> gif0 (rtable 0)
                route:from-pppoe-hosts -> gif0 (rtable 0)
              all-down (gif0, pppoe0 down):
                rdomain:0 -> gif0 (rtable 0)
                route:to-via-pppoe -> pppoe0 (rtable 1)
                route:from-pppoe-hosts -> pppoe0 (rtable 1)
            """);
    }

    /** Renders an example directory and compares every written file with a golden case's, mode included. */
    private Map<String, String> rendersToGolden(final String example, final String goldenCase) throws IOException {
        final Path golden = Path.of("..", "impl", "src", "test", "resources", "render", goldenCase);
        final Path out = tmp.resolve("out-" + example);
        final Run run = Seed.run("render", Path.of("..", "examples", example).toString(), "--out", out.toString());
        assertThat(run.status()).as(run.error()).isZero();
        final Map<String, String> written = tree(out);
        written.remove("/" + OutputDir.MARKER);
        final Map<String, String> expected = new TreeMap<>();
        for (String line : Files.readAllLines(golden.resolve("files.txt"))) {
            final String path = line.split(" ")[2];
            String content = Files.readString(golden.resolve(path.substring(1)), StandardCharsets.UTF_8);
            if (line.endsWith(" lines")) {
                content = LineBlock.MANAGED.begin() + "\n" + content + LineBlock.MANAGED.end() + "\n";
            }
            final String mode = line.split(" ")[0];
            expected.put(path, PosixFilePermissions.toString(OutputDir.permissions(Integer.parseInt(mode, 8))) + " "
                + content);
        }
        assertThat(written).containsExactlyEntriesOf(expected);
        return written;
    }

    @Test
    void aSecondRenderReplacesTheFirstAsAWhole() throws IOException {
        final Path out = tmp.resolve("out");
        assertThat(Seed.run("render", Seed.EXAMPLE.toString(), "--out", out.toString()).status()).isZero();
        final Map<String, String> first = tree(out);
        Files.writeString(out.resolve("etc/hostname.em9"), "stale\n", StandardCharsets.UTF_8);

        final Path changed = Seed.copy(tmp.resolve("in"), text -> replaceOnce(text, "\"forwarder\": [",
            "\"serve-lan\": true, \"forwarder\": ["));
        final Run run = Seed.run("render", changed.toString(), "--out", out.toString());
        assertThat(run.status()).as(run.error()).isZero();
        assertThat(out.resolve("etc/hostname.em9")).doesNotExist();
        assertThat(tree(out).keySet()).isEqualTo(first.keySet());
        assertThat(run.out()).contains("\nwarning intent/dns-resolver/serve-lan: unwind(8) listens on localhost only")
            .contains(" [unwind-serve-lan]\n");
        try (Stream<Path> siblings = Files.list(tmp)) {
            assertThat(siblings.map(path -> path.getFileName().toString())).containsExactlyInAnyOrder("out", "in");
        }
    }

    @Test
    void aDirectoryItDidNotWriteIsLeftAlone() throws IOException {
        final Path out = Files.createDirectories(tmp.resolve("home"));
        Files.writeString(out.resolve("notes.txt"), "mine\n", StandardCharsets.UTF_8);
        final Run run = Seed.run("render", Seed.EXAMPLE.toString(), "--out", out.toString());
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.error()).contains("is not empty and was not written by 'openbsd-pbr render'");
        assertThat(tree(out)).containsOnlyKeys("/notes.txt");
    }

    @Test
    void anInvalidIntentWritesNothing() throws IOException {
        final Path out = tmp.resolve("out");
        final Path badValue = Seed.copy(tmp.resolve("bad-value"), text -> replaceOnce(text, "\"mtu\": 1454",
            "\"mtu\": 1600"));
        Run run = Seed.run("render", badValue.toString(), "--out", out.toString());
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.error())
            .contains("routers/router[name=seed-router]/intent/uplink[name=pppoe]/pppoe/mtu: '1600'");
        assertThat(out).doesNotExist();

        assertThat(Seed.run("render", Seed.EXAMPLE.toString(), "--out", out.toString()).status()).isZero();
        final Map<String, String> before = tree(out);
        final Path dangling = Seed.copy(tmp.resolve("dangling"), text -> replaceOnce(text,
            "\"via-uplink\": \"pppoe\"", "\"via-uplink\": \"nowhere\""));
        run = Seed.run("render", dangling.toString(), "--out", out.toString());
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.error()).startsWith("error: routers/router[name=seed-router]/intent/policy-route"
            + "[name=to-via-pppoe]/via-uplink: ").endsWith("error: nothing written\n");
        assertThat(run.out()).isEmpty();
        assertThat(tree(out)).isEqualTo(before);
    }

    @Test
    void severalRoutersGoEachIntoItsOwnDirectory() throws IOException {
        final Path in = Seed.copy(tmp.resolve("in"), text -> text);
        Files.copy(in.resolve("intent.json"), in.resolve("intent-b.json"));
        Files.writeString(in.resolve("router-b.json"), "{\"openbsd-pbr:router\": [{\"name\": \"branch-2\","
            + " \"management\": {\"address\": \"192.0.2.2\"}}]}", StandardCharsets.UTF_8);
        final Path out = tmp.resolve("out");
        final Run all = Seed.run("render", in.toString(), "--out", out.toString());
        assertThat(all.status()).as(all.error()).isZero();
        assertThat(out.resolve("branch-2/etc/pf.conf")).isRegularFile();
        assertThat(out.resolve("seed-router/etc/pf.conf")).isRegularFile();
        assertThat(Files.readString(out.resolve("branch-2/etc/pf.conf"), StandardCharsets.UTF_8))
            .contains("for router branch-2");
        assertThat(Files.readAllLines(out.resolve(OutputDir.MARKER))).hasSize(2);

        final Path one = tmp.resolve("one");
        final Run single = Seed.run("render", in.toString(), "--router=branch-2", "--out", one.toString());
        assertThat(single.status()).as(single.error()).isZero();
        assertThat(one.resolve("etc/pf.conf")).isRegularFile();
        assertThat(single.out()).startsWith("branch-2: 13 files under " + one);
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertThat(Seed.run("render").status()).isEqualTo(2);
        assertThat(Seed.run("render", Seed.EXAMPLE.toString()).error()).contains("missing --out");
        assertThat(Seed.run("render", "a", "b", "--out", "x").status()).isEqualTo(2);
        assertThat(Seed.run("render", Seed.EXAMPLE.toString(), "--out", "x", "--force").error())
            .contains("unknown option --force");
        assertThat(Seed.run("render", "--help").out()).startsWith(RenderCommand.USAGE);
    }
}

/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UstarTest {
    private static final Path TAR = Path.of("/usr/bin/tar");

    @Test
    void roundTripKeepsNamesModesAndContent() {
        final String longName = "files/etc/" + "d".repeat(60) + "/" + "f".repeat(60);
        final byte[] archive = Ustar.write(List.of(
            Ustar.Entry.directory("files"),
            Ustar.Entry.file("files/etc/pf.conf", 0600, "pass all\n".getBytes(StandardCharsets.UTF_8)),
            Ustar.Entry.file(longName, 0644, new byte[0])));

        assertThat(archive.length % 10240).isZero();
        final List<Ustar.Entry> entries = Ustar.read(archive);
        assertThat(entries).extracting(Ustar.Entry::name).containsExactly("files", "files/etc/pf.conf", longName);
        assertThat(entries.get(0).directory()).isTrue();
        assertThat(entries.get(1).mode()).isEqualTo(0600);
        assertThat(new String(entries.get(1).content(), StandardCharsets.UTF_8)).isEqualTo("pass all\n");
        assertThat(entries.get(2).content()).isEmpty();
    }

    @Test
    void damagedHeaderIsRefused() {
        final byte[] archive = Ustar.write(List.of(Ustar.Entry.file("manifest", 0600, new byte[] { 'x' })));
        archive[10] ^= 1;
        assertThatThrownBy(() -> Ustar.read(archive)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("checksum");
    }

    @Test
    void truncatedArchiveIsRefused() {
        final byte[] archive = Ustar.write(List.of(Ustar.Entry.file("manifest", 0600, new byte[700])));
        final byte[] cut = java.util.Arrays.copyOf(archive, 700);
        assertThatThrownBy(() -> Ustar.read(cut)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readingUntilACutStopsAtAHeaderAndRefusesACutContent() {
        final byte[] archive = Ustar.write(List.of(Ustar.Entry.file("plan", 0600, new byte[] { 'p' }),
            Ustar.Entry.file("manifest", 0600, new byte[] { 'm' })));
        // plan: header 0-511, content 512-1023; manifest: header 1024-1535, content 1536-2047
        assertThat(Ustar.readUntilCut(java.util.Arrays.copyOf(archive, 1300))).extracting(Ustar.Entry::name)
            .containsExactly("plan");
        assertThat(Ustar.readUntilCut(java.util.Arrays.copyOf(archive, 2048))).extracting(Ustar.Entry::name)
            .containsExactly("plan", "manifest");
        assertThatThrownBy(() -> Ustar.readUntilCut(java.util.Arrays.copyOf(archive, 1600)))
            .hasMessageContaining("truncated");
        assertThatThrownBy(() -> Ustar.read(java.util.Arrays.copyOf(archive, 1300)))
            .hasMessageContaining("end blocks");
    }

    @Test
    void namesLeavingTheArchiveAreRefused() {
        assertThatThrownBy(() -> Ustar.Entry.file("../etc/passwd", 0600, new byte[0]))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Ustar.Entry.file("/etc/passwd", 0600, new byte[0]))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void systemTarReadsOurArchivesAndWeReadItsArchives(@TempDir final Path dir) throws Exception {
        assumeTrue(Files.isExecutable(TAR), "no /usr/bin/tar");
        final Path ours = dir.resolve("ours.tar");
        Files.write(ours, Ustar.write(List.of(Ustar.Entry.directory("files"),
            Ustar.Entry.file("files/etc/hostname.pppoe0", 0600, "inet 0.0.0.0\n".getBytes(StandardCharsets.UTF_8)),
            Ustar.Entry.file("manifest", 0600, "m\n".getBytes(StandardCharsets.UTF_8)))));
        final Path out = Files.createDirectory(dir.resolve("out"));
        run(dir, TAR.toString(), "-xf", ours.toString(), "-C", out.toString());
        assertThat(out.resolve("files/etc/hostname.pppoe0")).hasContent("inet 0.0.0.0");
        assertThat(out.resolve("manifest")).hasContent("m");

        run(out, TAR.toString(), "-cf", dir.resolve("theirs.tar").toString(), "manifest", "files");
        final List<Ustar.Entry> entries = Ustar.read(Files.readAllBytes(dir.resolve("theirs.tar")));
        assertThat(entries).extracting(Ustar.Entry::name)
            .contains("manifest", "files", "files/etc", "files/etc/hostname.pppoe0");
    }

    private static void run(final Path dir, final String... command) throws IOException, InterruptedException {
        final Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
    }
}

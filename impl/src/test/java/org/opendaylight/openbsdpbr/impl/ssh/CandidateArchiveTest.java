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

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opendaylight.openbsdpbr.api.device.Candidate;
import org.opendaylight.openbsdpbr.api.device.FileEntry;
import org.opendaylight.openbsdpbr.api.files.FileSet;
import org.opendaylight.openbsdpbr.api.files.ManagedFile;
import org.opendaylight.openbsdpbr.api.plan.ApplyPlan;
import org.opendaylight.openbsdpbr.api.plan.PlanStep;

class CandidateArchiveTest {
    private static final FileSet FILES = FileSet.of(List.of(
        ManagedFile.of("/etc/pf.conf", "pass all\n"),
        ManagedFile.secretOf("/etc/hostname.pppoe0", "inet 0.0.0.0 authkey 'secret'\n")));

    @Test
    void candidateCarriesPlansFilesAndManifestLast() {
        final var candidate = new Candidate(FILES, new ApplyPlan(List.of(new PlanStep.LoadPf())),
            new ApplyPlan(List.of(new PlanStep.Netstart("pppoe0"), new PlanStep.LoadPf())));
        final byte[] archive = CandidateArchive.candidate(candidate);

        final List<Ustar.Entry> entries = Ustar.read(archive);
        assertThat(entries).extracting(Ustar.Entry::name).containsExactly("plan", "revert-plan", "files",
            "files/etc/hostname.pppoe0", "files/etc/pf.conf", "manifest");
        assertThat(entries).filteredOn(e -> !e.directory()).allSatisfy(e -> assertThat(e.mode()).isEqualTo(0600));

        final CandidateArchive.Contents contents = CandidateArchive.read(archive);
        assertThat(contents.plan()).isEqualTo("pfctl-load\n");
        assertThat(contents.revertPlan()).isEqualTo("netstart pppoe0\npfctl-load\n");
        assertThat(contents.manifest()).containsExactly(FileEntry.of(FILES.get("/etc/hostname.pppoe0").orElseThrow()),
            FileEntry.of(FILES.get("/etc/pf.conf").orElseThrow()));
        assertThat(contents.toFileSet()).isEqualTo(FILES);
    }

    @Test
    void manifestLinesAreShaModeOwnerGroupPath() {
        final ManagedFile file = ManagedFile.of("/etc/pf.conf", "pass all\n");
        assertThat(CandidateArchive.manifestLine(FileEntry.of(file)))
            .isEqualTo(file.sha256() + " 0644 root wheel /etc/pf.conf");
        assertThat(CandidateArchive.parseManifestLine(file.sha256() + " 0644 root wheel /etc/pf.conf"))
            .isEqualTo(FileEntry.of(file));
        assertThatThrownBy(() -> CandidateArchive.parseManifestLine("abc /etc/pf.conf"))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aBlockOfLinesIsMarkedInTheManifestAndReadsBackAsOne() {
        final ManagedFile lines = ManagedFile.ownedLines("/etc/sysctl.conf", "net.inet.ip.forwarding=1\n");
        final String line = CandidateArchive.manifestLine(FileEntry.of(lines));
        assertThat(line).isEqualTo(lines.sha256() + " 0644 root wheel /etc/sysctl.conf lines");
        assertThat(CandidateArchive.parseManifestLine(line)).isEqualTo(FileEntry.of(lines));
        assertThatThrownBy(() -> CandidateArchive.parseManifestLine(line + "x"))
            .isInstanceOf(IllegalArgumentException.class);
        final FileSet files = FileSet.of(List.of(lines, ManagedFile.of("/etc/pf.conf", "pass\n")));
        final FileSet back = CandidateArchive.read(CandidateArchive.candidate(Candidate.of(files))).toFileSet();
        assertThat(back).isEqualTo(files);
        assertThat(back.revision()).isEqualTo(files.revision());
    }

    @Test
    void generationArchiveReadsBackAsFileSet() {
        final List<FileEntry> manifest = FILES.files().values().stream().map(FileEntry::of).toList();
        final byte[] archive = CandidateArchive.generation(manifest, Map.of(
            "/etc/pf.conf", "pass all\n".getBytes(StandardCharsets.UTF_8),
            "/etc/hostname.pppoe0", "inet 0.0.0.0 authkey 'secret'\n".getBytes(StandardCharsets.UTF_8)));
        final FileSet files = CandidateArchive.read(archive).toFileSet();
        assertThat(files).isEqualTo(FILES);
        assertThat(files.get("/etc/hostname.pppoe0").orElseThrow().secret()).isTrue();
    }

    @Test
    void unknownMembersAreRefused() {
        final byte[] archive = Ustar.write(List.of(Ustar.Entry.file("evil", 0600, new byte[0])));
        assertThatThrownBy(() -> CandidateArchive.read(archive)).hasMessageContaining("unexpected archive member");
    }
}

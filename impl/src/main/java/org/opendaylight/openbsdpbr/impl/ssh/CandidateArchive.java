/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.ssh;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opendaylight.openbsdpbr.api.device.Candidate;
import org.opendaylight.openbsdpbr.api.device.FileEntry;
import org.opendaylight.openbsdpbr.api.files.FileSet;
import org.opendaylight.openbsdpbr.api.files.ManagedFile;
import org.opendaylight.openbsdpbr.api.plan.ApplyPlan;

/**
 * The archives the device protocol exchanges with the router-side script.
 *
 * <p>A candidate is {@code plan}, {@code revert-plan}, {@code files/etc/...} and {@code manifest}, in that order: the
 * manifest comes last so that a complete manifest proves that everything before it arrived, and the script checks
 * every file against the manifest's SHA-256 before it accepts the candidate. Manifest lines are
 * {@code SHA256 MODE OWNER GROUP PATH}, followed by the word {@code lines} for a file of which openbsd-pbr owns only a
 * block of lines ({@link ManagedFile.Ownership#LINES}: its {@code files/...} member is the block's body). A line
 * without the word is a whole file, so manifests written by older agents read the same. A generation read back is
 * {@code manifest} and {@code files/...}.
 */
public final class CandidateArchive {
    public static final String PLAN = "plan";
    public static final String REVERT_PLAN = "revert-plan";
    public static final String MANIFEST = "manifest";
    public static final String FILES = "files";
    /** The manifest word that marks a file owned as a block of lines. */
    public static final String LINES = "lines";
    /**
     * A manifest line as the router-side script accepts it (its MANIFEST_RE, which a test compares), a POSIX extended
     * regular expression that means the same to {@link java.util.regex.Pattern} and {@code grep -E}.
     */
    public static final String MANIFEST_LINE = "[0-9a-f]{64} [0-7]{4} [a-z_][a-z0-9_]{0,31} [a-z_][a-z0-9_]{0,31} "
        + "/etc/[A-Za-z0-9._/-]{1,100}( " + LINES + ")?";

    /**
     * An archive taken apart.
     *
     * @param manifest the manifest lines, in order
     * @param files the content of each manifest path (by router path, e.g. {@code /etc/pf.conf})
     * @param plan the plan text, if the archive had one
     * @param revertPlan the revert plan text, if the archive had one
     */
    public record Contents(List<FileEntry> manifest, Map<String, byte[]> files, String plan, String revertPlan) {
        public Contents {
            manifest = List.copyOf(manifest);
            files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
            requireNonNull(plan, "plan");
            requireNonNull(revertPlan, "revertPlan");
        }

        /**
         * The files as a file set. Whole files whose mode gives group and others no access are marked secret.
         *
         * @throws IllegalArgumentException if a manifest path has no content or a file is not valid UTF-8 text
         */
        public FileSet toFileSet() {
            final var result = new ArrayList<ManagedFile>();
            for (FileEntry entry : manifest) {
                final byte[] content = files.get(entry.path());
                if (content == null) {
                    throw new IllegalArgumentException("no content for " + entry.path());
                }
                final boolean whole = entry.ownership() == ManagedFile.Ownership.WHOLE;
                result.add(new ManagedFile(entry.path(), entry.owner(), entry.group(), entry.mode(),
                    new String(content, StandardCharsets.UTF_8), whole && (entry.mode() & 077) == 0,
                    entry.ownership()));
            }
            return FileSet.of(result);
        }
    }

    private CandidateArchive() {
        // utility
    }

    /** The archive {@code edit-candidate} reads. */
    public static byte[] candidate(final Candidate candidate) {
        final var entries = new ArrayList<Ustar.Entry>();
        entries.add(text(PLAN, candidate.plan().toPlanText()));
        entries.add(text(REVERT_PLAN, candidate.revertPlan().toPlanText()));
        entries.add(Ustar.Entry.directory(FILES));
        final var manifest = new ArrayList<FileEntry>();
        for (ManagedFile file : candidate.files().files().values()) {
            entries.add(Ustar.Entry.file(FILES + file.path(), 0600, file.content().getBytes(StandardCharsets.UTF_8)));
            manifest.add(FileEntry.of(file));
        }
        entries.add(text(MANIFEST, manifestText(manifest)));
        return Ustar.write(entries);
    }

    /** The archive {@code rollback} reads: only the two plans. */
    public static byte[] plans(final ApplyPlan plan, final ApplyPlan revertPlan) {
        return Ustar.write(List.of(text(PLAN, plan.toPlanText()), text(REVERT_PLAN, revertPlan.toPlanText())));
    }

    /** The archive {@code show-generation} writes: manifest and files (used by the lab of simulated routers). */
    public static byte[] generation(final List<FileEntry> manifest, final Map<String, byte[]> files) {
        final var entries = new ArrayList<Ustar.Entry>();
        entries.add(text(MANIFEST, manifestText(manifest)));
        entries.add(Ustar.Entry.directory(FILES));
        for (FileEntry entry : manifest) {
            entries.add(Ustar.Entry.file(FILES + entry.path(), 0600, requireNonNull(files.get(entry.path()))));
        }
        return Ustar.write(entries);
    }

    /** Take an archive apart; paths outside {@code files/} other than the three known names are refused. */
    public static Contents read(final byte[] archive) {
        String plan = "";
        String revertPlan = "";
        List<FileEntry> manifest = List.of();
        final var files = new LinkedHashMap<String, byte[]>();
        for (Ustar.Entry entry : Ustar.read(archive)) {
            final String name = entry.name();
            if (entry.directory()) {
                continue;
            }
            if (name.startsWith(FILES + "/")) {
                files.put(name.substring(FILES.length()), entry.content());
            } else {
                final String content = new String(entry.content(), StandardCharsets.UTF_8);
                switch (name) {
                    case PLAN -> plan = content;
                    case REVERT_PLAN -> revertPlan = content;
                    case MANIFEST -> manifest = parseManifest(content);
                    default -> throw new IllegalArgumentException("unexpected archive member " + name);
                }
            }
        }
        return new Contents(manifest, files, plan, revertPlan);
    }

    /** Manifest text: one {@code SHA256 MODE OWNER GROUP PATH [lines]} line per entry. */
    public static String manifestText(final List<FileEntry> manifest) {
        final var text = new StringBuilder();
        for (FileEntry entry : manifest) {
            text.append(manifestLine(entry)).append('\n');
        }
        return text.toString();
    }

    /** One manifest line. */
    public static String manifestLine(final FileEntry entry) {
        return entry.sha256() + ' ' + entry.modeString() + ' ' + entry.owner() + ' ' + entry.group() + ' '
            + entry.path() + (entry.ownership() == ManagedFile.Ownership.LINES ? " " + LINES : "");
    }

    /** Parse manifest text. */
    public static List<FileEntry> parseManifest(final String text) {
        final var result = new ArrayList<FileEntry>();
        for (String line : text.split("\n")) {
            if (!line.isBlank()) {
                result.add(parseManifestLine(line));
            }
        }
        return result;
    }

    /** Parse one {@code SHA256 MODE OWNER GROUP PATH [lines]} line. */
    public static FileEntry parseManifestLine(final String line) {
        final String[] words = line.trim().split(" ");
        if (words.length != 5 && (words.length != 6 || !LINES.equals(words[5]))) {
            throw new IllegalArgumentException("bad manifest line: " + line);
        }
        try {
            return new FileEntry(words[4], words[2], words[3], Integer.parseInt(words[1], 8), words[0],
                words.length == 6 ? ManagedFile.Ownership.LINES : ManagedFile.Ownership.WHOLE);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad mode in manifest line: " + line, e);
        }
    }

    private static Ustar.Entry text(final String name, final String content) {
        return Ustar.Entry.file(name, 0600, content.getBytes(StandardCharsets.UTF_8));
    }
}

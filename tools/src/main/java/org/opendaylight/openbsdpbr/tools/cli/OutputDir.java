/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.tools.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.opendaylight.openbsdpbr.api.files.FileSet;
import org.opendaylight.openbsdpbr.api.files.LineBlock;
import org.opendaylight.openbsdpbr.api.files.ManagedFile;

/**
 * Writes rendered file sets into an output directory all at once: everything goes into a new directory next to it,
 * which then takes its place by renames, so a failure never leaves a partial tree. A directory written this way holds
 * a marker file, {@value #MARKER}; a directory that is not empty and has no marker is never replaced. Files get their
 * router modes (0600 for a file holding a secret); the output directory itself is 0700 (it may hold a secret).
 */
final class OutputDir {
    /** The marker file, at the top of the output directory: one line per router, {@code NAME REVISION}. */
    static final String MARKER = ".openbsd-pbr-render";

    private OutputDir() {
        // utility
    }

    /** The output directory cannot be replaced, or writing failed; nothing was changed. */
    static final class OutputException extends Exception {
        private static final long serialVersionUID = 1L;

        OutputException(final String message) {
            super(message);
        }

        OutputException(final String message, final Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Replaces {@code out} with the file sets.
     *
     * @param out the output directory; it may not exist yet
     * @param sets each file set by the subdirectory it goes to ("" for {@code out} itself), with the router's name
     * @throws OutputException when {@code out} is something else than an earlier render's output, or on an I/O error;
     *     {@code out} is then as it was
     */
    static void replace(final Path out, final List<Output> sets) throws OutputException {
        final Path target = out.toAbsolutePath().normalize();
        final Path parent = target.getParent();
        if (parent == null) {
            throw new OutputException(out + ": cannot replace the root directory");
        }
        checkReplaceable(out, target);
        final Path staging;
        try {
            Files.createDirectories(parent);
            staging = Files.createTempDirectory(parent, "." + target.getFileName() + ".new-");
        } catch (IOException e) {
            throw new OutputException(out + ": cannot create a directory next to it: " + e.getMessage(), e);
        }
        try {
            final StringBuilder marker = new StringBuilder();
            for (Output output : sets) {
                final Path base = output.subdirectory().isEmpty() ? staging : staging.resolve(output.subdirectory());
                write(base, output.files());
                marker.append(output.router()).append(' ').append(output.files().revision()).append('\n');
            }
            Files.writeString(staging.resolve(MARKER), marker, StandardCharsets.UTF_8);
            swap(staging, target);
        } catch (IOException e) {
            deleteQuietly(staging);
            throw new OutputException(out + ": " + e.getMessage(), e);
        }
    }

    /**
     * One file set to write.
     *
     * @param router the router's name
     * @param subdirectory where under the output directory ("" for the directory itself)
     * @param files the files, at their router paths under it
     */
    record Output(String router, String subdirectory, FileSet files) {
        // a value
    }

    private static void checkReplaceable(final Path out, final Path target) throws OutputException {
        if (!Files.exists(target)) {
            return;
        }
        if (!Files.isDirectory(target)) {
            throw new OutputException(out + " exists and is not a directory");
        }
        if (Files.isRegularFile(target.resolve(MARKER))) {
            return;
        }
        try (Stream<Path> entries = Files.list(target)) {
            if (entries.findAny().isPresent()) {
                throw new OutputException(out + " is not empty and was not written by 'openbsd-pbr render';"
                    + " give a new or empty directory");
            }
        } catch (IOException e) {
            throw new OutputException(out + ": " + e.getMessage(), e);
        }
    }

    /**
     * What a file holds on a router that had none: the whole content, or for a file openbsd-pbr owns only a block of
     * lines in ({@code /etc/sysctl.conf}) the block between its markers, as the agent appends it; the admin's own
     * lines of the real file are not known here.
     */
    private static String text(final ManagedFile file) {
        return file.ownership() == ManagedFile.Ownership.LINES
            ? LineBlock.MANAGED.splice(Optional.empty(), file.content()) : file.content();
    }

    private static void write(final Path base, final FileSet files) throws IOException {
        final boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        for (Map.Entry<String, ManagedFile> entry : files.files().entrySet()) {
            final ManagedFile file = entry.getValue();
            // router paths are /etc/..., checked by ManagedFile: no "..", no "//"
            final Path path = base.resolve(file.path().substring(1));
            Files.createDirectories(path.getParent());
            if (posix) {
                // created with its mode (less the umask), so a secret is never readable by others, then exact
                final Set<PosixFilePermission> permissions = permissions(file.mode());
                Files.createFile(path, PosixFilePermissions.asFileAttribute(permissions));
                Files.writeString(path, text(file), StandardCharsets.UTF_8);
                Files.setPosixFilePermissions(path, permissions);
            } else {
                Files.writeString(path, text(file), StandardCharsets.UTF_8);
            }
        }
    }

    /** Moves the staging directory into place; an earlier output is moved aside first and deleted last. */
    private static void swap(final Path staging, final Path target) throws IOException {
        if (!Files.exists(target)) {
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            return;
        }
        final Path aside = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".old-");
        Files.delete(aside);
        Files.move(target, aside, StandardCopyOption.ATOMIC_MOVE);
        try {
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            Files.move(aside, target, StandardCopyOption.ATOMIC_MOVE);
            throw e;
        }
        deleteQuietly(aside);
    }

    static Set<PosixFilePermission> permissions(final int mode) {
        final Set<PosixFilePermission> result = EnumSet.noneOf(PosixFilePermission.class);
        final PosixFilePermission[] bits = {
            PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ,
        };
        for (int bit = 0; bit < bits.length; bit++) {
            if ((mode & 1 << bit) != 0) {
                result.add(bits[bit]);
            }
        }
        return result;
    }

    private static void deleteQuietly(final Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            // best effort: a leftover hidden directory next to the output is harmless
        }
    }
}

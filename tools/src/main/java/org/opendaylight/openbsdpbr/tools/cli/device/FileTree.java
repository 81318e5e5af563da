/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.tools.cli.device;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.opendaylight.openbsdpbr.api.files.FileSet;
import org.opendaylight.openbsdpbr.api.files.ManagedFile;

/**
 * Reads rendered files from a directory laid out like the router, as {@code ./openbsd-pbr render --out DIR} writes
 * them: {@code DIR/etc/pf.conf} becomes {@code /etc/pf.conf}. Owner root, group wheel; the mode comes from the file's
 * permission bits, and a file that group and others cannot read is a secret (hostname.pppoe* are 0600).
 */
public final class FileTree {
    private FileTree() {
        // utility
    }

    /** The files under {@code dir/etc}. */
    public static FileSet read(final Path dir) throws IOException {
        final Path etc = dir.resolve("etc");
        if (!Files.isDirectory(etc)) {
            throw new IOException(dir + " has no etc/ directory (expected e.g. " + etc.resolve("pf.conf") + ")");
        }
        final var files = new ArrayList<ManagedFile>();
        final List<Path> paths;
        try (Stream<Path> walk = Files.walk(etc)) {
            paths = walk.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path file : paths) {
            final String routerPath = "/" + dir.relativize(file).toString().replace('\\', '/');
            final int mode = mode(Files.getPosixFilePermissions(file));
            final String content;
            try {
                content = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)))
                    .toString();
            } catch (CharacterCodingException e) {
                throw new IOException(file + " is not UTF-8 text", e);
            }
            try {
                files.add(new ManagedFile(routerPath, "root", "wheel", mode, content, (mode & 077) == 0));
            } catch (IllegalArgumentException e) {
                throw new IOException(file + ": " + e.getMessage(), e);
            }
        }
        return FileSet.of(files);
    }

    private static int mode(final Set<PosixFilePermission> permissions) {
        int mode = 0;
        for (PosixFilePermission permission : permissions) {
            mode |= switch (permission) {
                case OWNER_READ -> 0400;
                case OWNER_WRITE -> 0200;
                case OWNER_EXECUTE -> 0100;
                case GROUP_READ -> 040;
                case GROUP_WRITE -> 020;
                case GROUP_EXECUTE -> 010;
                case OTHERS_READ -> 04;
                case OTHERS_WRITE -> 02;
                case OTHERS_EXECUTE -> 01;
            };
        }
        return mode;
    }
}

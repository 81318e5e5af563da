/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.secret;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrivateDirectoriesTest {
    @TempDir
    Path home;

    @Test
    void directoriesOthersCouldReadBecomeOwnerOnlyAndTheRestIsLeftAlone() throws IOException {
        final Path journal = Files.createDirectory(home.resolve("state"));
        Files.setPosixFilePermissions(journal, PosixFilePermissions.fromString("rwxr-xr-x"));
        final Path snapshots = Files.createDirectory(home.resolve("snapshots"));
        Files.setPosixFilePermissions(snapshots, PosixFilePermissions.fromString("rwx------"));
        final Path etc = Files.createDirectory(home.resolve("etc"));
        Files.setPosixFilePermissions(etc, PosixFilePermissions.fromString("rwxr-xr-x"));
        final Path link = Files.createSymbolicLink(home.resolve("data"), etc);

        assertThat(PrivateDirectories.restrict(home, PrivateDirectories.DATASTORE)).containsExactly(journal);
        assertThat(mode(journal)).isEqualTo("rwx------");
        assertThat(mode(snapshots)).isEqualTo("rwx------");
        assertThat(mode(etc)).as("not named, and not followed through a link").isEqualTo("rwxr-xr-x");
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(PrivateDirectories.restrict(home, List.of("missing"))).isEmpty();
    }

    private static String mode(final Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}

/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.tools.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opendaylight.openbsdpbr.impl.secret.SealedSecret;
import org.opendaylight.openbsdpbr.impl.secret.SecretKeys;

class SecretKeysCommandTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream error = new ByteArrayOutputStream();

    @Test
    void makesAPrivateKeyFileOnceThenRotatesItKeepingTheOldKeys() throws Exception {
        final Path file = dir.resolve("etc").resolve(SecretKeys.FILE_NAME);
        assertThat(run(file.toString())).isZero();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        final SecretKeys first = SecretKeys.load(file);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("sealing under key " + first.currentId())
            .doesNotContain(Files.readString(file).lines().filter(line -> line.startsWith("seal-key")).findFirst()
                .orElseThrow().substring("seal-key ".length()));
        final String sealed = new SealedSecret(first, null).seal("kept");

        assertThat(run(file.toString())).isEqualTo(1);
        assertThat(error.toString(StandardCharsets.UTF_8)).contains("exists").contains("--rotate");

        assertThat(run(file.toString(), "--rotate")).isZero();
        final SecretKeys rotated = SecretKeys.load(file);
        assertThat(rotated.ids()).hasSize(2).endsWith(first.currentId());
        assertThat(rotated.currentId()).isNotEqualTo(first.currentId());
        assertThat(new SealedSecret(rotated, null).open(sealed)).isEqualTo("kept");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(rotated.digest().revision("0".repeat(64))).as("the digest key is kept")
            .isEqualTo(first.digest().revision("0".repeat(64)));
    }

    @Test
    void usageErrorsExitWith2() {
        assertThat(run()).isEqualTo(2);
        assertThat(run("a", "b")).isEqualTo(2);
        assertThat(run(dir.resolve("missing").toString(), "--rotate")).isEqualTo(1);
    }

    private int run(final String... args) {
        final List<String> all = new ArrayList<>();
        all.add("secret-keys");
        all.addAll(List.of(args));
        return Main.run(all, new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(error, true, StandardCharsets.UTF_8));
    }
}

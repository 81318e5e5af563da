/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretKeysTest {
    /** Base64 of the 32 ASCII bytes "0123456789abcdef0123456789abcdef". */
    private static final String KEY_A = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";
    /** Base64 of the 32 ASCII bytes "fedcba9876543210fedcba9876543210". */
    private static final String KEY_B = "ZmVkY2JhOTg3NjU0MzIxMGZlZGNiYTk4NzY1NDMyMTA=";

    @TempDir
    Path dir;

    @Test
    void keyIdsAreDerivedFromTheKeys() {
        // printf 'openbsd-pbr seal-key id\0%s' 0123456789abcdef0123456789abcdef | sha256sum | cut -c1-8
        final SecretKeys keys = SecretKeys.parse("# a comment\n\nseal-key " + KEY_A + "\nseal-key " + KEY_B
            + "\ndigest-key " + KEY_A + "\n");
        assertThat(keys.currentId()).isEqualTo("d64e9ae1");
        assertThat(keys.ids()).containsExactly("d64e9ae1", "d20bd7d3");
        assertThat(keys.toString()).doesNotContain(KEY_A).doesNotContain(KEY_B);
    }

    @Test
    void theFileTextRoundTripsAndARotationPutsANewKeyFirst() {
        final SecretKeys keys = SecretKeys.generate();
        final SecretKeys again = SecretKeys.parse(keys.format());
        assertThat(again.ids()).isEqualTo(keys.ids());
        final String sealed = new SealedSecret(keys, null).seal("x");
        assertThat(new SealedSecret(again, null).open(sealed)).isEqualTo("x");
        assertThat(again.digest().revision("0".repeat(64))).isEqualTo(keys.digest().revision("0".repeat(64)));

        final SecretKeys rotated = SecretKeys.parse(keys.withNewSealKey().format());
        assertThat(rotated.ids()).hasSize(2).endsWith(keys.currentId());
        assertThat(rotated.currentId()).isNotEqualTo(keys.currentId());
        assertThat(SecretKeys.generate().currentId()).isNotEqualTo(keys.currentId());
    }

    @Test
    void aBrokenFileIsRefusedByLineWithoutShowingAKey() {
        assertThatThrownBy(() -> SecretKeys.parse("digest-key " + KEY_A + "\n")).hasMessageContaining("no seal-key");
        assertThatThrownBy(() -> SecretKeys.parse("seal-key " + KEY_A + "\n")).hasMessageContaining("no digest-key");
        assertThatThrownBy(() -> SecretKeys.parse("seal-key " + KEY_A + "\nseal-key " + KEY_A + "\ndigest-key "
            + KEY_B)).hasMessageContaining("listed twice").hasMessageNotContaining(KEY_A);
        assertThatThrownBy(() -> SecretKeys.parse("seal-key " + KEY_A + "\ndigest-key " + KEY_B + "\ndigest-key "
            + KEY_A)).hasMessageContaining("line 3").hasMessageContaining("second");
        assertThatThrownBy(() -> SecretKeys.parse("seal-key AAAA\n")).hasMessageContaining("line 1")
            .hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> SecretKeys.parse("\nseal-key %%%\n")).hasMessageContaining("line 2")
            .hasMessageContaining("base64");
        assertThatThrownBy(() -> SecretKeys.parse("key " + KEY_A + "\n")).hasMessageContaining("line 1")
            .hasMessageNotContaining(KEY_A);
    }

    @Test
    void theFirstStartCreatesAPrivateFileAndLaterStartsReadIt() throws IOException {
        final Path file = dir.resolve("etc").resolve(SecretKeys.FILE_NAME);
        final SecretKeys.Loaded first = SecretKeys.loadOrCreate(file);
        assertThat(first.created()).isTrue();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.readString(file)).contains("seal-key ").contains("digest-key ");
        try (var listing = Files.list(file.getParent())) {
            assertThat(listing.map(path -> path.getFileName().toString())).containsExactly(SecretKeys.FILE_NAME);
        }

        final SecretKeys.Loaded second = SecretKeys.loadOrCreate(file);
        assertThat(second.created()).isFalse();
        assertThat(second.keys().ids()).isEqualTo(first.keys().ids());
    }

    @Test
    void aFileOthersMayReadIsRefused() throws IOException {
        final Path file = dir.resolve(SecretKeys.FILE_NAME);
        Files.writeString(file, SecretKeys.generate().format(), StandardCharsets.US_ASCII);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> SecretKeys.load(file)).isInstanceOf(IOException.class)
            .hasMessageContaining("rw-r--r--").hasMessageContaining("chmod 600");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        assertThat(SecretKeys.load(file).ids()).hasSize(1);
        Files.writeString(file, "seal-key nonsense\n");
        assertThatThrownBy(() -> SecretKeys.load(file)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining(file.toString()).hasMessageContaining("line 1");
    }
}

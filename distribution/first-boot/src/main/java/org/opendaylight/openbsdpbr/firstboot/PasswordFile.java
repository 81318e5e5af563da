/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.firstboot;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The file that holds the RESTCONF administrator's password: {@value #NAME} under the distribution's home, one line,
 * mode 0600 (as Jenkins keeps {@code secrets/initialAdminPassword}). It is the one place every tool that logs in takes
 * the password from (the launcher, the end-to-end and cluster tests, the benchmarks); nothing else holds it in clear.
 *
 * <p>A generated password is 24 random bytes in base64url (32 characters of {@code A-Z a-z 0-9 - _}): safe in an HTTP
 * basic-auth header, in a curl config line and in a shell word without quoting.
 */
public record PasswordFile(Path path) {
    /** Where the file lives, relative to the distribution's home. */
    public static final String NAME = "etc/admin-password";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Set<PosixFilePermission> PRIVATE =
        EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    public PasswordFile {
        requireNonNull(path);
    }

    /** The password file of the distribution at {@code home}. */
    public static PasswordFile of(final Path home) {
        return new PasswordFile(home.resolve(NAME));
    }

    /** A new random password. */
    public static String generate() {
        final byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * The password the file holds, if it exists. A file readable by others is made private first (it may come from an
     * archive or a copy that lost its mode).
     *
     * @throws IOException if it cannot be read or does not hold exactly one line of printable characters
     */
    public Optional<String> read() throws IOException {
        if (!Files.exists(path)) {
            return Optional.empty();
        }
        if (!Files.getPosixFilePermissions(path).equals(PRIVATE)) {
            Files.setPosixFilePermissions(path, PRIVATE);
        }
        final String text = Files.readString(path, StandardCharsets.UTF_8);
        final String password = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        if (!isValid(password)) {
            throw new IOException(path + ": must hold the password as one line of printable characters");
        }
        return Optional.of(password);
    }

    /** True for a password of one line of printable characters (no control characters, not empty). */
    public static boolean isValid(final String password) {
        return !password.isEmpty() && password.chars().noneMatch(c -> c < 0x20 || c == 0x7f || c >= 0x80 && c < 0xa0);
    }

    /**
     * Writes the password, mode 0600 from the start: written whole to a private temporary file in the same directory,
     * then renamed over the old file, so that a reader never sees a partial password and no copy is left behind.
     */
    public void write(final String password) throws IOException {
        if (!isValid(password)) {
            throw new IllegalArgumentException("a password is one line of printable characters");
        }
        final Path directory = requireNonNull(path.toAbsolutePath().getParent(), "the password file has a directory");
        Files.createDirectories(directory);
        final Path temporary = Files.createTempFile(directory, ".admin-password", ".tmp",
            PosixFilePermissions.asFileAttribute(PRIVATE));
        try {
            Files.writeString(temporary, password + "\n", StandardCharsets.UTF_8);
            try {
                Files.move(temporary, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, path, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}

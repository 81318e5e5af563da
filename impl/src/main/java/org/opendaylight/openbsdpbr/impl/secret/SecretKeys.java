/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.secret;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.crypto.spec.SecretKeySpec;
import org.opendaylight.openbsdpbr.api.files.Hashing;

/**
 * The keys of one deployment, kept in a file outside the datastore ({@value #FILE_NAME} in the distribution's
 * {@code etc/}), never in it: the datastore is readable over RESTCONF and persisted in a journal, so a key kept there
 * opens every secret for anyone who can read either (AAA's encryption service keeps its key and salt in the datastore;
 * NSO keeps its crypto keys in its configuration file, not in CDB, for the same reason).
 *
 * <p>The file is text, one key per line, base64 of 32 random bytes:
 * <pre>
 * seal-key  BASE64    AES-256-GCM key for secrets at rest; the first one seals, every one opens
 * digest-key BASE64   HMAC-SHA256 key of the hashes shown to clients (revisions), see {@link KeyedDigest}
 * </pre>
 * Lines starting with {@code #} are comments. Each seal key has an id (8 hex digits derived from the key, so that the
 * file needs no id of its own and two different keys never share one) that every sealed value carries: a value sealed
 * under a key this file lacks is refused by id, and rotation is adding a new {@code seal-key} line: first on every
 * member as a second line (all open it), then moved to the top (all seal with it; the controller seals every stored
 * value again under it), then the old line removed.
 *
 * <p>The file must be private (no group or other permission) and the same on every member of a cluster; the first
 * start creates it, mode 0600. Nothing here logs; no message carries a key.
 */
public final class SecretKeys {
    /** The file's name in the distribution's {@code etc/}. */
    public static final String FILE_NAME = "openbsd-pbr.keys";

    static final int KEY_BYTES = 32;
    private static final String SEAL = "seal-key";
    private static final String DIGEST = "digest-key";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Set<PosixFilePermission> OWNER_ONLY = EnumSet.of(PosixFilePermission.OWNER_READ,
        PosixFilePermission.OWNER_WRITE);

    /** A seal key and its id. {@link #toString()} shows the id only. */
    record SealKey(String id, SecretKeySpec key) {
        SealKey {
            requireNonNull(id, "id");
            requireNonNull(key, "key");
        }

        /** The key, with its id: the first 8 hex digits of SHA-256 over a label and the key. */
        static SealKey of(final byte[] raw) {
            final String id = Hashing.sha256Hex(concat("openbsd-pbr seal-key id\0".getBytes(StandardCharsets.US_ASCII),
                raw)).substring(0, 8);
            return new SealKey(id, new SecretKeySpec(raw, "AES"));
        }

        @Override
        public String toString() {
            return "SealKey[" + id + "]";
        }
    }

    private final List<SealKey> sealKeys;
    private final byte[] digestKey;
    private final List<byte[]> rawSealKeys;

    private SecretKeys(final List<byte[]> rawSealKeys, final byte[] digestKey) {
        if (rawSealKeys.isEmpty()) {
            throw new IllegalArgumentException("no " + SEAL + " line");
        }
        final List<SealKey> keys = new ArrayList<>();
        final Set<String> ids = new HashSet<>();
        for (byte[] raw : rawSealKeys) {
            final SealKey key = SealKey.of(raw);
            if (!ids.add(key.id())) {
                throw new IllegalArgumentException("the " + SEAL + " with id " + key.id() + " is listed twice");
            }
            keys.add(key);
        }
        this.rawSealKeys = rawSealKeys.stream().map(byte[]::clone).toList();
        this.sealKeys = List.copyOf(keys);
        this.digestKey = digestKey.clone();
    }

    /** New random keys: one seal key, one digest key. */
    public static SecretKeys generate() {
        return new SecretKeys(List.of(randomKey()), randomKey());
    }

    /** These keys with a new random seal key in front (it seals from then on; the others still open). */
    public SecretKeys withNewSealKey() {
        final List<byte[]> keys = new ArrayList<>();
        keys.add(randomKey());
        keys.addAll(rawSealKeys);
        return new SecretKeys(keys, digestKey);
    }

    /**
     * Reads keys from the text of a key file.
     *
     * @throws IllegalArgumentException naming the line (never its key) when the text is not a key file
     */
    public static SecretKeys parse(final String text) {
        final List<byte[]> seal = new ArrayList<>();
        byte[] digest = null;
        int number = 0;
        for (String raw : text.split("\n", -1)) {
            number++;
            final String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            final String[] words = line.split("\\s+");
            if (words.length != 2 || !SEAL.equals(words[0]) && !DIGEST.equals(words[0])) {
                throw new IllegalArgumentException("line " + number + ": expected '" + SEAL + " BASE64' or '"
                    + DIGEST + " BASE64'");
            }
            final byte[] key;
            try {
                key = Base64.getDecoder().decode(words[1]);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("line " + number + ": the key is not base64", e);
            }
            if (key.length != KEY_BYTES) {
                throw new IllegalArgumentException("line " + number + ": a key is " + KEY_BYTES + " bytes, not "
                    + key.length);
            }
            if (SEAL.equals(words[0])) {
                seal.add(key);
            } else if (digest != null) {
                throw new IllegalArgumentException("line " + number + ": a second " + DIGEST);
            } else {
                digest = key;
            }
        }
        if (digest == null) {
            throw new IllegalArgumentException("no " + DIGEST + " line");
        }
        return new SecretKeys(seal, digest);
    }

    /** The text of the key file. */
    public String format() {
        final StringBuilder out = new StringBuilder()
            .append("# openbsd-pbr secret keys: private (mode 0600), the same file on every cluster member, and\n")
            .append("# backed up: without it no sealed secret opens. The first seal-key seals, every one opens;\n")
            .append("# to rotate, add a new seal-key line on every member, then move it to the top (see README).\n");
        for (byte[] key : rawSealKeys) {
            out.append(SEAL).append(' ').append(Base64.getEncoder().encodeToString(key)).append('\n');
        }
        return out.append(DIGEST).append(' ').append(Base64.getEncoder().encodeToString(digestKey)).append('\n')
            .toString();
    }

    /**
     * Reads a key file, refusing one that others may read.
     *
     * @throws IOException when it cannot be read or is not private
     * @throws IllegalArgumentException when it is not a key file
     */
    public static SecretKeys load(final Path file) throws IOException {
        final var view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (view != null) {
            final Set<PosixFilePermission> permissions = view.readAttributes().permissions();
            if (!OWNER_ONLY.containsAll(permissions)) {
                throw new IOException(file + " may be read by others (mode "
                    + PosixFilePermissions.toString(permissions) + "): it holds the keys that open every secret; "
                    + "chmod 600 it");
            }
        }
        try {
            return parse(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads the key file, or creates it with new keys (mode 0600, written whole then renamed into place) when there is
     * none.
     *
     * @return the keys, and whether the file was created
     */
    public static Loaded loadOrCreate(final Path file) throws IOException {
        if (Files.exists(file)) {
            return new Loaded(load(file), false);
        }
        final SecretKeys keys = generate();
        final Path temporary = temporaryBeside(file, keys);
        try {
            // a link never replaces: a file another process created in between wins, and this one is dropped
            Files.createLink(file, temporary);
        } catch (FileAlreadyExistsException e) {
            return new Loaded(load(file), false);
        } catch (UnsupportedOperationException e) {
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
        return new Loaded(keys, true);
    }

    /** Writes these keys to a file, replacing it at once (mode 0600, written whole then renamed into place). */
    public void write(final Path file) throws IOException {
        final Path temporary = temporaryBeside(file, this);
        try {
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** A private file beside {@code file} holding the keys' text. */
    private static Path temporaryBeside(final Path file, final SecretKeys keys) throws IOException {
        final Path directory = requireNonNull(file.toAbsolutePath().getParent(), "a key file has a directory");
        Files.createDirectories(directory);
        final Path temporary = Files.getFileStore(directory).supportsFileAttributeView(PosixFileAttributeView.class)
            ? Files.createTempFile(directory, "." + FILE_NAME, ".new", PosixFilePermissions.asFileAttribute(OWNER_ONLY))
            : Files.createTempFile(directory, "." + FILE_NAME, ".new");
        try {
            Files.writeString(temporary, keys.format(), StandardCharsets.US_ASCII);
            return temporary;
        } catch (IOException e) {
            Files.deleteIfExists(temporary);
            throw e;
        }
    }

    /** Keys read from a file, and whether this start created it. */
    public record Loaded(SecretKeys keys, boolean created) {
        public Loaded {
            requireNonNull(keys, "keys");
        }
    }

    /** The id of the key new values are sealed under. */
    public String currentId() {
        return sealKeys.get(0).id();
    }

    /** The ids of every seal key, the current one first. */
    public List<String> ids() {
        return sealKeys.stream().map(SealKey::id).toList();
    }

    SealKey current() {
        return sealKeys.get(0);
    }

    Optional<SealKey> byId(final String id) {
        return sealKeys.stream().filter(key -> key.id().equals(id)).findFirst();
    }

    /** The keyed digest of the hashes shown to clients. */
    public KeyedDigest digest() {
        return new KeyedDigest(digestKey);
    }

    private static byte[] randomKey() {
        final byte[] key = new byte[KEY_BYTES];
        RANDOM.nextBytes(key);
        return key;
    }

    private static byte[] concat(final byte[] first, final byte[] second) {
        final byte[] result = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, result, first.length, second.length);
        return result;
    }

    @Override
    public String toString() {
        return "SecretKeys" + ids();
    }
}

/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.ssh;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.opendaylight.netconf.shaded.sshd.client.config.hosts.KnownHostEntry;
import org.opendaylight.netconf.shaded.sshd.common.NamedResource;
import org.opendaylight.netconf.shaded.sshd.common.config.keys.FilePasswordProvider;
import org.opendaylight.netconf.shaded.sshd.common.config.keys.KeyUtils;
import org.opendaylight.netconf.shaded.sshd.common.config.keys.PublicKeyEntry;
import org.opendaylight.netconf.shaded.sshd.common.config.keys.PublicKeyEntryResolver;
import org.opendaylight.netconf.shaded.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.opendaylight.netconf.shaded.sshd.common.digest.BuiltinDigests;
import org.opendaylight.netconf.shaded.sshd.common.keyprovider.KeyPairProvider;
import org.opendaylight.netconf.shaded.sshd.common.util.security.SecurityUtils;

/** SSH key helpers: fingerprints as OpenSSH prints them, OpenSSH private key files, key generation. */
public final class SshKeys {
    private static final NamedResource IN_MEMORY = NamedResource.ofName("private key");

    private SshKeys() {
        // utility
    }

    /** The OpenSSH SHA-256 fingerprint of a public key, {@code SHA256:...} (what {@code ssh-keygen -l} prints). */
    public static String fingerprint(final PublicKey key) {
        return KeyUtils.getFingerPrint(BuiltinDigests.sha256, key);
    }

    /** A new Ed25519 key pair. */
    public static KeyPair generateEd25519() throws GeneralSecurityException {
        return KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
    }

    /**
     * Read an OpenSSH (or PEM) private key file.
     *
     * @param file the key file
     * @param passphrase its passphrase, if it is encrypted
     * @return the key pair
     * @throws IOException if the file cannot be read or holds no key (the message names the file, never the
     *     passphrase)
     */
    public static KeyPair readPrivateKey(final Path file, final Optional<String> passphrase) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            final Iterable<KeyPair> keys = SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName(
                file.toString()), in, passphrase.map(FilePasswordProvider::of).orElse(FilePasswordProvider.EMPTY));
            final Iterator<KeyPair> it = keys == null ? null : keys.iterator();
            if (it == null || !it.hasNext()) {
                throw new IOException("no private key in " + file);
            }
            return it.next();
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read the private key in " + file + ": " + e.getClass().getSimpleName(), e);
        }
    }

    /**
     * Parse an OpenSSH (or PEM) private key held in memory: MINA reads key pairs from any stream, so a key stored by
     * the controller never touches disk to be read (no temporary file, not even one deleted at once).
     *
     * @param text the key file's text
     * @param passphrase its passphrase, if it is encrypted
     * @return the key pair
     * @throws IllegalArgumentException when the text holds no readable key (the message holds neither the key nor
     *     the passphrase)
     */
    public static KeyPair parsePrivateKey(final String text, final Optional<String> passphrase) {
        final String whole = text.endsWith("\n") ? text : text + "\n";
        try (InputStream in = new ByteArrayInputStream(whole.getBytes(StandardCharsets.UTF_8))) {
            final Iterable<KeyPair> keys = SecurityUtils.loadKeyPairIdentities(null, IN_MEMORY, in,
                passphrase.map(FilePasswordProvider::of).orElse(FilePasswordProvider.EMPTY));
            final Iterator<KeyPair> it = keys == null ? null : keys.iterator();
            if (it == null || !it.hasNext()) {
                throw new IllegalArgumentException("no private key in the text");
            }
            return it.next();
        } catch (IOException | GeneralSecurityException | IllegalStateException e) {
            throw new IllegalArgumentException("the private key cannot be read: " + e.getClass().getSimpleName(), e);
        }
    }

    /** Write a private key in OpenSSH format, readable by its owner only. */
    public static void writePrivateKey(final KeyPair keyPair, final Path file, final String comment)
            throws IOException {
        final Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (OutputStream out = Files.newOutputStream(tmp)) {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(keyPair, comment, null, out);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot encode the key for " + file, e);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * The fingerprints an OpenSSH known_hosts file lists for {@code host} on {@code port} (hashed names included,
     * {@code @revoked} and {@code @cert-authority} lines skipped).
     */
    public static Set<String> knownHostFingerprints(final Path file, final String host, final int port)
            throws IOException {
        final var result = new LinkedHashSet<String>();
        for (KnownHostEntry entry : KnownHostEntry.readKnownHostEntries(file)) {
            if (entry.getMarker() != null || entry.getKeyEntry() == null || !entry.isHostMatch(host, port)) {
                continue;
            }
            try {
                final PublicKey key = entry.getKeyEntry().resolvePublicKey(null, PublicKeyEntryResolver.IGNORING);
                if (key != null) {
                    result.add(fingerprint(key));
                }
            } catch (GeneralSecurityException e) {
                throw new IOException("unreadable key in " + file + " for " + host, e);
            }
        }
        return result;
    }

    /** The public key as an authorized_keys / known_hosts line body, e.g. {@code ssh-ed25519 AAAA...}. */
    public static String publicKeyLine(final PublicKey key) {
        return PublicKeyEntry.toString(key);
    }
}

/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.secret;

import static java.util.Objects.requireNonNull;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.openbsdpbr.api.intent.IntentException;

/**
 * Seals and opens secret values. The sealed form is {@value #PREFIX}, the id of the seal key, {@code $}, then the
 * base64 (RFC 4648, padded) of a random 96-bit nonce, the AES-256-GCM ciphertext and its 128-bit tag; the header
 * ({@code $pbr1$ID$}) is the associated data, so a value cannot be moved under another key id. One line of printable
 * ASCII without space, quote or backslash, so it fits every secret type of the YANG model.
 *
 * <p>Why this and not AAA's encryption service, which earlier versions used ({@value #LEGACY_PREFIX}): AAA keeps its
 * key and salt in the configuration datastore, so anyone who may GET the configuration may open every secret, and it
 * uses its salt as a fixed GCM IV, so equal secrets seal to equal strings and values with a known prefix (every
 * ed25519 key file shares about 119 bytes) leak by XOR. Here the key is in a private file ({@link SecretKeys}) and each
 * value has its own nonce.
 *
 * <p>The sealed form does not name the leaf it belongs to: one management password may serve a whole fleet, sealed
 * once. Values sealed by AAA still open (with the {@link LegacyCipher}) so that they can be sealed again on upgrade.
 */
public final class SealedSecret implements SecretOpener {
    /** What every value sealed under {@link SecretKeys} starts with. */
    public static final String PREFIX = "$pbr1$";
    /** What values sealed by earlier versions, with AAA's encryption service, start with. */
    public static final String LEGACY_PREFIX = "$aaa$";

    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int ID_LENGTH = 8;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** How a stored value is held. */
    public enum Form {
        /** Not sealed (written by an earlier version, which sealed after storing). */
        CLEAR,
        /** Sealed under the current seal key. */
        CURRENT,
        /** Sealed under another key id (an older key of this file, or a key this file lacks), or malformed. */
        OTHER_KEY,
        /** Sealed by an earlier version with AAA's encryption service. */
        LEGACY
    }

    private final SecretKeys keys;
    private final @Nullable LegacyCipher legacy;

    /**
     * A sealer with these keys.
     *
     * @param legacy opens values sealed by earlier versions; null when there is nothing to open them with
     */
    public SealedSecret(final SecretKeys keys, final @Nullable LegacyCipher legacy) {
        this.keys = requireNonNull(keys, "keys");
        this.legacy = legacy;
    }

    /** The id of the key new values are sealed under. */
    public String currentId() {
        return keys.currentId();
    }

    /** Whether a stored value is sealed, in either form (rather than clear). */
    public static boolean isSealed(final String stored) {
        return stored != null && (stored.startsWith(PREFIX) || stored.startsWith(LEGACY_PREFIX));
    }

    /** How a stored value is held; {@link Form#CURRENT} needs nothing, every other form is sealed again. */
    public Form form(final String stored) {
        if (!isSealed(stored)) {
            return Form.CLEAR;
        }
        if (stored.startsWith(LEGACY_PREFIX)) {
            return Form.LEGACY;
        }
        final int end = stored.indexOf('$', PREFIX.length());
        return end > 0 && stored.substring(PREFIX.length(), end).equals(keys.currentId()) ? Form.CURRENT
            : Form.OTHER_KEY;
    }

    /**
     * The sealed form of a clear value, under the current seal key with a fresh nonce.
     *
     * @throws IntentException (path {@code secret}) when the value starts like a sealed value: it cannot be told from
     *     one once stored
     */
    public String seal(final String clear) {
        requireNonNull(clear, "clear");
        if (isSealed(clear)) {
            throw new IntentException("secret", "the value starts with " + PREFIX + " or " + LEGACY_PREFIX
                + " as sealed values do: it is sealed already (write it as it is), or it cannot be told from a "
                + "sealed value");
        }
        final SecretKeys.SealKey key = keys.current();
        final String header = PREFIX + key.id() + '$';
        final byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            final Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, key.key(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(header.getBytes(StandardCharsets.US_ASCII));
            final byte[] body = cipher.doFinal(clear.getBytes(StandardCharsets.UTF_8));
            return header + Base64.getEncoder().encodeToString(ByteBuffer.allocate(NONCE_BYTES + body.length)
                .put(nonce).put(body).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("JDK without " + TRANSFORMATION, e);
        }
    }

    /**
     * The clear value of a stored one: a clear value passes through (data written by earlier versions), a sealed one
     * is opened.
     *
     * @throws IntentException (path {@code secret}) when a sealed value cannot be opened: the message says why (the
     *     key id it names, tampering, form) and holds neither value
     */
    @Override
    public String open(final String stored) {
        if (!isSealed(stored)) {
            return stored;
        }
        return stored.startsWith(LEGACY_PREFIX) ? openLegacy(stored) : openCurrent(stored);
    }

    /** The value sealed under the current key: a clear value is sealed, any other form opened and sealed again. */
    public String reseal(final String stored) {
        return form(stored) == Form.CURRENT ? stored : seal(open(stored));
    }

    private String openCurrent(final String stored) {
        final int end = stored.indexOf('$', PREFIX.length());
        if (end != PREFIX.length() + ID_LENGTH) {
            throw malformed(null);
        }
        final String id = stored.substring(PREFIX.length(), end);
        final byte[] sealed;
        try {
            sealed = Base64.getDecoder().decode(stored.substring(end + 1));
        } catch (IllegalArgumentException e) {
            throw malformed(e);
        }
        if (sealed.length < NONCE_BYTES + TAG_BITS / 8) {
            throw malformed(null);
        }
        final SecretKeys.SealKey key = keys.byId(id).orElseThrow(() -> new IntentException("secret",
            "the value is sealed under key " + id + ", which this controller does not have (it has "
                + String.join(", ", keys.ids()) + ": is etc/" + SecretKeys.FILE_NAME + " the same on every "
                + "controller?): seal the clear value again with the seal-secret RPC"));
        try {
            final Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, key.key(), new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
            cipher.updateAAD(stored.substring(0, end + 1).getBytes(StandardCharsets.US_ASCII));
            return new String(cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES),
                StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new IntentException("secret", "the sealed value does not open under key " + id
                + ": it was altered (seal the clear value again with the seal-secret RPC)", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("JDK without " + TRANSFORMATION, e);
        }
    }

    @SuppressWarnings({ "checkstyle:IllegalCatch", "checkstyle:AvoidHidingCauseException" })
    private String openLegacy(final String stored) {
        final byte[] sealed;
        try {
            sealed = Base64.getDecoder().decode(stored.substring(LEGACY_PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new IntentException("secret", "a value sealed by an earlier version (" + LEGACY_PREFIX
                + "...) is not base64", e);
        }
        if (legacy == null) {
            throw new IntentException("secret", "the value was sealed by an earlier version with AAA's encryption "
                + "service, which this controller lacks: seal the clear value again with the seal-secret RPC");
        }
        try {
            return new String(legacy.decrypt(sealed), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | RuntimeException e) {
            // AAA throws unchecked exceptions for short input; its message might describe the input: not kept
            throw new IntentException("secret", "a value sealed by an earlier version with AAA's encryption service "
                + "cannot be opened with this controller's AAA key (sealed by another controller?): seal the clear "
                + "value again with the seal-secret RPC");
        }
    }

    private static IntentException malformed(final @Nullable Throwable cause) {
        final String detail = "not a sealed value (" + PREFIX
            + "KEY-ID$BASE64 is expected): seal the clear value with the seal-secret RPC and write what it returns";
        return cause == null ? new IntentException("secret", detail) : new IntentException("secret", detail, cause);
    }

    @Override
    public String toString() {
        return "SealedSecret" + keys.ids();
    }
}

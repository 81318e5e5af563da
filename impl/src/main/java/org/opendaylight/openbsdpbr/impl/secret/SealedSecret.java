/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.secret;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import org.opendaylight.openbsdpbr.api.intent.IntentException;

/**
 * Seals and opens secret values with a {@link SecretBox}. The sealed form is {@code $aaa$} followed by the base64
 * (RFC 4648, padded) of the box's ciphertext: one line of printable ASCII without space, quote or backslash, so it
 * fits every secret type of the YANG model. AAA's box is AES-GCM with a random IV, so sealing the same value twice
 * gives two different sealed values; only clear values are sealed.
 */
public final class SealedSecret implements SecretOpener {
    /** What every sealed value starts with. */
    public static final String PREFIX = "$aaa$";

    private final SecretBox box;

    public SealedSecret(final SecretBox box) {
        this.box = requireNonNull(box, "box");
    }

    /** Whether a stored value is sealed (rather than clear). */
    public static boolean isSealed(final String stored) {
        return stored != null && stored.startsWith(PREFIX);
    }

    /**
     * The sealed form of a clear value; a sealed value is returned as it is.
     *
     * @throws IntentException (path {@code secret}) when the box fails
     */
    public String seal(final String clear) {
        if (isSealed(clear)) {
            return clear;
        }
        try {
            return PREFIX + Base64.getEncoder().encodeToString(box.encrypt(clear.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IntentException("secret", "the encryption service failed: " + e.getClass().getSimpleName(), e);
        }
    }

    @Override
    public String open(final String stored) {
        if (!isSealed(stored)) {
            return stored;
        }
        final byte[] sealed;
        try {
            sealed = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new IntentException("secret", "a sealed value (" + PREFIX + "...) is not base64", e);
        }
        try {
            return new String(box.decrypt(sealed), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IntentException("secret", "a sealed value cannot be opened with this controller's key "
                + "(sealed by another controller?); write the clear value again", e);
        }
    }
}

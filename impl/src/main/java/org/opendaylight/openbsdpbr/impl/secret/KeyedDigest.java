/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.secret;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 under the deployment's digest key ({@link SecretKeys}), for hashes shown to clients that cover a secret.
 *
 * <p>A file set's revision ({@code FileSet.revision()}) is an unsalted SHA-256 over every file, the PPPoE secret in
 * {@code hostname.pppoe*} included, while the render RPC shows every other byte of those files: anyone who may read
 * the status could test guessed secrets against it offline. The revision a client sees is therefore
 * {@link #revision(String) keyed}: equal file sets still give equal revisions on every member of a cluster (they share
 * the key), so comparing the intended and the applied revision keeps working, but no guess can be tested without the
 * key.
 */
public final class KeyedDigest {
    private static final String ALGORITHM = "HmacSHA256";
    private static final byte[] REVISION = "openbsd-pbr revision\0".getBytes(StandardCharsets.US_ASCII);

    private final SecretKeySpec key;

    KeyedDigest(final byte[] key) {
        this.key = new SecretKeySpec(key.clone(), ALGORITHM);
    }

    /**
     * The revision shown to clients for a file set whose unkeyed revision (SHA-256, hex) is given: HMAC-SHA256 over a
     * label and that revision, 64 lower-case hex digits like the revision itself.
     */
    public String revision(final String unkeyed) {
        final Mac mac = mac();
        mac.update(REVISION);
        return HexFormat.of().formatHex(mac.doFinal(unkeyed.getBytes(StandardCharsets.US_ASCII)));
    }

    private Mac mac() {
        try {
            final Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (InvalidKeyException e) {
            throw new IllegalStateException("a 32-byte HMAC key was refused", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("JDK without " + ALGORITHM, e);
        }
    }

    @Override
    public String toString() {
        return "KeyedDigest[" + ALGORITHM + "]";
    }
}

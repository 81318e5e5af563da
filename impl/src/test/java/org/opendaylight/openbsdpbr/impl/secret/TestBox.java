/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.secret;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/** AES-GCM with a random IV in front of the ciphertext, as AAA's default encryption service does; a key per box. */
public final class TestBox implements SecretBox {
    private static final int IV_BYTES = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKey key;

    public TestBox() {
        try {
            final KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(128);
            key = generator.generateKey();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public byte[] encrypt(final byte[] clear) throws GeneralSecurityException {
        final byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        final Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
        final byte[] body = cipher.doFinal(clear);
        return ByteBuffer.allocate(iv.length + body.length).put(iv).put(body).array();
    }

    @Override
    public byte[] decrypt(final byte[] sealed) throws GeneralSecurityException {
        if (sealed.length < IV_BYTES) {
            throw new GeneralSecurityException("too short");
        }
        final Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, Arrays.copyOf(sealed, IV_BYTES)));
        return cipher.doFinal(sealed, IV_BYTES, sealed.length - IV_BYTES);
    }
}

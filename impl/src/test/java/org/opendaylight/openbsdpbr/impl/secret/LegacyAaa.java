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
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import org.opendaylight.aaa.encrypt.impl.AAAEncryptionServiceImpl;
import org.opendaylight.yang.gen.v1.config.aaa.authn.encrypt.service.config.rev240202.EncryptServiceConfig;

/**
 * ODL AAA's own encryption service (aaa-encrypt-service-impl 0.22.3) with a random key and salt, configured as AAA's
 * configurator does by default: values sealed the way earlier versions of openbsd-pbr sealed them ($aaa$ + base64).
 */
public final class LegacyAaa implements LegacyCipher {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final AAAEncryptionServiceImpl service;

    public LegacyAaa() {
        final byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        final byte[] password = new byte[9];
        RANDOM.nextBytes(password);
        service = new AAAEncryptionServiceImpl(new Config(HexFormat.of().formatHex(password), salt));
    }

    /** AAA's defaults (aaa-encrypt-service-config.yang), as its configurator fills them in. */
    private record Config(String key, byte[] salt) implements EncryptServiceConfig {
        @Override
        public Class<? extends EncryptServiceConfig> implementedInterface() {
            return EncryptServiceConfig.class;
        }

        @Override
        public String getEncryptKey() {
            return key;
        }

        @Override
        public byte[] getEncryptSalt() {
            return salt.clone();
        }

        @Override
        public String getEncryptMethod() {
            return "PBKDF2WithHmacSHA1";
        }

        @Override
        public String getEncryptType() {
            return "AES";
        }

        @Override
        public Integer getEncryptIterationCount() {
            return 32768;
        }

        @Override
        public Integer getEncryptKeyLength() {
            return 128;
        }

        @Override
        public String getCipherTransforms() {
            return "AES/GCM/NoPadding";
        }

        @Override
        public Integer getAuthTagLength() {
            return 128;
        }
    }

    /** The value as an earlier version stored it. */
    public String seal(final String clear) {
        try {
            return SealedSecret.LEGACY_PREFIX
                + Base64.getEncoder().encodeToString(service.encrypt(clear.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public byte[] decrypt(final byte[] sealed) throws GeneralSecurityException {
        return service.decrypt(sealed);
    }
}

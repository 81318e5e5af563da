/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.e2e;

import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import org.opendaylight.aaa.encrypt.impl.AAAEncryptionServiceImpl;
import org.opendaylight.yang.gen.v1.config.aaa.authn.encrypt.service.config.rev240202.EncryptServiceConfig;

/**
 * Seals a value as earlier versions of openbsd-pbr stored it ({@code $aaa$} and base64), with ODL AAA's own
 * encryption service configured from what any RESTCONF client may read: AAA's key and salt are in the configuration
 * datastore. (That is why openbsd-pbr no longer uses it.)
 */
final class AaaSealing {
    private final AAAEncryptionServiceImpl service;

    /** From a GET of aaa-encrypt-service-config:aaa-encrypt-service-config (AAA's defaults where a leaf is absent). */
    AaaSealing(final JsonObject config) {
        service = new AAAEncryptionServiceImpl(new Config(config));
    }

    String seal(final String clear) {
        try {
            final byte[] sealed = service.encrypt(clear.getBytes(StandardCharsets.UTF_8));
            return "$aaa$" + Base64.getEncoder().encodeToString(sealed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** AAA's configuration as its configurator reads it: the salt is base64, the rest as given or defaulted. */
    private record Config(JsonObject json) implements EncryptServiceConfig {
        @Override
        public Class<? extends EncryptServiceConfig> implementedInterface() {
            return EncryptServiceConfig.class;
        }

        @Override
        public String getEncryptKey() {
            return json.get("encrypt-key").getAsString();
        }

        @Override
        public byte[] getEncryptSalt() {
            return Base64.getDecoder().decode(json.get("encrypt-salt").getAsString());
        }

        @Override
        public String getEncryptMethod() {
            return string("encrypt-method", "PBKDF2WithHmacSHA1");
        }

        @Override
        public String getEncryptType() {
            return string("encrypt-type", "AES");
        }

        @Override
        public Integer getEncryptIterationCount() {
            return json.has("encrypt-iteration-count") ? json.get("encrypt-iteration-count").getAsInt() : 32768;
        }

        @Override
        public Integer getEncryptKeyLength() {
            return json.has("encrypt-key-length") ? json.get("encrypt-key-length").getAsInt() : 128;
        }

        @Override
        public String getCipherTransforms() {
            return string("cipher-transforms", "AES/GCM/NoPadding");
        }

        @Override
        public Integer getAuthTagLength() {
            return json.has("auth-tag-length") ? json.get("auth-tag-length").getAsInt() : 128;
        }

        private String string(final String name, final String otherwise) {
            return json.has(name) ? json.get(name).getAsString() : otherwise;
        }
    }
}

/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.api.device;

import static java.util.Objects.requireNonNull;

import java.security.KeyPair;

/** How the controller authenticates to a router's sshd. {@code toString()} never shows the secret. */
public sealed interface Credentials {
    /**
     * Password authentication (also answers a keyboard-interactive password prompt).
     *
     * @param password the password; never logged
     */
    record Password(String password) implements Credentials {
        public Password {
            requireNonNull(password, "password");
        }

        @Override
        public String toString() {
            return "Password[********]";
        }
    }

    /**
     * Public-key authentication.
     *
     * @param keyPair the private and public key; the private half is never logged
     */
    record Key(KeyPair keyPair) implements Credentials {
        public Key {
            requireNonNull(keyPair, "keyPair");
            requireNonNull(keyPair.getPrivate(), "private key");
            requireNonNull(keyPair.getPublic(), "public key");
        }

        @Override
        public String toString() {
            return "Key[" + keyPair.getPublic().getAlgorithm() + "]";
        }
    }
}

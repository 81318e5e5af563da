/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.secret;

import java.security.GeneralSecurityException;

/**
 * The cipher of values sealed by earlier versions of openbsd-pbr ({@value SealedSecret#LEGACY_PREFIX} and base64):
 * ODL AAA's {@code AAAEncryptionService}, whose key and salt sit in the configuration datastore and whose IV is fixed.
 * It only opens: such values are sealed again under {@link SecretKeys} as soon as the controller sees them, and
 * nothing is sealed with it any more.
 */
@FunctionalInterface
public interface LegacyCipher {
    /**
     * The clear value of a ciphertext AAA's service made.
     *
     * @throws GeneralSecurityException or an unchecked exception (AAA throws both) when it does not open
     */
    byte[] decrypt(byte[] sealed) throws GeneralSecurityException;
}

/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.secret;

import java.security.GeneralSecurityException;

/** A symmetric cipher for secrets at rest. In the controller it is ODL AAA's {@code AAAEncryptionService}. */
public interface SecretBox {
    /** The ciphertext of a clear value. */
    byte[] encrypt(byte[] clear) throws GeneralSecurityException;

    /** The clear value of a ciphertext this box (or one with the same key) made. */
    byte[] decrypt(byte[] sealed) throws GeneralSecurityException;
}

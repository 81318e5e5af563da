/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.secret;

import org.opendaylight.openbsdpbr.api.intent.IntentException;

/**
 * Turns a secret leaf's stored value into the clear value a rendered file or an SSH login needs. A clear value passes
 * through; a sealed one is decrypted.
 */
@FunctionalInterface
public interface SecretOpener {
    /**
     * Opens nothing: for tools that read intent files outside a controller. A sealed value is refused with an error
     * that says to give the clear value.
     */
    SecretOpener CLEAR_ONLY = stored -> {
        if (SealedSecret.isSealed(stored)) {
            throw new IntentException("secret", "the value is sealed by a controller's encryption key; "
                + "give the clear value here");
        }
        return stored;
    };

    /**
     * The clear value.
     *
     * @param stored the leaf's value, clear or sealed
     * @return the clear value
     * @throws IntentException (path {@code secret}) when a sealed value cannot be opened; the message holds neither
     *     value
     */
    String open(String stored);
}

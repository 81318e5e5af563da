/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.api.intent;

import static java.util.Objects.requireNonNull;

/**
 * A secret value (a PPPoE password). {@link #toString()} masks it, so a secret cannot leak through logging, an
 * exception message or another record's {@code toString()}; only {@link #value()} reveals it, for the one file that
 * needs it.
 *
 * @param value the secret, one line of 1..255 characters
 */
public record Secret(String value) {
    /** What {@link #toString()} shows instead of the value. */
    public static final String MASK = "********";

    public Secret {
        requireNonNull(value, "value");
        if (value.isEmpty() || value.length() > 255) {
            throw new IntentException("secret", "a secret has 1..255 characters");
        }
        for (int i = 0; i < value.length(); i++) {
            final char ch = value.charAt(i);
            if (ch == '\n' || ch == '\r' || ch == 0) {
                throw new IntentException("secret", "a secret is one line without NUL");
            }
        }
    }

    @Override
    public String toString() {
        return MASK;
    }
}

/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.api.intent;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;

/**
 * One problem of an intent: the element in YANG terms and what is wrong with it. The message never contains a
 * secret.
 *
 * @param path the element, e.g. {@code intent/policy-route[name=to-via-pppoe]/via-uplink}
 * @param message what is wrong
 */
public record IntentError(String path, String message) implements Serializable {
    public IntentError {
        requireNonNull(path, "path");
        requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return path + ": " + message;
    }
}

/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.mdsal;

import java.io.IOException;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.openbsdpbr.api.intent.IntentException;
import org.opendaylight.openbsdpbr.api.intent.Secret;
import org.opendaylight.openbsdpbr.api.intent.Syntax;

/**
 * The kinds of secret leaves, and what each needs of its clear value. YANG checks a secret leaf's syntax on the value
 * written, which is the sealed form: the clear value is checked here, by the seal-secret RPC before it seals and by
 * the commit cohort once it has opened a sealed value, so that a value the router or the SSH client could not use is
 * refused when it is written, not when it is used.
 */
enum SecretKind {
    /** A management password ({@code pbrt:secret}). */
    PASSWORD,
    /** A PPPoE authkey ({@code pbrt:pppoe-secret}), single-quoted on a hostname.pppoeN line. */
    PPPOE_SECRET,
    /** An unencrypted OpenSSH or PEM private key the controller logs in with. */
    PRIVATE_KEY;

    /** The longest clear private key the YANG model accepts (its sealed form still fits the leaf's length). */
    static final int PRIVATE_KEY_MAX = 16_384;
    /** What a private key the SSH client cannot read is told. */
    static final String NOT_A_KEY = "not a private key the controller can use (an unencrypted OpenSSH or PEM private "
        + "key, as ssh-keygen -N '' writes it, is expected)";

    /** Why a clear value cannot serve as this kind of secret, or null when it can; the answer holds none of it. */
    @Nullable String problem(final String clear) {
        return switch (this) {
            case PASSWORD -> secretProblem(clear);
            case PPPOE_SECRET -> Syntax.isPppoeWord(clear) ? secretProblem(clear)
                : "a PPPoE secret is printable ASCII without spaces, single quotes or backslashes";
            case PRIVATE_KEY -> {
                if (clear.length() > PRIVATE_KEY_MAX) {
                    yield "a private key has at most " + PRIVATE_KEY_MAX + " characters";
                }
                try {
                    RouterSpecs.keyPair(clear);
                    yield null;
                } catch (IllegalArgumentException | IOException e) {
                    yield NOT_A_KEY;
                }
            }
        };
    }

    private static @Nullable String secretProblem(final String clear) {
        try {
            new Secret(clear);
            return null;
        } catch (IntentException e) {
            return e.detail();
        }
    }
}

/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.ssh;

import java.util.regex.Pattern;

/**
 * Masks secrets in text that came from a router (tool output echoes {@code hostname.pppoe0} lines with their
 * {@code authkey}). The router-side script masks them too; this is the second line of defence.
 */
public final class Secrets {
    private static final Pattern SECRET = Pattern.compile(
        "(?i)\\b(authkey|wgkey|wgpsk|pskkey|password|passphrase|secret)([\\s=:]+)('[^']*'|\"[^\"]*\"|\\S+)");

    private Secrets() {
        // utility
    }

    /** The text with the value after every secret keyword replaced by asterisks. */
    public static String scrub(final String text) {
        return SECRET.matcher(text).replaceAll("$1$2********");
    }
}

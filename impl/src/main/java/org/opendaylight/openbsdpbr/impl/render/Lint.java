/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.render;

import static java.util.Objects.requireNonNull;

/**
 * Something valid that is probably not what the operator meant, or that OpenBSD will refuse at run time. Lints do not
 * stop rendering; the controller reports them in the router's status.
 *
 * @param path the element in YANG terms, e.g. {@code intent/dns-resolver/serve-lan}
 * @param code a stable short name, e.g. {@code unwind-serve-lan}
 * @param severity warning or error
 * @param message what is wrong and why
 */
public record Lint(String path, String code, Severity severity, String message) {
    public Lint {
        requireNonNull(path, "path");
        requireNonNull(code, "code");
        requireNonNull(severity, "severity");
        requireNonNull(message, "message");
    }

    /** How bad a lint is (YANG {@code router-status/lint/severity}). */
    public enum Severity {
        /** Probably a mistake; the files still do what the intent says. */
        WARNING,
        /** The router will not do what the intent says (e.g. a daemon cannot start). */
        ERROR
    }

    @Override
    public String toString() {
        return severity.name().toLowerCase(java.util.Locale.ROOT) + " " + code + " at " + path + ": " + message;
    }
}

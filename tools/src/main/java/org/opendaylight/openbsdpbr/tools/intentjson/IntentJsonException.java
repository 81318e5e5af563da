/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.tools.intentjson;

import java.io.Serial;
import java.util.List;

/**
 * The intent could not be read or does not hold: every problem found, one line each, naming the file and the element
 * in YANG terms ({@code intent.json: routers/router[name=r]/intent/uplink[name=pppoe]/pppoe/mtu: ...}). No line holds a
 * secret.
 */
public final class IntentJsonException extends Exception {
    @Serial
    private static final long serialVersionUID = 1L;

    @SuppressWarnings("serial")
    private final List<String> problems;

    /**
     * A failure with these problems.
     *
     * @param problems one line each, at least one
     */
    public IntentJsonException(final List<String> problems) {
        super(problems.isEmpty() ? "invalid intent" : String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    /**
     * A failure with one problem and its cause.
     *
     * @param problem the line
     * @param cause what went wrong underneath
     */
    public IntentJsonException(final String problem, final Throwable cause) {
        super(problem, cause);
        problems = List.of(problem);
    }

    /** The problems, one line each. */
    public List<String> problems() {
        return problems;
    }
}

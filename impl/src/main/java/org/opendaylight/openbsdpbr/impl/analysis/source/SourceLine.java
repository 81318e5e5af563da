/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.analysis.source;

import static java.util.Objects.requireNonNull;

/**
 * Where something stands in a router's files: the file's path on the router, the line (from 1) and the statement's
 * text as written (continuation lines joined, macros not expanded), so that an answer can quote the rule that decided.
 *
 * @param file the path on the router, e.g. {@code /etc/pf.conf}
 * @param line the first line of the statement, from 1
 * @param text the statement as written, on one line
 */
public record SourceLine(String file, int line, String text) {
    public SourceLine {
        requireNonNull(file, "file");
        requireNonNull(text, "text");
        if (line < 1) {
            throw new IllegalArgumentException("line numbers start at 1: " + line);
        }
    }

    /** {@code file:line}, e.g. {@code /etc/pf.conf:42}. */
    public String where() {
        return file + ":" + line;
    }

    @Override
    public String toString() {
        return where() + ": " + text;
    }
}

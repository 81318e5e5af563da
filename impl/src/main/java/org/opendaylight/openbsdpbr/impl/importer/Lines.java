/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.importer;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.openbsdpbr.impl.analysis.source.ShellWords;

/**
 * Lines of the line-oriented files (hostname.if, sshd_config, unwind.conf, rc.conf.local): logical lines joined at a
 * trailing backslash, words split at blanks with single and double quotes kept together, and the renderer's header.
 */
final class Lines {
    /** The start of the renderer's first line, {@code # Rendered by openbsd-pbr for router NAME; ...}. */
    private static final String HEADER_START = "# Rendered by openbsd-pbr for router ";
    private static final String HEADER_END = "; local changes are overwritten.";

    private Lines() {
        // utility
    }

    /**
     * One logical line.
     *
     * @param number its first physical line, 1-based
     * @param text the physical lines joined with a space where a backslash ended one
     */
    record Line(int number, String text) {
        // a location and its text
    }

    /** The logical lines of a file (hostname.if(5): a backslash at the end of a line continues it). */
    static List<Line> logical(final String path, final String text) {
        final List<Line> result = new ArrayList<>();
        final String[] physical = text.split("\n", -1);
        StringBuilder pending = null;
        int first = 0;
        for (int i = 0; i < physical.length; i++) {
            String line = physical[i];
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            if (i == physical.length - 1 && line.isEmpty() && pending == null) {
                break;
            }
            final boolean continues = line.endsWith("\\") && !line.strip().startsWith("#");
            if (continues) {
                line = line.substring(0, line.length() - 1);
            }
            if (pending == null) {
                pending = new StringBuilder(line);
                first = i + 1;
            } else {
                pending.append(' ').append(line.strip());
            }
            if (!continues) {
                result.add(new Line(first, pending.toString()));
                pending = null;
            }
        }
        if (pending != null) {
            result.add(new Line(first, pending.toString()));
        }
        return result;
    }

    /**
     * Words at blanks as the shell splits them ({@link ShellWords}); a quoted word ({@code "a b"} or {@code 'a b'}) is
     * one word without its quotes, and a quote never closed runs to the end of the line.
     */
    static List<String> words(final String text) {
        return ShellWords.of(text).words();
    }

    /** The router name of the renderer's header line, or null when the line is another comment. */
    static @Nullable String renderedFor(final String line) {
        if (line.startsWith(HEADER_START) && line.endsWith(HEADER_END)) {
            return line.substring(HEADER_START.length(), line.length() - HEADER_END.length());
        }
        return null;
    }
}

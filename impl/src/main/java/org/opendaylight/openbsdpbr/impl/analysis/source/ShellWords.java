/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.analysis.source;

import java.util.ArrayList;
import java.util.List;

/**
 * A line split into words as the shell splits it: at white space outside single or double quotes, a quoted part
 * belonging to its word without its quotes ({@code "a b"} is the word {@code a b}, {@code x'y z'} is {@code xy z}).
 * netstart(8) reads hostname.if(5) lines this way; the importer reads sshd_config, unwind.conf and rc.conf.local
 * lines with the same rule. The analysis refuses a line whose quote is never closed; the importer, reading what an
 * administrator wrote, keeps the rest of the line as the last word.
 *
 * @param words the words, quotes removed
 * @param quoteOpen whether the line ended inside a quote
 */
public record ShellWords(List<String> words, boolean quoteOpen) {
    public ShellWords {
        words = List.copyOf(words);
    }

    /** The words of one line. */
    public static ShellWords of(final String text) {
        final List<String> words = new ArrayList<>();
        final StringBuilder word = new StringBuilder();
        char quote = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length(); i++) {
            final char ch = text.charAt(i);
            if (quote != 0) {
                if (ch == quote) {
                    quote = 0;
                } else {
                    word.append(ch);
                }
            } else if (ch == '\'' || ch == '"') {
                quote = ch;
                inWord = true;
            } else if (Character.isWhitespace(ch)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(ch);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return new ShellWords(words, quote != 0);
    }
}

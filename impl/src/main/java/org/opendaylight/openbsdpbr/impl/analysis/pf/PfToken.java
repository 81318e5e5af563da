/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.analysis.pf;

import static java.util.Objects.requireNonNull;

import org.eclipse.jdt.annotation.Nullable;

/**
 * One token of pf.conf as pfctl's lexer (sbin/pfctl/parse.y {@code yylex}) cuts it.
 *
 * @param kind what it is
 * @param text the word, number, quoted string (without its quotes), operator or punctuation character
 * @param line the line it stands on (for a macro's tokens: the line that uses the macro)
 * @param macro the macro it came from, or null
 */
public record PfToken(Kind kind, String text, int line, @Nullable String macro) {
    /** The kinds of tokens. */
    public enum Kind {
        /** A word: keyword, name, address, {@code 5056:5071}, {@code 50%}. */
        WORD,
        /** A run of digits ended by white space or one of {@code ) , / } =} (pf's NUMBER). */
        NUMBER,
        /** A double- or single-quoted string, without its quotes; macros are not expanded inside. */
        QUOTED,
        /** An operator of two characters: {@code != <= >= <> ><}. */
        OPERATOR,
        /** One character: {@code { } ( ) < > ! , = / -} and any other that cannot start a word. */
        PUNCT,
        /** The end of a statement. */
        NEWLINE,
        /** The end of the file. */
        EOF
    }

    public PfToken {
        requireNonNull(kind, "kind");
        requireNonNull(text, "text");
    }

    /** Whether this is the punctuation character or operator {@code value}. */
    public boolean is(final String value) {
        return (kind == Kind.PUNCT || kind == Kind.OPERATOR) && text.equals(value);
    }

    /** Whether this is the word (keyword) {@code value}. */
    public boolean isWord(final String value) {
        return kind == Kind.WORD && text.equals(value);
    }

    /** Whether this ends a statement. */
    public boolean isEnd() {
        return kind == Kind.NEWLINE || kind == Kind.EOF;
    }

    /** As written, for error messages: quoted strings in double quotes, the end of a line as such. */
    public String shown() {
        return switch (kind) {
            case QUOTED -> "\"" + text + "\"";
            case NEWLINE -> "end of line";
            case EOF -> "end of file";
            default -> "'" + text + "'";
        };
    }

    @Override
    public String toString() {
        return shown();
    }
}

/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.analysis.pf;

import static java.util.Objects.requireNonNull;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.openbsdpbr.impl.analysis.source.ModelException;

/**
 * pf.conf's tokenizer, following pfctl's {@code yylex} (sbin/pfctl/parse.y) so that a file cuts into the same tokens
 * it does: {@code #} comments to the end of the line; a backslash before a newline continues the statement; quoted
 * strings ({@code "..."} or {@code '...'}) may not hold macros; {@code $name} expands a macro defined earlier, whose
 * value is read again as tokens (once: no macro inside a macro's value is expanded, as pfctl does); a NUMBER is a
 * run of digits followed by white space or one of {@code ) , / } =}, anything else that starts with a letter, a digit,
 * {@code : _ *} is a WORD that runs until white space or one of {@code ( ) { } < > ! = / # ,} (so {@code 5056:5071},
 * {@code 50%}, {@code vport0:network} and {@code 192.168.1.0} are single words and {@code /24} is {@code /} then 24);
 * {@code != <= >= <> ><} are operators.
 *
 * <p>Used by {@link PfParser} for the subset openbsd-pbr renders, and meant for any reader of admin-written pf.conf
 * (the statements are the parser's business, the tokens are pfctl's): the parser defines macros as it reads their
 * definitions, exactly as pfctl's grammar does.
 */
public final class PfLexer {
    private final String file;
    private final Map<String, String> macros = new HashMap<>();
    /** The file, then the values of the macros being expanded on top of it. */
    private final Deque<Source> sources = new ArrayDeque<>(2);
    private int line = 1;

    private static final class Source {
        final String text;
        final @Nullable String macro;
        int pos;

        Source(final String text, final @Nullable String macro) {
            this.text = text;
            this.macro = macro;
        }
    }

    /**
     * A lexer over one file.
     *
     * @param file the file's path on the router, for error messages
     * @param text the file's content
     */
    public PfLexer(final String file, final String text) {
        this.file = requireNonNull(file);
        sources.push(new Source(requireNonNull(text), null));
    }

    /** Defines (or redefines) a macro for the tokens that follow. */
    public void define(final String name, final String value) {
        macros.put(requireNonNull(name), requireNonNull(value));
    }

    /** A macro's value, or null. */
    public @Nullable String macro(final String name) {
        return macros.get(name);
    }

    /** The macros defined so far. */
    public Map<String, String> macros() {
        return Map.copyOf(macros);
    }

    /** The file's path. */
    public String file() {
        return file;
    }

    /** The line the next character is on. */
    public int line() {
        return line;
    }

    /** The character at the read position, -1 at the end; a backslash-newline reads as a space. */
    private int peek() {
        while (true) {
            final int ch = peekIn(sources.peek());
            if (ch != -1 || sources.size() == 1) {
                return ch;
            }
            sources.pop();
        }
    }

    /** The next character of one source only, -1 at its end: a token never spans a macro's end. */
    private static int peekIn(final Source source) {
        if (source.pos >= source.text.length()) {
            return -1;
        }
        final char ch = source.text.charAt(source.pos);
        if (ch == '\\' && source.macro == null && source.pos + 1 < source.text.length()
                && source.text.charAt(source.pos + 1) == '\n') {
            return ' ';
        }
        return ch;
    }

    private void advance() {
        final Source source = sources.peek();
        final char ch = source.text.charAt(source.pos);
        if (ch == '\\' && source.macro == null && source.pos + 1 < source.text.length()
                && source.text.charAt(source.pos + 1) == '\n') {
            source.pos += 2;
            line++;
            return;
        }
        source.pos++;
        if (ch == '\n' && source.macro == null) {
            line++;
        }
    }

    private @Nullable String currentMacro() {
        for (Source source : sources) {
            if (source.macro != null && source.pos <= source.text.length()) {
                return source.macro;
            }
        }
        return null;
    }

    private ModelException error(final String problem) {
        return new ModelException(file, line, problem);
    }

    /**
     * The next token; {@link PfToken.Kind#EOF} at the end, again and again.
     *
     * @throws ModelException on an unterminated quote or an undefined macro
     */
    public PfToken next() {
        int ch = peek();
        while (ch == ' ' || ch == '\t' || ch == '\r') {
            advance();
            ch = peek();
        }
        if (ch == '#') {
            while (ch != '\n' && ch != -1) {
                advance();
                ch = peek();
            }
        }
        final int at = line;
        if (ch == -1) {
            return new PfToken(PfToken.Kind.EOF, "", at, null);
        }
        if (ch == '\n') {
            advance();
            return new PfToken(PfToken.Kind.NEWLINE, "\n", at, null);
        }
        if (ch == '$' && sources.size() == 1) {
            advance();
            final StringBuilder name = new StringBuilder();
            for (int c = peek(); c != -1 && (Character.isLetterOrDigit(c) || c == '_'); c = peek()) {
                name.append((char) c);
                advance();
            }
            final String value = macros.get(name.toString());
            if (value == null) {
                throw error("macro '" + name + "' not defined");
            }
            sources.push(new Source(value, name.toString()));
            return next();
        }
        final String macro = currentMacro();
        if (ch == '"' || ch == '\'') {
            return quoted((char) ch, at, macro);
        }
        if (ch == '!' || ch == '<' || ch == '>') {
            advance();
            final int second = peek();
            final String pair = String.valueOf((char) ch) + (char) Math.max(second, 0);
            if ("!=".equals(pair) || "<=".equals(pair) || ">=".equals(pair) || "<>".equals(pair)
                    || "><".equals(pair)) {
                advance();
                return new PfToken(PfToken.Kind.OPERATOR, pair, at, macro);
            }
            return new PfToken(PfToken.Kind.PUNCT, String.valueOf((char) ch), at, macro);
        }
        final StringBuilder word = new StringBuilder();
        if (ch == '-' || ch >= '0' && ch <= '9') {
            final Source source = sources.peek();
            final int start = source.pos;
            final int startLine = line;
            word.append((char) ch);
            advance();
            for (int c = peekIn(source); c >= '0' && c <= '9'; c = peekIn(source)) {
                word.append((char) c);
                advance();
            }
            final int end = peekIn(source);
            final boolean onlyDash = word.length() == 1 && ch == '-';
            if (!onlyDash && (end == -1 || Character.isWhitespace(end) || end == ')' || end == ',' || end == '/'
                    || end == '}' || end == '=')) {
                return new PfToken(PfToken.Kind.NUMBER, word.toString(), at, macro);
            }
            // not a number: read it again as a word (pfctl pushes the characters back)
            source.pos = start;
            line = startLine;
            word.setLength(0);
            if (ch == '-') {
                advance();
                return new PfToken(PfToken.Kind.PUNCT, "-", at, macro);
            }
        }
        if (Character.isLetterOrDigit(ch) || ch == ':' || ch == '_' || ch == '*') {
            final Source source = sources.peek();
            for (int c = peekIn(source); c != -1 && inWord(c); c = peekIn(source)) {
                word.append((char) c);
                advance();
            }
            return new PfToken(PfToken.Kind.WORD, word.toString(), at, macro);
        }
        advance();
        return new PfToken(PfToken.Kind.PUNCT, String.valueOf((char) ch), at, macro);
    }

    /** pfctl's {@code allowed_in_string}. */
    private static boolean inWord(final int ch) {
        if (Character.isLetterOrDigit(ch)) {
            return true;
        }
        if (ch <= ' ' || ch >= 127) {
            return false;
        }
        return switch (ch) {
            case '(', ')', '{', '}', '<', '>', '!', '=', '/', '#', ',' -> false;
            default -> true;
        };
    }

    private PfToken quoted(final char quote, final int at, final @Nullable String macro) {
        advance();
        final StringBuilder text = new StringBuilder();
        while (true) {
            final int ch = peek();
            if (ch == -1) {
                throw new ModelException(file, at, "unterminated quoted string");
            }
            advance();
            if (ch == quote) {
                return new PfToken(PfToken.Kind.QUOTED, text.toString(), at, macro);
            }
            if (ch == '\n') {
                // pfctl drops newlines inside quotes
                continue;
            }
            if (ch == '\\') {
                final int next = peek();
                if (next == quote || next == ' ' || next == '\t') {
                    advance();
                    text.append((char) next);
                    continue;
                }
            }
            text.append((char) ch);
        }
    }
}

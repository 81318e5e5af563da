/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.importer;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.openbsdpbr.api.intent.Syntax;
import org.opendaylight.openbsdpbr.impl.analysis.pf.PfLexer;
import org.opendaylight.openbsdpbr.impl.analysis.pf.PfParser;
import org.opendaylight.openbsdpbr.impl.analysis.pf.PfToken;
import org.opendaylight.openbsdpbr.impl.analysis.source.ModelException;

/**
 * pf.conf cut into statements with the analysis' {@link PfLexer} (pfctl's tokens: comments, backslash continuations,
 * quotes, macros expanded as pfctl expands them), each with a canonical text that the import matches against the
 * shapes the intent can express.
 *
 * <p>The canonical text is the tokens joined by one space, then tightened the way the renderer writes pf.conf
 * ({@code 192.168.1.0/24}, a table name in angle brackets, {@code (pppoe0:0)}, {@code { a, b }}), so that a
 * rule an admin spread over lines with tabs reads like the renderer's one-line form. A macro that defines a host group
 * (a list of addresses) stays {@code $name} in the canonical text, since a rule naming it maps to a host-group
 * reference; every other macro reads as its value.
 */
final class PfStatements {
    /** The host-group-like value of a macro: addresses or prefixes, optionally in braces, comma or blank separated. */
    private static final Pattern ADDRESS_LIST = Pattern.compile("\\{?\\s*[0-9A-Fa-f:./]+(\\s*,?\\s*[0-9A-Fa-f:./]+)*"
        + "\\s*\\}?");
    private static final Pattern LIST = Pattern.compile("\\{ ([^{}]*) \\}");
    private static final Pattern LIST_SEPARATORS = Pattern.compile("[{},\\s]+");

    /**
     * One statement.
     *
     * @param first its first line
     * @param last its last line
     * @param canonical the canonical text (see the class comment)
     * @param written the statement as written: its lines joined, comments and continuations removed
     * @param commentAbove the comment line right above it (without {@code # }), or null
     * @param describes whether that comment may be the statement's description: the line above the comment is
     *     neither blank nor the start of the file (a blank line then a comment is a section heading)
     * @param tokens its tokens, macros expanded
     */
    record Statement(int first, int last, String canonical, String written, @Nullable String commentAbove,
            boolean describes, List<PfToken> tokens) {
        // one pf.conf statement
    }

    /** A macro definition statement. */
    record Macro(Statement statement, String name, String value, boolean hostGroup) {
        // name = "value"
    }

    final List<Statement> statements = new ArrayList<>();
    final List<Macro> macros = new ArrayList<>();
    private final Set<String> hostGroupMacros = new HashSet<>();

    private PfStatements() {
        // built by read
    }

    /**
     * Cuts pf.conf into statements; a statement the tokenizer refuses (an undefined macro, an unterminated quote)
     * goes to {@code unmapped} with the tokenizer's reason.
     */
    static PfStatements read(final String path, final String text, final List<Unmapped> unmapped) {
        final PfStatements result = new PfStatements();
        final String[] lines = text.split("\n", -1);
        final PfLexer lexer = new PfLexer(path, text);
        while (true) {
            final List<PfToken> tokens = new ArrayList<>();
            int first = -1;
            int last = -1;
            boolean eof = false;
            try {
                while (true) {
                    final PfToken token = lexer.next();
                    if (token.kind() == PfToken.Kind.EOF) {
                        eof = true;
                        break;
                    }
                    if (token.kind() == PfToken.Kind.NEWLINE) {
                        if (tokens.isEmpty()) {
                            continue;
                        }
                        last = token.line();
                        break;
                    }
                    if (tokens.isEmpty()) {
                        first = token.line();
                    }
                    last = Math.max(last, token.line());
                    tokens.add(token);
                }
            } catch (ModelException e) {
                final int line = first > 0 ? first : e.line();
                final int end = skipStatement(lexer);
                unmapped.add(new Unmapped(path, line, written(lines, line, Math.max(line, end)), e.problem()
                    + " (pfctl refuses the statement)"));
                continue;
            }
            if (!tokens.isEmpty()) {
                result.add(lexer, lines, first, last, tokens);
            }
            if (eof) {
                return result;
            }
        }
    }

    /** Reads to the end of the broken statement; returns its last line. */
    private static int skipStatement(final PfLexer lexer) {
        while (true) {
            try {
                final PfToken token = lexer.next();
                if (token.isEnd()) {
                    return token.line();
                }
            } catch (ModelException e) {
                // another broken token in the same statement
            }
        }
    }

    private void add(final PfLexer lexer, final String[] lines, final int first, final int last,
            final List<PfToken> tokens) {
        final String written = written(lines, first, last);
        String comment = null;
        boolean describes = false;
        if (first >= 2) {
            final String above = lines[first - 2].strip();
            if (above.startsWith("#")) {
                comment = above.substring(1).strip();
                describes = first >= 3 && !lines[first - 3].isBlank();
            }
        }
        final PfToken head = tokens.get(0);
        if (tokens.size() >= 2 && tokens.get(1).is("=")
                && (head.kind() == PfToken.Kind.WORD || head.kind() == PfToken.Kind.NUMBER)) {
            final StringBuilder value = new StringBuilder();
            for (int i = 2; i < tokens.size(); i++) {
                if (!value.isEmpty()) {
                    value.append(' ');
                }
                value.append(tokens.get(i).text());
            }
            lexer.define(head.text(), value.toString());
            final boolean group = ADDRESS_LIST.matcher(value.toString().strip()).matches()
                && addresses(value.toString()).stream().allMatch(Syntax::isNetworkOrAddress);
            if (group) {
                hostGroupMacros.add(head.text());
            }
            final Statement statement = new Statement(first, last, written, written, comment, describes, tokens);
            macros.add(new Macro(statement, head.text(), value.toString(), group));
            return;
        }
        statements.add(new Statement(first, last, canonical(tokens), written, comment, describes, tokens));
    }

    /** The addresses of a host-group macro's value, in order. */
    static List<String> addresses(final String value) {
        final List<String> result = new ArrayList<>();
        for (String part : LIST_SEPARATORS.split(value.strip())) {
            if (!part.isEmpty()) {
                result.add(part);
            }
        }
        return result;
    }

    private String canonical(final List<PfToken> tokens) {
        final StringBuilder sb = new StringBuilder();
        String lastMacro = null;
        for (PfToken token : tokens) {
            final String macro = token.macro();
            if (macro != null && hostGroupMacros.contains(macro)) {
                if (!macro.equals(lastMacro)) {
                    space(sb).append('$').append(macro);
                    lastMacro = macro;
                }
                continue;
            }
            lastMacro = null;
            space(sb).append(token.kind() == PfToken.Kind.QUOTED ? "\"" + token.text() + "\"" : token.text());
        }
        final String tight = sb.toString().replace(" / ", "/").replace(" , ", ", ").replace("( ", "(")
            .replace(" )", ")").replace("< ", "<").replace(" >", ">").replace("! <", "!<").replace("! $", "!$")
            .replaceAll("! (?=[0-9A-Za-z{])", "!");
        // pf lists may leave out the commas ({ a b }): the renderer writes { a, b }
        final Matcher list = LIST.matcher(tight);
        final StringBuilder out = new StringBuilder();
        while (list.find()) {
            list.appendReplacement(out, Matcher.quoteReplacement("{ " + String.join(", ",
                List.of(list.group(1).strip().split("\\s*,\\s*|\\s+"))) + " }"));
        }
        list.appendTail(out);
        return out.toString();
    }

    private static StringBuilder space(final StringBuilder sb) {
        if (!sb.isEmpty()) {
            sb.append(' ');
        }
        return sb;
    }

    /** Lines first..last as written: continuations joined, comments dropped, blanks collapsed. */
    static String written(final String[] lines, final int first, final int last) {
        final StringBuilder sb = new StringBuilder();
        for (int i = first; i <= last && i <= lines.length; i++) {
            String line = PfParser.stripComment(lines[i - 1]);
            if (line.endsWith("\\")) {
                line = line.substring(0, line.length() - 1);
            }
            sb.append(line).append(' ');
        }
        return sb.toString().strip().replaceAll("\\s+", " ");
    }
}

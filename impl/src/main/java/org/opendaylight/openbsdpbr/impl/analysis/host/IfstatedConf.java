/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.analysis.host;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.openbsdpbr.impl.analysis.source.ModelException;

/**
 * {@code /etc/ifstated.conf} as ifstated(8) reads it (ifstated.conf(5); usr.sbin/ifstated/parse.y): the init-state,
 * and per state its {@code init} commands and its {@code if} blocks with their tests, commands and state changes. One
 * reader for the analysis (which failure state a set of down uplinks leads to, and whether every state can be reached
 * and left) and for the lab's ifstated emulation, so that both follow the file the router gets.
 *
 * <p>Read: comments, backslash continuations, quoted strings (a backslash escapes only the quote, as in parse.y),
 * {@code init-state}, macros ({@code NAME = "..."}, expanded where {@code $NAME} stands outside quotes, never inside),
 * {@code state NAME { init { ... } ... }}, {@code run}, {@code set-state}, {@code if EXPR} with a block or one action,
 * and expressions of {@code !}, {@code &&}, {@code ||} (one precedence, left to right, as parse.y's %left),
 * parentheses, external tests ({@code "cmd" every N}) and link tests ({@code IF.link.up|down|unknown}).
 *
 * @param initState the state ifstated starts in: init-state, else the first state
 * @param states the states, in file order
 */
public record IfstatedConf(String initState, Map<String, State> states) {
    /** The path. */
    public static final String PATH = "/etc/ifstated.conf";

    public IfstatedConf {
        states = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(states));
    }

    /**
     * One state.
     *
     * @param name its name
     * @param line where it starts
     * @param init the actions run when it is entered
     * @param body the actions run when a test changes while it is current
     */
    public record State(String name, int line, List<Action> init, List<Action> body) {
        public State {
            init = List.copyOf(init);
            body = List.copyOf(body);
        }
    }

    /** An action of a state. */
    public sealed interface Action {
        /** The line it stands on. */
        int line();
    }

    /** {@code run "cmd"}. */
    public record Run(int line, String command) implements Action {
    }

    /** {@code set-state NAME}. */
    public record SetState(int line, String state) implements Action {
    }

    /** {@code if EXPR { actions }}. */
    public record If(int line, Expr test, List<Action> actions) implements Action {
        public If {
            actions = List.copyOf(actions);
        }
    }

    /** A test expression. */
    public sealed interface Expr {
        /** Its value, given the value of each external and link test. */
        boolean eval(Predicate<Expr> leaf);

        /** Its leaves, in order. */
        void leaves(List<Expr> into);
    }

    /** A test whose value the daemon observes: an external command's exit status or a link state. */
    public sealed interface Leaf extends Expr {
        @Override
        default boolean eval(final Predicate<Expr> leaf) {
            return leaf.test(this);
        }

        @Override
        default void leaves(final List<Expr> into) {
            into.add(this);
        }
    }

    /** {@code "cmd" every N}: true while the command's last run exited 0. */
    public record External(String command, int every) implements Leaf {
    }

    /** {@code IF.link.STATE}. */
    public record Link(String iface, String state) implements Leaf {
    }

    /** {@code ! EXPR}. */
    public record Not(Expr expr) implements Expr {
        @Override
        public boolean eval(final Predicate<Expr> leaf) {
            return !expr.eval(leaf);
        }

        @Override
        public void leaves(final List<Expr> into) {
            expr.leaves(into);
        }
    }

    /** {@code A && B} or {@code A || B}. */
    public record Binary(Expr left, boolean and, Expr right) implements Expr {
        @Override
        public boolean eval(final Predicate<Expr> leaf) {
            return and ? left.eval(leaf) && right.eval(leaf) : left.eval(leaf) || right.eval(leaf);
        }

        @Override
        public void leaves(final List<Expr> into) {
            left.leaves(into);
            right.leaves(into);
        }
    }

    /** Every external test of an expression. */
    public static List<External> externals(final Expr expr) {
        final List<Expr> leaves = new ArrayList<>();
        expr.leaves(leaves);
        final List<External> result = new ArrayList<>();
        for (Expr leaf : leaves) {
            if (leaf instanceof External external) {
                result.add(external);
            }
        }
        return result;
    }

    /**
     * Where ifstated settles from {@code start} while the tests keep the values {@code leaf} gives: the state's body
     * runs, its {@code if} blocks whose test is true run their actions in order (the last {@code set-state} wins, as
     * in ifstated.c's do_action), and a state change enters the next state, until no state changes. A machine that
     * does not settle within the number of states twice over (a loop between states) is an error.
     *
     * @param start the current state
     * @param leaf the value of each test
     * @param commands receives every command run on the way: the {@code if} blocks' and each entered state's init
     * @return the state it settles in
     */
    public String settle(final String start, final Predicate<Expr> leaf, final List<String> commands) {
        String current = start;
        for (int step = 0; step <= 2 * states.size() + 1; step++) {
            final State state = states.get(current);
            if (state == null) {
                throw new IllegalArgumentException("no state " + current);
            }
            final String next = run(state.body(), leaf, commands);
            if (next == null || next.equals(current)) {
                return current;
            }
            final State entered = states.get(next);
            if (entered == null) {
                throw new IllegalArgumentException("set-state to a state that does not exist: " + next);
            }
            run(entered.init(), leaf, commands);
            current = next;
        }
        throw new IllegalArgumentException("the states do not settle from " + start + ": they loop");
    }

    private static @Nullable String run(final List<Action> actions, final Predicate<Expr> leaf,
            final List<String> commands) {
        String next = null;
        for (Action action : actions) {
            switch (action) {
                case Run run -> commands.add(run.command());
                case SetState set -> next = set.state();
                case If test -> {
                    if (test.test().eval(leaf)) {
                        final String inner = run(test.actions(), leaf, commands);
                        if (inner != null) {
                            next = inner;
                        }
                    }
                }
            }
        }
        return next;
    }

    /** Every state a state's body can change to, in order. */
    public static List<String> targets(final List<Action> actions) {
        return collect(actions, action -> action instanceof SetState set ? set.state() : null);
    }

    /** Every command of a list of actions, the {@code if} blocks' included. */
    public static List<String> commands(final List<Action> actions) {
        return collect(actions, action -> action instanceof Run run ? run.command() : null);
    }

    /** What {@code pick} finds in every action, depth first (the {@code if} blocks' included), in file order. */
    private static List<String> collect(final List<Action> actions,
            final java.util.function.Function<Action, @Nullable String> pick) {
        final List<String> result = new ArrayList<>();
        for (Action action : actions) {
            final String found = pick.apply(action);
            if (found != null) {
                result.add(found);
            }
            if (action instanceof If test) {
                result.addAll(collect(test.actions(), pick));
            }
        }
        return result;
    }

    /**
     * Reads a file.
     *
     * @throws ModelException naming the line of the first thing ifstated would refuse or the reader does not read
     */
    public static IfstatedConf parse(final String path, final String content) {
        return new Parser(path, Lexer.tokens(path, content)).file();
    }

    /** A token: its kind, its text and its line. */
    private record Token(Kind kind, String text, int line) {
        enum Kind { WORD, QUOTED, PUNCT, NEWLINE, END }
    }

    /** parse.y's lexer, without macro expansion (the parser expands). */
    private static final class Lexer {
        private static List<Token> tokens(final String path, final String content) {
            final List<Token> tokens = new ArrayList<>();
            int line = 1;
            int index = 0;
            final int length = content.length();
            while (index < length) {
                final char ch = content.charAt(index);
                if (ch == '\\' && index + 1 < length && content.charAt(index + 1) == '\n') {
                    index += 2;
                    line++;
                } else if (ch == ' ' || ch == '\t' || ch == '\r') {
                    index++;
                } else if (ch == '#') {
                    while (index < length && content.charAt(index) != '\n') {
                        index++;
                    }
                } else if (ch == '\n') {
                    tokens.add(new Token(Token.Kind.NEWLINE, "\n", line));
                    line++;
                    index++;
                } else if (ch == '"' || ch == '\'') {
                    final StringBuilder sb = new StringBuilder();
                    final int start = line;
                    index++;
                    while (true) {
                        if (index >= length) {
                            throw new ModelException(path, start, "a quoted string is not closed");
                        }
                        final char in = content.charAt(index);
                        if (in == ch) {
                            index++;
                            break;
                        }
                        if (in == '\\' && index + 1 < length && content.charAt(index + 1) == ch) {
                            sb.append(ch);
                            index += 2;
                            continue;
                        }
                        if (in == '\\' && index + 1 < length && content.charAt(index + 1) == '\n') {
                            // a continued line inside quotes, as parse.y's lexer reads it
                            index += 2;
                            line++;
                            continue;
                        }
                        if (in == '\n') {
                            line++;
                        }
                        sb.append(in);
                        index++;
                    }
                    tokens.add(new Token(Token.Kind.QUOTED, sb.toString(), start));
                } else if ("{}()!=".indexOf(ch) >= 0) {
                    tokens.add(new Token(Token.Kind.PUNCT, String.valueOf(ch), line));
                    index++;
                } else if (ch == '$' || Character.isLetterOrDigit(ch) || ch == ':' || ch == '_' || ch == '&'
                        || ch == '|' || ch == '-' || ch == '.') {
                    final int start = index;
                    index++;
                    while (index < length && inWord(content.charAt(index))) {
                        index++;
                    }
                    tokens.add(new Token(Token.Kind.WORD, content.substring(start, index), line));
                } else {
                    throw new ModelException(path, line, "unexpected character '" + ch + "'");
                }
            }
            tokens.add(new Token(Token.Kind.END, "", line));
            return tokens;
        }

        /** parse.y's allowed_in_string, with '.' kept inside a word so that IF.link.up is one word here. */
        private static boolean inWord(final char ch) {
            return Character.isLetterOrDigit(ch) || ch > ' ' && ch < 0x7f && "(){}!=#,\"'".indexOf(ch) < 0
                && !Character.isWhitespace(ch);
        }
    }

    /** The grammar of ifstated.conf(5). */
    private static final class Parser {
        private final String path;
        private final List<Token> tokens;
        private final Map<String, String> macros = new LinkedHashMap<>();
        private final Map<String, State> states = new LinkedHashMap<>();
        private int at;
        private @Nullable String initState;

        Parser(final String path, final List<Token> tokens) {
            this.path = path;
            this.tokens = tokens;
        }

        IfstatedConf file() {
            while (peek().kind() != Token.Kind.END) {
                final Token token = next();
                if (token.kind() == Token.Kind.NEWLINE) {
                    continue;
                }
                if (token.kind() == Token.Kind.WORD && "init-state".equals(token.text())) {
                    initState = name();
                } else if (token.kind() == Token.Kind.WORD && "state".equals(token.text())) {
                    state(token);
                } else if (token.kind() == Token.Kind.WORD && peek().text().equals("=")) {
                    next();
                    macros.put(token.text(), string());
                } else {
                    throw error(token, "expected init-state, a macro or a state");
                }
                endOfLine();
            }
            if (states.isEmpty()) {
                throw new ModelException(path, 1, "no state");
            }
            final String start = initState == null ? states.keySet().iterator().next() : initState;
            if (!states.containsKey(start)) {
                throw new ModelException(path, 1, "invalid start state " + start);
            }
            return new IfstatedConf(start, states);
        }

        private void state(final Token first) {
            final String name = name();
            if (states.containsKey(name)) {
                throw error(first, "state " + name + " already exists");
            }
            skipNewlines();
            expect("{");
            final List<Action> init = new ArrayList<>();
            final List<Action> body = new ArrayList<>();
            while (true) {
                skipNewlines();
                if (peek().text().equals("}") && peek().kind() == Token.Kind.PUNCT) {
                    next();
                    break;
                }
                if (peek().kind() == Token.Kind.WORD && "init".equals(peek().text())) {
                    next();
                    init.addAll(block());
                } else {
                    body.add(action());
                }
            }
            states.put(name, new State(name, first.line(), init, body));
        }

        private List<Action> block() {
            skipNewlines();
            if (peek().kind() == Token.Kind.PUNCT && "{".equals(peek().text())) {
                next();
                final List<Action> actions = new ArrayList<>();
                while (true) {
                    skipNewlines();
                    if (peek().kind() == Token.Kind.PUNCT && "}".equals(peek().text())) {
                        next();
                        return actions;
                    }
                    actions.add(action());
                }
            }
            return List.of(action());
        }

        private Action action() {
            final Token token = next();
            if (token.kind() != Token.Kind.WORD) {
                throw error(token, "expected run, set-state or if");
            }
            return switch (token.text()) {
                case "run" -> new Run(token.line(), string());
                case "set-state" -> new SetState(token.line(), name());
                case "if" -> {
                    final Expr test = expr();
                    yield new If(token.line(), test, block());
                }
                default -> throw error(token, "expected run, set-state or if, not " + token.text());
            };
        }

        /** {@code expr: '!' expr | expr && expr | expr || expr | term}, left to right. */
        private Expr expr() {
            Expr left = unary();
            while (peek().kind() == Token.Kind.WORD && ("&&".equals(peek().text()) || "||".equals(peek().text()))) {
                final boolean and = "&&".equals(next().text());
                left = new Binary(left, and, unary());
            }
            return left;
        }

        private Expr unary() {
            final Token token = peekExpanded();
            if (token.kind() == Token.Kind.PUNCT && "!".equals(token.text())) {
                next();
                return new Not(unary());
            }
            if (token.kind() == Token.Kind.PUNCT && "(".equals(token.text())) {
                next();
                final Expr inner = expr();
                expect(")");
                return inner;
            }
            next();
            if (token.kind() == Token.Kind.QUOTED) {
                final Token every = next();
                if (!"every".equals(every.text())) {
                    throw error(every, "an external test is \"command\" every SECONDS");
                }
                final Token seconds = next();
                final int interval;
                try {
                    interval = Integer.parseInt(seconds.text());
                } catch (NumberFormatException e) {
                    throw new ModelException(path, seconds.line(), "invalid interval: " + seconds.text(), e);
                }
                if (interval <= 0) {
                    throw error(seconds, "invalid interval: " + interval);
                }
                return new External(token.text(), interval);
            }
            if (token.kind() == Token.Kind.WORD) {
                final String[] parts = token.text().split("\\.");
                if (parts.length == 3 && "link".equals(parts[1]) && List.of("up", "down", "unknown")
                        .contains(parts[2])) {
                    return new Link(parts[0], parts[2]);
                }
            }
            throw error(token, "expected a test");
        }

        /** The next token, with a macro outside quotes replaced by the test it stands for. */
        private Token peekExpanded() {
            final Token token = peek();
            if (token.kind() == Token.Kind.WORD && token.text().startsWith("$")) {
                final String value = macros.get(token.text().substring(1));
                if (value == null) {
                    throw error(token, "macro '" + token.text().substring(1) + "' not defined");
                }
                final List<Token> expanded = new ArrayList<>(Lexer.tokens(path, value));
                expanded.removeIf(t -> t.kind() == Token.Kind.END || t.kind() == Token.Kind.NEWLINE);
                tokens.remove(at);
                for (int i = expanded.size() - 1; i >= 0; i--) {
                    final Token t = expanded.get(i);
                    tokens.add(at, new Token(t.kind(), t.text(), token.line()));
                }
                return peekExpanded();
            }
            return token;
        }

        private String name() {
            final Token token = next();
            if (token.kind() != Token.Kind.WORD && token.kind() != Token.Kind.QUOTED) {
                throw error(token, "expected a name");
            }
            return token.text();
        }

        private String string() {
            final StringBuilder sb = new StringBuilder();
            while (peek().kind() == Token.Kind.QUOTED || peek().kind() == Token.Kind.WORD) {
                if (!sb.isEmpty()) {
                    sb.append(' ');
                }
                sb.append(next().text());
            }
            if (sb.isEmpty()) {
                throw error(peek(), "expected a string");
            }
            return sb.toString();
        }

        private void expect(final String punct) {
            final Token token = next();
            if (token.kind() != Token.Kind.PUNCT || !punct.equals(token.text())) {
                throw error(token, "expected '" + punct + "'");
            }
        }

        private void endOfLine() {
            final Token token = peek();
            if (token.kind() != Token.Kind.NEWLINE && token.kind() != Token.Kind.END) {
                throw error(token, "expected the end of the line");
            }
        }

        private void skipNewlines() {
            while (peek().kind() == Token.Kind.NEWLINE) {
                next();
            }
        }

        private Token peek() {
            return tokens.get(at);
        }

        private Token next() {
            final Token token = tokens.get(at);
            if (token.kind() != Token.Kind.END) {
                at++;
            }
            return token;
        }

        private ModelException error(final Token token, final String problem) {
            return new ModelException(path, token.line(), problem);
        }
    }
}

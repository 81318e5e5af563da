/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.mdsal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No code of the plugin hands work to {@code ForkJoinPool.commonPool()}: neither by name, nor through a
 * {@code CompletableFuture} {@code ...Async} call without an executor, nor through
 * {@code CompletableFuture.delayedExecutor(delay, unit)} without one (both use the common pool on machines with more
 * than two cores; a timer of ours is {@code device.TimerThread}), nor through a parallel stream but where allowed.
 * In Karaf the common pool's threads may not set a context class loader, and Jersey writes a RESTCONF answer on the
 * thread that completes the RPC: an answer completed there dies with a SecurityException and the client receives no
 * bytes (session 7: every render and sync answer broke). What a back-off or a timer continues with can end in such
 * an answer or a datastore write just as well. The same as {@code grep}, on every build; comments are not code, and
 * comment markers inside string literals are text.
 */
class NoCommonPoolTest {
    private static final Path MAIN = Path.of("src", "main", "java");
    /** The start of a CompletableFuture ...Async call: thenApplyAsync(, runAsync(, whenCompleteAsync(, ... */
    private static final Pattern ASYNC_CALL = Pattern.compile(
        "\\b(then\\w+|handle|whenComplete|exceptionally|run|supply)Async\\(");
    /** CompletableFuture.delayedExecutor(delay, unit[, executor]): without the executor, the common pool. */
    private static final Pattern DELAYED_EXECUTOR = Pattern.compile("\\bdelayedExecutor\\(");
    /** A parallel stream: its work runs on the common pool. */
    private static final Pattern PARALLEL_STREAM = Pattern.compile("\\.(parallelStream|parallel)\\(\\)");
    /**
     * The parallel streams allowed, by file: pure computation whose result the calling thread collects (a terminal
     * operation joins on the caller), so no answer or write completes on the common pool. IntentCohort compiles the
     * routers a profile write touches at once, inside can-commit.
     */
    private static final Map<String, Integer> PARALLEL_ALLOWED = Map.of("IntentCohort.java", 1);

    @Test
    void noCodeRunsOnTheCommonPool() throws IOException {
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".java")).toList()) {
                final String code = withoutComments(Files.readString(file));
                assertThat(code).as(file + " hands work to ForkJoinPool.commonPool()")
                    .doesNotContain("commonPool()");
                assertThat(asyncCallsWithoutExecutor(code)).as(file + " calls an ...Async method without an executor "
                    + "(the common pool)").isEmpty();
                assertThat(delayedExecutorsWithoutExecutor(code)).as(file + " calls delayedExecutor without an "
                    + "executor (its tasks run on the common pool): use a TimerThread").isEmpty();
                assertThat(PARALLEL_STREAM.matcher(code).results().count()).as(file + " runs a parallel stream on "
                    + "the common pool (allowed only for computation the caller collects, see PARALLEL_ALLOWED)")
                    .isEqualTo((long) PARALLEL_ALLOWED.getOrDefault(file.getFileName().toString(), 0));
            }
        }
    }

    /** The ...Async calls in the code whose argument list has one argument only (no executor). */
    static List<String> asyncCallsWithoutExecutor(final String code) {
        return callsWithFewerArguments(code, ASYNC_CALL, 2);
    }

    /** The delayedExecutor calls in the code with two arguments only (delay and unit, no executor). */
    static List<String> delayedExecutorsWithoutExecutor(final String code) {
        return callsWithFewerArguments(code, DELAYED_EXECUTOR, 3);
    }

    /**
     * The calls {@code start} finds whose argument list has fewer than {@code arguments} arguments: the text from the
     * call's name to its closing parenthesis, nested parentheses, braces, strings and character literals skipped.
     */
    private static List<String> callsWithFewerArguments(final String code, final Pattern start, final int arguments) {
        final List<String> found = new ArrayList<>();
        final Matcher call = start.matcher(code);
        while (call.find()) {
            int depth = 0;
            int commas = 0;
            int at = call.end();
            for (; at < code.length(); at++) {
                final char ch = code.charAt(at);
                if (ch == '"' || ch == '\'') {
                    at = literalEnd(code, at) - 1;
                } else if (ch == '(' || ch == '{' || ch == '[') {
                    depth++;
                } else if (ch == ')' || ch == '}' || ch == ']') {
                    if (depth == 0) {
                        break;
                    }
                    depth--;
                } else if (ch == ',' && depth == 0) {
                    commas++;
                }
            }
            if (commas + 1 < arguments) {
                found.add(code.substring(call.start(), Math.min(code.length(), at + 1)));
            }
        }
        return found;
    }

    /**
     * The source without its comments (each replaced by a space, line breaks kept): a Java lexer's view of what is a
     * comment, so that {@code "http://..."} or {@code "/*"} in a string literal and a quote in a comment mislead it
     * neither way.
     */
    static String withoutComments(final String source) {
        final var code = new StringBuilder(source.length());
        int at = 0;
        while (at < source.length()) {
            final char ch = source.charAt(at);
            if (ch == '"' || ch == '\'') {
                final int end = literalEnd(source, at);
                code.append(source, at, end);
                at = end;
            } else if (source.startsWith("//", at)) {
                final int newline = source.indexOf('\n', at);
                at = newline < 0 ? source.length() : newline;
                code.append(' ');
            } else if (source.startsWith("/*", at)) {
                final int close = source.indexOf("*/", at + 2);
                final int end = close < 0 ? source.length() : close + 2;
                code.append(' ');
                source.substring(at, end).chars().filter(c -> c == '\n').forEach(c -> code.append('\n'));
                at = end;
            } else {
                code.append(ch);
                at++;
            }
        }
        return code.toString();
    }

    /**
     * The index just after the string, text block or character literal that starts at {@code start} (a quote),
     * escapes skipped.
     */
    private static int literalEnd(final String code, final int start) {
        final boolean textBlock = code.startsWith("\"\"\"", start);
        final String close = textBlock ? "\"\"\"" : code.substring(start, start + 1);
        for (int at = start + close.length(); at < code.length(); at++) {
            if (code.charAt(at) == '\\') {
                at++;
            } else if (code.startsWith(close, at)) {
                return at + close.length();
            }
        }
        return code.length();
    }

    @Test
    void theCheckFindsWhatItLooksFor() {
        // the scan itself, so that a slip cannot turn the check above into one that passes on anything
        assertThat(asyncCallsWithoutExecutor("f.thenAcceptAsync(outcome -> { g(a, b); h(\"),\"); });"))
            .containsExactly("thenAcceptAsync(outcome -> { g(a, b); h(\"),\"); })");
        assertThat(asyncCallsWithoutExecutor("CompletableFuture.supplyAsync(() -> x(1, 2))")).hasSize(1);
        assertThat(asyncCallsWithoutExecutor("f.thenAcceptAsync(outcome -> { g(a, b); }, work)")).isEmpty();
        assertThat(asyncCallsWithoutExecutor("CompletableFuture.runAsync(task, timer)")).isEmpty();
        assertThat(asyncCallsWithoutExecutor("f.thenRunAsync(() -> g(','))")).hasSize(1);
        assertThat(delayedExecutorsWithoutExecutor("CompletableFuture.delayedExecutor(5, TimeUnit.SECONDS)"))
            .containsExactly("delayedExecutor(5, TimeUnit.SECONDS)");
        assertThat(delayedExecutorsWithoutExecutor("delayedExecutor(Math.min(a, b << c), MILLISECONDS)")).hasSize(1);
        assertThat(delayedExecutorsWithoutExecutor("delayedExecutor(Math.min(a, b), MILLISECONDS, writer)"))
            .isEmpty();
        assertThat(PARALLEL_STREAM.matcher("users.parallelStream().map(f); s.parallel().count(); s.parallelism()")
            .results().count()).isEqualTo(2);
    }

    @Test
    void commentsGoStringsStay() {
        assertThat(withoutComments("a; // ForkJoinPool.commonPool()\nb;")).isEqualTo("a;  \nb;");
        assertThat(withoutComments("a; /* commonPool()\n */ b;")).isEqualTo("a;  \n b;");
        // a comment marker inside a string is text: what follows on the line is still code (the old regex hid it)
        final String url = "String u = \"http://router\"; f.thenRunAsync(task);";
        assertThat(withoutComments(url)).isEqualTo(url);
        assertThat(asyncCallsWithoutExecutor(withoutComments(url))).hasSize(1);
        final String block = "String s = \"/*\"; ForkJoinPool.commonPool(); String t = \"*/\";";
        assertThat(withoutComments(block)).isEqualTo(block);
        final String text = "String s = \"\"\"\n  say \"//\" and \\\"\"\" \"\"\"; x.commonPool();";
        assertThat(withoutComments(text)).isEqualTo(text);
        assertThat(withoutComments("char q = '\"'; // it's\nf.runAsync(r);"))
            .isEqualTo("char q = '\"';  \nf.runAsync(r);");
        // a quote in a comment opens no string: the code after the comment is still seen
        assertThat(withoutComments("/* don't */ x.commonPool();")).isEqualTo("  x.commonPool();");
    }
}

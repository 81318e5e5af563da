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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No code of the plugin hands work to {@code ForkJoinPool.commonPool()}, neither by name nor through a
 * {@code CompletableFuture} {@code ...Async} call without an executor (which uses the common pool on machines with
 * more than two cores). In Karaf the common pool's threads may not set a context class loader, and Jersey writes a
 * RESTCONF answer on the thread that completes the RPC: an answer completed there dies with a SecurityException and
 * the client receives no bytes (session 7: every render and sync answer broke). The same as {@code grep}, on every
 * build; comments are not code.
 */
class NoCommonPoolTest {
    private static final Path MAIN = Path.of("src", "main", "java");
    /** The start of a CompletableFuture ...Async call: thenApplyAsync(, runAsync(, whenCompleteAsync(, ... */
    private static final Pattern ASYNC_CALL = Pattern.compile(
        "\\b(then\\w+|handle|whenComplete|exceptionally|run|supply)Async\\(");
    private static final Pattern COMMENT = Pattern.compile("(?s)/\\*.*?\\*/|//[^\\n]*");

    @Test
    void noCodeRunsOnTheCommonPool() throws IOException {
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".java")).toList()) {
                final String code = COMMENT.matcher(Files.readString(file)).replaceAll("");
                assertThat(code).as(file + " hands work to ForkJoinPool.commonPool()")
                    .doesNotContain("commonPool()");
                assertThat(asyncCallsWithoutExecutor(code)).as(file + " calls an ...Async method without an executor "
                    + "(the common pool)").isEmpty();
            }
        }
    }

    /**
     * The ...Async calls in the code whose argument list has one argument only (no executor): the text from the call's
     * name to its closing parenthesis, nested parentheses, braces and strings skipped.
     */
    static List<String> asyncCallsWithoutExecutor(final String code) {
        final List<String> found = new ArrayList<>();
        final Matcher call = ASYNC_CALL.matcher(code);
        while (call.find()) {
            int depth = 0;
            boolean executor = false;
            int at = call.end();
            for (; at < code.length(); at++) {
                final char ch = code.charAt(at);
                if (ch == '"' || ch == '\'') {
                    at = skipLiteral(code, at, ch);
                } else if (ch == '(' || ch == '{' || ch == '[') {
                    depth++;
                } else if (ch == ')' || ch == '}' || ch == ']') {
                    if (depth == 0) {
                        break;
                    }
                    depth--;
                } else if (ch == ',' && depth == 0) {
                    executor = true;
                }
            }
            if (!executor) {
                found.add(code.substring(call.start(), Math.min(code.length(), at + 1)));
            }
        }
        return found;
    }

    private static int skipLiteral(final String code, final int start, final char quote) {
        for (int at = start + 1; at < code.length(); at++) {
            if (code.charAt(at) == '\\') {
                at++;
            } else if (code.charAt(at) == quote) {
                return at;
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
        assertThat(COMMENT.matcher("a; // ForkJoinPool.commonPool()\nb;").replaceAll("")).doesNotContain("commonPool");
    }
}

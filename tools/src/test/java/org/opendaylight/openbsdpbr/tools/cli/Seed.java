/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.tools.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.opendaylight.openbsdpbr.api.files.LineBlock;
import org.opendaylight.openbsdpbr.tools.intentjson.IntentJson;

/**
 * The seed router's example ({@code examples/seed-router/}) and its golden files
 * ({@code impl/src/test/resources/render/seed-router/}), read from the module's neighbours (tests run in
 * {@code tools/}).
 */
final class Seed {
    static final Path EXAMPLE = Path.of("..", "examples", "seed-router");
    static final Path GOLDEN = Path.of("..", "impl", "src", "test", "resources", "render", "seed-router");
    static final String ROUTER = "seed-router";

    private Seed() {
        // fixtures
    }

    /** One reader for all tests: building it parses the model. */
    static IntentJson json() {
        return Holder.JSON;
    }

    private static final class Holder {
        static final IntentJson JSON = IntentJson.create();
    }

    /**
     * A golden file as {@code files.txt} lists it.
     *
     * @param path the router path, e.g. {@code /etc/pf.conf}
     * @param mode the mode, e.g. 0600
     * @param content the content, byte for byte
     */
    /**
     * A golden file: its content is the file's, or for a file of which openbsd-pbr owns a block of lines
     * ({@code lines}) the block's body.
     */
    record GoldenFile(String path, int mode, String content, boolean lines) {
        /**
         * The file as {@code render --out} writes it: a block of lines between its markers, as the agent appends it
         * to a router's empty file.
         */
        String written() {
            return lines ? LineBlock.MANAGED.begin() + "\n" + content + LineBlock.MANAGED.end() + "\n" : content;
        }
    }

    /** The seed's golden files by router path. */
    static Map<String, GoldenFile> golden() throws IOException {
        final Map<String, GoldenFile> files = new TreeMap<>();
        for (String line : Files.readAllLines(GOLDEN.resolve("files.txt"))) {
            final String[] fields = line.split(" ");
            final String path = fields[2];
            files.put(path, new GoldenFile(path, Integer.parseInt(fields[0], 8),
                Files.readString(GOLDEN.resolve(path.substring(1)), StandardCharsets.UTF_8), line.endsWith(" lines")));
        }
        assertThat(files).isNotEmpty();
        return files;
    }

    /** A copy of the example directory under {@code dir}, with {@code edit} applied to intent.json's text. */
    static Path copy(final Path dir, final UnaryOperator<String> edit) throws IOException {
        Files.createDirectories(dir);
        Files.copy(EXAMPLE.resolve("router.json"), dir.resolve("router.json"));
        final String intent = Files.readString(EXAMPLE.resolve("intent.json"), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("intent.json"), edit.apply(intent), StandardCharsets.UTF_8);
        return dir;
    }

    /** {@code text} with {@code from} replaced once by {@code to}; fails when {@code from} is not there. */
    static String replaceOnce(final String text, final String from, final String to) {
        final int at = text.indexOf(from);
        assertThat(at).as("'%s' in the example", from).isNotNegative();
        return text.substring(0, at) + to + text.substring(at + from.length());
    }

    /** A command's outcome. */
    record Run(int status, String out, String error) {
        // a value
    }

    /** Runs {@code openbsd-pbr ARGS}. */
    static Run run(final String... args) {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream error = new ByteArrayOutputStream();
        final int status;
        try (PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream errorStream = new PrintStream(error, true, StandardCharsets.UTF_8)) {
            status = Main.run(List.of(args), outStream, errorStream);
        }
        return new Run(status, out.toString(StandardCharsets.UTF_8), error.toString(StandardCharsets.UTF_8));
    }
}

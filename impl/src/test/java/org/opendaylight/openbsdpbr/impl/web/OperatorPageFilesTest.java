/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Static checks on the page's files as the bundle carries them: everything the page loads is in the bundle (no CDN,
 * no other origin), every module import resolves, nothing parses data as HTML or runs strings as code, nothing inline
 * that the Content-Security-Policy would block, and the operator's words cover exactly the enumerations of the YANG
 * model (so a new sync status cannot reach the page without words for it).
 */
class OperatorPageFilesTest {
    private static final Path PAGE = Path.of("src", "main", "resources", "operator-page");
    private static final Path YANG = Path.of("..", "yang", "openbsd-pbr.yang");
    private static final Pattern IMPORT = Pattern.compile("(?m)^\\s*import\\s+[^;]*?from\\s+'([^']+)';");
    private static final Pattern COMMENT = Pattern.compile("(?s)/\\*.*?\\*/|<!--.*?-->");
    private static final Pattern HTML_REFERENCE = Pattern.compile("(?:src|href)=\"([^\"]+)\"");

    private static Map<String, String> files() throws IOException {
        final Map<String, String> files = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(PAGE)) {
            for (Path path : paths.filter(Files::isRegularFile).toList()) {
                files.put(PAGE.relativize(path).toString().replace('\\', '/'),
                    Files.readString(path, StandardCharsets.UTF_8));
            }
        }
        return files;
    }

    @Test
    void everyReferenceResolvesInsideTheBundle() throws IOException {
        final Map<String, String> files = files();
        assertThat(files).containsKeys("index.html", "page.css", "js/main.js");
        final Set<String> reached = new LinkedHashSet<>();
        final List<String> queue = new ArrayList<>();
        final Matcher html = HTML_REFERENCE.matcher(files.get("index.html"));
        while (html.find()) {
            if (!html.group(1).startsWith("#")) {
                // a link inside the page (#/) is a view, not a file
                queue.add(html.group(1));
            }
        }
        while (!queue.isEmpty()) {
            final String file = queue.remove(0);
            assertThat(file).as("a reference to another origin or an absolute path").doesNotContain(":")
                .doesNotStartWith("/");
            assertThat(files).as("referenced, so in the bundle").containsKey(file);
            if (reached.add(file) && file.endsWith(".js")) {
                final Matcher imports = IMPORT.matcher(files.get(file));
                final Path base = Path.of(file).getParent();
                while (imports.find()) {
                    assertThat(imports.group(1)).as(file + " imports relative to itself").startsWith("./");
                    queue.add(base.resolve(imports.group(1)).normalize().toString().replace('\\', '/'));
                }
            }
        }
        // every file is used: no dead module shipped
        assertThat(reached).containsExactlyInAnyOrderElementsOf(files.keySet().stream()
            .filter(file -> !file.equals("index.html")).toList());
    }

    @Test
    void noOtherOriginNoHtmlParsingNoInlineCode() throws IOException {
        for (var file : files().entrySet()) {
            // comments aside (the license header names its URL)
            final String text = COMMENT.matcher(file.getValue()).replaceAll("");
            assertThat(text).as(file.getKey()).doesNotContainPattern("https?://").doesNotContain("//cdn")
                .doesNotContain("@import");
            if (file.getKey().endsWith(".js")) {
                assertThat(text).as(file.getKey() + ": data never becomes HTML or code").doesNotContain("innerHTML")
                    .doesNotContain("outerHTML").doesNotContain("insertAdjacentHTML").doesNotContain("document.write")
                    .doesNotContain("eval(").doesNotContain("new Function").doesNotContain("localStorage")
                    .doesNotContain("sessionStorage");
            }
        }
        final String index = files().get("index.html");
        assertThat(index).doesNotContainPattern("<script(?![^>]*\\bsrc=)").doesNotContain("style=")
            .doesNotContainPattern("\\son[a-z]+=");
    }

    @Test
    void theOperatorsWordsCoverExactlyTheModelsEnumerations() throws IOException {
        final String yang = Files.readString(YANG, StandardCharsets.UTF_8);
        final String words = files().get("js/words.js");
        assertThat(keys(words, "SYNC")).containsExactlyElementsOf(enums(yang, "typedef sync-status {"));
        assertThat(keys(words, "STEP")).containsExactlyElementsOf(enums(yang, "typedef commit-step {"));
        assertThat(keys(words, "CONNECTION")).containsExactlyElementsOf(enums(yang, "leaf connection {"));
    }

    /** The enum names in the YANG block that starts with this line (its braces matched). */
    private static List<String> enums(final String yang, final String start) {
        final int from = yang.indexOf(start);
        assertThat(from).as(start + " in " + YANG).isNotNegative();
        int depth = 0;
        int end = from;
        for (int i = from; i < yang.length(); i++) {
            final char c = yang.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                end = i;
                break;
            }
        }
        final List<String> names = new ArrayList<>();
        final Matcher matcher = Pattern.compile("\\benum\\s+([A-Za-z0-9_.-]+)").matcher(yang.substring(from, end));
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    /** The keys of "export const NAME = { ... };" in words.js, in order. */
    private static List<String> keys(final String script, final String constant) {
        final int from = script.indexOf("export const " + constant + " = {");
        assertThat(from).as(constant + " in words.js").isNotNegative();
        final String body = script.substring(from, script.indexOf("\n};", from));
        final List<String> names = new ArrayList<>();
        final Matcher matcher = Pattern.compile("(?m)^  '([a-z0-9-]+)':").matcher(body);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }
}

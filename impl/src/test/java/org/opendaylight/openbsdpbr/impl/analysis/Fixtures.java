/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.analysis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The golden routers of the analysis: {@code analysis/base} with a case's own files on top, or the seed router's
 * golden files of the renderer ({@code render/seed-router/etc}, written from the seed).
 */
final class Fixtures {
    private Fixtures() {
        // utility
    }

    /** A test resource directory. */
    static Path resource(final String path) {
        try {
            return Path.of(Fixtures.class.getResource("/" + path).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("no test resource " + path, e);
        }
    }

    /** The files of a case: content by path on the router. */
    static Map<String, String> files(final String name) {
        final Map<String, String> files = new TreeMap<>();
        if ("seed-router".equals(name) || "ipv6-seed-router".equals(name)) {
            // the golden files of the renderer, written from the seed
            read(resource("render/" + name), files);
            return files;
        }
        read(resource("analysis/base"), files);
        read(resource("analysis/" + name), files);
        return files;
    }

    /** Files under {@code dir/etc}, at their paths on the router. */
    static void read(final Path dir, final Map<String, String> into) {
        final Path etc = dir.resolve("etc");
        if (!Files.isDirectory(etc)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(etc)) {
            for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                into.put("/" + dir.relativize(file).toString().replace('\\', '/'),
                    Files.readString(file, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An address literal. */
    static org.opendaylight.openbsdpbr.impl.analysis.ip.IpAddress address(final String text) {
        return org.opendaylight.openbsdpbr.impl.analysis.ip.IpAddress.parse(text);
    }

    /** The model of a case. */
    static RouterModel model(final String name) {
        return MODELS.computeIfAbsent(name, key -> RouterModel.of(files(key)));
    }

    /** Models are immutable: one per case for all the tests. */
    private static final Map<String, RouterModel> MODELS = new java.util.concurrent.ConcurrentHashMap<>();
}

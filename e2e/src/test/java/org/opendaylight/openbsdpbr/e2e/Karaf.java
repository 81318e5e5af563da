/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * The controller under test as a process: killed without warning and started again the way tools/test/e2e.sh starts
 * it (which stops whatever karaf.pid names at the end).
 */
final class Karaf {
    private static final Duration START = Duration.ofSeconds(180);

    private Karaf() {
        // utility
    }

    /** SIGKILL to the controller's JVM, as a crash or a power cut would end it; returns once it is gone. */
    static void kill(final Path home) throws IOException, InterruptedException {
        final long pid = Long.parseLong(Files.readString(home.resolve("karaf.pid"), StandardCharsets.US_ASCII).strip());
        final var process = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("no controller process " + pid));
        process.destroyForcibly();
        final Instant deadline = Instant.now().plusSeconds(30);
        while (process.isAlive()) {
            assertThat(Instant.now()).as("controller " + pid + " still alive").isBefore(deadline);
            Thread.sleep(100);
        }
        Files.deleteIfExists(home.resolve("karaf.pid"));
    }

    /** Starts the controller again and returns once RESTCONF serves the configuration to an authenticated user. */
    static void start(final Path home) throws IOException, InterruptedException {
        final var builder = new ProcessBuilder(home.resolve("bin/karaf").toString(), "server").directory(home.toFile())
            .redirectErrorStream(true).redirectOutput(home.resolve("console-restart.log").toFile())
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        builder.environment().put("JAVA_MIN_MEM", "512m");
        builder.environment().putIfAbsent("JAVA_MAX_MEM", System.getenv().getOrDefault("OPENBSD_PBR_HEAP", "2048m"));
        builder.start();
        // the same readiness check the launcher and tools/test/e2e.sh use: the plugin's own RPC answers
        final Path root = Path.of(System.getProperty("e2e.repo.root", ".."));
        final Process ready = new ProcessBuilder(root.resolve("tools/bin/await-restconf.sh").toString(),
            Restconf.baseUrl(), Long.toString(START.toSeconds())).inheritIO().start();
        assertThat(ready.waitFor()).as("RESTCONF after the restart").isZero();
    }
}

/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.e2e;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * A controller under test as a process: a copy of the distribution at {@code home} serving RESTCONF at
 * {@code restconf}. Launching, awaiting, killing and stopping it go through {@code tools/bin/lib.sh}, the one
 * implementation that {@code ./openbsd-pbr}, {@code tools/test/e2e.sh} and the benchmarks use too (the JVM is found by
 * its pid file and checked against its command line, so a recycled pid is never signalled).
 *
 * @param home the distribution's directory
 * @param restconf its RESTCONF base URL, e.g. {@code http://127.0.0.1:8181/rests}
 */
record Karaf(Path home, String restconf) {
    static final Duration START = Duration.ofSeconds(180);

    Karaf {
        home = home.toAbsolutePath().normalize();
        requireNonNull(restconf);
    }

    /** The controller tools/test/e2e.sh started. */
    static Karaf underTest() {
        final String home = System.getProperty("e2e.karaf.home", "");
        assertThat(home).as("e2e.karaf.home (set by tools/test/e2e.sh)").isNotEmpty();
        return new Karaf(Path.of(home), Restconf.baseUrl());
    }

    /** A RESTCONF client logged in as admin with this distribution's generated password. */
    Restconf admin() {
        return Restconf.admin(restconf, home);
    }

    /** Launches it in the background with the given heap; {@link #await} waits until it serves openbsd-pbr. */
    void launch(final String heap) {
        lib("karaf_launch", home.toString(), heap);
    }

    /** Waits until it serves openbsd-pbr over RESTCONF (or its JVM ends); returns the JVM's pid. */
    long await(final Duration limit) {
        final String pid = lib("karaf_await", home.toString(), restconf, Long.toString(limit.toSeconds())).strip();
        return Long.parseLong(pid);
    }

    /** Launches it (the heap of OPENBSD_PBR_HEAP, default 2048m) and returns once it serves openbsd-pbr. */
    long start() {
        launch(System.getenv().getOrDefault("OPENBSD_PBR_HEAP", "2048m"));
        return await(START);
    }

    /** SIGKILL to its JVM, as a crash or a power cut would end it; returns once it is gone. */
    void kill() {
        lib("karaf_stop", home.toString(), "KILL");
        assertThat(pid()).as("the controller at " + home + " after SIGKILL").isEmpty();
    }

    /** Stops it (SIGTERM, then SIGKILL after 30 s); nothing happens when it does not run. */
    void stop() {
        lib("karaf_stop", home.toString());
    }

    /** Its JVM's pid while it runs. */
    OptionalLong pid() {
        final String pid = libOrEmpty("karaf_pid", home.toString()).strip();
        return pid.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(pid));
    }

    /** Runs {@code tools/bin/lib.sh FUNCTION ARGS...}; returns its stdout, fails the test on a non-zero exit. */
    static String lib(final String function, final String... args) {
        final var result = run(function, args);
        assertThat(result.exit()).as("tools/bin/lib.sh " + function + " " + String.join(" ", args)).isZero();
        return result.stdout();
    }

    private static String libOrEmpty(final String function, final String... args) {
        final var result = run(function, args);
        return result.exit() == 0 ? result.stdout() : "";
    }

    private record Result(int exit, String stdout) {
    }

    private static Result run(final String function, final String... args) {
        final List<String> command = new ArrayList<>(List.of("bash",
            Restconf.repoRoot().resolve("tools/bin/lib.sh").toString(), function));
        command.addAll(List.of(args));
        try {
            final Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
            final String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return new Result(process.waitFor(), stdout);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

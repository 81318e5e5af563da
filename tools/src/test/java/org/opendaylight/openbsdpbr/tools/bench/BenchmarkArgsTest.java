/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.opendaylight.openbsdpbr.tools.bench.BenchmarkArgs.Verdict;

/** Every benchmark's command line is checked against its own usage before anything starts. */
class BenchmarkArgsTest {
    static Stream<Arguments> benchmarks() {
        return Stream.of(
            Arguments.of("render", RenderBenchmark.USAGE, new String[] { "--quick" }),
            Arguments.of("flow", FlowBenchmark.USAGE, new String[] { "--quick" }),
            Arguments.of("device", DeviceBenchmark.USAGE, new String[] { "--runs", "5", "--warmup", "1" }),
            Arguments.of("fleet", DeviceBenchmarkFleet.USAGE,
                new String[] { "--sizes", "10,100", "--concurrency", "8", "--confirm", "60" }),
            Arguments.of("controller", ControllerBenchmark.USAGE, new String[] { "--routers", "10", "--runs", "3",
                "--base-port", "12201", "--restconf", "http://127.0.0.1:8181/rests", "--password-file", "f",
                "--pid", "42" }),
            Arguments.of("heap", FleetHeap.USAGE, new String[] { "--routers", "10", "--histogram", "5",
                "--idle-sessions", "0" }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("benchmarks")
    void helpPrintsTheUsageAndRunsNothing(final String name, final String usage, final String[] valid) {
        final var out = new ByteArrayOutputStream();
        final var err = new ByteArrayOutputStream();
        assertThat(new BenchmarkArgs(usage).answer(new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8), "--routers", "5", "--help")).contains(0);
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("usage: ./openbsd-pbr bench " + name + " ");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(new BenchmarkArgs(usage).check("-h")).isInstanceOf(Verdict.Help.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("benchmarks")
    void everyDocumentedOptionIsTakenAndNothingElse(final String name, final String usage, final String[] valid) {
        final BenchmarkArgs args = new BenchmarkArgs(usage);
        assertThat(args.check(valid)).isInstanceOf(Verdict.Run.class);
        assertThat(args.check()).isInstanceOf(Verdict.Run.class);
        assertThat(args.check("--router", "10")).isInstanceOfSatisfying(Verdict.Refused.class,
            refused -> assertThat(refused.text()).startsWith("unknown option --router\nusage:"));
        assertThat(args.check("extra")).isInstanceOfSatisfying(Verdict.Refused.class,
            refused -> assertThat(refused.text()).startsWith("unexpected argument extra"));
    }

    @Test
    void checkOnlyChecks() {
        final var args = new BenchmarkArgs(ControllerBenchmark.USAGE);
        assertThat(args.check("--check", "--routers", "10")).isInstanceOf(Verdict.Checked.class);
        assertThat(args.check("--routers", "10", "--check")).isInstanceOf(Verdict.Checked.class);
        assertThat(args.check("--check", "--routerz", "10")).isInstanceOf(Verdict.Refused.class);
        final var sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertThat(args.answer(sink, sink, "--check")).contains(0);
    }

    @Test
    void anOptionThatTakesAValueNeedsOne() {
        final var args = new BenchmarkArgs(DeviceBenchmark.USAGE);
        assertThat(args.check("--runs")).isInstanceOfSatisfying(Verdict.Refused.class,
            refused -> assertThat(refused.text()).startsWith("--runs needs a value"));
        assertThat(args.check("--runs", "--warmup")).as("--warmup is taken as the value of --runs")
            .isInstanceOf(Verdict.Run.class);
    }

    @Test
    void theLoginIsTheDistributionsPassword(@TempDir final Path dir) throws IOException {
        final Path file = dir.resolve("admin-password");
        Files.writeString(file, "Gen3rated-Passw0rd\n");
        assertThat(ControllerLogin.authorization(file)).isEqualTo("Basic " + Base64.getEncoder()
            .encodeToString("admin:Gen3rated-Passw0rd".getBytes(StandardCharsets.UTF_8)));
        assertThat(ControllerLogin.passwordFile(new String[] { "--password-file", file.toString() })).isEqualTo(file);
        Files.writeString(file, "");
        assertThatThrownBy(() -> ControllerLogin.authorization(file)).hasMessageContaining("no password");
    }
}

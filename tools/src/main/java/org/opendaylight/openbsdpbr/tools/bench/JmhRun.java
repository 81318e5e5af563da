/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.tools.bench;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.util.Statistics;

/**
 * The one way the JMH benchmarks ({@link RenderBenchmark}, {@link FlowBenchmark}) run: every {@code @Benchmark} of
 * the class, {@code --quick} shortening warm-up and measurement, then one line per benchmark with its p50, p90, p99
 * and mean in the benchmark's unit.
 */
final class JmhRun {
    /** The option every JMH benchmark's usage names. */
    static final String QUICK_USAGE = "  --quick   a short run (2 warm-up and 3 measured iterations of 1 s)";

    private JmhRun() {
        // utility
    }

    /**
     * Runs the benchmarks of {@code benchmarks} and prints their percentiles.
     *
     * @return the p50 of each benchmark, by method name, in the benchmark's unit
     */
    static Map<String, Double> run(final Class<?> benchmarks, final String[] args, final PrintStream out)
            throws RunnerException {
        final ChainedOptionsBuilder options = new OptionsBuilder()
            .include(benchmarks.getName() + "\\.")
            .shouldFailOnError(true);
        if (Arrays.asList(args).contains("--quick")) {
            options.warmupIterations(2).warmupTime(TimeValue.seconds(1))
                .measurementIterations(3).measurementTime(TimeValue.seconds(1));
        }
        final Map<String, Double> medians = new LinkedHashMap<>();
        out.println();
        for (RunResult result : new Runner(options.build()).run()) {
            final Statistics stats = result.getPrimaryResult().getStatistics();
            final String unit = result.getPrimaryResult().getScoreUnit().replace("/op", "");
            final String name = result.getParams().getBenchmark().replaceFirst(".*\\.", "");
            medians.put(name, stats.getPercentile(50));
            out.printf(Locale.ROOT, "%-22s n=%d  p50 %.2f %s  p90 %.2f %s  p99 %.2f %s  mean %.2f %s%n", name,
                stats.getN(), stats.getPercentile(50), unit, stats.getPercentile(90), unit, stats.getPercentile(99),
                unit, stats.getMean(), unit);
        }
        return medians;
    }
}

/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.tools.bench;

import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.opendaylight.openbsdpbr.api.files.FileSet;
import org.opendaylight.openbsdpbr.api.intent.RouterIntent;
import org.opendaylight.openbsdpbr.impl.render.RenderResult;
import org.opendaylight.openbsdpbr.impl.render.Renderer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.RunnerException;

/**
 * How long rendering one large router takes ({@link LargeRouter}: 8 rdomains, 6 uplinks, 130 policy routes), on one
 * thread, in JMH's sample mode: {@code render} is validation plus all files plus lints (what the controller does per
 * router; the router's policy routes, tables and host groups are the same objects render after render, as a profile's
 * are for every router that uses it, so their checks, lints and pf.conf text are kept: see {@code RouteSection} and
 * {@code TableSection}), {@code renderNewRoutes} the same for a router whose profile no router had before (nothing
 * kept: every route checked and written), {@code renderAndRevision} adds the SHA-256 revision of the file set.
 * Mapping from bindings is not included.
 *
 * <p>Run: {@code java -cp <tools classpath> org.opendaylight.openbsdpbr.tools.bench.RenderBenchmark [--quick]}
 * prints JMH's report and then p50/p90/p99 per benchmark; {@code --quick} shortens warm-up and measurement.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = { "-Xms512m", "-Xmx512m" })
@Threads(1)
public class RenderBenchmark {
    private RouterIntent intent;

    /** Builds the router once: the benchmark measures rendering, not building the intent. */
    @Setup
    public void setUp() {
        intent = LargeRouter.intent();
    }

    /** Validation, every file and the lints. */
    @Benchmark
    public RenderResult render() {
        return Renderer.render(intent);
    }

    /** No policy route of the router was rendered before (see {@link #renderNewRoutes}). */
    @State(Scope.Thread)
    public static class NewRoutes {
        /** Forgets what was kept of routes, tables and host groups before each render (outside the measured time). */
        @Setup(Level.Invocation)
        public void forget() {
            Renderer.forgetRenderedRoutes();
        }
    }

    /**
     * {@link #render()} of a router whose policy routes, tables and host groups no router had before: every route is
     * checked and its rule written (a profile's routes are, once for all the routers that use it; see
     * {@code RouteRuleTexts}, {@code RouteSection}).
     */
    @Benchmark
    public RenderResult renderNewRoutes(final NewRoutes fresh) {
        return Renderer.render(intent);
    }

    /** {@link #render()} plus the revision hash of the file set. */
    @Benchmark
    public String renderAndRevision() {
        return Renderer.render(intent).files().revision();
    }

    static final String USAGE = """
        usage: ./openbsd-pbr bench render [--quick]
        JMH: renders a large router (8 rdomains, 6 uplinks, 130 policy routes), with and without its revision hash,
        and prints p50, p90, p99 and the mean in microseconds.
        """ + JmhRun.QUICK_USAGE;

    /**
     * Runs both benchmarks and prints their percentiles.
     *
     * @param args {@code --quick} for a short run
     * @throws RunnerException when JMH fails
     */
    // printing the figures is the point of this command
    @SuppressWarnings("checkstyle:RegexpSinglelineJava")
    public static void main(final String[] args) throws RunnerException {
        final var stop = new BenchmarkArgs(USAGE).answer(System.out, System.err, args);
        if (stop.isPresent()) {
            if (stop.orElseThrow() != 0) {
                System.exit(stop.orElseThrow());
            }
            return;
        }
        final FileSet files = Renderer.render(LargeRouter.intent()).files();
        final String pf = files.get("/etc/pf.conf").orElseThrow().content();
        System.out.printf(Locale.ROOT, "large router: %d files, %d bytes, pf.conf %d lines (%d rules)%n",
            files.size(), files.files().values().stream().mapToInt(file -> file.content().length()).sum(),
            pf.lines().count(), pf.lines().filter(line -> !line.isEmpty() && !line.startsWith("#")).count());

        JmhRun.run(RenderBenchmark.class, args, System.out);
    }
}

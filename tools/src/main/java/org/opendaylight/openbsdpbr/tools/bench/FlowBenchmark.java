/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.tools.bench;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.opendaylight.openbsdpbr.impl.analysis.FlowAnswer;
import org.opendaylight.openbsdpbr.impl.analysis.FlowEngine;
import org.opendaylight.openbsdpbr.impl.analysis.FlowQuestion;
import org.opendaylight.openbsdpbr.impl.analysis.RouterModel;
import org.opendaylight.openbsdpbr.impl.analysis.ip.IpAddress;
import org.opendaylight.openbsdpbr.impl.compile.CompileInputs;
import org.opendaylight.openbsdpbr.impl.compile.Compiled;
import org.opendaylight.openbsdpbr.impl.compile.IntentCompiler;
import org.opendaylight.openbsdpbr.impl.render.Renderer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.runner.RunnerException;

/**
 * How fast the flow engine answers on the large router ({@link LargeRouter}: 8 rdomains, 6 uplinks, 130 policy
 * routes, about 200 pf rules), on one thread, in JMH's sample mode, the model built once (as the controller keeps it
 * per applied revision):
 * <ul>
 *   <li>{@code oneFlow}: one question that walks every rule in both directions (a team's DNS to its service, moved
 *       to rtable 3 by the last policy route, out through the cable uplink with NAT); target p50 at most 20 us;</li>
 *   <li>{@code tenThousandFlows}: 10,000 random flows (a fixed seed: LAN hosts of both LANs and the Internet, to
 *       tables, the router, the Internet, TCP, UDP and ICMP); target under 1 s.</li>
 *   <li>{@code compileWithPathProof} and {@code compileWithoutChecks}, side by side: what the management-path proof
 *       (the files read into the model, the controller's connection followed to sshd) adds to every compile of the
 *       large router, the controller on its LAN.</li>
 * </ul>
 * Run: {@code ./openbsd-pbr bench flow [--quick]}: prints JMH's report, then p50/p90/p99 per benchmark and how the
 * random flows were answered.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = { "-Xms512m", "-Xmx512m" })
@Threads(1)
public class FlowBenchmark {
    /** How many random flows {@link #tenThousandFlows} answers. */
    public static final int FLOWS = 10_000;

    // built once per trial, when JMH creates the state: the benchmark measures answering, not building the model
    private final FlowEngine engine = engine();
    private final CompileInputs large = largeInputs();
    private final IntentCompiler withPathProof = IntentCompiler.standard();
    private final IntentCompiler withoutChecks = IntentCompiler.offline();
    private final FlowQuestion one = oneQuestion();
    private final List<FlowQuestion> random = randomFlows(FLOWS, 12);

    static FlowEngine engine() {
        return new FlowEngine(RouterModel.of(Renderer.render(LargeRouter.intent()).files()));
    }

    /** The large router managed from its LAN (192.168.1.50 to sshd at 192.168.1.1:22), with a key. */
    static CompileInputs largeInputs() {
        final CompileInputs inputs = CompileInputs.of("large", Optional.of(LargeRouter.intent()), null, List.of(),
            name -> null, Optional.of(new CompileInputs.Login("root", false,
                Optional.of(IpAddress.parse("192.168.1.50")), Optional.of(IpAddress.parse("192.168.1.1")), 22)));
        if (!(IntentCompiler.standard().compile(inputs) instanceof Compiled.Ready)) {
            throw new IllegalStateException("the large router must compile, its management path proven");
        }
        return inputs;
    }

    /** A host of team 9 to its DNS service: route-129 (the last policy route) decides, rtable 3, cable, NAT. */
    static FlowQuestion oneQuestion() {
        return new FlowQuestion("vport0", IpAddress.parse("192.168.1.46"), IpAddress.parse("198.51.109.20"),
            FlowQuestion.Protocol.UDP, 40000, 53, Map.of());
    }

    /** Random first packets, from a fixed seed. */
    static List<FlowQuestion> randomFlows(final int count, final long seed) {
        final Random rnd = new Random(seed);
        final List<FlowQuestion> flows = new ArrayList<>(count);
        final FlowQuestion.Protocol[] protocols = FlowQuestion.Protocol.values();
        final int[] ports = { 22, 53, 80, 443, 8002, 8017, 51820 };
        for (int i = 0; i < count; i++) {
            final String in;
            final IpAddress src;
            final int from = rnd.nextInt(10);
            if (from < 6) {
                in = "vport0";
                src = IpAddress.v4(0xC0A80100L | 2 + rnd.nextInt(250));
            } else if (from < 8) {
                in = "vport1";
                src = IpAddress.v4(0xC0A80200L | 2 + rnd.nextInt(250));
            } else {
                in = rnd.nextBoolean() ? "em4" : "pppoe1";
                src = IpAddress.v4(0x0B000000L + rnd.nextInt(0x00FFFFFF));
            }
            final IpAddress dst = switch (rnd.nextInt(4)) {
                case 0 -> IpAddress.v4(0xC6336400L + 256L * rnd.nextInt(10) + rnd.nextInt(96));
                case 1 -> IpAddress.v4(0xC0A80101L);
                case 2 -> IpAddress.v4(0xCB007100L + rnd.nextInt(256));
                default -> IpAddress.v4(0x01000000L + rnd.nextInt(0x7E000000));
            };
            final FlowQuestion.Protocol protocol = protocols[rnd.nextInt(protocols.length)];
            final boolean withPorts = protocol != FlowQuestion.Protocol.ICMP;
            flows.add(new FlowQuestion(in, src, dst, protocol, withPorts ? 1024 + rnd.nextInt(60000) : -1,
                withPorts ? ports[rnd.nextInt(ports.length)] : -1, Map.of()));
        }
        return flows;
    }

    /** One question through about 200 rules in, 40 out. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public FlowAnswer oneFlow() {
        return engine.answer(one);
    }

    /** 10,000 random questions. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Compiled compileWithPathProof() {
        return withPathProof.compile(large);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Compiled compileWithoutChecks() {
        return withoutChecks.compile(large);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public void tenThousandFlows(final Blackhole blackhole) {
        for (FlowQuestion question : random) {
            blackhole.consume(engine.answer(question));
        }
    }

    static final String USAGE = """
        usage: ./openbsd-pbr bench flow [--quick]
        JMH: the flow engine on a large router (one question walking every rule; 10,000 random flows) and what the
        management-path proof adds to a compile; prints p50, p90, p99 and the mean per benchmark.
        """ + JmhRun.QUICK_USAGE;

    /**
     * Runs the benchmarks and prints their percentiles, and what the path proof adds to a compile.
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
        final FlowEngine engine = engine();
        final FlowAnswer answer = engine.answer(oneQuestion());
        System.out.printf(Locale.ROOT, "large router: %d pf rules; oneFlow: %s, %d rules matched, egress %s%n",
            engine.model().pf().rules().size(), answer.disposition().keyword(), answer.matched().size(),
            answer.egressInterface());
        final Map<FlowAnswer.Disposition, Integer> dispositions = new EnumMap<>(FlowAnswer.Disposition.class);
        for (FlowQuestion question : randomFlows(FLOWS, 12)) {
            dispositions.merge(engine.answer(question).disposition(), 1, Integer::sum);
        }
        System.out.println("random flows: " + dispositions);

        final Map<String, Double> medians = JmhRun.run(FlowBenchmark.class, args, System.out);
        final Double with = medians.get("compileWithPathProof");
        final Double without = medians.get("compileWithoutChecks");
        if (with != null && without != null) {
            System.out.printf(Locale.ROOT, "the management-path proof adds %.1f us to a compile (p50 %.1f us against"
                + " %.1f us, ratio %.2f)%n", with - without, with, without, with / without);
        }
    }
}

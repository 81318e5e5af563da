/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.tools.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.opendaylight.openbsdpbr.api.device.Candidate;
import org.opendaylight.openbsdpbr.impl.ssh.AgentReply;
import org.opendaylight.openbsdpbr.impl.ssh.AgentScript;
import org.opendaylight.openbsdpbr.impl.ssh.CandidateArchive;
import org.opendaylight.openbsdpbr.tools.sandbox.SandboxSshd;
import org.opendaylight.openbsdpbr.tools.sandbox.StubTools;

/**
 * What the router-side script costs on its own: whole confirmed transactions (lock, get-config, edit-candidate,
 * validate, commit confirmed, confirm, unlock) run by forking {@code /bin/sh pbr-agent.sh} directly in a sandbox with
 * the stand-in tools, no SSH at all. That is what a lab of simulated routers would pay per router if it ran the script
 * instead of answering in Java (the fleet benchmark prints it beside the lab's figures).
 */
final class AgentAlone {
    /**
     * Per transaction.
     *
     * @param cpu CPU time of the script and everything it ran
     * @param wall wall time
     */
    record Cost(Duration cpu, Duration wall) {
    }

    private static final List<List<String>> TRANSACTION = List.of(List.of("lock", "bench", "600"),
        List.of("get-config"), List.of("edit-candidate", "bench"), List.of("validate", "bench"),
        List.of("commit", "bench", "120"), List.of("confirm", "bench", "0"), List.of("unlock", "bench"));

    private AgentAlone() {
        // utility
    }

    /** Run this many transactions of candidates {@code candidate(1)..} in a fresh sandbox under {@code dir}. */
    static Cost measure(final Path dir, final int transactions, final IntFunction<Candidate> candidate)
            throws IOException, InterruptedException {
        final Path root = Files.createDirectories(dir.resolve("root"));
        final Path bin = dir.resolve("bin");
        StubTools.write(bin, root, dir.resolve("calls"), dir.resolve("faults"));
        final Path script = Files.createDirectories(root.resolve("var/pbr")).resolve("pbr-agent.sh");
        Files.write(script, AgentScript.bundled().content());
        final Map<String, String> environment = Map.of("PBR_ROOT", root.toString(),
            "PATH", bin + ":/usr/sbin:/usr/bin:/sbin:/bin");
        final long pid = ProcessHandle.current().pid();
        final Duration before = SandboxSshd.reapedChildrenCpu(pid);
        final long start = System.nanoTime();
        for (int i = 1; i <= transactions; i++) {
            final byte[] archive = CandidateArchive.candidate(candidate.apply(i));
            for (List<String> step : TRANSACTION) {
                final var command = new ArrayList<>(List.of("/bin/sh", script.toString(), "-v",
                    Integer.toString(AgentScript.bundled().version())));
                command.addAll(step);
                final var builder = new ProcessBuilder(command).redirectErrorStream(true);
                builder.environment().putAll(environment);
                final Process process = builder.start();
                try (var in = process.getOutputStream()) {
                    if ("edit-candidate".equals(step.get(0))) {
                        in.write(archive);
                    }
                }
                final String reply = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                process.waitFor();
                if (!AgentReply.parse(reply).isOk()) {
                    throw new IOException(step + " failed: " + reply.strip());
                }
            }
        }
        final long wall = System.nanoTime() - start;
        final Duration cpu = SandboxSshd.reapedChildrenCpu(pid).minus(before);
        return new Cost(cpu.dividedBy(transactions), Duration.ofNanos(wall / transactions));
    }
}

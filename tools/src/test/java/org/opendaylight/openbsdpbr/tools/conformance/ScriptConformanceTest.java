/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.tools.conformance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.opendaylight.openbsdpbr.api.device.DeviceTarget;
import org.opendaylight.openbsdpbr.tools.realssh.RealSshd;
import org.opendaylight.openbsdpbr.tools.sandbox.StubTools;

/** The suite against the real {@code pbr-agent.sh}: Debian's sshd on loopback, a sandbox root, stand-in tools. */
class ScriptConformanceTest extends AgentConformance {
    @Override
    RouterUnderTest start(final Path dir) throws Exception {
        return new Script(new RealSshd(dir));
    }

    private static final class Script implements RouterUnderTest {
        private final RealSshd sshd;

        Script(final RealSshd sshd) {
            this.sshd = sshd;
        }

        @Override
        public DeviceTarget target() {
            return sshd.target();
        }

        @Override
        public String owner() {
            return sshd.owner;
        }

        @Override
        public String group() {
            return sshd.group;
        }

        @Override
        public Optional<String> file(final String path) throws IOException {
            // the boot hook names the script by its sandbox path; a router's is /var/pbr/pbr-agent.sh
            return sshd.file(path).map(text -> text.replace(sshd.root.toString(), ""));
        }

        @Override
        public void write(final String path, final String text) throws IOException {
            final Path file = sshd.root.resolve(path.substring(1));
            if (text.isEmpty()) {
                Files.deleteIfExists(file);
            } else {
                Files.createDirectories(file.getParent());
                Files.writeString(file, text, StandardCharsets.UTF_8);
            }
        }

        @Override
        public List<String> commandsRun() throws IOException {
            return sshd.calls().stream().filter(Script::isPlanCommand)
                .map(call -> call.startsWith("netstart ") ? "sh /etc/" + call : call).toList();
        }

        /** The calls a plan makes (the checks of validate and the installs are not plan steps). */
        private static boolean isPlanCommand(final String call) {
            return call.startsWith("pfctl ") && !call.contains(" -nf ") || call.startsWith("sysctl ")
                || call.startsWith("rcctl ") || call.startsWith("ifconfig ")
                || call.startsWith("netstart ") && !call.startsWith("netstart -n ");
        }

        @Override
        public void ageLock(final long seconds) throws IOException {
            final Path info = state().resolve("lock/info");
            final String[] words = Files.readString(info).trim().split(" ");
            Files.writeString(info, words[0] + " " + (Long.parseLong(words[1]) - seconds) + " " + words[2] + "\n");
        }

        @Override
        public void killTimer() throws IOException {
            final Path pending = state().resolve("pending");
            if (!Files.exists(pending)) {
                return;
            }
            final long pid = Long.parseLong(Files.readString(pending).trim().split(" ")[3]);
            ProcessHandle.of(pid).filter(process -> process.info().commandLine()
                .map(line -> line.contains("revert-after")).orElse(false)).ifPresent(process -> {
                    process.destroyForcibly();
                    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !process.isAlive());
                });
        }

        @Override
        public String boot() throws Exception {
            killTimer();
            final Path rcLocal = sshd.root.resolve("etc/rc.local");
            if (!Files.exists(rcLocal)) {
                return "";
            }
            final var builder = new ProcessBuilder("/bin/sh", rcLocal.toString()).redirectErrorStream(true);
            builder.environment().putAll(sshd.environment());
            final Process process = builder.start();
            final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor();
            return output;
        }

        @Override
        public void setFault(final Fault fault) throws IOException {
            sshd.setFault(name(fault));
        }

        @Override
        public void clearFault(final Fault fault) throws IOException {
            sshd.clearFault(name(fault));
        }

        private static String name(final Fault fault) {
            return switch (fault) {
                case DISK_FULL -> StubTools.DISK_FULL;
                case CRASH_SWITCH -> StubTools.CRASH_SWITCH;
                case PROBE_UNANSWERED -> StubTools.PROBE_UNANSWERED;
            };
        }

        private Path state() {
            return sshd.root.resolve("var/pbr");
        }

        @Override
        public void close() {
            sshd.close();
            // confirm timers the script detached (they no longer descend from sshd): only ours, by their sandbox path
            ProcessHandle.allProcesses().filter(process -> process.info().commandLine()
                .map(line -> line.contains(sshd.dir.toString())).orElse(false))
                .forEach(ProcessHandle::destroyForcibly);
        }
    }
}

/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opendaylight.openbsdpbr.api.device.DeviceStep;
import org.opendaylight.openbsdpbr.api.device.Probe;
import org.opendaylight.openbsdpbr.api.device.RouterFiles;
import org.opendaylight.openbsdpbr.api.files.LineBlock;
import org.opendaylight.openbsdpbr.api.plan.PlanVocabulary;

/**
 * The plan vocabulary is defined once (api/plan): the router-side script's own patterns and markers, as the script
 * prints them, are the api's; its grep accepts exactly the lines the api accepts; its plan runner knows every verb;
 * and no other main source defines plan lines.
 */
class AgentVocabularyTest {
    private static final List<String> SAMPLES = List.of("netstart pppoe0", "destroy gif0", "pfctl-load",
        "pfctl-anchor uplink/pppoe uplink-pppoe.conf", "pfctl-anchor a/b/c/d x_y-z.conf",
        "sysctl net.inet.ip.forwarding=1",
        "sysctl net.inet6.ip6.forwarding=0", "sysctl kern.maxfiles=-1", "rcctl reload ifstated", "rcctl restart rad",
        "rcctl enable dhcp6leased", "before rcctl stop unwind", "before pfctl-anchor a b.conf",
        // refused
        "netstart", "netstart em0 em1", "pfctl-anchor _a b.conf", "pfctl-anchor a b.txt",
        "pfctl-anchor a/b/c/d/e x.conf",
        "sysctl net.inet.ip.forwarding=yes", "sysctl user.x=1", "sysctl net.inet.ip.forwarding=12345678901",
        "rcctl restart httpd", "before before pfctl-load", "pfctl-load; reboot", "sysctl net..ip=1", "destroy em0 x");

    /** A string literal that spells a plan verb or a piece of a plan pattern. */
    private static final Pattern PLAN_LITERAL = Pattern.compile(
        "\"[^\"\\n]*(pfctl-load|pfctl-anchor|rcctl \\(|netstart \\[|destroy \\[|sysctl \\()[^\"\\n]*\"");

    private static List<String> vocabulary;

    @TempDir
    static Path dir;

    @BeforeAll
    static void runTheScript() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "no /bin/sh");
        final Path script = dir.resolve("pbr-agent.sh");
        Files.write(script, AgentScript.bundled().content());
        final Process process = new ProcessBuilder("/bin/sh", script.toString(), "vocabulary")
            .redirectErrorStream(true).start();
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
        vocabulary = output.lines().toList();
    }

    private static List<String> values(final String key) {
        return vocabulary.stream().filter(line -> line.startsWith(key + " "))
            .map(line -> line.substring(key.length() + 1)).toList();
    }

    @Test
    void theScriptsPlanPatternIsTheApis() {
        assertThat(values("plan")).containsExactly(PlanVocabulary.LINE);
    }

    @Test
    void theScriptsMarkersAndManifestPatternAreTheApis() {
        assertThat(values("lines")).containsExactly(LineBlock.MANAGED.begin(), LineBlock.MANAGED.end());
        assertThat(values("hook")).containsExactly(LineBlock.BOOT_HOOK.begin(), LineBlock.BOOT_HOOK.end());
        assertThat(values("manifest")).containsExactly(CandidateArchive.MANIFEST_LINE);
    }

    @Test
    void theScriptsReadPatternIsTheApis() {
        assertThat(values("read")).containsExactly(RouterFiles.PATH);
        assertThat(Stream.of("/etc/hostname.pppoe0", "/etc/pf.conf", "/etc/pf/uplink-pppoe.conf",
            "/etc/ssh/sshd_config", "/etc/rc.conf.local", "/etc/dhcp6leased.conf", "/etc/rad.conf"))
            .allMatch(RouterFiles::isRead);
        assertThat(Stream.of("/etc/hostname.em0.orig", "/etc/master.passwd", "/etc/rc.local", "/etc/ssh/ssh_host_key",
            "/etc/pf.conf.pbr-new", "/etc/hostname.")).noneMatch(RouterFiles::isRead);
    }

    /**
     * The command vocabulary is {@link DeviceStep}'s operations: each one that is a subcommand has its arm in the
     * script's dispatch and in the lab's, so a command added to one side only fails here.
     */
    @Test
    void everyOperationIsASubcommandOfTheScriptAndTheLab() throws IOException {
        final String script = new String(AgentScript.bundled().content(), StandardCharsets.UTF_8);
        final String lab = Files.readString(Path.of("..").toAbsolutePath().normalize().resolve(
            "tools/src/main/java/org/opendaylight/openbsdpbr/tools/lab/LabRouter.java"));
        for (DeviceStep step : DeviceStep.values()) {
            if (step == DeviceStep.CONNECT || step == DeviceStep.AUTH || step == DeviceStep.INSTALL_AGENT) {
                continue;
            }
            assertThat(script).as("the script's arm for " + step.operation()).containsPattern("\n"
                + Pattern.quote(step.operation()) + "\\) ");
            assertThat(lab).as("the lab's arm for " + step.operation()).contains("case \"" + step.operation()
                + "\" -> ");
        }
    }

    @Test
    void grepAcceptsExactlyWhatTheApiAccepts() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/grep")) || Files.isExecutable(Path.of("/usr/bin/grep")),
            "no grep");
        assertThat(disagreements(values("plan").get(0), SAMPLES, PlanVocabulary::isPlanLine)).isEmpty();
        assertThat(SAMPLES.stream().filter(PlanVocabulary::isPlanLine)).hasSize(13);
    }

    /** The probe vocabulary is defined once (api/device/Probe): the script checks the same pattern, grep agrees. */
    @Test
    void theScriptsProbePatternIsTheApisAndGrepAgrees() throws Exception {
        assertThat(values("probe")).containsExactly(Probe.LINE);
        assumeTrue(Files.isExecutable(Path.of("/bin/grep")) || Files.isExecutable(Path.of("/usr/bin/grep")),
            "no grep");
        final List<String> samples = List.of("ping 0 3 8.8.8.8", "ping 255 10 192.0.2.1", "ping 1 1 2001:db8::1",
            "ping 0 3 ::1", "ping 0 3 fe80::1:2:3:4", "ping 256 3 8.8.8.8", "ping 0 0 8.8.8.8", "ping 0 11 8.8.8.8",
            "ping 00 3 8.8.8.8", "ping 0 3 8.8.8.256", "ping 0 3 8.8.8", "ping 0 3 dns.google", "ping 0 3 8.8.8.8 -f",
            "ping -V 0 3 8.8.8.8", "nc 0 3 8.8.8.8", "ping 0 3 1:2:3:4:5:6:7:8:9", "ping 0 3 8.8.8.8;reboot");
        assertThat(disagreements(values("probe").get(0), samples, Probe::isProbeLine)).isEmpty();
        assertThat(samples.stream().filter(Probe::isProbeLine)).hasSize(5);
    }

    /** The lines on which the script's pattern (as grep -Ex reads it) and the API's check disagree. */
    private static List<String> disagreements(final String pattern, final List<String> lines,
            final java.util.function.Predicate<String> api) throws IOException, InterruptedException {
        final var disagreements = new ArrayList<String>();
        for (String line : lines) {
            final Process grep = new ProcessBuilder("grep", "-Ex", "-e", pattern).start();
            grep.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
            grep.getOutputStream().close();
            final boolean script = grep.waitFor() == 0;
            if (script != api.test(line)) {
                disagreements.add(line + " (grep " + script + ")");
            }
        }
        return disagreements;
    }

    @Test
    void thePlanRunnerKnowsEveryVerb() {
        final String script = new String(AgentScript.bundled().content(), StandardCharsets.UTF_8);
        for (String verb : List.of("netstart", "destroy", "pfctl-load", "pfctl-anchor", "sysctl", "rcctl")) {
            assertThat(PlanVocabulary.STEP).contains(verb);
            assertThat(script).as("run_plan's case arm for " + verb).contains("\n\t\t" + verb + ")\n");
        }
    }

    @Test
    void noOtherMainSourceDefinesPlanLines() throws IOException {
        final Path root = Path.of("..").toAbsolutePath().normalize();
        final var offenders = new ArrayList<String>();
        for (String module : List.of("api", "impl", "tools", "e2e")) {
            final Path sources = root.resolve(module).resolve("src/main/java");
            if (!Files.isDirectory(sources)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(sources)) {
                for (Path file : files.filter(path -> path.toString().endsWith(".java")).toList()) {
                    if (file.toString().contains("/api/plan/")) {
                        continue;
                    }
                    if (PLAN_LITERAL.matcher(Files.readString(file)).find()) {
                        offenders.add(root.relativize(file).toString());
                    }
                }
            }
        }
        assertThat(offenders).isEmpty();
    }
}

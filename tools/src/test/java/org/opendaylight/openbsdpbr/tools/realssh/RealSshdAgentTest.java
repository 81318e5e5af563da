/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.tools.realssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opendaylight.openbsdpbr.api.device.Candidate;
import org.opendaylight.openbsdpbr.api.device.CommitRequest;
import org.opendaylight.openbsdpbr.api.device.DeviceException;
import org.opendaylight.openbsdpbr.api.device.DeviceSession;
import org.opendaylight.openbsdpbr.api.device.RunningConfig;
import org.opendaylight.openbsdpbr.api.files.FileSet;
import org.opendaylight.openbsdpbr.api.files.ManagedFile;
import org.opendaylight.openbsdpbr.api.plan.ApplyPlan;
import org.opendaylight.openbsdpbr.api.plan.PlanStep;
import org.opendaylight.openbsdpbr.impl.device.DevicePush;
import org.opendaylight.openbsdpbr.impl.device.PushOptions;
import org.opendaylight.openbsdpbr.impl.device.PushResult;
import org.opendaylight.openbsdpbr.impl.device.TimerThread;
import org.opendaylight.openbsdpbr.impl.render.ApplyPlanner;
import org.opendaylight.openbsdpbr.impl.ssh.AgentScript;
import org.opendaylight.openbsdpbr.impl.ssh.CandidateArchive;
import org.opendaylight.openbsdpbr.impl.ssh.SshDeviceConnector;
import org.opendaylight.openbsdpbr.impl.ssh.SshSettings;

/**
 * The real router-side script under {@code /bin/sh}, through Debian's real sshd, against a sandbox root: proves the
 * script, its quoting, the archive format and the transport, including a confirmed commit that the router reverts by
 * itself. Skipped when {@code /usr/sbin/sshd} is missing.
 */
class RealSshdAgentTest {
    @TempDir
    Path dir;

    private RealSshd sshd;
    private SshDeviceConnector connector;
    private final TimerThread timer = new TimerThread("realssh-test-timer");
    private DevicePush push;

    @BeforeEach
    void start() throws Exception {
        sshd = new RealSshd(dir);
        connector = new SshDeviceConnector(SshSettings.defaults().withTimeouts(Duration.ofSeconds(15))
            .withHolderPrefix("realssh"));
        push = new DevicePush(connector, ApplyPlanner::plan, timer);
    }

    @AfterEach
    void stop() {
        if (connector != null) {
            connector.close();
        }
        timer.close();
        if (sshd != null) {
            sshd.close();
        }
        // confirm timers the script detached (they no longer descend from sshd): only ours, by their sandbox path
        ProcessHandle.allProcesses()
            .filter(process -> process.info().commandLine().map(line -> line.contains(dir.toString())).orElse(false))
            .forEach(ProcessHandle::destroyForcibly);
    }

    private ManagedFile file(final String path, final int mode, final String content) {
        return new ManagedFile(path, sshd.owner, sshd.group, mode, content, (mode & 077) == 0);
    }

    private FileSet files(final String marker) {
        return FileSet.of(List.of(
            file("/etc/pf.conf", 0600, "set skip on lo\npass out on pppoe0 # " + marker + "\n"),
            file("/etc/hostname.pppoe0", 0600, "inet 0.0.0.0 255.255.255.255 NONE pppoedev em0 authproto chap "
                + "authname 'user' authkey 'secret " + marker + "' up\ndest 0.0.0.1\n"),
            file("/etc/ssh/sshd_config", 0644, "ListenAddress 0.0.0.0\nListenAddress 0.0.0.0 rdomain 1\n")));
    }

    private static <T> T await(final CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(60, TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new AssertionError("did not complete: " + e, e);
        }
    }

    private static DeviceException failure(final CompletionStage<?> stage) {
        try {
            stage.toCompletableFuture().get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return DeviceException.find(e).orElseThrow(() -> new AssertionError("not a device failure", e));
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError("did not complete: " + e, e);
        }
        throw new AssertionError("completed without a failure");
    }

    private void assertRuns(final FileSet files) throws Exception {
        for (ManagedFile file : files.files().values()) {
            assertThat(sshd.file(file.path())).as(file.path()).contains(file.content());
            final Path onDisk = sshd.root.resolve(file.path().substring(1));
            assertThat(Integer.toOctalString(posixMode(onDisk))).isEqualTo(Integer.toOctalString(file.mode()));
        }
    }

    private static int posixMode(final Path path) throws Exception {
        return (Integer) Files.getAttribute(path, "unix:mode") & 07777;
    }

    private FileSet withUnwind(final String rtable) {
        final var files = new java.util.ArrayList<>(files("unwind").files().values());
        files.add(file("/etc/rc.conf.local", 0644, "unwind_flags=\nunwind_rtable=" + rtable + "\n"));
        files.add(file("/etc/unwind.conf", 0644, "forwarder { 8.8.8.8 }\n"));
        return FileSet.of(files);
    }

    @Test
    void anUnwindRtableChangeStopsUnwindBeforeTheFilesChangeAndStartsItAfter() throws Exception {
        assertThat(await(push.push(withUnwind("1"), sshd.target(), PushOptions.defaults())).isSuccess()).isTrue();
        final int before = sshd.calls().size();
        final PushResult result = await(push.push(withUnwind("2"), sshd.target(), PushOptions.defaults()));
        assertThat(result.isSuccess()).as(result.summary()).isTrue();
        final List<String> calls = sshd.calls().subList(before, sshd.calls().size());
        // rc.d finds unwind by its rtable: the stop runs while rc.conf.local still says 1, the start once it says 2
        assertThat(calls).containsSubsequence("rcctl stop unwind",
            "install -o " + sshd.owner + " -g " + sshd.group + " -m 0644 /var/pbr/gen/2/files/etc/rc.conf.local "
                + "/etc/rc.conf.local.pbr-new",
            "rcctl start unwind");
        assertThat(calls).doesNotContain("rcctl restart unwind");
        assertThat(sshd.file("/etc/rc.conf.local"))
            .hasValueSatisfying(text -> assertThat(text).contains("unwind_rtable=2"));
    }

    @Test
    void confirmedPushInstallsTheScriptValidatesCommitsAndConfirms() throws Exception {
        final PushResult result = await(push.push(files("one"), sshd.target(),
            PushOptions.defaults().withConfirm(Duration.ofSeconds(30))));
        assertThat(result.outcome()).as(result.summary()).isEqualTo(PushResult.Outcome.CONFIRMED);
        assertThat(result.generation()).hasValue(1);
        assertRuns(files("one"));

        assertThat(Files.readString(sshd.root.resolve("var/pbr/pbr-agent.sh")))
            .contains("VERSION=" + AgentScript.bundled().version());
        assertThat(sshd.root.resolve("var/pbr/lock")).doesNotExist();
        assertThat(sshd.root.resolve("var/pbr/pending")).doesNotExist();
        // pf.conf is checked as a copy whose anchor paths point at the candidate (this call's temporary directory)
        assertThat(sshd.calls()).anyMatch(call -> call.matches("pfctl -nf /var/pbr/tmp\\.[0-9]+/check/etc/pf\\.conf"));
        assertThat(sshd.calls()).containsSubsequence(
            "sshd -t -f /var/pbr/candidate/files/etc/ssh/sshd_config",
            "netstart -n pppoe0",
            "install -o " + sshd.owner + " -g " + sshd.group + " -m 0600 /var/pbr/gen/1/files/etc/hostname.pppoe0 "
                + "/etc/hostname.pppoe0.pbr-new",
            "netstart pppoe0",
            "pfctl -f /etc/pf.conf",
            "rcctl reload sshd");

        final RunningConfig config = await(push.readConfig(sshd.target()));
        assertThat(config.generation()).isEqualTo(1);
        assertThat(config.isInSync(files("one"))).isTrue();
        assertThat(config.localChanges()).isEmpty();
    }

    @Test
    void confirmedCommitRevertsWhenNotConfirmed() throws Exception {
        final DeviceSession session = await(connector.open(sshd.target()));
        await(session.lock());
        final Candidate first = new Candidate(files("old"), new ApplyPlan(List.of(new PlanStep.LoadPf())),
            ApplyPlan.empty());
        await(session.editCandidate(first));
        await(session.validate());
        assertThat(await(session.commit(CommitRequest.plain())).generation()).isEqualTo(1);

        final Candidate second = new Candidate(files("new"), new ApplyPlan(List.of(new PlanStep.Netstart("pppoe0"),
            new PlanStep.LoadPf())), new ApplyPlan(List.of(new PlanStep.Netstart("pppoe0"), new PlanStep.LoadPf())));
        await(session.editCandidate(second));
        final var committed = await(session.commit(CommitRequest.confirmed(Duration.ofSeconds(3))));
        assertThat(committed.generation()).isEqualTo(2);
        assertThat(committed.confirmDeadline()).isPresent();
        assertRuns(files("new"));
        session.close();
        final String callsBefore = String.join("\n", sshd.calls());

        // nobody confirms: the detached timer on the "router" restores generation 1 and runs the revert plan
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
            .until(() -> Files.readString(sshd.root.resolve("var/pbr/current")).strip().equals("1"));
        assertRuns(files("old"));
        assertThat(String.join("\n", sshd.calls())).startsWith(callsBefore);
        assertThat(sshd.calls().subList(callsBefore.split("\n").length, sshd.calls().size()))
            .contains("netstart pppoe0", "pfctl -f /etc/pf.conf");

        final DeviceSession late = await(connector.open(sshd.target(), session.holder()));
        assertThat(failure(late.confirm(2))).isInstanceOfSatisfying(DeviceException.Reverted.class, e -> {
            assertThat(e.generation()).isEqualTo(2);
            assertThat(e.restored()).isEqualTo(1);
        });
        final RunningConfig config = await(late.getConfig());
        assertThat(config.generation()).isEqualTo(1);
        assertThat(config.lastRevert()).hasValueSatisfying(revert -> assertThat(revert.generation()).isEqualTo(2));
        await(late.unlock());
        late.close();
    }

    @Test
    void contentWithShellMetacharactersTravelsAsBytes() throws Exception {
        final Path pwned = dir.resolve("pwned");
        final String nasty = "pass in on em0 # $(touch " + pwned + ") `touch " + pwned + "` ; rm -rf / \"'\\\n"
            + "# ünïcödé and a tab\there\n";
        final FileSet files = FileSet.of(List.of(file("/etc/pf.conf", 0640, nasty)));
        final PushResult result = await(push.push(files, sshd.target(), PushOptions.defaults()));
        assertThat(result.outcome()).as(result.summary()).isEqualTo(PushResult.Outcome.COMMITTED);
        assertThat(Files.readString(sshd.root.resolve("etc/pf.conf"), StandardCharsets.UTF_8)).isEqualTo(nasty);
        assertThat(pwned).doesNotExist();
    }

    @Test
    void validationFailureCarriesTheRoutersMessageWithoutSecrets() throws Exception {
        final FileSet bad = FileSet.of(List.of(file("/etc/pf.conf", 0600, "pass\nsyntax-error here # echo-secret\n")));
        final PushResult result = await(push.push(bad, sshd.target(), PushOptions.defaults()));
        assertThat(result.outcome()).isEqualTo(PushResult.Outcome.UNCHANGED);
        assertThat(result.generation()).hasValue(0);
        assertThat(result.failure().orElseThrow()).isInstanceOfSatisfying(DeviceException.Validate.class, e -> {
            assertThat(e.routerMessage()).contains("/etc/pf.conf:2: syntax error")
                .contains("authkey ********").doesNotContain("leaked-secret");
        });
        assertThat(sshd.file("/etc/pf.conf")).isEmpty();
        assertThat(sshd.root.resolve("var/pbr/lock")).doesNotExist();
    }

    @Test
    void failingApplyPlanRestoresThePreviousGeneration() throws Exception {
        await(push.push(files("old"), sshd.target(), PushOptions.defaults()));
        final FileSet failing = FileSet.of(List.of(file("/etc/pf.conf", 0600, "fail-load\n"),
            files("old").get("/etc/hostname.pppoe0").orElseThrow(),
            files("old").get("/etc/ssh/sshd_config").orElseThrow()));
        final PushResult result = await(push.push(failing, sshd.target(), PushOptions.defaults()));
        assertThat(result.outcome()).as(result.summary()).isEqualTo(PushResult.Outcome.UNCHANGED);
        assertThat(result.generation()).hasValue(1);
        assertThat(result.failure().orElseThrow()).isInstanceOf(DeviceException.Commit.class)
            .hasMessageContaining("DIOCADDRULE");
        assertRuns(files("old"));
    }

    @Test
    void rollbackAndDriftThroughTheRealScript() throws Exception {
        await(push.push(files("a"), sshd.target(), PushOptions.defaults()));
        await(push.push(files("b"), sshd.target(), PushOptions.defaults()));
        final PushResult rolledBack = await(push.rollback(sshd.target(), 1, PushOptions.defaults()));
        assertThat(rolledBack.outcome()).as(rolledBack.summary()).isEqualTo(PushResult.Outcome.COMMITTED);
        assertThat(rolledBack.generation()).hasValue(3);
        assertRuns(files("a"));

        Files.writeString(sshd.root.resolve("etc/pf.conf"), "pass all # edited by hand\n");
        final RunningConfig config = await(push.readConfig(sshd.target()));
        assertThat(config.localChanges()).containsExactly("/etc/pf.conf");
        assertThat(config.differencesFrom(files("a"))).containsExactly("/etc/pf.conf");
    }

    @Test
    void aCommitWhoseConnectionDropsCompletesOnTheRouter() throws Exception {
        await(push.push(files("old"), sshd.target(), PushOptions.defaults()));
        final DeviceSession session = await(connector.open(sshd.target()));
        await(session.lock());
        final FileSet slow = FileSet.of(List.of(file("/etc/pf.conf", 0600, "slow-load\n")));
        await(session.editCandidate(new Candidate(slow, new ApplyPlan(List.of(new PlanStep.LoadPf())),
            ApplyPlan.empty())));
        final var commit = session.commit(CommitRequest.plain()).toCompletableFuture();
        // the plan's pfctl takes 2 s: drop the connection while the router is in the middle of the commit
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> sshd.calls().contains("pfctl -f /etc/pf.conf")
            && Files.exists(sshd.root.resolve("var/pbr/gen/2")));
        session.close();
        assertThat(failure(commit)).isInstanceOf(DeviceException.ConnectionLost.class);

        // the router finished the commit anyway (the script ignores SIGHUP and SIGPIPE while it switches)
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
            .until(() -> !Files.exists(sshd.root.resolve("var/pbr/mutex")));
        final RunningConfig config = await(push.readConfig(sshd.target()));
        assertThat(config.generation()).isEqualTo(2);
        assertThat(config.isInSync(slow)).isTrue();
        assertThat(sshd.file("/etc/hostname.pppoe0")).isEmpty();
    }

    @Test
    void anOlderScriptIsUpgradedOnFirstContact() throws Exception {
        final Path agent = Files.createDirectories(sshd.root.resolve("var/pbr")).resolve("pbr-agent.sh");
        Files.writeString(agent, "#!/bin/sh\nVERSION=0\necho \"pbr-agent 0\"\necho \"@error version 0\"\nexit 1\n");
        final DeviceSession session = await(connector.open(sshd.target()));
        await(session.lock());
        assertThat(Files.readString(agent)).contains("VERSION=" + AgentScript.bundled().version());
        await(session.unlock());
        session.close();
    }

    /**
     * A router that ran the previous agent (version 2, kept as a test resource exactly as it shipped) with a
     * generation committed by it: the controller upgrades the script on first contact, commits on top of the old
     * generation (whose manifest has no ownership word), and can roll back to it.
     */
    @Test
    void aRouterOfThePreviousAgentVersionIsUpgradedAndKeepsItsGenerations() throws Exception {
        final Path state = Files.createDirectories(sshd.root.resolve("var/pbr"));
        try (var in = getClass().getResourceAsStream("/router/pbr-agent-v2.sh")) {
            Files.write(state.resolve("pbr-agent.sh"), in.readAllBytes());
        }
        final byte[] archive = CandidateArchive.candidate(Candidate.of(files("old")));
        for (List<String> args : List.of(List.of("lock", "v2", "600"), List.of("edit-candidate", "v2"),
                List.of("commit", "v2", "0"), List.of("unlock", "v2"))) {
            final var command = new java.util.ArrayList<>(List.of("/bin/sh", state.resolve("pbr-agent.sh").toString(),
                "-v", "2"));
            command.addAll(args);
            final var builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().putAll(sshd.environment());
            final Process process = builder.start();
            try (var stdin = process.getOutputStream()) {
                if ("edit-candidate".equals(args.get(0))) {
                    stdin.write(archive);
                }
            }
            final String reply = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor()).as(args + ": " + reply).isZero();
        }
        assertRuns(files("old"));

        final FileSet next = FileSet.of(List.of(files("new").get("/etc/pf.conf").orElseThrow(),
            new ManagedFile("/etc/sysctl.conf", sshd.owner, sshd.group, 0644, "net.inet.ip.forwarding=1\n", false,
                ManagedFile.Ownership.LINES)));
        final PushResult pushed = await(push.push(next, sshd.target(), PushOptions.defaults()));
        assertThat(pushed.outcome()).as(pushed.summary()).isEqualTo(PushResult.Outcome.COMMITTED);
        assertThat(pushed.generation()).hasValue(2);
        assertThat(Files.readString(state.resolve("pbr-agent.sh"))).contains("VERSION=" + AgentScript.bundled()
            .version());
        assertThat(sshd.file("/etc/hostname.pppoe0")).isEmpty();
        assertThat(sshd.file("/etc/rc.local")).hasValueSatisfying(text -> assertThat(text).contains("boot-check"));

        final PushResult back = await(push.rollback(sshd.target(), 1, PushOptions.defaults()));
        assertThat(back.outcome()).as(back.summary()).isEqualTo(PushResult.Outcome.COMMITTED);
        assertRuns(files("old"));
        assertThat(sshd.file("/etc/sysctl.conf")).isEmpty();
        assertThat(await(push.readConfig(sshd.target())).isInSync(files("old"))).isTrue();
    }
}

/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.tools.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opendaylight.openbsdpbr.api.device.Candidate;
import org.opendaylight.openbsdpbr.api.device.FileEntry;
import org.opendaylight.openbsdpbr.api.files.FileSet;
import org.opendaylight.openbsdpbr.api.files.Hashing;
import org.opendaylight.openbsdpbr.api.files.LineBlock;
import org.opendaylight.openbsdpbr.api.files.ManagedFile;
import org.opendaylight.openbsdpbr.api.plan.ApplyPlan;
import org.opendaylight.openbsdpbr.impl.ssh.AgentProtocol;
import org.opendaylight.openbsdpbr.impl.ssh.AgentReply;
import org.opendaylight.openbsdpbr.impl.ssh.AgentScript;
import org.opendaylight.openbsdpbr.impl.ssh.CandidateArchive;
import org.opendaylight.openbsdpbr.impl.ssh.Ustar;
import org.opendaylight.openbsdpbr.tools.conformance.AgentClient.Exec;
import org.opendaylight.openbsdpbr.tools.conformance.RouterUnderTest.Fault;
import org.opendaylight.openbsdpbr.tools.lab.LabValidator;

/**
 * One agent contract, two implementations: the router-side protocol, case by case, on the wire (command lines,
 * archives on stdin, replies byte for byte), against the real {@code pbr-agent.sh} ({@link ScriptConformanceTest})
 * and the lab ({@link LabConformanceTest}). The script runs on OpenBSD, so it is the reference: expected replies are
 * the script's texts, expected files follow hostname.if(5)-free rules written out here by hand (blocks of lines per
 * {@link LineBlock}), and the tools' messages are the stand-ins' ({@link LabValidator}).
 */
abstract class AgentConformance {
    static final int VERSION = AgentScript.bundled().version();
    static final String A = "suite-a";
    static final String B = "suite-b";
    static final String BEGIN = LineBlock.MANAGED.begin() + "\n";
    static final String END = LineBlock.MANAGED.end() + "\n";
    static final String DAMAGED = "the openbsd-pbr block is damaged (its begin and end marker lines are missing, "
        + "repeated or out of order)";
    static final String PLAN = "pfctl-load\nsysctl net.inet.ip.forwarding=1\nrcctl reload ifstated\n"
        + "pfctl-anchor uplink uplink.conf\nnetstart em1\n";
    static final List<String> PLAN_COMMANDS = List.of("pfctl -f /etc/pf.conf", "sysctl net.inet.ip.forwarding=1",
        "rcctl reload ifstated", "pfctl -a uplink -f /etc/pf/uplink.conf", "sh /etc/netstart em1");

    @TempDir
    Path dir;

    RouterUnderTest router;
    AgentClient wire;

    abstract RouterUnderTest start(Path dir) throws Exception;

    @BeforeEach
    void install() throws Exception {
        router = start(dir);
        wire = new AgentClient(router.target());
        final Exec installed = wire.exec(AgentProtocol.installCommand(VERSION), AgentScript.bundled().content());
        assertThat(installed.reply().isOk()).as(installed.text() + installed.errors()).isTrue();
        assertThat(installed.reply().version()).hasValue(VERSION);
    }

    @AfterEach
    void stop() {
        if (wire != null) {
            wire.close();
        }
        if (router != null) {
            router.close();
        }
    }

    // --- helpers -------------------------------------------------------------------------------------------------

    Exec run(final byte[] stdin, final String subcommand, final String... args) throws Exception {
        return wire.exec(AgentProtocol.command(VERSION, subcommand, args), stdin);
    }

    AgentReply call(final String subcommand, final String... args) throws Exception {
        return run(new byte[0], subcommand, args).reply();
    }

    AgentReply send(final byte[] stdin, final String subcommand, final String... args) throws Exception {
        return run(stdin, subcommand, args).reply();
    }

    static void assertOk(final AgentReply reply, final String... data) {
        assertThat(reply.version()).hasValue(VERSION);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(AgentReply.OK);
        if (data.length > 0) {
            assertThat(reply.data()).containsExactly(data);
        }
    }

    static void assertError(final AgentReply reply, final String kind, final String detail) {
        assertThat(reply.version()).as(reply.toString()).hasValue(VERSION);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(kind);
        assertThat(reply.detail()).as(reply.toString()).isEqualTo(detail);
    }

    ManagedFile whole(final String path, final int mode, final String text) {
        return new ManagedFile(path, router.owner(), router.group(), mode, text, (mode & 077) == 0);
    }

    ManagedFile lines(final String path, final String body) {
        return new ManagedFile(path, router.owner(), router.group(), 0644, body, false, ManagedFile.Ownership.LINES);
    }

    /** A small router: pf.conf loading an anchor, a LAN interface, sshd, unwind and ifstated, all valid. */
    FileSet files(final String marker) {
        return FileSet.of(List.of(
            whole("/etc/pf.conf", 0600, "set skip on lo\nload anchor \"uplink\" from \"/etc/pf/uplink.conf\"\n"
                + "pass out on em0 # " + marker + "\n"),
            whole("/etc/pf/uplink.conf", 0600, "pass out on em0 # uplink " + marker + "\n"),
            whole("/etc/hostname.em1", 0640, "# " + marker + "\ninet 192.168.1.1 255.255.255.0\n"),
            whole("/etc/ssh/sshd_config", 0644, "PermitRootLogin prohibit-password\n"),
            whole("/etc/ifstated.conf", 0644, "init-state up\nstate up {\n}\n")));
    }

    static FileSet plus(final FileSet files, final ManagedFile... more) {
        final var all = new ArrayList<>(files.files().values());
        all.addAll(List.of(more));
        return FileSet.of(all);
    }

    static byte[] archive(final FileSet files, final String plan, final String revertPlan) {
        return CandidateArchive.candidate(new Candidate(files, ApplyPlan.parse(plan), ApplyPlan.parse(revertPlan)));
    }

    /** Lock (as A), stage, commit; the reply of the commit. */
    AgentReply commit(final FileSet files, final String plan, final String revertPlan, final int seconds)
            throws Exception {
        assertOk(call("lock", A, "600"));
        assertOk(send(archive(files, plan, revertPlan), "edit-candidate", A));
        return call("commit", A, Integer.toString(seconds));
    }

    int generation(final AgentReply reply) {
        return reply.intValue("generation").orElseThrow();
    }

    void assertRuns(final FileSet files) throws Exception {
        for (ManagedFile file : files.files().values()) {
            final Optional<String> onDisk = router.file(file.path());
            assertThat(onDisk).as(file.path()).isPresent();
            if (file.ownership() == ManagedFile.Ownership.LINES) {
                assertThat(LineBlock.MANAGED.body(onDisk.orElseThrow())).as(file.path()).hasValue(file.content());
            } else {
                assertThat(onDisk).as(file.path()).hasValue(file.content());
            }
        }
    }

    /** The get-config lines a router running these files in this generation answers. */
    List<String> config(final int generation, final FileSet files) {
        final var data = new ArrayList<String>();
        data.add("generation " + generation);
        for (ManagedFile file : files.files().values()) {
            final String line = CandidateArchive.manifestLine(FileEntry.of(file));
            data.add("managed " + line);
            data.add("file " + line);
        }
        return data;
    }

    static String sha(final String text) {
        return Hashing.sha256Hex(text.getBytes(StandardCharsets.UTF_8));
    }

    // --- the cases -----------------------------------------------------------------------------------------------

    @Test
    void everyReplyNamesTheVersionAndRefusesWhatItDoesNotKnow() throws Exception {
        assertOk(call("version"));
        final AgentReply older = wire.exec(AgentProtocol.command(VERSION + 1, "version"), new byte[0]).reply();
        assertError(older, "version", Integer.toString(VERSION));
        assertError(call("reboot"), "usage", "unknown subcommand");
        assertError(call("lock", A), "usage", "lock HOLDER TTL");
        assertError(call("lock", A, "soon"), "usage", "lock HOLDER TTL");
        assertError(call("commit", A), "usage", "commit HOLDER SECONDS");
    }

    @Test
    void theLockIsReentrantAndNamesItsHolder() throws Exception {
        assertOk(call("lock", A, "600"));
        assertOk(call("lock", A, "600"));
        final AgentReply held = call("lock", B, "600");
        assertThat(held.status()).isEqualTo("lock-held");
        final String since = held.value("since").orElseThrow();
        assertThat(Long.parseLong(since)).isCloseTo(Instant.now().getEpochSecond(), org.assertj.core.data.Offset
            .offset(5L));
        assertThat(held.data()).containsExactly("holder " + A, "since " + since);
        assertThat(held.detail()).isEqualTo(A + " " + since);
        assertError(call("unlock", B), "not-locked", "held by " + A);
        assertError(call("validate", B), "not-locked", "held by " + A);
        assertOk(call("unlock", A));
        assertOk(call("unlock", A));
        assertError(call("validate", A), "not-locked", "take the lock first");
        assertOk(call("lock", B, "600"));
    }

    @Test
    void aLockUnusedForItsLifetimeIsTakenOver() throws Exception {
        assertOk(call("lock", A, "60"));
        router.ageLock(30);
        assertThat(call("lock", B, "60").status()).isEqualTo("lock-held");
        router.ageLock(31);
        assertOk(call("lock", B, "60"));
        assertError(call("validate", A), "not-locked", "held by " + B);
    }

    @Test
    void onlyIntactCompleteArchivesAreStagedAndTheLastGoodCandidateStays() throws Exception {
        final FileSet good = files("good");
        assertError(send(archive(good, "", ""), "edit-candidate", A), "not-locked", "take the lock first");
        assertOk(call("lock", A, "600"));
        assertOk(send(archive(good, PLAN, "pfctl-load\n"), "edit-candidate", A), "files 5");

        final ManagedFile pf = whole("/etc/pf.conf", 0600, "pass\n");
        final String pfLine = CandidateArchive.manifestLine(FileEntry.of(pf));
        final Ustar.Entry plan = Ustar.Entry.file("plan", 0600, new byte[0]);
        final Ustar.Entry revert = Ustar.Entry.file("revert-plan", 0600, new byte[0]);
        final Ustar.Entry filesDir = Ustar.Entry.directory("files");
        final Ustar.Entry pfFile = Ustar.Entry.file("files/etc/pf.conf", 0600, bytes("pass\n"));
        final Ustar.Entry manifest = Ustar.Entry.file("manifest", 0600, bytes(pfLine + "\n"));

        final byte[] intact = Ustar.write(List.of(plan, revert, filesDir, pfFile, manifest));
        // cut inside a file (tar says so), or inside the manifest's header (tar stops there: no manifest)
        final AgentReply cut = send(Arrays.copyOf(intact, 2100), "edit-candidate", A);
        assertThat(cut.status()).isEqualTo("upload");
        assertThat(cut.detail()).startsWith("the archive did not arrive complete: ");
        assertError(send(Arrays.copyOf(intact, 2700), "edit-candidate", A), "upload", "incomplete: no manifest");
        assertError(send(Ustar.write(List.of(plan, revert, filesDir, pfFile)), "edit-candidate", A), "upload",
            "incomplete: no manifest");
        assertError(send(Ustar.write(List.of(revert, filesDir, pfFile, manifest)), "edit-candidate", A), "upload",
            "incomplete: no plan");
        assertError(send(Ustar.write(List.of(plan, revert, Ustar.Entry.file("evil", 0600, bytes("x")), filesDir,
            pfFile, manifest)), "edit-candidate", A), "upload", "unexpected archive member evil");
        assertError(send(Ustar.write(List.of(plan, revert, filesDir, Ustar.Entry.file("files/etc/pf.conf", 0600,
            bytes("pass all\n")), manifest)), "edit-candidate", A), "upload", "damaged /etc/pf.conf");
        assertError(send(Ustar.write(List.of(Ustar.Entry.file("plan", 0600, bytes("pfctl-load; reboot\n")), revert,
            filesDir, pfFile, manifest)), "edit-candidate", A), "upload", "plan line outside the vocabulary");
        assertError(send(Ustar.write(List.of(plan, Ustar.Entry.file("revert-plan", 0600, bytes("rcctl stop pf\n")),
            filesDir, pfFile, manifest)), "edit-candidate", A), "upload", "plan line outside the vocabulary");
        assertError(send(Ustar.write(List.of(plan, revert, filesDir, pfFile, Ustar.Entry.file("manifest", 0600,
            bytes(pfLine + "\n" + pfLine + "\n")))), "edit-candidate", A), "upload", "a path listed twice");
        assertError(send(Ustar.write(List.of(plan, revert, filesDir, pfFile, Ustar.Entry.file("files/etc/extra",
            0600, bytes("x\n")), manifest)), "edit-candidate", A), "upload", "files not in the manifest");
        assertError(send(Ustar.write(List.of(plan, revert, filesDir, pfFile, Ustar.Entry.file("manifest", 0600,
            bytes(pfLine.replace(" 0600 ", " 600 ") + "\n")))), "edit-candidate", A), "upload",
            "malformed manifest line");
        assertError(send(Ustar.write(List.of(plan, revert, filesDir, pfFile, Ustar.Entry.file("manifest", 0600,
            bytes(pfLine.replace("/etc/pf.conf", "/etc/x/../pf.conf") + "\n")))), "edit-candidate", A), "upload",
            "malformed manifest line");
        assertError(send(Ustar.write(List.of(plan, revert, filesDir, pfFile, Ustar.Entry.file("manifest", 0600,
            bytes(pfLine + "\n" + pfLine.replace("/etc/pf.conf", "/etc/hostname.em1") + "\n")))), "edit-candidate",
            A), "upload", "missing /etc/hostname.em1");

        final String marker = "x=1\n" + END;
        final String markerLine = sha(marker) + " 0644 root wheel /etc/rc.conf.local lines";
        assertError(send(Ustar.write(List.of(plan, revert, filesDir, Ustar.Entry.file("files/etc/rc.conf.local", 0600,
            bytes(marker)), Ustar.Entry.file("manifest", 0600, bytes(markerLine + "\n")))), "edit-candidate", A),
            "upload", "/etc/rc.conf.local: a block of lines cannot contain its own marker line");
        final String unterminated = "net.inet.ip.forwarding=1";
        assertError(send(Ustar.write(List.of(plan, revert, filesDir, Ustar.Entry.file("files/etc/sysctl.conf", 0600,
            bytes(unterminated)), Ustar.Entry.file("manifest", 0600, bytes(sha(unterminated)
            + " 0644 root wheel /etc/sysctl.conf lines\n")))), "edit-candidate", A), "upload",
            "/etc/sysctl.conf: a block of lines must end with a newline");
        assertError(send(Ustar.write(List.of(plan, revert, filesDir, Ustar.Entry.file("files/etc/rc.local", 0600,
            bytes("echo hi\n")), Ustar.Entry.file("manifest", 0600, bytes(sha("echo hi\n")
            + " 0644 root wheel /etc/rc.local\n")))), "edit-candidate", A), "upload",
            "/etc/rc.local holds the agent's boot hook: own a block of lines in it, not the whole file");

        // nothing of that touched the good candidate
        assertOk(call("validate", A));
        assertOk(call("commit", A, "0"), "generation 1", "previous 0");
        assertRuns(good);
    }

    @Test
    void theRoutersOwnToolsJudgeTheCandidate() throws Exception {
        assertOk(call("lock", A, "600"));
        assertError(call("validate", A), "no-candidate", "edit the candidate first");
        final String bad = LabValidator.BAD;
        final FileSet broken = FileSet.of(List.of(
            whole("/etc/pf.conf", 0600, "set skip on lo\n" + bad + " here\nload anchor \"uplink\" from "
                + "\"/etc/pf/uplink.conf\"\n"),
            whole("/etc/pf/uplink.conf", 0600, bad + "\n"),
            whole("/etc/ssh/sshd_config", 0644, bad + " yes\n"),
            whole("/etc/unwind.conf", 0644, bad + "\n"),
            whole("/etc/ifstated.conf", 0644, "init-state up\n" + bad + "\n"),
            whole("/etc/rad.conf", 0644, bad + "\n"),
            whole("/etc/dhcp6leased.conf", 0644, bad + "\n")));
        assertOk(send(archive(broken, "", ""), "edit-candidate", A));
        final AgentReply refused = call("validate", A);
        assertError(refused, "validate", "the router's checks refused the candidate");
        assertThat(refused.values("msg")).containsExactly(
            "/etc/pf.conf:2: syntax error",
            "/etc/pf/uplink.conf:1: syntax error",
            "/etc/ssh/sshd_config: line 1: Bad configuration option: " + bad,
            "/etc/ssh/sshd_config: terminating, 1 bad configuration options",
            "/etc/unwind.conf:1: syntax error",
            "/etc/ifstated.conf:2: syntax error",
            "/etc/rad.conf:1: syntax error",
            "/etc/dhcp6leased.conf:1: syntax error");
        // refused: committing anyway is the caller's choice, validate changes nothing
        assertThat(router.file("/etc/rad.conf")).isEmpty();
    }

    @Test
    void pfConfIsCheckedWithTheCandidatesAnchorsNotTheOnesOnDisk() throws Exception {
        router.write("/etc/pf/uplink.conf", LabValidator.BAD + " left by an admin\n");
        assertOk(call("lock", A, "600"));
        assertOk(send(archive(files("anchors"), "", ""), "edit-candidate", A));
        assertOk(call("validate", A));

        final FileSet brokenAnchor = plus(FileSet.of(files("x").files().values().stream()
            .filter(file -> !file.path().equals("/etc/pf/uplink.conf")).toList()),
            whole("/etc/pf/uplink.conf", 0600, "pass\n" + LabValidator.BAD + "\n"));
        assertOk(send(archive(brokenAnchor, "", ""), "edit-candidate", A));
        final AgentReply twice = call("validate", A);
        assertThat(twice.status()).isEqualTo("validate");
        // once as pf.conf loads it, once on its own as the pfctl-anchor step loads it
        assertThat(twice.values("msg")).containsExactly("/etc/pf/uplink.conf:2: syntax error",
            "/etc/pf/uplink.conf:2: syntax error");

        router.write("/etc/pf/gone.conf", "pass\n");
        final FileSet missing = FileSet.of(List.of(whole("/etc/pf.conf", 0600,
            "load anchor \"gone\" from \"/etc/pf/gone.conf\"\npass\n")));
        assertOk(send(archive(missing, "", ""), "edit-candidate", A));
        final AgentReply gone = call("validate", A);
        assertThat(gone.status()).isEqualTo("validate");
        assertThat(gone.values("msg")).containsExactly("pfctl: /etc/pf/gone.conf: No such file or directory");
    }

    @Test
    void aCommitInstallsTheFilesRunsThePlanAndReadsBack() throws Exception {
        final FileSet files = files("one");
        final AgentReply committed = commit(files, PLAN, "pfctl-load\n", 0);
        assertOk(committed, "generation 1", "previous 0");
        assertRuns(files);
        assertThat(router.commandsRun()).containsExactlyElementsOf(PLAN_COMMANDS);
        assertOk(call("get-config"), config(1, files).toArray(String[]::new));
        assertError(call("commit", A, "0"), "no-candidate", "edit the candidate first");
    }

    /**
     * Failover: the rendered ifstated.conf's init actions append {@code EPOCH STATE} to /var/pbr/failover.log, and
     * get-config reads its last ten lines back as failover-event lines, skipping what is not such a line.
     */
    @Test
    void getConfigReadsTheFailoverStatesIfstatedLogged() throws Exception {
        final FileSet files = files("one");
        assertOk(commit(files, PLAN, "pfctl-load\n", 0), "generation 1", "previous 0");
        router.write("/var/pbr/failover.log", "1795990000 normal\n1795990100 down-pppoe\nnot a state line\n"
            + "1795990200 all down\n1795990300 normal\n");
        final List<String> expected = new ArrayList<>(config(1, files));
        expected.addAll(1, List.of("failover-event 1795990000 normal", "failover-event 1795990100 down-pppoe",
            "failover-event 1795990300 normal"));
        assertOk(call("get-config"), expected.toArray(String[]::new));
    }

    @Test
    void aConfirmedCommitWaitsForItsConfirmAndAConfirmCanBeRetried() throws Exception {
        commit(files("one"), "", "", 0);
        final AgentReply pending = commit(files("two"), "pfctl-load\n", "pfctl-load\n", 60);
        final long deadline = Long.parseLong(pending.value("deadline").orElseThrow());
        assertOk(pending, "generation 2", "previous 1", "deadline " + deadline);
        assertThat(deadline - Instant.now().getEpochSecond()).isBetween(50L, 61L);
        assertThat(call("get-config").data()).contains("pending 2 1 " + deadline);

        // nothing commits over a pending commit, and another holder cannot confirm it
        assertOk(send(archive(files("three"), "", ""), "edit-candidate", A));
        assertError(call("commit", A, "0"), "pending", "generation 2 waits for confirm until " + deadline);
        final AgentReply foreign = call("confirm", B, "0");
        assertThat(foreign.status()).isEqualTo("lock-held");
        assertThat(foreign.detail()).startsWith(A + " ");
        assertThat(foreign.data()).containsExactly("holder " + A);

        assertOk(call("confirm", A, "0"), "generation 2", "previous 1");
        assertThat(call("get-config").data()).noneMatch(line -> line.startsWith("pending"));
        assertOk(call("confirm", A, "2"), "generation 2", "previous 2");
        assertError(call("confirm", A, "0"), "nothing-pending", "no confirmed commit waits for confirm");
        assertRuns(files("two"));
    }

    @Test
    void aConfirmAfterTheDeadlineRevertsInsteadOfConfirming() throws Exception {
        commit(files("one"), "", "", 0);
        final AgentReply pending = commit(files("two"), "", "pfctl-load\n", 1);
        final long deadline = Long.parseLong(pending.value("deadline").orElseThrow());
        router.killTimer();
        Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
            .until(() -> Instant.now().getEpochSecond() >= deadline);
        final AgentReply late = call("confirm", A, "2");
        assertError(late, "reverted", "2 1");
        assertThat(late.data()).containsExactly("reverted 2 1");
        assertRuns(files("one"));
        assertThat(router.commandsRun()).containsExactly("pfctl -f /etc/pf.conf");
        final AgentReply config = call("get-config");
        assertThat(config.data()).startsWith("generation 1");
        assertThat(config.values("reverted")).singleElement().satisfies(line -> assertThat(line).startsWith("2 1 "));
        assertError(call("confirm", A, "2"), "reverted", "2 1");
    }

    @Test
    void anUnconfirmedCommitIsRevertedByTheRouterItself() throws Exception {
        final FileSet one = files("one");
        commit(one, "", "", 0);
        final AgentReply pending = commit(files("two"), "netstart em1\n", "netstart em1\npfctl-load\n", 1);
        assertThat(pending.value("deadline")).isPresent();
        assertOk(call("unlock", A));
        wire.close();
        wire = new AgentClient(router.target());
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
            .until(() -> call("get-config").data().get(0).equals("generation 1"));
        assertRuns(one);
        assertThat(router.commandsRun()).containsExactly("sh /etc/netstart em1", "sh /etc/netstart em1",
            "pfctl -f /etc/pf.conf");
        final List<String> config = call("get-config").data();
        assertThat(config).noneMatch(line -> line.startsWith("pending"));
        assertThat(config).anyMatch(line -> line.startsWith("reverted 2 1 "));
        assertError(call("confirm", A, "0"), "reverted", "2 1");
    }

    @Test
    void cancelCommitRevertsAtOnce() throws Exception {
        commit(files("one"), "", "", 0);
        commit(files("two"), "", "pfctl-load\n", 60);
        assertOk(call("cancel-commit", A), "generation 1", "previous 2");
        assertRuns(files("one"));
        assertThat(router.commandsRun()).containsExactly("pfctl -f /etc/pf.conf");
        assertError(call("cancel-commit", A), "nothing-pending", "no confirmed commit waits for confirm");
    }

    @Test
    void rollbackReinstallsAKeptGenerationAsANewOne() throws Exception {
        commit(files("one"), "", "", 0);
        commit(files("two"), "", "", 0);
        final byte[] plans = CandidateArchive.plans(ApplyPlan.parse("pfctl-load\n"), ApplyPlan.empty());
        assertOk(send(plans, "rollback", A, "1", "0"), "generation 3", "previous 2");
        assertRuns(files("one"));
        assertThat(router.commandsRun()).containsExactly("pfctl -f /etc/pf.conf");
        assertError(send(plans, "rollback", A, "0", "0"), "no-generation", "generation 0 is not kept on this router");
        assertError(send(plans, "rollback", A, "9", "0"), "no-generation", "generation 9 is not kept on this router");
        assertError(send(plans, "rollback", B, "1", "0"), "not-locked", "held by " + A);

        final AgentReply pending = send(plans, "rollback", A, "2", "60");
        assertOk(pending, "generation 4", "previous 3", "deadline " + pending.value("deadline").orElseThrow());
        assertError(send(plans, "rollback", A, "1", "0"), "pending", "generation 4 waits for confirm until "
            + pending.value("deadline").orElseThrow());
        assertRuns(files("two"));
    }

    @Test
    void aFullDiskKeepsTheCandidateAndTheGenerationThereWere() throws Exception {
        assertOk(call("lock", A, "600"));
        assertOk(send(archive(files("kept"), "", ""), "edit-candidate", A));
        router.setFault(Fault.DISK_FULL);
        assertError(send(archive(files("lost"), "", ""), "edit-candidate", A), "disk-full",
            "the archive did not arrive complete: " + LabValidator.DISK_FULL);
        router.clearFault(Fault.DISK_FULL);
        assertOk(call("commit", A, "0"), "generation 1", "previous 0");
        assertRuns(files("kept"));
    }

    @Test
    void aSwitchThatThePowerInterruptedIsUndoneByTheNextCall() throws Exception {
        final FileSet one = files("one");
        commit(one, "", "", 0);
        final FileSet two = files("two");
        assertOk(send(archive(two, "", ""), "edit-candidate", A));
        router.setFault(Fault.CRASH_SWITCH);
        final Exec crashed = run(new byte[0], "commit", A, "0");
        assertThat(crashed.reply().isComplete()).as("a commit that never answers: " + crashed.text()).isFalse();
        router.clearFault(Fault.CRASH_SWITCH);

        // half switched: generation 2's first file is in place, the router still says 1 and shows the switch
        final List<String> half = call("get-config").data();
        assertThat(half).startsWith("generation 1", "txn 2 1");
        assertThat(router.file("/etc/hostname.em1")).isPresent();
        assertThat(two.files().firstKey()).isEqualTo("/etc/hostname.em1");
        assertThat(router.file("/etc/hostname.em1")).hasValue(two.get("/etc/hostname.em1").orElseThrow().content());
        assertThat(router.file("/etc/pf.conf")).hasValue(one.get("/etc/pf.conf").orElseThrow().content());
        assertThat(router.file("/etc/ifstated.conf.pbr-new")).as("written beside its target when the power went")
            .hasValue(two.get("/etc/ifstated.conf").orElseThrow().content());

        // the next call that takes the router's mutex puts generation 1 back whole
        assertError(call("cancel-commit", A), "nothing-pending", "no confirmed commit waits for confirm");
        assertOk(call("get-config"), config(1, one).toArray(String[]::new));
        assertRuns(one);
        assertThat(router.file("/etc/ifstated.conf.pbr-new")).as("what the power cut left beside its target")
            .isEmpty();
        assertOk(send(archive(two, "", ""), "edit-candidate", A));
        assertOk(call("commit", A, "0"), "generation 3", "previous 1");
        assertRuns(two);
    }

    @Test
    void theBootHookRevertsACommitThatARebootLeftPending() throws Exception {
        router.write("/etc/rc.local", "# local commands\n");
        // a router that is only looked at keeps its /etc as it is
        assertOk(call("get-config"), "generation 0");
        assertOk(call("lock", A, "600"));
        final FileSet one = files("one");
        assertOk(send(archive(one, "", ""), "edit-candidate", A));
        assertOk(call("validate", A));
        assertThat(router.file("/etc/rc.local")).hasValue("# local commands\n");

        // the first commit installs the hook, once, beside the admin's lines
        assertOk(call("commit", A, "0"), "generation 1", "previous 0");
        final String hooked = LineBlock.BOOT_HOOK.splice(Optional.of("# local commands\n"),
            AgentProtocol.BOOT_HOOK + "\n");
        assertThat(router.file("/etc/rc.local")).hasValue(hooked);
        commit(files("two"), "netstart em1\n", "netstart em1\npfctl-load\n", 120);
        assertThat(router.file("/etc/rc.local")).hasValue(hooked);
        assertRuns(files("two"));

        // the power goes; the router boots on generation 2's files and /etc/rc runs /etc/rc.local
        final String console = router.boot();
        assertThat(console).isEqualTo("pbr-agent: generation 2 was not confirmed before the reboot: generation 1 "
            + "restored\n");
        assertRuns(one);
        assertThat(router.commandsRun()).containsExactly("sh /etc/netstart em1", "sh /etc/netstart em1",
            "pfctl -f /etc/pf.conf");
        final List<String> config = call("get-config").data();
        assertThat(config).startsWith("generation 1");
        assertThat(config).anyMatch(line -> line.startsWith("reverted 2 1 "))
            .noneMatch(line -> line.startsWith("pending"));
        assertError(call("confirm", A, "2"), "reverted", "2 1");

        // a reboot with nothing pending does nothing
        assertThat(router.boot()).isEmpty();
        assertThat(call("get-config").data()).startsWith("generation 1");
    }

    @Test
    void uninstallTakesTheHookAndTheStateAwayAndLeavesTheFiles() throws Exception {
        router.write("/etc/rc.local", "echo local\n");
        commit(files("one"), "", "", 0);
        commit(files("two"), "", "", 60);
        assertError(call("uninstall", A), "pending", "generation 2 waits for confirm until "
            + call("get-config").values("pending").get(0).split(" ")[2]);
        assertOk(call("confirm", A, "0"));
        assertError(call("uninstall", B), "not-locked", "held by " + A);
        assertOk(call("uninstall", A), "removed " + AgentProtocol.STATE_DIR);
        assertThat(router.file("/etc/rc.local")).hasValue("echo local\n");
        assertRuns(files("two"));
        final Exec gone = run(new byte[0], "version");
        assertThat(gone.reply().isComplete()).as(gone.text()).isFalse();
        assertThat(gone.reply().version()).isEmpty();
    }

    @Test
    void showGenerationAnswersOnStdoutLikeEveryOtherCall() throws Exception {
        final FileSet files = plus(files("one"), lines("/etc/sysctl.conf", "net.inet.ip.forwarding=1\n"));
        commit(files, "", "", 0);
        final Exec shown = run(new byte[0], "show-generation", "1");
        assertThat(shown.exitStatus()).hasValue(0);
        final CandidateArchive.Contents contents = CandidateArchive.read(shown.stdout());
        assertThat(contents.manifest()).containsExactlyElementsOf(files.files().values().stream().map(FileEntry::of)
            .toList());
        assertThat(contents.toFileSet()).isEqualTo(files);

        final Exec missing = run(new byte[0], "show-generation", "7");
        assertThat(missing.exitStatus()).hasValue(1);
        assertThat(missing.text()).isEqualTo("pbr-agent " + VERSION + "\n@error no-generation generation 7 is not "
            + "kept on this router\n");
        assertThat(missing.errors()).isEmpty();
    }

    @Test
    void readFilesAnswersWithTheFilesOnDiskManagedOrNotAndNothingElse() throws Exception {
        commit(plus(files("one"), lines("/etc/sysctl.conf", "net.inet6.ip6.forwarding=1\n")), "", "", 0);
        // the admin's files beside what generation 1 installed, and an edit of a managed one
        router.write("/etc/hostname.em0", "inet autoconf\n");
        router.write("/etc/hostname.pppoe0", "inet 0.0.0.0 255.255.255.255 NONE \\\n\tpppoedev em0 authkey 's'\n");
        router.write("/etc/hostname.em0.orig", "inet 10.0.0.1 255.0.0.0\n");
        router.write("/etc/rc.conf.local", "pf=YES\n");
        router.write("/etc/pf.conf", "pass # by hand\n");
        router.write("/etc/sysctl.conf", "kern.maxfiles=4096\n" + BEGIN + "net.inet6.ip6.forwarding=1\n" + END);
        router.write("/etc/rc.local", "echo local\n");
        router.write("/etc/master.passwd", "root:x:0:0::0:0:root:/root:/bin/ksh\n");
        final var lockedBy = call("lock", B, "600");
        assertError(lockedBy, "lock-held", A + " " + lockedBy.values("since").get(0));

        final Exec read = run(new byte[0], "read-files");
        assertThat(read.exitStatus()).as(read.text()).hasValue(0);
        assertThat(read.errors()).isEmpty();
        final FileSet onDisk = CandidateArchive.read(read.stdout()).toFileSet();
        assertThat(onDisk.files().keySet()).containsExactly("/etc/hostname.em0", "/etc/hostname.em1",
            "/etc/hostname.pppoe0", "/etc/ifstated.conf", "/etc/pf.conf", "/etc/pf/uplink.conf", "/etc/rc.conf.local",
            "/etc/ssh/sshd_config", "/etc/sysctl.conf");
        for (ManagedFile file : onDisk.files().values()) {
            assertThat(router.file(file.path())).as(file.path()).hasValue(file.content());
            assertThat(file.ownership()).isEqualTo(ManagedFile.Ownership.WHOLE);
            assertThat(file.owner()).isEqualTo(router.owner());
        }
        // the attributes the commit gave, as on disk
        assertThat(onDisk.get("/etc/hostname.em1").orElseThrow().mode()).isEqualTo(0640);
        assertThat(onDisk.get("/etc/pf/uplink.conf").orElseThrow().secret()).isTrue();
        // read-only: the generation, the lock and the files are as they were
        assertThat(call("get-config").data()).startsWith("generation 1");
        assertThat(router.file("/etc/pf.conf")).hasValue("pass # by hand\n");
        assertOk(call("unlock", A));

        final Exec extra = run(new byte[0], "read-files", "1");
        assertThat(extra.exitStatus()).hasValue(1);
        assertThat(extra.text()).isEqualTo("pbr-agent " + VERSION + "\n@error usage read-files\n");
    }

    @Test
    void concurrentCallersSeeOneLockHolderAndNeverAHalfWrittenLock() throws Exception {
        final int callers = 6;
        final ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            final var start = new CountDownLatch(1);
            final var futures = new ArrayList<Future<AgentReply>>();
            for (int i = 0; i < callers; i++) {
                final String holder = "suite-" + i;
                futures.add(pool.submit(() -> {
                    start.await();
                    return call("lock", holder, "600");
                }));
            }
            start.countDown();
            final var replies = new ArrayList<AgentReply>();
            for (Future<AgentReply> future : futures) {
                replies.add(future.get(60, TimeUnit.SECONDS));
            }
            assertThat(replies).filteredOn(AgentReply::isOk).hasSize(1);
            final String winner = "suite-" + replies.indexOf(replies.stream().filter(AgentReply::isOk).findFirst()
                .orElseThrow());
            assertThat(replies).filteredOn(reply -> !reply.isOk()).allSatisfy(reply -> {
                assertThat(reply.status()).isEqualTo("lock-held");
                assertThat(reply.data()).first().isEqualTo("holder " + winner);
            });

            // the holder keeps using its lock (each use rewrites it) while another caller keeps asking for it
            assertOk(send(archive(files("one"), "", ""), "edit-candidate", winner));
            final var seen = new ConcurrentLinkedQueue<AgentReply>();
            final Future<?> user = pool.submit(() -> {
                for (int i = 0; i < 15; i++) {
                    seen.add(call("validate", winner));
                }
                return null;
            });
            final Future<?> asker = pool.submit(() -> {
                for (int i = 0; i < 15; i++) {
                    seen.add(call("lock", B, "600"));
                }
                return null;
            });
            user.get(120, TimeUnit.SECONDS);
            asker.get(120, TimeUnit.SECONDS);
            assertThat(seen).hasSize(30).allSatisfy(reply -> {
                if (!reply.isOk()) {
                    assertThat(reply.status()).as(reply.toString()).isEqualTo("lock-held");
                    assertThat(reply.detail()).as(reply.toString()).matches(winner + " [1-9][0-9]{9}");
                }
            });
            assertThat(seen).filteredOn(AgentReply::isOk).hasSize(15);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aBlockOfLinesIsSplicedAmongTheAdminsLinesAndOnlyItCounts() throws Exception {
        router.write("/etc/rc.conf.local", "sshd_flags=-v\n");
        final String oneBody = "unwind_flags=\nunwind_rtable=1\n";
        final FileSet one = plus(files("one"), lines("/etc/rc.conf.local", oneBody),
            lines("/etc/sysctl.conf", "net.inet.ip.forwarding=1\n"));
        assertOk(commit(one, "sysctl net.inet.ip.forwarding=1\n", "", 0), "generation 1", "previous 0");
        assertThat(router.file("/etc/rc.conf.local")).hasValue("sshd_flags=-v\n" + BEGIN + oneBody + END);
        assertThat(router.file("/etc/sysctl.conf")).hasValue(BEGIN + "net.inet.ip.forwarding=1\n" + END);
        assertThat(router.commandsRun()).containsExactly("sysctl net.inet.ip.forwarding=1");
        assertOk(call("get-config"), config(1, one).toArray(String[]::new));

        // the admin's own lines are no drift; an edit inside the block is
        router.write("/etc/rc.conf.local", router.file("/etc/rc.conf.local").orElseThrow() + "ntpd_flags=-s\n");
        assertOk(call("get-config"), config(1, one).toArray(String[]::new));
        router.write("/etc/rc.conf.local", router.file("/etc/rc.conf.local").orElseThrow()
            .replace("unwind_rtable=1", "unwind_rtable=2"));
        assertThat(call("get-config").data()).contains("file " + sha("unwind_flags=\nunwind_rtable=2\n") + " 0644 "
            + router.owner() + " " + router.group() + " /etc/rc.conf.local lines");

        // the next generation replaces the block in place; a file that held only the block goes with it
        final String twoBody = "unwind_flags=\nunwind_rtable=0\n";
        final FileSet two = plus(files("two"), lines("/etc/rc.conf.local", twoBody));
        commit(two, "", "", 60);
        assertThat(router.file("/etc/rc.conf.local")).hasValue("sshd_flags=-v\n" + BEGIN + twoBody + END
            + "ntpd_flags=-s\n");
        assertThat(router.file("/etc/sysctl.conf")).isEmpty();

        // going back puts generation 1's block back and keeps what the admin wrote meanwhile
        router.write("/etc/rc.conf.local", router.file("/etc/rc.conf.local").orElseThrow() + "dhcpd_flags=em1\n");
        assertOk(call("cancel-commit", A), "generation 1", "previous 2");
        assertThat(router.file("/etc/rc.conf.local")).hasValue("sshd_flags=-v\n" + BEGIN + oneBody + END
            + "ntpd_flags=-s\ndhcpd_flags=em1\n");
        assertThat(router.file("/etc/sysctl.conf")).hasValue(BEGIN + "net.inet.ip.forwarding=1\n" + END);

        // leaving the managed set takes the block out and nothing else
        commit(files("three"), "", "", 0);
        assertThat(router.file("/etc/rc.conf.local")).hasValue("sshd_flags=-v\nntpd_flags=-s\ndhcpd_flags=em1\n");
        assertThat(router.file("/etc/sysctl.conf")).isEmpty();
    }

    @Test
    void aFileOwnedWholeThenAsLinesKeepsTheLinesFromBeforeOpenbsdPbr() throws Exception {
        router.write("/etc/rc.conf.local", "sshd_flags=-v\n");
        commit(plus(files("one"), whole("/etc/rc.conf.local", 0644, "unwind_flags=\nold_whole=1\n")), "", "", 0);
        assertThat(router.file("/etc/rc.conf.local")).hasValue("unwind_flags=\nold_whole=1\n");
        commit(plus(files("two"), lines("/etc/rc.conf.local", "unwind_flags=\n")), "", "", 0);
        assertThat(router.file("/etc/rc.conf.local")).hasValue("sshd_flags=-v\n" + BEGIN + "unwind_flags=\n" + END);
    }

    @Test
    void aDamagedBlockIsRefusedAndNothingIsHalfApplied() throws Exception {
        final FileSet one = plus(files("one"), lines("/etc/rc.conf.local", "unwind_flags=\n"));
        commit(one, "", "", 0);
        final String damaged = "sshd_flags=-v\n" + BEGIN + "unwind_flags=\n" + BEGIN + END;
        router.write("/etc/rc.conf.local", damaged);
        final FileSet two = plus(files("two"), lines("/etc/rc.conf.local", "unwind_flags=-v\n"));
        assertOk(send(archive(two, "", ""), "edit-candidate", A));
        final AgentReply refused = call("validate", A);
        assertError(refused, "validate", "the router's checks refused the candidate");
        assertThat(refused.values("msg")).containsExactly("/etc/rc.conf.local: " + DAMAGED);
        assertThat(call("get-config").data()).contains("missing /etc/rc.conf.local");

        final AgentReply failed = call("commit", A, "0");
        assertError(failed, "commit", "could not install the files of generation 2 (/etc/rc.conf.local: " + DAMAGED
            + "); generation 1 restored");
        assertThat(failed.data()).containsExactly("generation 1");
        assertThat(router.file("/etc/rc.conf.local")).hasValue(damaged);
        assertRuns(files("one"));
        assertThat(call("get-config").data()).startsWith("generation 1");
    }

    /**
     * An operator probe: ping's summary as "probe SENT RECEIVED", from the routing table asked for, IPv4 or IPv6;
     * anything but the fixed vocabulary (a name, a count or table out of range) is refused before anything runs.
     */
    @Test
    void aProbeAnswersWithPingsSummaryAndRefusesAnythingElse() throws Exception {
        assertOk(call("probe", "ping", "1", "3", "8.8.8.8"), "probe 3 3");
        assertOk(call("probe", "ping", "0", "1", "2001:db8::1"), "probe 1 1");
        router.setFault(RouterUnderTest.Fault.PROBE_UNANSWERED);
        assertOk(call("probe", "ping", "0", "3", "192.0.2.1"), "probe 3 0");
        router.clearFault(RouterUnderTest.Fault.PROBE_UNANSWERED);
        final String usage = "probe ping RDOMAIN COUNT ADDRESS";
        assertError(call("probe", "ping", "0", "3", "dns.google"), "usage", usage);
        assertError(call("probe", "ping", "256", "3", "8.8.8.8"), "usage", usage);
        assertError(call("probe", "ping", "0", "11", "8.8.8.8"), "usage", usage);
        assertError(call("probe", "ping", "0", "3", "8.8.8.8", "-f"), "usage", usage);
        assertError(call("probe", "traceroute", "0", "3", "8.8.8.8"), "usage", usage);
        assertError(call("probe"), "usage", usage);
    }

    @Test
    void aFailingPlanRestoresThePreviousGeneration() throws Exception {
        final FileSet one = files("one");
        commit(one, "pfctl-load\n", "", 0);
        final FileSet failing = FileSet.of(List.of(whole("/etc/pf.conf", 0600, "pass # " + LabValidator.FAIL_LOAD
            + "\n")));
        final AgentReply failed = commit(failing, "pfctl-load\n", "pfctl-load\n", 0);
        assertError(failed, "commit", "apply plan failed (pfctl-load: " + LabValidator.LOAD_ERROR + "); generation 1 "
            + "restored");
        assertThat(failed.data()).containsExactly("msg pfctl-load: " + LabValidator.LOAD_ERROR, "generation 1");
        assertRuns(one);
        assertThat(router.commandsRun()).containsExactly("pfctl -f /etc/pf.conf", "pfctl -f /etc/pf.conf",
            "pfctl -f /etc/pf.conf");
        assertOk(call("get-config"), config(1, one).toArray(String[]::new));
    }

    private static byte[] bytes(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}

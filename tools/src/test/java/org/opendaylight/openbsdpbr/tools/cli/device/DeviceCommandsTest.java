/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.tools.cli.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opendaylight.openbsdpbr.api.device.CommitRequest;
import org.opendaylight.openbsdpbr.api.device.Credentials;
import org.opendaylight.openbsdpbr.api.device.DeviceSession;
import org.opendaylight.openbsdpbr.api.files.FileSet;
import org.opendaylight.openbsdpbr.impl.ssh.SshDeviceConnector;
import org.opendaylight.openbsdpbr.impl.ssh.SshKeys;
import org.opendaylight.openbsdpbr.impl.ssh.SshSettings;
import org.opendaylight.openbsdpbr.tools.cli.CheckSyncCommand;
import org.opendaylight.openbsdpbr.tools.cli.ConfirmCommand;
import org.opendaylight.openbsdpbr.tools.cli.ImportCommand;
import org.opendaylight.openbsdpbr.tools.cli.LabCommand;
import org.opendaylight.openbsdpbr.tools.cli.PushCommand;
import org.opendaylight.openbsdpbr.tools.cli.RollbackCommand;
import org.opendaylight.openbsdpbr.tools.lab.Lab;
import org.opendaylight.openbsdpbr.tools.lab.LabConfig;

/** push, confirm, rollback, check-sync and lab as the command line runs them, against a lab with a state dir. */
class DeviceCommandsTest {
    @TempDir
    Path dir;

    private Lab lab;
    private KeyPair key;
    private Path identity;
    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errorBytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
    private final PrintStream error = new PrintStream(errorBytes, true, StandardCharsets.UTF_8);

    @BeforeEach
    void start() throws Exception {
        lab = Lab.start(LabConfig.of(2).withStateDir(dir.resolve("lab")));
        key = SshKeys.generateEd25519();
        identity = dir.resolve("id_ed25519");
        SshKeys.writePrivateKey(key, identity, "cli-test");
    }

    @AfterEach
    void stop() {
        lab.close();
    }

    private String out() {
        final String text = outBytes.toString(StandardCharsets.UTF_8);
        outBytes.reset();
        return text;
    }

    private String error() {
        final String text = errorBytes.toString(StandardCharsets.UTF_8);
        errorBytes.reset();
        return text;
    }

    private List<String> device(final String router, final String... more) {
        final var args = new ArrayList<>(List.of("--router", router, "--target", "127.0.0.1:" + lab.port(router),
            "--identity", identity.toString(), "--known-hosts", dir.resolve("lab/known_hosts").toString(),
            "--timeout", "5"));
        args.addAll(List.of(more));
        return args;
    }

    private Path tree(final String marker) throws Exception {
        final Path root = dir.resolve("render-" + marker);
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(root.resolve("etc/pf.conf"), "pass in on em1 # " + marker + "\n");
        final Path secret = root.resolve("etc/hostname.pppoe0");
        Files.writeString(secret, "inet 0.0.0.0 255.255.255.255 NONE pppoedev em0 authkey 'x" + marker + "' up\n");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
        Files.setPosixFilePermissions(root.resolve("etc/pf.conf"), PosixFilePermissions.fromString("rw-r--r--"));
        return root;
    }

    private static String lastLine(final String text) {
        final String[] lines = text.strip().split("\n");
        return lines[lines.length - 1];
    }

    @Test
    void importReadsTheRoutersOwnFilesAndWritesWhatTheOfflineImportWrites() throws Exception {
        final Path seed = Path.of("..", "examples", "seed-handwritten");
        try (var files = Files.walk(seed.resolve("etc"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                lab.router("r2").editByHand("/" + seed.relativize(file), Files.readString(file));
            }
        }
        final Path fromRouter = dir.resolve("from-router.json");
        assertThat(ImportCommand.run(device("r2", "--out", fromRouter.toString()), out, error)).as(error()).isZero();
        final String report = out();
        assertThat(report).startsWith("read 10 files from r2 at 127.0.0.1:" + lab.port("r2") + "\n")
            .contains("flows: ");
        final Path offline = dir.resolve("offline.json");
        assertThat(ImportCommand.run(List.of(seed.toString(), "--router", "r2", "--out", offline.toString()), out,
            error)).as(error()).isZero();
        assertThat(report).endsWith(out().replace(offline.toString(), fromRouter.toString()));
        assertThat(Files.readString(fromRouter)).isEqualTo(Files.readString(offline));
        // read-only: nothing was committed, nothing ran
        assertThat(lab.router("r2").generation()).isZero();
        assertThat(lab.router("r2").commandsRun()).isEmpty();
    }

    @Test
    void pushConfirmedThenRollbackThenCheckSync() throws Exception {
        final List<String> pushArgs = new ArrayList<>(List.of("--files", tree("a").toString(), "--confirm", "20"));
        pushArgs.addAll(device("r1"));
        assertThat(PushCommand.run(pushArgs, out, error)).as(error()).isZero();
        final String pushed = out();
        assertThat(pushed).contains("r1: CONFIRMED, generation 1 (was 0)");
        assertThat(lastLine(pushed)).isEqualTo("generation 1");
        assertThat(lab.router("r1").file("/etc/hostname.pppoe0").orElseThrow().mode()).isEqualTo(0600);

        final List<String> again = new ArrayList<>(List.of("--files", tree("b").toString()));
        again.addAll(device("r1"));
        assertThat(PushCommand.run(again, out, error)).isZero();
        assertThat(lastLine(out())).isEqualTo("generation 2");

        assertThat(RollbackCommand.run(device("r1", "--generation", "1"), out, error)).as(error()).isZero();
        assertThat(lastLine(out())).isEqualTo("generation 3");

        final List<String> check = device("r1", "--files", tree("a").toString());
        assertThat(CheckSyncCommand.run(check, out, error)).isZero();
        assertThat(out()).contains("in sync").endsWith("generation 3\n");

        lab.router("r1").editByHand("/etc/pf.conf", "pass all\n");
        assertThat(CheckSyncCommand.run(check, out, error)).isEqualTo(1);
        assertThat(out()).contains("changed on the router: /etc/pf.conf",
            "differs from the rendered files: /etc/pf.conf", "OUT OF SYNC");
    }

    @Test
    void confirmCommandConfirmsAPendingCommit() throws Exception {
        try (var connector = new SshDeviceConnector(SshSettings.defaults().withTimeouts(Duration.ofSeconds(5)))) {
            final DeviceSession session = connector.open(lab.target("r2", new Credentials.Key(key)))
                .toCompletableFuture().get(30, TimeUnit.SECONDS);
            session.lock().toCompletableFuture().get(30, TimeUnit.SECONDS);
            session.editCandidate(FileTree.read(tree("c"))).toCompletableFuture().get(30, TimeUnit.SECONDS);
            session.commit(CommitRequest.confirmed(Duration.ofSeconds(60))).toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
            session.unlock().toCompletableFuture().get(30, TimeUnit.SECONDS);
            session.close();
        }
        assertThat(lab.router("r2").pending()).isPresent();
        assertThat(ConfirmCommand.run(device("r2"), out, error)).as(error()).isZero();
        assertThat(lastLine(out())).isEqualTo("generation 1");
        assertThat(lab.router("r2").pending()).isEmpty();

        assertThat(ConfirmCommand.run(device("r2"), out, error)).isEqualTo(1);
        assertThat(error()).contains("nothing-pending");
        assertThat(lastLine(out())).isEqualTo("generation 1");
    }

    @Test
    void usageErrorsAndRefusedHostKeys() throws Exception {
        assertThat(PushCommand.run(List.of("--router", "r1"), out, error)).isEqualTo(2);
        assertThat(error()).contains("missing --files");

        final List<String> noHostKey = List.of("--router", "r1", "--target", "127.0.0.1:" + lab.port("r1"),
            "--identity", identity.toString());
        assertThat(CheckSyncCommand.run(noHostKey, out, error)).isEqualTo(2);
        assertThat(error()).contains("unknown host keys are refused");

        final List<String> wrongKey = new ArrayList<>(noHostKey);
        wrongKey.addAll(List.of("--fingerprint", "SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"));
        assertThat(CheckSyncCommand.run(wrongKey, out, error)).isEqualTo(1);
        assertThat(error()).contains("HOST KEY CHANGED");
        assertThat(lab.router("r1").authAttempts()).isZero();

        final List<String> tofu = new ArrayList<>(noHostKey);
        tofu.add("--trust-on-first-use");
        assertThat(CheckSyncCommand.run(tofu, out, error)).isZero();
        assertThat(out()).contains("trusting host key " + lab.router("r1").hostKeyFingerprint());

        assertThat(RollbackCommand.run(device("r1"), out, error)).isEqualTo(2);
        assertThat(error()).contains("missing --generation");
    }

    @Test
    void fileTreeReadsModesAndMarksSecrets() throws Exception {
        final FileSet files = FileTree.read(tree("d"));
        assertThat(files.files().keySet()).containsExactly("/etc/hostname.pppoe0", "/etc/pf.conf");
        assertThat(files.get("/etc/hostname.pppoe0").orElseThrow().secret()).isTrue();
        assertThat(files.get("/etc/pf.conf").orElseThrow().mode()).isEqualTo(0644);
    }

    @Test
    void labCommandPrintsEndpointsAndTakesControlLines() throws Exception {
        final Path state = dir.resolve("lab2");
        final var stdin = new ByteArrayInputStream("routers\nfault r2 slow 250\nstatus r2\nfault r9 refuse\n"
            .getBytes(StandardCharsets.UTF_8));
        assertThat(LabCommand.run(List.of("--routers", "2", "--state-dir", state.toString(), "--exit-on-eof"),
            stdin, out, error)).as(error()).isZero();
        final String text = out();
        final List<String> endpoints = Files.readAllLines(state.resolve("endpoints.txt"));
        assertThat(endpoints).hasSize(2);
        final String fingerprint = endpoints.get(1).split(" ")[2];
        assertThat(text).contains("r1 127.0.0.1:", "r2 127.0.0.1:", fingerprint, "control: http://127.0.0.1:",
            "faults slow=250", "error: no router r9").endsWith("lab stopped\n");

        // a restart keeps each router's host key
        final var again = new ByteArrayInputStream(new byte[0]);
        assertThat(LabCommand.run(List.of("--routers", "2", "--state-dir", state.toString(), "--exit-on-eof"),
            again, out, error)).isZero();
        assertThat(out()).contains(fingerprint);
    }
}

/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.tools.realssh;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.opendaylight.openbsdpbr.api.device.Credentials;
import org.opendaylight.openbsdpbr.api.device.DeviceTarget;
import org.opendaylight.openbsdpbr.api.device.HostKeyPolicy;
import org.opendaylight.openbsdpbr.impl.ssh.SshKeys;
import org.opendaylight.openbsdpbr.tools.sandbox.StubTools;

/**
 * Debian's OpenSSH server on 127.0.0.1 with a throwaway configuration, host key and authorized_keys in a temporary
 * directory, and a sandbox router: {@code PBR_ROOT} points the router-side script at {@code root/}, and the stand-ins
 * for the OpenBSD tools ({@link StubTools}) come first on PATH through sshd's {@code SetEnv}; they record each call in
 * {@code calls}. Nothing outside the directory changes: as root, sshd needs
 * its privilege-separation directory /run/sshd, so it runs in a private mount namespace with its own /run.
 */
public final class RealSshd implements AutoCloseable {
    static final Path SSHD = Path.of("/usr/sbin/sshd");

    public final Path dir;
    public final Path root;
    public final Path calls;
    public final Path faults;
    public final String owner;
    public final String group;
    private final KeyPair clientKey;
    private final KeyPair hostKey;
    private final int port;
    private final Process process;

    public RealSshd(final Path dir) throws IOException, GeneralSecurityException, InterruptedException {
        assumeTrue(Files.isExecutable(SSHD), "no /usr/sbin/sshd");
        this.dir = dir;
        root = Files.createDirectories(dir.resolve("root"));
        Files.createDirectories(root.resolve("etc"));
        calls = dir.resolve("calls");
        faults = dir.resolve("faults");
        Files.writeString(calls, "");
        final PosixFileAttributes attributes = Files.readAttributes(dir, PosixFileAttributes.class);
        owner = attributes.owner().getName();
        group = attributes.group().getName();

        hostKey = SshKeys.generateEd25519();
        clientKey = SshKeys.generateEd25519();
        SshKeys.writePrivateKey(hostKey, dir.resolve("host_key"), "real-sshd-test");
        Files.writeString(dir.resolve("authorized_keys"), SshKeys.publicKeyLine(clientKey.getPublic()) + "\n");
        writeStandIns();

        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        final String user = System.getProperty("user.name");
        final Path config = dir.resolve("sshd_config");
        Files.writeString(config, String.join("\n",
            "Port " + port,
            "ListenAddress 127.0.0.1",
            "HostKey " + dir.resolve("host_key"),
            "PidFile none",
            "UsePAM no",
            "StrictModes no",
            "AuthorizedKeysFile " + dir.resolve("authorized_keys"),
            "PasswordAuthentication no",
            "KbdInteractiveAuthentication no",
            "PermitRootLogin prohibit-password",
            "AllowUsers " + user,
            "SetEnv PBR_ROOT=" + root + " PATH=" + environment().get("PATH"),
            "MaxStartups 100",
            "MaxSessions 100",
            "LogLevel ERROR",
            ""));

        final boolean privileged = "root".equals(user) && !Files.isDirectory(Path.of("/run/sshd"));
        final List<String> command = privileged
            ? List.of("unshare", "--mount", "sh", "-c", "mount -t tmpfs tmpfs /run && mkdir -p /run/sshd && exec "
                + SSHD + " -D -e -f " + config)
            : List.of(SSHD.toString(), "-D", "-e", "-f", config.toString());
        process = new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(dir.resolve("sshd.log").toFile()).start();
        final Instant until = Instant.now().plus(Duration.ofSeconds(15));
        while (!listening()) {
            if (!process.isAlive() || Instant.now().isAfter(until)) {
                final String log = Files.readString(dir.resolve("sshd.log"));
                close();
                assumeTrue(false, "sshd did not start (" + log.strip() + ")");
            }
            Thread.sleep(50);
        }
    }

    private boolean listening() {
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void writeStandIns() throws IOException {
        StubTools.write(dir.resolve("bin"), root, calls, faults);
    }

    /** Switch a fault of the stand-in tools on ({@link StubTools#DISK_FULL}, {@link StubTools#CRASH_SWITCH}). */
    public void setFault(final String fault) throws IOException {
        Files.writeString(faults.resolve(fault), "0\n");
    }

    public void clearFault(final String fault) throws IOException {
        Files.deleteIfExists(faults.resolve(fault));
    }

    /** The environment the agent runs in over SSH: its sandbox root and the stand-in tools first on PATH. */
    public Map<String, String> environment() {
        return Map.of("PBR_ROOT", root.toString(), "PATH", dir.resolve("bin") + ":/usr/sbin:/usr/bin:/sbin:/bin");
    }

    public DeviceTarget target() {
        return new DeviceTarget("sandbox", "127.0.0.1", port, System.getProperty("user.name"),
            new Credentials.Key(clientKey), HostKeyPolicy.Pinned.of(SshKeys.fingerprint(hostKey.getPublic())));
    }

    /** The recorded tool calls, sandbox paths shown as router paths. */
    public List<String> calls() throws IOException {
        return Files.readAllLines(calls).stream().map(line -> line.replace(root.toString(), "")).toList();
    }

    /** A file of the sandbox router, by router path. */
    public Optional<String> file(final String path) throws IOException {
        final Path file = root.resolve(path.substring(1));
        return Files.exists(file) ? Optional.of(Files.readString(file)) : Optional.empty();
    }

    @Override
    public void close() {
        if (process != null) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroy();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

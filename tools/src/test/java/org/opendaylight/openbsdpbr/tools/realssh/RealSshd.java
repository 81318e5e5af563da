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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.opendaylight.openbsdpbr.api.device.Credentials;
import org.opendaylight.openbsdpbr.api.device.DeviceTarget;
import org.opendaylight.openbsdpbr.api.device.HostKeyPolicy;
import org.opendaylight.openbsdpbr.impl.ssh.SshKeys;

/**
 * Debian's OpenSSH server on 127.0.0.1 with a throwaway configuration, host key and authorized_keys in a temporary
 * directory, and a sandbox router: {@code PBR_ROOT} points the router-side script at {@code root/}, and stand-ins for
 * the OpenBSD tools (pfctl, sshd, unwind, ifconfig, rcctl, install, /etc/netstart) come first on PATH through sshd's
 * {@code SetEnv}; they record each call in {@code calls}. Nothing outside the directory changes: as root, sshd needs
 * its privilege-separation directory /run/sshd, so it runs in a private mount namespace with its own /run.
 */
final class RealSshd implements AutoCloseable {
    static final Path SSHD = Path.of("/usr/sbin/sshd");

    final Path dir;
    final Path root;
    final Path calls;
    final String owner;
    final String group;
    private final KeyPair clientKey;
    private final KeyPair hostKey;
    private final int port;
    private final Process process;

    RealSshd(final Path dir) throws IOException, GeneralSecurityException, InterruptedException {
        assumeTrue(Files.isExecutable(SSHD), "no /usr/sbin/sshd");
        this.dir = dir;
        root = Files.createDirectories(dir.resolve("root"));
        Files.createDirectories(root.resolve("etc"));
        calls = dir.resolve("calls");
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
            "SetEnv PBR_ROOT=" + root + " PATH=" + dir.resolve("bin") + ":/usr/sbin:/usr/bin:/sbin:/bin",
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
        final Path bin = Files.createDirectories(dir.resolve("bin"));
        final String record = "echo \"$(basename \"$0\") $*\" >> " + calls + "\n";
        // pfctl -nf refuses a file that says "syntax-error", and echoes a secret the way netstart output would
        script(bin.resolve("pfctl"), record + """
            if [ "$1" = -nf ] && grep -q syntax-error "$2"; then
                echo "$2:2: syntax error" >&2
                echo "ifconfig pppoe0 authkey 'leaked-secret' up" >&2
                exit 1
            fi
            if [ "$1" = -f ] && grep -q slow-load "$2"; then
                sleep 2
            fi
            if [ "$1" = -f ] && grep -q fail-load "$2"; then
                echo "pfctl: DIOCADDRULE: Invalid argument" >&2
                exit 1
            fi
            exit 0
            """);
        for (String tool : List.of("sshd", "unwind", "ifconfig", "rcctl")) {
            script(bin.resolve(tool), record + "exit 0\n");
        }
        // install(1): record, then really install (owner and group only when we can set them)
        script(bin.resolve("install"), record + """
            if [ "$(id -u)" != 0 ]; then
                args=; while [ $# -gt 0 ]; do case $1 in -o|-g) shift 2 ;; *) args="$args $1"; shift ;; esac; done
                exec /usr/bin/install $args
            fi
            exec /usr/bin/install "$@"
            """);
        script(root.resolve("etc/netstart"), "echo \"netstart $*\" >> " + calls + "\nexit 0\n");
    }

    private static void script(final Path file, final String body) throws IOException {
        Files.writeString(file, "#!/bin/sh\n" + body, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    DeviceTarget target() {
        return new DeviceTarget("sandbox", "127.0.0.1", port, System.getProperty("user.name"),
            new Credentials.Key(clientKey), HostKeyPolicy.Pinned.of(SshKeys.fingerprint(hostKey.getPublic())));
    }

    /** The recorded tool calls, sandbox paths shown as router paths. */
    List<String> calls() throws IOException {
        return Files.readAllLines(calls).stream().map(line -> line.replace(root.toString(), "")).toList();
    }

    /** A file of the sandbox router, by router path. */
    Optional<String> file(final String path) throws IOException {
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

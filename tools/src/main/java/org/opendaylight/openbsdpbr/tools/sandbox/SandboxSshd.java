/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.tools.sandbox;

import static java.util.Objects.requireNonNull;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.opendaylight.openbsdpbr.api.device.Credentials;
import org.opendaylight.openbsdpbr.api.device.DeviceTarget;
import org.opendaylight.openbsdpbr.api.device.HostKeyPolicy;
import org.opendaylight.openbsdpbr.impl.ssh.SshKeys;

/**
 * Sandbox routers behind Debian's real OpenSSH server on 127.0.0.1: each router is a directory, its {@code PBR_ROOT}
 * (the router-side script keeps its state under {@code var/pbr} there and installs files under {@code etc}), and the
 * stand-ins for OpenBSD's tools ({@link StubTools}) come first on its PATH. Nothing outside the sandbox directory
 * changes.
 *
 * <p>Two ways to give routers their accounts. One router ({@link #single}) logs in as the current user and gets its
 * root from sshd's {@code SetEnv}: this works without privileges. A fleet ({@link #fleet}, as root only) gets one
 * account per router, {@code pbr1} .. {@code pbrN}: sshd runs in a private mount namespace in which a copy of
 * {@code /etc/passwd} and {@code /etc/shadow} with those accounts (uid 0, home the router's root, shell a wrapper
 * that sets {@code PBR_ROOT=$HOME} and PATH) is bind-mounted over the real ones, so the host's account files never
 * change. As root sshd also needs its privilege-separation directory {@code /run/sshd}, which the namespace gets on a
 * private tmpfs.
 */
public final class SandboxSshd implements AutoCloseable {
    /** The OpenSSH server this needs. */
    public static final Path SSHD = Path.of("/usr/sbin/sshd");

    /**
     * One sandbox router.
     *
     * @param name its name, {@code r1} .. {@code rN}
     * @param user the account it logs in as
     * @param root its PBR_ROOT
     */
    public record Router(String name, String user, Path root) {
        public Router {
            requireNonNull(name, "name");
            requireNonNull(user, "user");
            requireNonNull(root, "root");
        }
    }

    private final Path dir;
    private final List<Router> routers;
    private final KeyPair clientKey;
    private final KeyPair hostKey;
    private final int port;
    private final Process process;
    private final Path calls;
    private final Path faults;
    private final Path bin;

    private SandboxSshd(final Path dir, final int count, final boolean accounts) throws IOException,
            GeneralSecurityException, InterruptedException {
        this.dir = dir;
        bin = dir.resolve("bin");
        calls = dir.resolve("calls");
        faults = dir.resolve("faults");
        hostKey = SshKeys.generateEd25519();
        clientKey = SshKeys.generateEd25519();
        SshKeys.writePrivateKey(hostKey, dir.resolve("host_key"), "sandbox-sshd");
        Files.writeString(dir.resolve("authorized_keys"), SshKeys.publicKeyLine(clientKey.getPublic()) + "\n");
        final var list = new ArrayList<Router>();
        if (accounts) {
            final Path routersDir = Files.createDirectories(dir.resolve("routers"));
            for (int i = 1; i <= count; i++) {
                list.add(new Router("r" + i, "pbr" + i, routersDir.resolve("r" + i)));
            }
        } else {
            list.add(new Router("r1", System.getProperty("user.name"), dir.resolve("root")));
        }
        routers = List.copyOf(list);
        StubTools.write(bin, routers.get(0).root(), calls, faults);
        for (Router router : routers) {
            Files.createDirectories(router.root().resolve("etc"));
            Files.copy(routers.get(0).root().resolve("etc/netstart"), router.root().resolve("etc/netstart"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        final Path config = dir.resolve("sshd_config");
        final var lines = new ArrayList<>(List.of(
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
            // a fleet connects many routers at once: no random drops of unauthenticated connections
            "MaxStartups 2000",
            "MaxSessions 100",
            "Subsystem sftp internal-sftp",
            "LogLevel ERROR"));
        final boolean root = "root".equals(System.getProperty("user.name"));
        final List<String> command;
        if (accounts) {
            if (!root) {
                throw new IOException("a fleet of sandbox routers needs root (one account per router)");
            }
            writeAccounts();
            lines.add("AllowUsers pbr*");
            command = List.of("unshare", "--mount", "--propagation", "private", "sh", "-c",
                "mount --bind " + dir.resolve("passwd") + " /etc/passwd && mount --bind " + dir.resolve("shadow")
                    + " /etc/shadow && mount -t tmpfs tmpfs /run && mkdir -p /run/sshd && exec " + SSHD
                    + " -D -e -f " + config);
        } else {
            lines.add("AllowUsers " + routers.get(0).user());
            lines.add("SetEnv PBR_ROOT=" + routers.get(0).root() + " PATH=" + path());
            final boolean privileged = root && !Files.isDirectory(Path.of("/run/sshd"));
            command = privileged
                ? List.of("unshare", "--mount", "--propagation", "private", "sh", "-c",
                    "mount -t tmpfs tmpfs /run && mkdir -p /run/sshd && exec " + SSHD + " -D -e -f " + config)
                : List.of(SSHD.toString(), "-D", "-e", "-f", config.toString());
        }
        lines.add("");
        Files.writeString(config, String.join("\n", lines));
        process = new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(dir.resolve("sshd.log").toFile()).start();
        final Instant until = Instant.now().plus(Duration.ofSeconds(15));
        while (!listening()) {
            if (!process.isAlive() || Instant.now().isAfter(until)) {
                final String log = Files.readString(dir.resolve("sshd.log"));
                close();
                throw new IOException("sshd did not start (" + log.strip() + ")");
            }
            Thread.sleep(50);
        }
    }

    /** One sandbox router logging in as the current user (no privileges needed). */
    public static SandboxSshd single(final Path dir) throws IOException, GeneralSecurityException,
            InterruptedException {
        return new SandboxSshd(dir, 1, false);
    }

    /** N sandbox routers, one account each (root only). */
    public static SandboxSshd fleet(final Path dir, final int routers) throws IOException, GeneralSecurityException,
            InterruptedException {
        if (routers < 1 || routers > 5000) {
            throw new IllegalArgumentException("1 to 5000 routers");
        }
        return new SandboxSshd(dir, routers, true);
    }

    /** Whether this machine can run sandbox routers: Debian's sshd is installed. */
    public static boolean available() {
        return Files.isExecutable(SSHD);
    }

    private void writeAccounts() throws IOException {
        final String shell = dir.resolve("router-shell").toString();
        Files.writeString(Path.of(shell), "#!/bin/sh\n"
            + "# the login shell of a sandbox router: its root is its home, the stand-in tools come first\n"
            + "PBR_ROOT=$HOME\nPATH=" + path() + "\nexport PBR_ROOT PATH\nexec /bin/sh \"$@\"\n",
            StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(Path.of(shell), PosixFilePermissions.fromString("rwxr-xr-x"));
        final var passwd = new StringBuilder(Files.readString(Path.of("/etc/passwd")));
        final var shadow = new StringBuilder(Files.exists(Path.of("/etc/shadow"))
            ? Files.readString(Path.of("/etc/shadow")) : "");
        for (Router router : routers) {
            passwd.append(router.user()).append(":x:0:0:sandbox router ").append(router.name()).append(':')
                .append(router.root()).append(':').append(shell).append('\n');
            shadow.append(router.user()).append(":*:20000:0:99999:7:::\n");
        }
        Files.writeString(dir.resolve("passwd"), passwd, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("shadow"), shadow, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(dir.resolve("shadow"), PosixFilePermissions.fromString("rw-------"));
    }

    private String path() {
        return bin + ":/usr/sbin:/usr/bin:/sbin:/bin";
    }

    private boolean listening() {
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public List<Router> routers() {
        return routers;
    }

    public int port() {
        return port;
    }

    public Path dir() {
        return dir;
    }

    /** The file every stand-in tool records its calls in. */
    public Path calls() {
        return calls;
    }

    /** The directory whose files switch the stand-ins' faults on. */
    public Path faults() {
        return faults;
    }

    /** The environment a router's commands run in: its root and the stand-ins first on PATH. */
    public Map<String, String> environment(final Router router) {
        return Map.of("PBR_ROOT", router.root().toString(), "PATH", path());
    }

    /** The owner and group a file created in the sandbox gets (install -o/-g can give these). */
    public String owner() throws IOException {
        return Files.readAttributes(dir, PosixFileAttributes.class).owner().getName();
    }

    public String group() throws IOException {
        return Files.readAttributes(dir, PosixFileAttributes.class).group().getName();
    }

    /** The device target of a router, its host key pinned, logging in with the sandbox's client key. */
    public DeviceTarget target(final Router router) {
        return new DeviceTarget(router.name(), "127.0.0.1", port, router.user(), new Credentials.Key(clientKey),
            HostKeyPolicy.Pinned.of(SshKeys.fingerprint(hostKey.getPublic())));
    }

    /** The client key as an OpenSSH private key file (for ssh and scp), written on demand, mode 0600. */
    public Path clientKeyFile() throws IOException {
        final Path file = dir.resolve("client_key");
        if (!Files.exists(file)) {
            SshKeys.writePrivateKey(clientKey, file, "sandbox-client");
        }
        return file;
    }

    /** A known_hosts file pinning the server's host key. */
    public Path knownHosts() throws IOException {
        final Path file = dir.resolve("known_hosts");
        Files.writeString(file, "[127.0.0.1]:" + port + " " + SshKeys.publicKeyLine(hostKey.getPublic()) + "\n");
        return file;
    }

    /**
     * CPU time (user + system) of the sshd's finished children so far: every connection's processes, the shells and
     * the agent scripts they ran, counted when sshd reaps them (Linux /proc/PID/stat cutime and cstime, in ticks of
     * 1/100 s). Zero where /proc is missing.
     */
    public Duration childCpu() {
        return reapedChildrenCpu(process.pid());
    }

    /**
     * CPU time (user + system) of a process's children that it has reaped, with theirs (Linux /proc/PID/stat cutime
     * and cstime, ticks of 1/100 s); zero where /proc is missing.
     */
    public static Duration reapedChildrenCpu(final long pid) {
        try {
            final String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            final String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // after "pid (comm) ", field 3 (state) is index 0: cutime is field 16, cstime field 17
            final long ticks = Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
            return Duration.ofMillis(ticks * 10);
        } catch (IOException | NumberFormatException | IndexOutOfBoundsException e) {
            return Duration.ZERO;
        }
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
        // confirm timers the agents detached (they no longer descend from sshd): only ours, by the sandbox path
        ProcessHandle.allProcesses().filter(p -> p.info().commandLine().map(line -> line.contains(dir.toString()))
            .orElse(false)).forEach(ProcessHandle::destroyForcibly);
    }
}

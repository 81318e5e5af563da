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
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.opendaylight.openbsdpbr.api.device.DeviceTarget;
import org.opendaylight.openbsdpbr.tools.sandbox.SandboxSshd;

/**
 * One sandbox router behind Debian's real sshd ({@link SandboxSshd#single}), for tests: skipped where
 * {@code /usr/sbin/sshd} is missing. The router-side script keeps its state under {@code root/var/pbr} and the
 * stand-ins for the OpenBSD tools record each call in {@code calls}.
 */
public final class RealSshd implements AutoCloseable {
    public final Path dir;
    public final Path root;
    public final Path calls;
    public final Path faults;
    public final String owner;
    public final String group;
    private final SandboxSshd sshd;
    private final SandboxSshd.Router router;

    public RealSshd(final Path dir) throws IOException, GeneralSecurityException, InterruptedException {
        assumeTrue(SandboxSshd.available(), "no /usr/sbin/sshd");
        this.dir = dir;
        try {
            sshd = SandboxSshd.single(dir);
        } catch (IOException e) {
            assumeTrue(false, e.getMessage());
            throw e;
        }
        router = sshd.routers().get(0);
        root = router.root();
        calls = sshd.calls();
        faults = sshd.faults();
        owner = sshd.owner();
        group = sshd.group();
    }

    /** Switch a fault of the stand-in tools on ({@code StubTools.DISK_FULL}, {@code StubTools.CRASH_SWITCH}). */
    public void setFault(final String fault) throws IOException {
        Files.writeString(faults.resolve(fault), "0\n");
    }

    public void clearFault(final String fault) throws IOException {
        Files.deleteIfExists(faults.resolve(fault));
    }

    /** The environment the agent runs in over SSH: its sandbox root and the stand-in tools first on PATH. */
    public Map<String, String> environment() {
        return sshd.environment(router);
    }

    public DeviceTarget target() {
        return sshd.target(router);
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
        sshd.close();
    }
}

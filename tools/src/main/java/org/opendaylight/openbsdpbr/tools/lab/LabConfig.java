/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.tools.lab;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.opendaylight.openbsdpbr.api.device.HostKeyPolicy;

/**
 * How to run a lab of simulated routers.
 *
 * @param routers how many routers, named {@code r1} .. {@code rN}
 * @param host the loopback address to listen on
 * @param basePort router {@code rI} listens on {@code basePort + I - 1}; 0 picks free ports
 * @param user the account the routers accept (the one the router-side script runs as)
 * @param password the password they accept, if password authentication is on
 * @param authorizedKeys fingerprints of the public keys they accept; empty accepts any key
 * @param stateDir where host keys persist (stable fingerprints across restarts) and {@code endpoints.txt} and
 *     {@code known_hosts} are written; empty keeps keys in memory
 * @param controlPort the HTTP control port; 0 picks a free one, -1 runs none
 * @param ioThreads I/O threads of the one SSH server
 */
public record LabConfig(int routers, String host, int basePort, String user, Optional<String> password,
        Set<String> authorizedKeys, Optional<Path> stateDir, int controlPort, int ioThreads) {
    public LabConfig {
        if (routers < 1 || routers > 5000) {
            throw new IllegalArgumentException("routers must be 1..5000");
        }
        requireNonNull(host, "host");
        if (basePort < 0 || basePort + routers - 1 > 65535) {
            throw new IllegalArgumentException("ports out of range");
        }
        requireNonNull(user, "user");
        requireNonNull(password, "password");
        authorizedKeys = Set.copyOf(authorizedKeys);
        authorizedKeys.forEach(fingerprint -> HostKeyPolicy.Pinned.of(fingerprint));
        requireNonNull(stateDir, "stateDir");
        if (controlPort < -1 || controlPort > 65535) {
            throw new IllegalArgumentException("bad control port");
        }
        if (ioThreads < 1) {
            throw new IllegalArgumentException("ioThreads must be positive");
        }
    }

    /** N routers on free loopback ports, user root, any key, no password, keys in memory, no HTTP control. */
    public static LabConfig of(final int routers) {
        return new LabConfig(routers, "127.0.0.1", 0, "root", Optional.empty(), Set.of(), Optional.empty(), -1,
            Runtime.getRuntime().availableProcessors() + 1);
    }

    public LabConfig withBasePort(final int port) {
        return new LabConfig(routers, host, port, user, password, authorizedKeys, stateDir, controlPort, ioThreads);
    }

    public LabConfig withPassword(final String secret) {
        return new LabConfig(routers, host, basePort, user, Optional.of(secret), authorizedKeys, stateDir,
            controlPort, ioThreads);
    }

    public LabConfig withAuthorizedKeys(final Set<String> fingerprints) {
        return new LabConfig(routers, host, basePort, user, password, fingerprints, stateDir, controlPort,
            ioThreads);
    }

    public LabConfig withStateDir(final Path dir) {
        return new LabConfig(routers, host, basePort, user, password, authorizedKeys, Optional.of(dir), controlPort,
            ioThreads);
    }

    public LabConfig withControlPort(final int port) {
        return new LabConfig(routers, host, basePort, user, password, authorizedKeys, stateDir, port, ioThreads);
    }

    @Override
    public String toString() {
        return "LabConfig[routers=" + routers + ", host=" + host + ", basePort=" + basePort + ", user=" + user
            + ", password=" + (password.isPresent() ? "****" : "none") + ", stateDir=" + stateDir + "]";
    }
}

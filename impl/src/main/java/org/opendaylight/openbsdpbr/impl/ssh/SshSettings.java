/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.ssh;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Settings of the SSH device adapter. Every step is time-bounded.
 *
 * @param connectTimeout TCP connect until the SSH key exchange is done
 * @param authTimeout user authentication
 * @param stepTimeout a protocol step (lock, upload, confirm, get-config...)
 * @param validateTimeout the router's own checks
 * @param commitTimeout installing files and running the apply plan (netstart may take a while)
 * @param keepalive interval of SSH keepalive requests on an idle session
 * @param lockLifetime a router-side lock unused for this long is considered abandoned
 * @param ioThreads I/O threads of the one SSH client (they serve every router)
 * @param holderPrefix the first part of lock holder names, naming this controller, e.g. {@code odl-member-1}
 */
public record SshSettings(Duration connectTimeout, Duration authTimeout, Duration stepTimeout,
        Duration validateTimeout, Duration commitTimeout, Duration keepalive, Duration lockLifetime, int ioThreads,
        String holderPrefix) {
    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9._@+-]{1,40}");

    public SshSettings {
        positive(connectTimeout, "connectTimeout");
        positive(authTimeout, "authTimeout");
        positive(stepTimeout, "stepTimeout");
        positive(validateTimeout, "validateTimeout");
        positive(commitTimeout, "commitTimeout");
        positive(keepalive, "keepalive");
        positive(lockLifetime, "lockLifetime");
        if (ioThreads < 1 || ioThreads > 64) {
            throw new IllegalArgumentException("ioThreads must be 1..64");
        }
        if (holderPrefix == null || !PREFIX.matcher(holderPrefix).matches()) {
            throw new IllegalArgumentException("bad holder prefix: " + holderPrefix);
        }
    }

    /** Defaults: connect 10 s, auth 10 s, steps 30 s, validate 60 s, commit 120 s, keepalive 15 s, lock 10 min. */
    public static SshSettings defaults() {
        return new SshSettings(Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(30),
            Duration.ofSeconds(60), Duration.ofSeconds(120), Duration.ofSeconds(15), Duration.ofMinutes(10),
            Math.min(64, Runtime.getRuntime().availableProcessors() + 1), "openbsd-pbr");
    }

    /** The same settings with every step limit (connect, auth, step, validate, commit) set to {@code timeout}. */
    public SshSettings withTimeouts(final Duration timeout) {
        return new SshSettings(timeout, timeout, timeout, timeout, timeout, keepalive, lockLifetime, ioThreads,
            holderPrefix);
    }

    public SshSettings withHolderPrefix(final String prefix) {
        return new SshSettings(connectTimeout, authTimeout, stepTimeout, validateTimeout, commitTimeout, keepalive,
            lockLifetime, ioThreads, prefix);
    }

    public SshSettings withLockLifetime(final Duration lifetime) {
        return new SshSettings(connectTimeout, authTimeout, stepTimeout, validateTimeout, commitTimeout, keepalive,
            lifetime, ioThreads, holderPrefix);
    }

    private static void positive(final Duration duration, final String name) {
        requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}

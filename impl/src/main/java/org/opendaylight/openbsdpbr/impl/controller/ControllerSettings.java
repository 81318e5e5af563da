/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.controller;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import org.opendaylight.openbsdpbr.impl.device.Backoff;

/**
 * Knobs of the controller loop (OSGi metatype configuration in the distribution).
 *
 * @param confirmTimeout how long a commit waits for confirmation when the router sets none
 * @param concurrency how many routers are worked on at once
 * @param checkSyncInterval how often every router's files are read back for drift; zero disables
 * @param coalesce how long a router waits after a change for further changes before it commits
 * @param retryFirst first back-off after an unreachable router
 * @param retryMax longest back-off
 * @param retryLong how long a router whose own checks refused the files (or that refused the controller's login)
 *     waits before it is tried again by itself; an intent change or the sync RPC tries at once
 */
public record ControllerSettings(Duration confirmTimeout, int concurrency, Duration checkSyncInterval,
        Duration coalesce, Duration retryFirst, Duration retryMax, Duration retryLong) {
    public ControllerSettings {
        requireNonNull(confirmTimeout, "confirmTimeout");
        requireNonNull(checkSyncInterval, "checkSyncInterval");
        requireNonNull(coalesce, "coalesce");
        requireNonNull(retryFirst, "retryFirst");
        requireNonNull(retryMax, "retryMax");
        requireNonNull(retryLong, "retryLong");
        if (concurrency < 1 || concurrency > 1024) {
            throw new IllegalArgumentException("concurrency must be 1..1024: " + concurrency);
        }
        if (confirmTimeout.isNegative() || confirmTimeout.isZero()) {
            throw new IllegalArgumentException("confirm timeout must be positive");
        }
    }

    public static ControllerSettings defaults() {
        return new ControllerSettings(Duration.ofSeconds(120), 32, Duration.ofSeconds(300), Duration.ofMillis(50),
            Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofMinutes(15));
    }

    /** The back-off after a failure: {@link #retryFirst()} doubling up to {@link #retryMax()}. */
    public Backoff retry() {
        return new Backoff(retryFirst, retryMax);
    }
}

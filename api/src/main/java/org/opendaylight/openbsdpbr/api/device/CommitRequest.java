/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.api.device;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;

/**
 * How to commit: at once, or confirmed (Junos {@code commit confirmed}): the router reverts by itself unless
 * {@link DeviceSession#confirm(int)} arrives within the timeout.
 *
 * @param confirmTimeout present for a confirmed commit: whole seconds, 1 s to 24 h
 */
public record CommitRequest(Optional<Duration> confirmTimeout) {
    private static final CommitRequest PLAIN = new CommitRequest(Optional.empty());
    private static final Duration MAX = Duration.ofHours(24);

    public CommitRequest {
        requireNonNull(confirmTimeout, "confirmTimeout");
        confirmTimeout.ifPresent(timeout -> {
            if (timeout.compareTo(Duration.ofSeconds(1)) < 0 || timeout.compareTo(MAX) > 0
                || timeout.toNanosPart() != 0) {
                throw new IllegalArgumentException("confirm timeout must be 1 s to 24 h in whole seconds: "
                    + timeout);
            }
        });
    }

    /** Commit at once. */
    public static CommitRequest plain() {
        return PLAIN;
    }

    /** Commit, reverted by the router unless confirmed within the timeout. */
    public static CommitRequest confirmed(final Duration timeout) {
        return new CommitRequest(Optional.of(timeout));
    }

    public boolean isConfirmed() {
        return confirmTimeout.isPresent();
    }
}

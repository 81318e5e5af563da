/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.device;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The one back-off policy: waits double from {@code first} up to {@code max}, each with up to half of it again as
 * random jitter so that routers (or callers) that failed together do not retry together. A transaction retries a held
 * lock or a lost connection on {@link #TRANSACTION}; the reconciler retries an unreachable router on the controller's
 * settings, and a router whose own checks refused the files on a long one.
 *
 * @param first the first wait
 * @param max the longest wait
 */
public record Backoff(Duration first, Duration max) {
    /** Within one transaction: 100 ms, 200 ms ... 1 s. */
    public static final Backoff TRANSACTION = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1));

    public Backoff {
        requireNonNull(first, "first");
        requireNonNull(max, "max");
        if (!first.isPositive() || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("a back-off needs 0 < first <= max: " + first + ", " + max);
        }
    }

    /** The wait after {@code current}: twice as long, at most {@link #max()}. */
    public Duration next(final Duration current) {
        final Duration doubled = current.multipliedBy(2);
        return doubled.compareTo(max) > 0 ? max : doubled;
    }

    /** A wait with up to half of it again added at random. */
    public static Duration jittered(final Duration wait) {
        return wait.plusMillis(ThreadLocalRandom.current().nextLong(wait.toMillis() / 2 + 1));
    }
}

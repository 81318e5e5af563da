/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.device;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * Time for transactions and reconcilers: what time it is and running something later. Injected, so that tests drive
 * deadlines, back-offs and reverts with a clock they advance, without sleeping; the controller and the tools run on a
 * {@link TimerThread} of their own.
 */
public interface Scheduler {
    /** Something scheduled, which may be called off. */
    @FunctionalInterface
    interface Cancellable {
        /** Calls it off if it has not run yet. */
        void cancel();
    }

    /** The current time. */
    Instant now();

    /** Runs {@code task} once {@code delay} has passed (at once for a delay of zero or less). */
    Cancellable schedule(Duration delay, Runnable task);

    /** A stage that completes once {@code delay} has passed. */
    default CompletableFuture<Void> delay(final Duration delay) {
        final CompletableFuture<Void> done = new CompletableFuture<>();
        schedule(delay, () -> done.complete(null));
        return done;
    }
}

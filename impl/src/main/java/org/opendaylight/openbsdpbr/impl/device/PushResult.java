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
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import org.opendaylight.openbsdpbr.api.device.DeviceException;

/**
 * How a transaction on one router ended, and which generation the router runs: every outcome leaves the router on
 * its old or its new generation, never a mix, and says which.
 *
 * @param router the router's name
 * @param outcome what happened
 * @param generation the generation the router runs now, when known
 * @param previous the generation it ran before the transaction, when known
 * @param failure what went wrong, for outcomes other than success
 * @param confirmDeadline for {@link Outcome#PENDING}: when the router reverts unless confirmed
 * @param elapsed how long the transaction took
 */
public record PushResult(String router, Outcome outcome, OptionalInt generation, OptionalInt previous,
        Optional<DeviceException> failure, Optional<Instant> confirmDeadline, Duration elapsed) {
    /** The end of a transaction. */
    public enum Outcome {
        /** A confirmed commit, confirmed: the router runs the new generation. */
        CONFIRMED(true),
        /** A plain commit: the router runs the new generation. */
        COMMITTED(true),
        /** The router already ran these files; nothing was committed. */
        IN_SYNC(true),
        /** Failed before anything was installed, or the router restored its generation: it runs the old one. */
        UNCHANGED(false),
        /**
         * Committed and waiting for its confirm: left for a manual confirm, or the router could not be reached to
         * confirm. The router reverts at the deadline unless confirmed.
         */
        PENDING(false),
        /** Committed, not confirmed in time: the router reverted to the old generation. */
        REVERTED(false),
        /** The router could not be reached to find out. */
        UNKNOWN(false);

        private final boolean success;

        Outcome(final boolean success) {
            this.success = success;
        }

        public boolean isSuccess() {
            return success;
        }
    }

    public PushResult {
        requireNonNull(router, "router");
        requireNonNull(outcome, "outcome");
        requireNonNull(generation, "generation");
        requireNonNull(previous, "previous");
        requireNonNull(failure, "failure");
        requireNonNull(confirmDeadline, "confirmDeadline");
        requireNonNull(elapsed, "elapsed");
    }

    public boolean isSuccess() {
        return outcome.isSuccess();
    }

    /** One line for people, e.g. {@code r1: CONFIRMED, generation 5 (was 4)}. */
    public String summary() {
        final var text = new StringBuilder(router).append(": ").append(outcome);
        if (generation.isPresent()) {
            text.append(", generation ").append(generation.getAsInt());
        } else {
            text.append(", generation unknown");
        }
        if (previous.isPresent() && (generation.isEmpty() || previous.getAsInt() != generation.getAsInt())) {
            text.append(" (was ").append(previous.getAsInt()).append(')');
        }
        failure.ifPresent(cause -> text.append(": ").append(cause.getMessage()));
        return text.toString();
    }
}

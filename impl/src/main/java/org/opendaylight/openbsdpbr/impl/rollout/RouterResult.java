/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.rollout;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Where one router of a rollout stands (YANG {@code rollout-status/router}).
 *
 * @param router the router's name
 * @param wave its wave, from 0
 * @param phase what happens to it
 * @param changed whether it took the change (a commit of the new files landed): only such routers are rolled back
 * @param generation the generation it runs as last reported
 * @param verdict the health gate's verdict
 * @param error why it failed, excluded or could not be rolled back, with the step
 * @param appliedAt when its commit of the change landed (its soak starts there)
 * @param probes the operator probes of its last health gate, in the rollout's order (empty before one ran)
 */
public record RouterResult(String router, int wave, Phase phase, boolean changed, OptionalInt generation,
        Verdict verdict, Optional<Failure> error, Optional<Instant> appliedAt, List<ProbeOutcome> probes) {
    /** What happens to a router in a rollout. */
    public enum Phase {
        /** Its wave has not reached it yet. */
        WAITING(false, false),
        /** The change is being committed (a confirmed commit), or it is being verified after a failover. */
        APPLYING(true, false),
        /** It took the change and soaks. */
        SOAKING(false, false),
        /** Its health gate runs at the end of its soak. */
        CHECKING(true, false),
        /** It passed its health gate. */
        HEALTHY(false, true),
        /** The change failed on it, or its health gate did. */
        FAILED(false, true),
        /** It was unreachable when its wave started: not tried, not in the budget's denominator. */
        EXCLUDED(false, true),
        /** It is being put back on what it ran before. */
        REVERTING(true, false),
        /** It runs what it ran before the rollout again. */
        ROLLED_BACK(false, true),
        /** Putting it back failed: the error says where it stands. */
        ROLLBACK_FAILED(false, true);

        private final boolean inFlight;
        private final boolean settled;

        Phase(final boolean inFlight, final boolean settled) {
            this.inFlight = inFlight;
            this.settled = settled;
        }

        /** Whether the engine works on it now (the machine waits for the result). */
        public boolean inFlight() {
            return inFlight;
        }

        /** Whether it is done as far as its wave is concerned. */
        public boolean settled() {
            return settled;
        }

        /** The YANG enum name. */
        public String yangName() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * What one operator probe found on the router in a health gate.
     *
     * @param name the probe's name
     * @param sent echo requests sent
     * @param received echo replies received: the probe passes with one or more
     */
    public record ProbeOutcome(String name, int sent, int received) {
        public ProbeOutcome {
            requireNonNull(name, "name");
        }

        /** Whether the probe passed. */
        public boolean passed() {
            return received > 0;
        }

        @Override
        public String toString() {
            return "probe " + name + ": " + received + " of " + sent + " answered";
        }
    }

    /** The health gate's verdict (YANG {@code health}). */
    public enum Verdict { UNKNOWN, HEALTHY, UNHEALTHY }

    /**
     * Why a router failed.
     *
     * @param step the step that failed, in the words of the router's status ({@code validate}, {@code commit},
     *     {@code confirm}, {@code connect}, ...) or {@code health} for the health gate
     * @param message what went wrong (no secret)
     * @param at when
     */
    public record Failure(String step, String message, Instant at) {
        public Failure {
            requireNonNull(step, "step");
            requireNonNull(message, "message");
            requireNonNull(at, "at");
        }

        @Override
        public String toString() {
            return step + ": " + message;
        }
    }

    public RouterResult {
        requireNonNull(router, "router");
        requireNonNull(phase, "phase");
        requireNonNull(generation, "generation");
        requireNonNull(verdict, "verdict");
        requireNonNull(error, "error");
        requireNonNull(appliedAt, "appliedAt");
        probes = List.copyOf(probes);
        if (wave < 0) {
            throw new IllegalArgumentException("wave: 0 or more, not " + wave);
        }
    }

    /** A router whose wave has not come. */
    static RouterResult waiting(final String router, final int wave) {
        return new RouterResult(router, wave, Phase.WAITING, false, OptionalInt.empty(), Verdict.UNKNOWN,
            Optional.empty(), Optional.empty(), List.of());
    }

    RouterResult with(final Phase newPhase) {
        return new RouterResult(router, wave, newPhase, changed, generation, verdict, error, appliedAt, probes);
    }

    RouterResult applied(final OptionalInt newGeneration, final Instant at) {
        return new RouterResult(router, wave, phase, true, newGeneration, verdict, Optional.empty(), Optional.of(at),
            probes);
    }

    RouterResult probed(final List<ProbeOutcome> outcomes) {
        return new RouterResult(router, wave, phase, changed, generation, verdict, error, appliedAt, outcomes);
    }

    RouterResult judged(final Verdict newVerdict) {
        return new RouterResult(router, wave, phase, changed, generation, newVerdict, error, appliedAt, probes);
    }

    RouterResult failed(final Phase newPhase, final Failure failure) {
        return new RouterResult(router, wave, newPhase, changed, generation, verdict, Optional.of(failure), appliedAt,
            probes);
    }

    RouterResult reverted(final OptionalInt newGeneration) {
        return new RouterResult(router, wave, Phase.ROLLED_BACK, false, newGeneration.isPresent() ? newGeneration
            : generation, verdict, error, appliedAt, probes);
    }
}

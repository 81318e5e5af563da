/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.controller;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletionStage;
import org.opendaylight.openbsdpbr.api.device.Probe;
import org.opendaylight.openbsdpbr.api.intent.Profile;
import org.opendaylight.openbsdpbr.api.intent.RouterIntent;
import org.opendaylight.openbsdpbr.impl.rollout.RouterResult.ProbeOutcome;

/**
 * Where a rollout's per-router steps run: on the member that manages the router, through its reconciler. The
 * {@link RolloutEngine} decides on one member (the rollouts' owner); each step it takes on a router (pin and commit,
 * read back, health gate, roll back) is one call here, run by {@link FleetSteps} when this member manages the router,
 * else carried to the member that does (the cluster's forwarding, in the MD-SAL glue).
 *
 * <p>Why a whole step per call, pin included, and not a pin call followed by the router RPCs (sync, check-sync,
 * rollback): the pin must be in place on the managing member before its commit compiles, and put back there if the
 * commit did not land; one call keeps both on the member that holds the router's reconciler, in order, with no window
 * in which a caller that dies leaves a router pinned to a change nobody recorded; and the generation the router runs
 * is known only there.
 */
public interface RouterSteps {
    /**
     * Runs a step on the router's managing member.
     *
     * @param step the step
     * @return its result; a step that could not be delivered fails with the step {@code forward}
     */
    CompletionStage<Result> run(Step step);

    /** What a step pins a router to (the pins live on the member that manages the router). */
    sealed interface Pin {
        /**
         * A staged profile's content.
         *
         * @param profile the profile
         * @param content the content; empty: hold the router on whatever it runs
         */
        record ProfilePin(String profile, Optional<Profile> content) implements Pin {
            public ProfilePin {
                requireNonNull(profile, "profile");
                requireNonNull(content, "content");
            }
        }

        /**
         * The router's own intent.
         *
         * @param intent the intent; empty: hold the router on whatever it runs
         */
        record IntentPin(Optional<RouterIntent> intent) implements Pin {
            public IntentPin {
                requireNonNull(intent, "intent");
            }
        }
    }

    /** A step on one router. */
    sealed interface Step {
        /** The router. */
        String router();

        /**
         * Pin the router to the change (release), commit it (a confirmed commit); pin it back (withdraw) when the
         * commit did not land.
         */
        record Apply(String router, Pin release, Pin withdraw) implements Step {
            public Apply {
                requireNonNull(router, "router");
                requireNonNull(release, "release");
                requireNonNull(withdraw, "withdraw");
            }
        }

        /** Pin the router to the change and read it back; pin it back unless it runs the change. */
        record Verify(String router, Pin release, Pin withdraw) implements Step {
            public Verify {
                requireNonNull(router, "router");
                requireNonNull(release, "release");
                requireNonNull(withdraw, "withdraw");
            }
        }

        /** The health gate: read back, then the operator probes. */
        record Gate(String router, List<Probe> probes) implements Step {
            public Gate {
                requireNonNull(router, "router");
                probes = List.copyOf(probes);
            }
        }

        /**
         * Whether the router can be tried as its wave starts, as the member that manages it knows its connection
         * (answered {@link Result.Reached}): a router unreachable then is left out of the wave and of its budget.
         */
        record Reach(String router) implements Step {
            public Reach {
                requireNonNull(router, "router");
            }
        }

        /** Pin the router back, then roll it back to the generation before (a new confirmed commit). */
        record Revert(String router, Pin withdraw) implements Step {
            public Revert {
                requireNonNull(router, "router");
                requireNonNull(withdraw, "withdraw");
            }
        }
    }

    /** How a step ended. */
    sealed interface Result {
        /** The change was committed and confirmed; the router runs {@code generation}. */
        record Applied(OptionalInt generation) implements Result {
            public Applied {
                requireNonNull(generation, "generation");
            }
        }

        /** The router was read back: it runs the change ({@code took}) or not. */
        record Verified(boolean took, OptionalInt generation) implements Result {
            public Verified {
                requireNonNull(generation, "generation");
            }
        }

        /**
         * The health gate ran.
         *
         * @param failure why it failed (the read-back or a probe); empty: it passed
         * @param probes what the operator probes found (empty when they did not run)
         */
        record Gated(Optional<String> failure, List<ProbeOutcome> probes) implements Result {
            public Gated {
                requireNonNull(failure, "failure");
                probes = List.copyOf(probes);
            }
        }

        /** Whether the router can be tried ({@link Step.Reach}). */
        record Reached(boolean reachable) implements Result {
            // value
        }

        /** The router runs {@code generation}, a copy of the one before. */
        record RolledBack(int generation) implements Result {
            // value
        }

        /**
         * The apply or the rollback failed.
         *
         * @param step the step that failed (validate, commit, connect, forward...)
         * @param message what happened
         */
        record Failed(String step, String message) implements Result {
            public Failed {
                requireNonNull(step, "step");
                requireNonNull(message, "message");
            }
        }
    }
}

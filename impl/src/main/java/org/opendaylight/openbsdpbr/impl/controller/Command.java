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
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.opendaylight.openbsdpbr.api.device.ProbeResult;
import org.opendaylight.openbsdpbr.api.files.FileSet;

/**
 * What an operator asks of one router (the RPCs), posted to the router's reconciler: it runs commands in order
 * between its own passes, over its one transaction engine, and answers each with an {@link Outcome}. Nothing else
 * talks to a router.
 */
public sealed interface Command {
    /**
     * Push the current intent now, even if the router seems in sync or the intent was held off.
     *
     * @param confirmTimeout how long the router waits for the confirm; empty: the router's setting
     * @param manualConfirm leave the confirmed commit for the operator's confirm (confirm-commit) instead of
     *     confirming it; the router reverts by itself at the deadline
     */
    record Sync(Optional<Duration> confirmTimeout, boolean manualConfirm) implements Command {
        public Sync {
            requireNonNull(confirmTimeout, "confirmTimeout");
        }
    }

    /** Confirm the confirmed commit that waits on the router. */
    record Confirm() implements Command {
        // no parameters
    }

    /**
     * Re-install a generation the router keeps, as a new confirmed commit, and hold the current intent off the router
     * until it changes or sync is asked for.
     *
     * @param generation the generation; empty: the one before the generation the router runs
     */
    record Rollback(OptionalInt generation) implements Command {
        public Rollback {
            requireNonNull(generation, "generation");
        }
    }

    /** Read the router back now and say whether it runs what the controller applied. */
    record CheckSync() implements Command {
        // no parameters
    }

    /**
     * Read the files openbsd-pbr renders or shares as they are on the router, managed or written by hand (the
     * import-router RPC). Read-only: the router's lock, generation and files stay as they are; a router without intent
     * answers it too (importing is how a router configured by hand gets its intent).
     */
    record ReadFiles() implements Command {
        // no parameters
    }

    /**
     * Run operator probes on the router, in order (a rollout's health gate). Read-only, like {@link ReadFiles}: the
     * lock, generation and files stay as they are.
     *
     * @param probes the probes
     */
    record Probe(List<org.opendaylight.openbsdpbr.api.device.Probe> probes) implements Command {
        public Probe {
            probes = List.copyOf(probes);
        }
    }

    /** How a command ended. */
    sealed interface Outcome {
        /**
         * The intent was pushed (or was already there).
         *
         * @param revision the revision pushed
         * @param generation the generation the router runs (or waits to confirm)
         * @param awaitingConfirm for a manual confirm: when the router reverts unless confirmed
         */
        record Synced(String revision, OptionalInt generation, Optional<Instant> awaitingConfirm) implements Outcome {
            public Synced {
                requireNonNull(revision, "revision");
                requireNonNull(generation, "generation");
                requireNonNull(awaitingConfirm, "awaitingConfirm");
            }
        }

        /** The waiting commit was confirmed; the router runs {@code generation}. */
        record Confirmed(int generation) implements Outcome {
            // value
        }

        /** The router runs {@code generation}, a copy of the generation asked for. */
        record RolledBack(int generation) implements Outcome {
            // value
        }

        /**
         * The router was read back.
         *
         * @param inSync whether it runs exactly the files the controller applied (or would apply)
         * @param drifted the files that differ
         */
        record Checked(boolean inSync, List<String> drifted) implements Outcome {
            public Checked {
                drifted = List.copyOf(drifted);
            }
        }

        /**
         * The router's files were read.
         *
         * @param files the files on disk, whole (shared ones with the admin's lines), secret ones marked
         */
        record FilesRead(FileSet files) implements Outcome {
            public FilesRead {
                requireNonNull(files, "files");
            }
        }

        /**
         * The probes ran.
         *
         * @param results each probe's result, in the order asked
         */
        record Probed(List<ProbeResult> results) implements Outcome {
            public Probed {
                results = List.copyOf(results);
            }
        }

        /**
         * The command could not be carried out; the router is on the generation its status names.
         *
         * @param reason the kind of refusal, which the RPC turns into an error tag
         * @param message what happened, starting with the step (no secret)
         */
        record Refused(Reason reason, String message) implements Outcome {
            public Refused {
                requireNonNull(reason, "reason");
                requireNonNull(message, "message");
            }
        }
    }

    /** Why a command was refused. */
    enum Reason {
        /** Another cluster member manages the router. */
        NOT_MANAGED_HERE,
        /** The router has no intent (it is only observed). */
        NO_INTENT,
        /** The router's intent cannot be applied (its status names every error). */
        INVALID_INTENT,
        /** The router's management settings are unusable. */
        NO_TARGET,
        /** Nothing waits for a confirm on the router. */
        NOTHING_PENDING,
        /** The router does not keep the generation asked for, or which one is meant is not known yet. */
        NO_GENERATION,
        /** Another session holds the router's lock. */
        LOCKED,
        /** The router failed or could not be reached; the message names the step. */
        DEVICE,
        /** The controller stopped or gave the router up before the command ran. */
        STOPPED
    }
}

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
import org.opendaylight.openbsdpbr.api.device.PendingConfirm;
import org.opendaylight.openbsdpbr.api.files.FileSet;
import org.opendaylight.openbsdpbr.impl.compile.Compiled;
import org.opendaylight.openbsdpbr.impl.controller.StatusView.Failure;
import org.opendaylight.openbsdpbr.impl.controller.StatusView.Step;
import org.opendaylight.openbsdpbr.impl.controller.StatusView.Sync;

/**
 * What a router's reconciler does next, decided from what it knows (the {@link RouterState}), what the router should
 * run (its compiled intent) and the operator's next command. Pure: no I/O, no clock but the time it is given, so every
 * case is a table row in a test.
 */
public final class Decision {
    /** How long after a confirm deadline the router is read back to see whether it reverted. */
    static final Duration REVERT_CHECK_GRACE = Duration.ofSeconds(3);

    private Decision() {
        // pure functions
    }

    /** The next step of a reconciler. */
    public sealed interface Action {
        /**
         * Nothing to do until something changes, or until {@code wakeAt}.
         *
         * @param wakeAt when to look again by itself, if ever
         */
        record Idle(Optional<Instant> wakeAt) implements Action {
            public Idle {
                requireNonNull(wakeAt, "wakeAt");
            }
        }

        /** The status changes, nothing is sent to the router. */
        record Report(StatusView status) implements Action {
            public Report {
                requireNonNull(status, "status");
            }
        }

        /** The command at the head of the queue is answered without the router. */
        record Answer(Command.Outcome outcome) implements Action {
            public Answer {
                requireNonNull(outcome, "outcome");
            }
        }

        /**
         * Read the router back: what it runs, whether a commit waits, what drifted.
         *
         * @param withoutIntent the router has no intent: report what it runs, nothing else
         * @param forCommand the check-sync command at the head of the queue is answered with the result
         */
        record ReadBack(boolean withoutIntent, boolean forCommand) implements Action {
            // flags
        }

        /**
         * A confirmed commit left by a controller that is gone waits on the router: confirm it when it carries the
         * current intent, cancel it otherwise.
         */
        record Resolve(PendingConfirm pending, boolean confirm) implements Action {
            public Resolve {
                requireNonNull(pending, "pending");
            }
        }

        /** Release a lock left by a session of this controller that is gone, naming its holder. */
        record BreakLock(String holder) implements Action {
            public BreakLock {
                requireNonNull(holder, "holder");
            }
        }

        /**
         * Commit the intent's files with a confirmed commit.
         *
         * @param files the files
         * @param running what the router runs as far as known (the plans are computed from it)
         * @param confirmTimeout how long the router waits for the confirm
         * @param manualConfirm leave the commit for the operator's confirm
         * @param forCommand the sync command at the head of the queue is answered with the result
         */
        record Commit(FileSet files, Optional<FileSet> running, Duration confirmTimeout, boolean manualConfirm,
                boolean forCommand) implements Action {
            public Commit {
                requireNonNull(files, "files");
                requireNonNull(running, "running");
                requireNonNull(confirmTimeout, "confirmTimeout");
            }
        }

        /** Read the router's files as they are on disk (the read-files command): read-only, no lock. */
        record ReadFiles() implements Action {
            // the command says it all
        }

        /** Run operator probes on the router (the probe command): read-only, no lock. */
        record Probe(List<org.opendaylight.openbsdpbr.api.device.Probe> probes) implements Action {
            public Probe {
                probes = List.copyOf(probes);
            }
        }

        /** Confirm the waiting commit (the confirm command). */
        record Confirm() implements Action {
            // the command says it all
        }

        /**
         * Re-install a generation the router keeps (the rollback command).
         *
         * @param generation the generation
         * @param confirmTimeout how long the router waits for the confirm
         */
        record Rollback(int generation, Duration confirmTimeout) implements Action {
            public Rollback {
                requireNonNull(confirmTimeout, "confirmTimeout");
            }
        }
    }

    /**
     * The next action.
     *
     * @param state what the reconciler knows
     * @param spec the router as configured
     * @param compiled its compiled intent (meaningless without intent)
     * @param command the operator's command waiting first, if any
     * @param now the time
     * @return what to do
     */
    public static Action next(final RouterState state, final RouterSpec spec, final Compiled compiled,
            final Optional<Command> command, final Instant now) {
        if (!state.owned()) {
            return command.<Action>map(ignored -> refuse(Command.Reason.NOT_MANAGED_HERE, "router " + spec.name()
                + " is managed by another member of the cluster (its status says which, managed-by): call that "
                + "member")).orElse(new Action.Idle(Optional.empty()));
        }
        if (spec.target().isEmpty()) {
            if (command.isPresent()) {
                return refuse(Command.Reason.NO_TARGET, "connect: " + spec.targetError());
            }
            final StatusView shown = state.status().withIntended(compiled instanceof Compiled.Ready ready
                && spec.hasIntent() ? ready.revision() : null, List.of())
                .withSync(spec.hasIntent() ? Sync.FAILED : Sync.NO_INTENT)
                .withError(Optional.of(failure(state, Step.CONNECT, spec.targetError(), now)));
            return report(state, shown);
        }
        // what must be known before anything else: a lock to break, what the router runs, a commit left waiting
        if (state.staleLock().isPresent()) {
            return new Action.BreakLock(state.staleLock().orElseThrow());
        }
        final boolean onDemand = command.isPresent() || state.forced();
        if (!onDemand && blocked(state, now)) {
            return new Action.Idle(state.retryAt().filter(now::isBefore).or(() -> state.hold()
                .flatMap(RouterState.Hold::until)));
        }
        if (command.orElse(null) instanceof Command.ReadFiles) {
            // read-only: it needs neither intent nor what the router runs, and changes nothing this loop knows
            return new Action.ReadFiles();
        }
        if (command.orElse(null) instanceof Command.Probe probe) {
            // read-only too: the router pings, nothing it runs changes
            return new Action.Probe(probe.probes());
        }
        if (!spec.hasIntent()) {
            if (command.isPresent() && !(command.orElseThrow() instanceof Command.CheckSync)) {
                return refuse(Command.Reason.NO_INTENT, "validate-intent: router " + spec.name() + " has no intent "
                    + "(it is only observed): nothing to push");
            }
            if (state.readBackDue() || command.isPresent() || state.status().sync() != Sync.NO_INTENT) {
                return new Action.ReadBack(true, command.isPresent());
            }
            return new Action.Idle(Optional.empty());
        }
        if (state.readBackDue()) {
            return new Action.ReadBack(false, command.orElse(null) instanceof Command.CheckSync);
        }
        if (state.found().isPresent()) {
            final RouterState.Found found = state.found().orElseThrow();
            return new Action.Resolve(found.pending(), found.carriesIntent());
        }
        if (command.isPresent()) {
            return forCommand(command.orElseThrow(), state, spec, compiled);
        }
        if (!(compiled instanceof Compiled.Ready ready)) {
            return invalid(state, compiled, now);
        }
        final StatusView intended = state.status().withIntended(ready.revision(), ready.lints());
        if (!intended.equals(state.status())) {
            return new Action.Report(intended);
        }
        if (state.awaiting().isPresent()) {
            // the operator confirms it, or the router reverts it: look again after the deadline
            final Instant look = state.awaiting().orElseThrow().deadline().plus(REVERT_CHECK_GRACE);
            return now.isBefore(look) ? new Action.Idle(Optional.of(look)) : new Action.ReadBack(false, false);
        }
        if (!state.forced() && state.applied().filter(ready.files()::equals).isPresent()) {
            return report(state, state.status().withSync(Sync.IN_SYNC).withError(Optional.empty()));
        }
        if (!state.forced() && state.hold().filter(held -> held.holds(ready.revision(), now)).isPresent()) {
            // refused, reverted or rolled back: tried again when the intent changes, on request, or at the hold's end
            return new Action.Idle(state.hold().flatMap(RouterState.Hold::until));
        }
        return new Action.Commit(ready.files(), state.applied(), spec.confirmTimeout(), false, false);
    }

    private static Action forCommand(final Command command, final RouterState state, final RouterSpec spec,
            final Compiled compiled) {
        return switch (command) {
            case Command.Sync sync -> {
                if (compiled instanceof Compiled.Invalid invalid) {
                    yield refuse(Command.Reason.INVALID_INTENT, "validate-intent: the router's intent cannot be "
                        + "applied: " + invalid.message());
                }
                if (state.awaiting().isPresent()) {
                    yield refuse(Command.Reason.LOCKED, "commit: generation " + state.awaiting().orElseThrow()
                        .generation() + " waits for its confirm (confirm-commit) until " + state.awaiting()
                        .orElseThrow().deadline());
                }
                yield new Action.Commit(compiled instanceof Compiled.Ready ready ? ready.files() : FileSet.empty(),
                    state.applied(),
                    sync.confirmTimeout().orElse(spec.confirmTimeout()), sync.manualConfirm(), true);
            }
            case Command.Confirm confirm -> new Action.Confirm();
            case Command.Rollback rollback -> {
                final OptionalInt applied = state.status().appliedGeneration();
                final int generation = rollback.generation().orElse(applied.isPresent() && applied.getAsInt() > 1
                    ? applied.getAsInt() - 1 : -1);
                if (generation < 1) {
                    yield refuse(Command.Reason.NO_GENERATION, rollback.generation().isPresent()
                        ? "rollback: generation " + generation + " does not exist (generations count from 1)"
                        : "rollback: no generation before the one the router runs is known; name one");
                }
                yield new Action.Rollback(generation, spec.confirmTimeout());
            }
            case Command.CheckSync check -> new Action.ReadBack(false, true);
            case Command.ReadFiles read -> new Action.ReadFiles();
            case Command.Probe probe -> new Action.Probe(probe.probes());
        };
    }

    /** Whether failures hold the router back now (a retry time not reached, a key to re-pin). */
    private static boolean blocked(final RouterState state, final Instant now) {
        if (state.hold().filter(held -> held.kind() == RouterState.Hold.Kind.HOST_KEY
                || held.kind() == RouterState.Hold.Kind.LOGIN && held.holds("", now)).isPresent()) {
            return true;
        }
        return state.retryAt().filter(now::isBefore).isPresent();
    }

    /** An intent that cannot be applied: failed, with every error in the status. */
    private static Action invalid(final RouterState state, final Compiled compiled, final Instant now) {
        final String message = compiled instanceof Compiled.Invalid invalid ? invalid.message() : "";
        final Step step = compiled instanceof Compiled.Invalid invalid && invalid.stage() == Compiled.Stage.RENDER
            ? Step.RENDER : Step.VALIDATE_INTENT;
        return report(state, state.status().withIntended(null, List.of()).withSync(Sync.FAILED)
            .withError(Optional.of(failure(state, step, message, now))));
    }

    private static Action report(final RouterState state, final StatusView shown) {
        return shown.equals(state.status()) ? new Action.Idle(Optional.empty()) : new Action.Report(shown);
    }

    private static Action refuse(final Command.Reason reason, final String message) {
        return new Action.Answer(new Command.Outcome.Refused(reason, message));
    }

    /** A failure to show; an unchanged one keeps its time, so that the status is written once. */
    private static Failure failure(final RouterState state, final Step step, final String message,
            final Instant now) {
        return state.status().lastError().filter(last -> last.step() == step && last.message().equals(message))
            .orElseGet(() -> new Failure(step, message == null ? "" : message, now));
    }
}

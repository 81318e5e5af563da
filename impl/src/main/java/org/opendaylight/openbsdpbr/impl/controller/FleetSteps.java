/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.controller;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.opendaylight.openbsdpbr.api.device.Probe;
import org.opendaylight.openbsdpbr.impl.controller.Command.Outcome;
import org.opendaylight.openbsdpbr.impl.controller.RouterSteps.Result.Failed;
import org.opendaylight.openbsdpbr.impl.controller.RouterSteps.Result.Gated;
import org.opendaylight.openbsdpbr.impl.controller.StatusView.Connection;
import org.opendaylight.openbsdpbr.impl.rollout.RouterResult.ProbeOutcome;

/**
 * A rollout's steps on the routers of this fleet, through their reconcilers with the commands an operator's RPCs post
 * (a sync is the router's confirmed commit, a check-sync its read-back, a rollback a new confirmed commit of the
 * generation before). Nothing here talks to a router directly, so a rollout obeys the reconciler's
 * one-transaction-per-router rule, its lock and its back-off. The member that manages a router runs its steps here,
 * whichever member runs the rollout.
 *
 * <p>A wave is never applied twice through a step: the pin is idempotent (pinning a router to the content it is
 * pinned to changes nothing, {@link Fleet#pin}), an apply is one sync command, run once by the router's reconciler,
 * and the engine sends it once per router (the rollout's state marks the router applying, persisted, before the step
 * is sent; an engine that takes the rollout over sends {@link Step.Verify}, which reads back and never commits).
 */
public final class FleetSteps implements RouterSteps {
    private final Fleet fleet;

    public FleetSteps(final Fleet fleet) {
        this.fleet = requireNonNull(fleet);
    }

    @Override
    public CompletionStage<Result> run(final Step step) {
        final String router = step.router();
        return switch (step) {
            case Step.Apply apply -> {
                pin(router, apply.release());
                yield fleet.submit(router, new Command.Sync(Optional.empty(), false)).handle((outcome, error) -> {
                    if (outcome instanceof Outcome.Synced synced && synced.awaitingConfirm().isEmpty()) {
                        return new Result.Applied(synced.generation());
                    }
                    pin(router, apply.withdraw());
                    return failure(outcome, error);
                });
            }
            case Step.Verify verify -> {
                pin(router, verify.release());
                yield fleet.submit(router, new Command.CheckSync()).handle((outcome, error) -> {
                    final boolean took = outcome instanceof Outcome.Checked checked && checked.inSync();
                    if (!took) {
                        pin(router, verify.withdraw());
                    }
                    return new Result.Verified(took, generation(router));
                });
            }
            case Step.Gate gate -> gate(router, gate.probes()).handle((gated, error) -> gated != null ? gated
                : new Gated(Optional.of("health: " + error), List.of()));
            case Step.Reach reach -> CompletableFuture.completedFuture(new Result.Reached(reachable(router)));
            case Step.Revert revert -> {
                pin(router, revert.withdraw());
                yield fleet.submit(router, new Command.Rollback(OptionalInt.empty())).handle((outcome, error) ->
                    outcome instanceof Outcome.RolledBack back ? new Result.RolledBack(back.generation())
                        : failure(outcome, error));
            }
        };
    }

    /** Whether a router can be tried now: managed here and not known to be unreachable. */
    private boolean reachable(final String router) {
        return fleet.router(router).filter(RouterReconciler::isManagedHere)
            .map(reconciler -> reconciler.status().connection())
            .filter(connection -> connection == Connection.CONNECTED || connection == Connection.UNKNOWN)
            .isPresent();
    }

    private void pin(final String router, final Pin pin) {
        switch (pin) {
            case Pin.ProfilePin profile -> fleet.pin(router, profile.profile(), profile.content());
            case Pin.IntentPin own -> fleet.pinIntent(router, own.intent());
        }
    }

    /**
     * The health gate of a router: reachable over management, and its read-back equals the files pushed (the
     * check-sync command), then the operator probes.
     */
    private CompletionStage<Result> gate(final String router, final List<Probe> probes) {
        return fleet.submit(router, new Command.CheckSync()).thenCompose(outcome -> switch (outcome) {
            case Outcome.Checked checked when checked.inSync() -> probe(router, probes);
            case Outcome.Checked checked -> failed("read-back: the router does not run the files pushed "
                + "(differs: " + String.join(", ", checked.drifted()) + ")");
            case Outcome.Refused refused -> failed(refused.message());
            default -> failed("read-back: unexpected answer " + outcome);
        });
    }

    /** The operator probes, once the read-back passed: a probe that gets no answer fails the gate. */
    private CompletionStage<Result> probe(final String router, final List<Probe> probes) {
        if (probes.isEmpty()) {
            return CompletableFuture.completedFuture(new Gated(Optional.empty(), List.of()));
        }
        return fleet.submit(router, new Command.Probe(probes)).thenApply(outcome -> {
            if (!(outcome instanceof Outcome.Probed probed) || probed.results().size() != probes.size()) {
                return new Gated(Optional.of(outcome instanceof Outcome.Refused refused ? refused.message()
                    : "probe: unexpected answer " + outcome), List.of());
            }
            final List<ProbeOutcome> found = new ArrayList<>();
            for (int index = 0; index < probes.size(); index++) {
                found.add(new ProbeOutcome(probes.get(index).name(), probed.results().get(index).transmitted(),
                    probed.results().get(index).received()));
            }
            return new Gated(found.stream().filter(result -> !result.passed()).map(ProbeOutcome::toString)
                .reduce((first, second) -> first + "; " + second), found);
        });
    }

    private static CompletionStage<Result> failed(final String why) {
        return CompletableFuture.completedFuture(new Gated(Optional.of(why), List.of()));
    }

    private OptionalInt generation(final String router) {
        return fleet.router(router).map(reconciler -> reconciler.status().appliedGeneration())
            .orElse(OptionalInt.empty());
    }

    /** A refusal as a step's failure: the reconciler's messages start with the step ("validate: ..."). */
    private static Failed failure(final Outcome outcome, final Throwable error) {
        final String message = switch (outcome) {
            case Outcome.Refused refused -> refused.message();
            case Outcome.Synced synced -> "confirm: the commit was left waiting for a confirm";
            case null -> "commit: " + error;
            default -> "commit: unexpected answer " + outcome;
        };
        return of(message);
    }

    /** A failure from a message that names its step first ({@code validate: ...}), else a commit failure. */
    public static Failed of(final String message) {
        final int colon = message.indexOf(": ");
        return colon > 0 && colon < 20 && message.substring(0, colon).matches("[a-z-]+")
            ? new Failed(message.substring(0, colon), message.substring(colon + 2))
            : new Failed("commit", message);
    }
}

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
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.UnaryOperator;
import org.opendaylight.openbsdpbr.impl.rollout.RouterResult.Failure;
import org.opendaylight.openbsdpbr.impl.rollout.RouterResult.Phase;
import org.opendaylight.openbsdpbr.impl.rollout.RouterResult.Verdict;

/**
 * Everything a rollout is and has done, immutable: what the datastore keeps (YANG {@code rollout-status}), so that
 * another engine instance resumes it after a failover. Each event is a method that returns the next state; an event
 * that does not fit the state (resume what is not paused, approve a wave that is not waiting) is refused with an
 * {@link IllegalStateException} in the operator's words. Deciding what to do next is {@link RolloutMachine}'s job.
 *
 * @param name the rollout's name
 * @param plan how it moves
 * @param waves its routers, cut into waves
 * @param state where it stands
 * @param wave the current wave, from 0; -1 before the first
 * @param approved the highest wave the operator approved to start (the first needs no approval)
 * @param routers every target's result, in wave order
 * @param reason why it paused, halted, rolled back or is done, in the operator's words
 * @param rollbackFrom the first wave a rollback covers; -1 when nothing is rolled back
 * @param started when it started
 * @param waveStarted when the current wave started
 * @param finished when it ended (done, halted, rolled back)
 */
public record RolloutState(String name, RolloutPlan plan, List<List<String>> waves, State state, int wave,
        int approved, Map<String, RouterResult> routers, Optional<String> reason, int rollbackFrom,
        Optional<Instant> started, Optional<Instant> waveStarted, Optional<Instant> finished) {
    /** Where a rollout stands (YANG {@code rollout-state}). */
    public enum State {
        /** Configured, not started. */
        PENDING,
        /** Routers of the current wave are being changed. */
        RUNNING,
        /** Every router of the current wave took the change; they soak until their health gate. */
        SOAKING,
        /** The current wave passed; the next starts when the operator approves it. */
        WAITING_APPROVAL,
        /** The operator paused it: nothing new starts; what was under way finishes. */
        PAUSED,
        /** A budget was breached (or the operator aborted without rollback): nothing new starts. Final. */
        HALTED,
        /** Routers that took the change are being put back on what they ran before. */
        ROLLING_BACK,
        /** Every router the rollback covered runs what it ran before (or says why not). Final. */
        ROLLED_BACK,
        /** Every wave passed. Final. */
        DONE;

        /** The YANG enum name. */
        public String yangName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        /** Whether nothing happens any more. */
        public boolean isFinal() {
            return this == HALTED || this == ROLLED_BACK || this == DONE;
        }
    }

    public RolloutState {
        requireNonNull(name, "name");
        requireNonNull(plan, "plan");
        waves = waves.stream().map(List::copyOf).toList();
        requireNonNull(state, "state");
        routers = Collections.unmodifiableMap(new LinkedHashMap<>(routers));
        requireNonNull(reason, "reason");
        requireNonNull(started, "started");
        requireNonNull(waveStarted, "waveStarted");
        requireNonNull(finished, "finished");
        if (wave < -1 || wave >= waves.size()) {
            throw new IllegalArgumentException("wave: -1 to " + (waves.size() - 1) + ", not " + wave);
        }
    }

    /**
     * A rollout not started yet.
     *
     * @param name its name
     * @param plan how it moves
     * @param targets its routers (the engine sorts them)
     * @return the pending rollout
     */
    public static RolloutState create(final String name, final RolloutPlan plan, final List<String> targets) {
        final List<List<String>> waves = plan.cut(targets);
        final Map<String, RouterResult> routers = new LinkedHashMap<>();
        for (int index = 0; index < waves.size(); index++) {
            for (String router : waves.get(index)) {
                routers.put(router, RouterResult.waiting(router, index));
            }
        }
        return new RolloutState(name, plan, waves, State.PENDING, -1, 0, routers, Optional.empty(), -1,
            Optional.empty(), Optional.empty(), Optional.empty());
    }

    // --- reading ------------------------------------------------------------------------------------------------

    /** A router's result. */
    public RouterResult router(final String router) {
        final RouterResult result = routers.get(router);
        if (result == null) {
            throw new IllegalArgumentException("router " + router + " is not a target of rollout " + name);
        }
        return result;
    }

    /** The results of one wave's routers. */
    public List<RouterResult> wave(final int index) {
        return waves.get(index).stream().map(routers::get).toList();
    }

    /** How many of the routers match. */
    public int count(final Phase phase) {
        return (int) routers.values().stream().filter(result -> result.phase() == phase).count();
    }

    /** Routers that failed: the change or its health gate (rolled-back routers that had failed count too). */
    static boolean failure(final RouterResult result) {
        return result.phase() == Phase.FAILED
            || result.error().isPresent() && result.phase() != Phase.EXCLUDED && result.phase() != Phase.WAITING;
    }

    /** Whether a rollback covers this router. */
    boolean rollbackCovers(final RouterResult result) {
        return rollbackFrom >= 0 && result.wave() >= rollbackFrom;
    }

    // --- operator events ----------------------------------------------------------------------------------------

    /** The operator (or the configuration) starts it. */
    public RolloutState start(final Instant now) {
        refuseUnless(state == State.PENDING, "start", "it is " + state.yangName());
        return edit(State.RUNNING, reason, now).withStarted(now);
    }

    /** Nothing new starts until resumed; what is under way finishes. */
    public RolloutState pause(final Instant now) {
        refuseUnless(state == State.RUNNING || state == State.SOAKING || state == State.WAITING_APPROVAL, "pause",
            "only a running, soaking or waiting rollout pauses; it is " + state.yangName());
        return edit(State.PAUSED, Optional.of("paused by the operator at wave " + (wave + 1)), now);
    }

    /** A paused rollout goes on where it stopped. */
    public RolloutState resume(final Instant now) {
        refuseUnless(state == State.PAUSED, "resume", "only a paused rollout resumes; it is " + state.yangName());
        return edit(State.RUNNING, Optional.empty(), now);
    }

    /**
     * The operator lets the next wave start.
     *
     * @param number the wave approved, counted from 1 as the status shows them: approving twice (a retried RPC)
     *     cannot start two waves
     * @param now the time
     * @return the next state
     */
    public RolloutState approve(final int number, final Instant now) {
        refuseUnless(state == State.WAITING_APPROVAL, "approve-wave", "no wave waits for approval; it is "
            + state.yangName());
        refuseUnless(number == wave + 2, "approve-wave", "wave " + (wave + 2) + " waits for approval, not " + number);
        return new RolloutState(name, plan, waves, State.RUNNING, wave, number - 1, routers, Optional.empty(),
            rollbackFrom, started, waveStarted, finished);
    }

    /**
     * The operator stops it for good.
     *
     * @param rollback put every router that took the change back on what it ran before
     * @param now the time
     * @return the next state
     */
    public RolloutState abort(final boolean rollback, final Instant now) {
        refuseUnless(!state.isFinal() || rollback && state == State.HALTED, "abort", "it is "
            + state.yangName() + " already");
        refuseUnless(state != State.ROLLING_BACK, "abort", "it is rolling back already");
        if (rollback) {
            return new RolloutState(name, plan, waves, State.ROLLING_BACK, wave, approved, routers,
                Optional.of("aborted by the operator, with rollback"), 0, started, waveStarted, finished);
        }
        return finish(State.HALTED, "aborted by the operator", now);
    }

    /**
     * The engine stops it: what it carries cannot be carried any more (the profile changed or went away while the
     * rollout ran: the routers already changed run content the configuration no longer has).
     */
    public RolloutState halt(final String why, final Instant now) {
        refuseUnless(!state.isFinal() && state != State.ROLLING_BACK, "halt", "it is " + state.yangName());
        return finish(State.HALTED, why, now);
    }

    // --- engine events ------------------------------------------------------------------------------------------

    /**
     * The change was committed on a router and confirmed, and the health gate ran right after it.
     *
     * @param router the router
     * @param generation the generation it runs now
     * @param healthy whether the gate passed (reachable, read-back equals the pushed files)
     * @param why what the gate found when it did not pass
     * @param now the time
     * @return the next state
     */
    public RolloutState applied(final String router, final OptionalInt generation, final boolean healthy,
            final String why, final Instant now) {
        final RouterResult result = expect(router, Phase.APPLYING, "applied");
        final RouterResult took = result.applied(generation, now);
        if (!healthy) {
            return failedRouter(took.judged(Verdict.UNHEALTHY).failed(Phase.FAILED, new Failure("health", why, now)),
                now);
        }
        return put(plan.soak().isZero() ? took.judged(Verdict.HEALTHY).with(Phase.HEALTHY)
            : took.with(Phase.SOAKING));
    }

    /**
     * The change did not reach a router: nothing was committed (the router refused it at validate, was unreachable,
     * or reverted an unconfirmed commit by itself), so it runs what it ran before.
     */
    public RolloutState applyFailed(final String router, final Failure failure, final Instant now) {
        return failedRouter(expect(router, Phase.APPLYING, "apply-failed").failed(Phase.FAILED, failure), now);
    }

    /**
     * After a failover, a router the previous engine was applying was read back.
     *
     * @param router the router
     * @param runsChange whether it runs the change (the commit landed before the failover): it is not applied again
     * @param generation the generation it runs
     * @param now the time
     * @return the next state: soaking (or healthy) when it runs the change, else waiting to be applied
     */
    public RolloutState verified(final String router, final boolean runsChange, final OptionalInt generation,
            final Instant now) {
        if (runsChange) {
            return applied(router, generation, true, "", now);
        }
        return put(expect(router, Phase.APPLYING, "verified").with(Phase.WAITING));
    }

    /**
     * The operator probes of a router's health gate ran: recorded on the router, whatever its phase (the gate's
     * verdict follows as its own event).
     */
    public RolloutState probed(final String router, final List<RouterResult.ProbeOutcome> outcomes) {
        return put(router(router).probed(outcomes));
    }

    /** A router's health gate at the end of its soak. */
    public RolloutState checked(final String router, final boolean healthy, final String why, final Instant now) {
        final RouterResult result = expect(router, Phase.CHECKING, "checked");
        if (healthy) {
            return put(result.judged(Verdict.HEALTHY).with(Phase.HEALTHY));
        }
        return failedRouter(result.judged(Verdict.UNHEALTHY).failed(Phase.FAILED, new Failure("health", why, now)),
            now);
    }

    /** A router runs what it ran before again. */
    public RolloutState reverted(final String router, final OptionalInt generation) {
        return put(expect(router, Phase.REVERTING, "reverted").reverted(generation));
    }

    /** Putting a router back failed. */
    public RolloutState revertFailed(final String router, final Failure failure) {
        return put(expect(router, Phase.REVERTING, "revert-failed").failed(Phase.ROLLBACK_FAILED, failure));
    }

    // --- for the machine ----------------------------------------------------------------------------------------

    RolloutState put(final RouterResult result) {
        final Map<String, RouterResult> next = new LinkedHashMap<>(routers);
        next.put(result.router(), result);
        return new RolloutState(name, plan, waves, state, wave, approved, next, reason, rollbackFrom, started,
            waveStarted, finished);
    }

    RolloutState update(final String router, final UnaryOperator<RouterResult> change) {
        return put(change.apply(router(router)));
    }

    RolloutState edit(final State newState, final Optional<String> newReason, final Instant now) {
        return new RolloutState(name, plan, waves, newState, wave, approved, routers, newReason, rollbackFrom,
            started, waveStarted, newState.isFinal() ? Optional.of(now) : finished);
    }

    RolloutState finish(final State end, final String why, final Instant now) {
        return edit(end, Optional.of(why), now);
    }

    RolloutState nextWave(final Instant now) {
        return new RolloutState(name, plan, waves, state, wave + 1, approved, routers, reason, rollbackFrom, started,
            Optional.of(now), finished);
    }

    private RolloutState withStarted(final Instant now) {
        return new RolloutState(name, plan, waves, state, wave, approved, routers, reason, rollbackFrom,
            Optional.of(now), waveStarted, finished);
    }

    private RouterResult expect(final String router, final Phase phase, final String event) {
        final RouterResult result = router(router);
        if (result.phase() != phase) {
            throw new IllegalStateException("rollout " + name + ": " + event + " for router " + router + ", which is "
                + result.phase().yangName() + ", not " + phase.yangName());
        }
        return result;
    }

    /** A router failed: a budget breached now stops the rollout per the plan. */
    private RolloutState failedRouter(final RouterResult failed, final Instant now) {
        final RolloutState next = put(failed);
        if (state.isFinal() || state == State.ROLLING_BACK) {
            // work that was under way when the rollout stopped: recorded, nothing more
            return next;
        }
        return next.breach(failed.wave(), now).orElse(next);
    }

    /** The budget a wave (or the whole rollout) exceeds, and what that does. */
    private Optional<RolloutState> breach(final int index, final Instant now) {
        final List<RouterResult> inWave = wave(index);
        final int waveFailed = (int) inWave.stream().filter(RolloutState::failure).count();
        final int waveTried = (int) inWave.stream().filter(result -> result.phase() != Phase.EXCLUDED).count();
        final int failed = (int) routers.values().stream().filter(RolloutState::failure).count();
        final int tried = routers.size() - count(Phase.EXCLUDED);
        final String why;
        if (plan.waveBudget().exceededBy(waveFailed, waveTried)) {
            why = "wave " + (index + 1) + ": " + waveFailed + " of " + waveTried + " routers failed, over the wave's "
                + "budget of " + plan.waveBudget();
        } else if (plan.totalBudget().exceededBy(failed, tried)) {
            why = failed + " of " + tried + " routers failed, over the rollout's budget of " + plan.totalBudget();
        } else {
            return Optional.empty();
        }
        final String failures = routers.values().stream().filter(RolloutState::failure)
            .map(result -> result.router() + " " + result.error().map(Failure::toString).orElse("failed"))
            .limit(5).reduce((first, second) -> first + "; " + second).orElse("");
        final String said = why + " (" + failures + ")";
        return Optional.of(switch (plan.breach()) {
            case HALT -> finish(State.HALTED, said + ": halted", now);
            case ROLLBACK_WAVE -> new RolloutState(name, plan, waves, State.ROLLING_BACK, wave, approved, routers,
                Optional.of(said + ": rolling back wave " + (index + 1)), index, started, waveStarted, finished);
            case ROLLBACK_ALL -> new RolloutState(name, plan, waves, State.ROLLING_BACK, wave, approved, routers,
                Optional.of(said + ": rolling back every wave"), 0, started, waveStarted, finished);
        });
    }

    private void refuseUnless(final boolean allowed, final String event, final String why) {
        if (!allowed) {
            throw new IllegalStateException("rollout " + name + ": cannot " + event + ": " + why);
        }
    }
}

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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.opendaylight.openbsdpbr.impl.rollout.RolloutState.State;
import org.opendaylight.openbsdpbr.impl.rollout.RouterResult.Failure;
import org.opendaylight.openbsdpbr.impl.rollout.RouterResult.Phase;

/**
 * What a rollout does next, decided from its state and the time: which routers to apply, check or put back. Pure.
 * The state it returns already marks those routers as in flight (applying, checking, reverting), and the engine
 * persists it <em>before</em> it acts: an engine that takes over after a failover finds every router the previous one
 * may have touched marked so, and {@link #adopt} verifies those on the router instead of applying them again.
 */
public final class RolloutMachine {
    private RolloutMachine() {
        // pure functions
    }

    /** Work for the engine. */
    public sealed interface Action {
        /** The router. */
        String router();

        /** Commit the change on the router (a confirmed commit), then run its health gate once. */
        record Apply(String router) implements Action {
            // the step checks the router
        }

        /** Read the router back to learn whether it runs the change (after a failover); nothing is committed. */
        record Verify(String router) implements Action {
            // the step checks the router
        }

        /** Run the router's health gate at the end of its soak. */
        record Check(String router) implements Action {
            // the step checks the router
        }

        /** Put the router back on what it ran before the rollout (a confirmed commit too). */
        record Revert(String router) implements Action {
            // the step checks the router
        }
    }

    /**
     * The next state, what to do, and when to look again without an event.
     *
     * @param state the next state, to persist before acting
     * @param actions the work to hand to the engine
     * @param wakeAt when the next soak ends, if a router soaks
     */
    public record Step(RolloutState state, List<Action> actions, Optional<Instant> wakeAt) {
        public Step {
            requireNonNull(state, "state");
            actions = List.copyOf(actions);
            actions.forEach(action -> requireNonNull(action.router(), "router"));
            requireNonNull(wakeAt, "wakeAt");
        }
    }

    /**
     * The next step.
     *
     * @param state the rollout
     * @param now the time
     * @param reachable whether a router is reachable over management now: asked only for the routers of a wave
     *     that starts, those that are not are excluded and reported
     * @return the step
     */
    public static Step next(final RolloutState state, final Instant now, final Predicate<String> reachable) {
        final List<Action> actions = new ArrayList<>();
        RolloutState current = state;
        switch (current.state()) {
            case ROLLING_BACK -> {
                return rollBack(current, now);
            }
            case RUNNING, SOAKING -> {
                current = advance(current, now, reachable);
                if (current.state() == State.RUNNING || current.state() == State.SOAKING) {
                    current = work(current, now, actions);
                }
            }
            default -> {
                // pending, paused, waiting for approval, final: nothing starts
            }
        }
        return new Step(current, actions, wakeAt(current));
    }

    /**
     * An engine takes over a persisted rollout (another cluster member after a failover, or a restart): the work the
     * previous engine had in flight is picked up without applying anything twice. A router that was being applied is
     * read back ({@link Action.Verify}): if the commit landed it soaks, else it is applied then. A health gate or a
     * rollback that was under way is run again: both are safe to repeat (a gate only reads; putting back a router
     * that already runs its old files changes nothing).
     *
     * @param state the persisted state
     * @param now the time
     * @param reachable as for {@link #next}
     * @return the step, the work picked up first
     */
    public static Step adopt(final RolloutState state, final Instant now, final Predicate<String> reachable) {
        final Step after = next(state, now, reachable);
        final List<Action> all = new ArrayList<>(pickUp(state).actions());
        all.addAll(after.actions());
        return new Step(after.state(), all, after.wakeAt());
    }

    /**
     * The work a persisted rollout had in flight, to pick up when an engine takes it over ({@link #adopt} without
     * its {@link #next}): an engine that must ask whether routers are reachable steps on once it has the answers.
     *
     * @param state the persisted state
     * @return the work picked up: verify the applies, repeat the gates and the rollbacks under way
     */
    public static Step pickUp(final RolloutState state) {
        final List<Action> picked = new ArrayList<>();
        for (RouterResult result : state.routers().values()) {
            switch (result.phase()) {
                case APPLYING -> picked.add(new Action.Verify(result.router()));
                case CHECKING -> picked.add(new Action.Check(result.router()));
                case REVERTING -> picked.add(new Action.Revert(result.router()));
                default -> {
                    // nothing in flight
                }
            }
        }
        return new Step(state, picked, Optional.empty());
    }

    /** Starts the next wave when the current one passed (or the first), ends the rollout after the last. */
    private static RolloutState advance(final RolloutState state, final Instant now,
            final Predicate<String> reachable) {
        RolloutState current = state;
        while (current.wave() < 0 || current.wave(current.wave()).stream().allMatch(r -> r.phase().settled())) {
            if (current.wave() == current.waves().size() - 1) {
                final int healthy = current.count(Phase.HEALTHY);
                final int failed = (int) current.routers().values().stream().filter(RolloutState::failure).count();
                final int excluded = current.count(Phase.EXCLUDED);
                return current.finish(State.DONE, "every wave passed: " + healthy + " routers healthy, " + failed
                    + " failed within the budget, " + excluded + " excluded as unreachable", now);
            }
            final int nextWave = current.wave() + 1;
            if (nextWave > 0 && current.plan().approval() && current.approved() < nextWave) {
                return current.edit(State.WAITING_APPROVAL, Optional.of("wave " + nextWave + " passed; wave "
                    + (nextWave + 1) + " starts when approved"), now);
            }
            current = current.nextWave(now);
            for (String router : current.waves().get(nextWave)) {
                if (!reachable.test(router)) {
                    current = current.update(router, result -> result.failed(Phase.EXCLUDED, new Failure("connect",
                        "unreachable when wave " + (nextWave + 1) + " started: not tried, not counted", now)));
                }
            }
        }
        return current;
    }

    /** Starts routers of the current wave up to the concurrency, and the health gates that are due. */
    private static RolloutState work(final RolloutState state, final Instant now, final List<Action> actions) {
        RolloutState current = state;
        final List<RouterResult> inWave = current.wave(current.wave());
        int inFlight = (int) inWave.stream().filter(result -> result.phase() == Phase.APPLYING).count();
        for (RouterResult result : inWave) {
            if (result.phase() == Phase.WAITING && inFlight < current.plan().concurrency()) {
                current = current.put(result.with(Phase.APPLYING));
                actions.add(new Action.Apply(result.router()));
                inFlight++;
            } else if (result.phase() == Phase.SOAKING && !soakEnd(current, result).isAfter(now)) {
                current = current.put(result.with(Phase.CHECKING));
                actions.add(new Action.Check(result.router()));
            }
        }
        final boolean applying = current.wave(current.wave()).stream()
            .anyMatch(result -> result.phase() == Phase.WAITING || result.phase() == Phase.APPLYING);
        final State shown = applying ? State.RUNNING : State.SOAKING;
        return shown == current.state() ? current : current.edit(shown, current.reason(), now);
    }

    /** Puts back every covered router that took the change, once nothing covered is being applied. */
    private static Step rollBack(final RolloutState state, final Instant now) {
        RolloutState current = state;
        final List<Action> actions = new ArrayList<>();
        boolean busy = false;
        for (RouterResult result : state.routers().values()) {
            if (!state.rollbackCovers(result)) {
                continue;
            }
            if (result.phase().inFlight()) {
                busy |= result.phase() != Phase.CHECKING;
                if (result.phase() == Phase.CHECKING && result.changed()) {
                    // a gate under way is moot: the router goes back anyway
                    current = current.put(result.with(Phase.REVERTING));
                    actions.add(new Action.Revert(result.router()));
                    busy = true;
                }
            } else if (result.changed() && result.phase() != Phase.ROLLED_BACK
                    && result.phase() != Phase.ROLLBACK_FAILED) {
                current = current.put(result.with(Phase.REVERTING));
                actions.add(new Action.Revert(result.router()));
                busy = true;
            }
        }
        if (!busy) {
            final int back = current.count(Phase.ROLLED_BACK);
            final int stuck = current.count(Phase.ROLLBACK_FAILED);
            current = current.finish(State.ROLLED_BACK, current.reason().orElse("rolled back") + "; " + back
                + " routers rolled back" + (stuck == 0 ? "" : ", " + stuck + " could not be (see their errors)"), now);
        }
        return new Step(current, actions, Optional.empty());
    }

    private static Instant soakEnd(final RolloutState state, final RouterResult result) {
        return result.appliedAt().orElseThrow().plus(state.plan().soak());
    }

    private static Optional<Instant> wakeAt(final RolloutState state) {
        if (state.state() != State.SOAKING && state.state() != State.RUNNING) {
            return Optional.empty();
        }
        return state.routers().values().stream().filter(result -> result.phase() == Phase.SOAKING)
            .map(result -> soakEnd(state, result)).min(Instant::compareTo);
    }
}

/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.opendaylight.openbsdpbr.impl.rollout.RolloutMachine.Action;
import org.opendaylight.openbsdpbr.impl.rollout.RolloutMachine.Step;
import org.opendaylight.openbsdpbr.impl.rollout.RolloutState.State;
import org.opendaylight.openbsdpbr.impl.rollout.RouterResult.Failure;
import org.opendaylight.openbsdpbr.impl.rollout.RouterResult.Phase;
import org.opendaylight.openbsdpbr.impl.rollout.RouterResult.Verdict;

/**
 * The rollout state machine with a clock the test moves: every state, every breach action, pause, resume, approval,
 * abort, routers excluded as unreachable, and an engine that takes over mid-wave from a persisted state. Each test
 * drives the machine the way the engine does (next step, carry out its actions, report the events) and counts what
 * was applied where, so "never applied twice" and "wave 3 never touched" are counted, not assumed.
 */
class RolloutMachineTest {
    private static final Duration SOAK = Duration.ofMinutes(5);

    private Instant now = Instant.parse("2026-11-29T12:00:00Z");
    private final Map<String, Integer> applies = new HashMap<>();
    private final Map<String, Integer> reverts = new HashMap<>();
    private final List<Action> handed = new ArrayList<>();
    private Predicate<String> reachable = router -> true;

    // --- waves ----------------------------------------------------------------------------------------------------

    @Test
    void wavesAreTheCanaryThenTheSizesAndTheLastSizeRepeats() {
        final RolloutPlan plan = plan(List.of("r07"), List.of(new WaveSize.Count(2), new WaveSize.Percent(30)),
            Budget.UNLIMITED, BreachAction.HALT, false);
        // 10 targets: canary r07; 2; then 30 % of 10 = 3, repeated for the rest
        assertThat(plan.cut(routers(10))).containsExactly(List.of("r07"), List.of("r01", "r02"),
            List.of("r03", "r04", "r05"), List.of("r06", "r08", "r09"), List.of("r10"));
    }

    @Test
    void percentagesRoundUpToAtLeastOneRouterAndRestTakesTheRemainder() {
        final RolloutPlan plan = plan(List.of(), List.of(new WaveSize.Percent(1), new WaveSize.Percent(10),
            new WaveSize.Rest()), Budget.UNLIMITED, BreachAction.HALT, false);
        assertThat(plan.cut(routers(1000)).stream().map(List::size)).containsExactly(10, 100, 890);
        assertThat(plan.cut(routers(30)).stream().map(List::size)).containsExactly(1, 3, 26);
    }

    @Test
    void aCanaryThatIsNoTargetOrNoTargetAtAllIsRefusedNamingIt() {
        final RolloutPlan plan = plan(List.of("elsewhere"), List.of(new WaveSize.Rest()), Budget.UNLIMITED,
            BreachAction.HALT, false);
        assertThatThrownBy(() -> plan.cut(routers(3))).hasMessage("canary[elsewhere]: not among the rollout's "
            + "targets");
        assertThatThrownBy(() -> plan.cut(List.of())).hasMessage("target: selects no router");
        assertThatThrownBy(() -> new WaveSize.Percent(0)).hasMessageStartingWith("waves/wave/percent");
        assertThatThrownBy(() -> Budget.ofCount(-1)).hasMessageStartingWith("failure-budget/count");
    }

    @Test
    void budgetsAreExceededOnlyBeyondTheirLimit() {
        assertThat(Budget.ofCount(1).exceededBy(1, 10)).isFalse();
        assertThat(Budget.ofCount(1).exceededBy(2, 10)).isTrue();
        assertThat(Budget.ofPercent(10).exceededBy(1, 10)).isFalse();
        assertThat(Budget.ofPercent(10).exceededBy(2, 10)).isTrue();
        assertThat(Budget.ofCount(0).exceededBy(1, 1000)).isTrue();
        assertThat(Budget.UNLIMITED.exceededBy(1000, 1000)).isFalse();
    }

    // --- a rollout that passes --------------------------------------------------------------------------------------

    @Test
    void everyWaveAppliesSoaksPassesItsGateAndTheRolloutIsDone() {
        RolloutState state = RolloutState.create("r", plan(List.of("r03"), List.of(new WaveSize.Count(4)),
            Budget.ofCount(0), BreachAction.HALT, false, SOAK, 2), routers(9));
        assertThat(state.state()).isEqualTo(State.PENDING);
        assertThat(step(state).actions()).as("nothing happens before start").isEmpty();
        state = state.start(now);

        // canary: r03 alone; it soaks, then its gate runs
        Step step = step(state);
        assertThat(step.actions()).containsExactly(new Action.Apply("r03"));
        assertThat(step.state().state()).isEqualTo(State.RUNNING);
        state = step.state().applied("r03", OptionalInt.of(2), true, "", now);
        step = step(state);
        assertThat(step.state().state()).isEqualTo(State.SOAKING);
        assertThat(step.actions()).isEmpty();
        assertThat(step.wakeAt()).contains(now.plus(SOAK));
        now = now.plus(SOAK).minusSeconds(1);
        assertThat(step(step.state()).actions()).as("the gate waits for the end of the soak").isEmpty();
        now = now.plusSeconds(1);
        step = step(step.state());
        assertThat(step.actions()).containsExactly(new Action.Check("r03"));
        state = step.state().checked("r03", true, "", now);
        assertThat(state.router("r03").verdict()).isEqualTo(Verdict.HEALTHY);

        // wave 2: four routers, two at a time (the concurrency)
        step = step(state);
        assertThat(step.state().wave()).isEqualTo(1);
        assertThat(step.actions()).containsExactly(new Action.Apply("r01"), new Action.Apply("r02"));
        state = step.state().applied("r01", OptionalInt.of(2), true, "", now);
        step = step(state);
        assertThat(step.actions()).containsExactly(new Action.Apply("r04"));
        state = step.state().applied("r02", OptionalInt.of(2), true, "", now).applied("r04", OptionalInt.of(2),
            true, "", now);
        step = step(state);
        assertThat(step.actions()).as("r05 starts in the place r01 left").containsExactly(new Action.Apply("r05"));
        state = drive(step.state().applied("r05", OptionalInt.of(2), true, "", now), 0);
        assertThat(state.state()).isEqualTo(State.DONE);
        assertThat(state.reason()).contains("every wave passed: 9 routers healthy, 0 failed within the budget, 0 "
            + "excluded as unreachable");
        assertThat(state.finished()).contains(now);
        assertThat(applies).hasSize(9).allSatisfy((router, count) -> assertThat(count).isOne());
    }

    @Test
    void withApprovalEachWaveAfterTheFirstWaitsForTheOperatorAndARetriedApprovalStartsNothingMore() {
        RolloutState state = RolloutState.create("r", plan(List.of(), List.of(new WaveSize.Count(2)),
            Budget.UNLIMITED, BreachAction.HALT, true), routers(5)).start(now);
        state = drive(state, 0);
        assertThat(state.state()).isEqualTo(State.WAITING_APPROVAL);
        assertThat(state.reason()).contains("wave 1 passed; wave 2 starts when approved");
        assertThat(applies).containsOnlyKeys("r01", "r02");
        assertThat(step(state).actions()).isEmpty();

        final RolloutState waiting = state;
        assertThatThrownBy(() -> waiting.approve(3, now)).hasMessage("rollout r: cannot approve-wave: wave 2 waits "
            + "for approval, not 3");
        state = drive(state.approve(2, now), 0);
        assertThat(state.state()).isEqualTo(State.WAITING_APPROVAL);
        assertThat(applies).containsOnlyKeys("r01", "r02", "r03", "r04");
        final RolloutState again = state;
        assertThatThrownBy(() -> again.approve(2, now)).hasMessage("rollout r: cannot approve-wave: wave 3 waits "
            + "for approval, not 2");
        state = drive(state.approve(3, now), 0);
        assertThat(state.state()).isEqualTo(State.DONE);
    }

    // --- pause, resume, abort -------------------------------------------------------------------------------------

    @Test
    void pauseLetsWhatIsUnderWayFinishAndStartsNothingUntilResumed() {
        RolloutState state = RolloutState.create("r", plan(List.of(), List.of(new WaveSize.Count(4)),
            Budget.UNLIMITED, BreachAction.HALT, false, Duration.ZERO, 2), routers(4)).start(now);
        Step step = step(state);
        assertThat(step.actions()).containsExactly(new Action.Apply("r01"), new Action.Apply("r02"));
        state = step.state().pause(now);
        assertThat(state.state()).isEqualTo(State.PAUSED);
        state = state.applied("r01", OptionalInt.of(2), true, "", now);
        state = state.applied("r02", OptionalInt.of(2), true, "", now);
        step = step(state);
        assertThat(step.actions()).as("paused: r03 and r04 wait").isEmpty();
        assertThat(step.state().router("r03").phase()).isEqualTo(Phase.WAITING);
        final RolloutState paused = step.state();
        assertThatThrownBy(() -> paused.pause(now)).hasMessageContaining("cannot pause");
        state = step.state().resume(now);
        step = step(state);
        assertThat(step.actions()).containsExactly(new Action.Apply("r03"), new Action.Apply("r04"));
        assertThatThrownBy(() -> RolloutState.create("r", paused.plan(), routers(1)).resume(now))
            .hasMessage("rollout r: cannot resume: only a paused rollout resumes; it is pending");
    }

    @Test
    void abortWithoutRollbackHaltsAndLeavesRoutersAsTheyAre() {
        RolloutState state = RolloutState.create("r", plan(List.of(), List.of(new WaveSize.Count(2)),
            Budget.UNLIMITED, BreachAction.HALT, true), routers(4)).start(now);
        state = drive(state, 0);
        state = state.abort(false, now);
        assertThat(state.state()).isEqualTo(State.HALTED);
        assertThat(state.reason()).contains("aborted by the operator");
        assertThat(step(state).actions()).isEmpty();
        assertThat(state.router("r01").phase()).isEqualTo(Phase.HEALTHY);
        final RolloutState halted = state;
        assertThatThrownBy(() -> halted.abort(false, now)).hasMessage("rollout r: cannot abort: it is halted "
            + "already");
        // a halted rollout can still be rolled back by the operator
        state = drive(halted.abort(true, now), 0);
        assertThat(state.state()).isEqualTo(State.ROLLED_BACK);
        assertThat(reverts).containsOnlyKeys("r01", "r02");
    }

    @Test
    void abortWithRollbackWaitsForCommitsUnderWayThenPutsEveryChangedRouterBack() {
        RolloutState state = RolloutState.create("r", plan(List.of(), List.of(new WaveSize.Count(3)),
            Budget.UNLIMITED, BreachAction.HALT, false, Duration.ZERO, 3), routers(6)).start(now);
        Step step = step(state);
        state = step.state().applied("r01", OptionalInt.of(2), true, "", now)
            .applyFailed("r02", new Failure("validate", "pfctl: syntax error", now), now);
        state = state.abort(true, now);
        step = step(state);
        assertThat(step.state().state()).isEqualTo(State.ROLLING_BACK);
        assertThat(step.actions()).as("r03 is still being applied: wait for it").containsExactly(
            new Action.Revert("r01"));
        state = step.state().reverted("r01", OptionalInt.of(3)).applied("r03", OptionalInt.of(2), true, "", now);
        step = step(state);
        assertThat(step.actions()).as("r02 never took the change").containsExactly(new Action.Revert("r03"));
        state = step.state().reverted("r03", OptionalInt.of(3));
        state = step(state).state();
        assertThat(state.state()).isEqualTo(State.ROLLED_BACK);
        assertThat(state.reason().orElseThrow()).startsWith("aborted by the operator, with rollback; 2 routers "
            + "rolled back");
        assertThat(state.wave(1)).allSatisfy(result -> assertThat(result.phase()).isEqualTo(Phase.WAITING));
    }

    // --- budgets and breaches -------------------------------------------------------------------------------------

    @Test
    void aBreachedWaveBudgetHaltsAtOnceAndNoNewRouterStarts() {
        RolloutState state = RolloutState.create("r", plan(List.of(), List.of(new WaveSize.Count(5)),
            Budget.ofCount(1), BreachAction.HALT, false, Duration.ZERO, 2), routers(10)).start(now);
        Step step = step(state);
        state = step.state().applyFailed("r01", new Failure("validate", "pfctl: syntax error", now), now);
        assertThat(state.state()).as("one failure is within the budget").isEqualTo(State.RUNNING);
        state = step(state).state().applyFailed("r02", new Failure("validate", "pfctl: syntax error", now), now);
        assertThat(state.state()).isEqualTo(State.HALTED);
        assertThat(state.reason()).contains("wave 1: 2 of 5 routers failed, over the wave's budget of 1 (r01 validate: "
            + "pfctl: syntax error; r02 validate: pfctl: syntax error): halted");
        // r03 was started before the breach; it finishes and is recorded, nothing else starts
        state = state.applied("r03", OptionalInt.of(2), true, "", now);
        assertThat(step(state).actions()).isEmpty();
        assertThat(applies).containsOnlyKeys("r01", "r02", "r03");
        assertThat(state.count(Phase.WAITING)).isEqualTo(7);
    }

    @Test
    void rollbackWavePutsBackTheBreachedWaveOnlyAndTheNextWaveIsNeverTouched() {
        final Set<String> failing = Set.of("r05", "r06");
        RolloutState state = RolloutState.create("r", plan(List.of(), List.of(new WaveSize.Count(3)),
            Budget.ofCount(1), BreachAction.ROLLBACK_WAVE, false, Duration.ZERO, 3), routers(9)).start(now);
        state = drive(state, failing);
        assertThat(state.state()).isEqualTo(State.ROLLED_BACK);
        assertThat(state.reason().orElseThrow()).startsWith("wave 2: 2 of 3 routers failed, over the wave's budget "
            + "of 1 (r05 validate: refused; r06 validate: refused): rolling back wave 2; 1 routers rolled back");
        assertThat(reverts).as("only the router of wave 2 that took the change").containsOnlyKeys("r04");
        assertThat(state.wave(0)).allSatisfy(result -> assertThat(result.phase()).isEqualTo(Phase.HEALTHY));
        assertThat(state.wave(2)).allSatisfy(result -> assertThat(result.phase()).isEqualTo(Phase.WAITING));
        assertThat(applies).doesNotContainKeys("r07", "r08", "r09");
        assertThat(state.router("r05").error().orElseThrow().step()).isEqualTo("validate");
    }

    @Test
    void rollbackAllPutsBackEveryWaveThatTookTheChange() {
        RolloutState state = RolloutState.create("r", plan(List.of(), List.of(new WaveSize.Count(3)),
            Budget.ofCount(1), BreachAction.ROLLBACK_ALL, false, Duration.ZERO, 3), routers(9)).start(now);
        state = drive(state, Set.of("r05", "r06"));
        assertThat(state.state()).isEqualTo(State.ROLLED_BACK);
        assertThat(reverts).containsOnlyKeys("r01", "r02", "r03", "r04");
        assertThat(state.count(Phase.ROLLED_BACK)).isEqualTo(4);
    }

    @Test
    void theWholeRolloutBudgetCountsFailuresOfEveryWave() {
        // each wave tolerates one failure of three; the rollout tolerates 2 in all: the third, in wave 3, breaches
        RolloutState state = RolloutState.create("r", new RolloutPlan(List.of(), List.of(new WaveSize.Count(3)),
            Duration.ZERO, Budget.ofCount(1), Budget.ofCount(2), BreachAction.HALT, false, 3), routers(12)).start(now);
        state = drive(state, Set.of("r01", "r04", "r07"));
        assertThat(state.state()).isEqualTo(State.HALTED);
        assertThat(state.reason().orElseThrow()).startsWith("3 of 12 routers failed, over the rollout's budget of 2");
        assertThat(applies).doesNotContainKeys("r10", "r11", "r12");
    }

    @Test
    void aPercentBudgetCountsOnlyRoutersTriedAndUnreachableRoutersAreExcludedAndReported() {
        // wave 2 of 10 routers, 3 of them unreachable when it starts: 1 failure of 7 tried is 14 %, over 10 %
        reachable = router -> !Set.of("r12", "r13", "r14").contains(router);
        RolloutState state = RolloutState.create("r", plan(List.of(), List.of(new WaveSize.Count(10)),
            Budget.ofPercent(10), BreachAction.HALT, false, Duration.ZERO, 10), routers(20)).start(now);
        state = drive(state, Set.of("r15"));
        assertThat(state.state()).isEqualTo(State.HALTED);
        assertThat(state.reason().orElseThrow()).startsWith("wave 2: 1 of 7 routers failed, over the wave's budget "
            + "of 10%");
        assertThat(state.router("r12").phase()).isEqualTo(Phase.EXCLUDED);
        assertThat(state.router("r12").error().orElseThrow().message()).isEqualTo("unreachable when wave 2 started: "
            + "not tried, not counted");
        assertThat(applies).doesNotContainKeys("r12", "r13", "r14");
    }

    @Test
    void aRouterThatFailsItsGateAtTheEndOfTheSoakCountsAsAFailureAndIsRolledBack() {
        RolloutState state = RolloutState.create("r", plan(List.of(), List.of(new WaveSize.Count(2)),
            Budget.ofCount(0), BreachAction.ROLLBACK_WAVE, false, SOAK, 2), routers(4)).start(now);
        Step step = step(state);
        state = step.state().applied("r01", OptionalInt.of(2), true, "", now).applied("r02", OptionalInt.of(2), true,
            "", now);
        now = now.plus(SOAK);
        step = step(state);
        assertThat(step.actions()).containsExactly(new Action.Check("r01"), new Action.Check("r02"));
        state = step.state().checked("r01", true, "", now).checked("r02", false, "read-back: /etc/pf.conf differs "
            + "from what was pushed", now);
        assertThat(state.state()).isEqualTo(State.ROLLING_BACK);
        step = step(state);
        assertThat(step.actions()).containsExactly(new Action.Revert("r01"), new Action.Revert("r02"));
        assertThat(step.state().router("r02").error().orElseThrow()).hasToString("health: read-back: /etc/pf.conf "
            + "differs from what was pushed");
        assertThat(step.state().router("r02").verdict()).isEqualTo(Verdict.UNHEALTHY);
    }

    @Test
    void aGateThatFailsRightAfterTheCommitLeavesTheRouterChangedSoThatARollbackCoversIt() {
        RolloutState state = RolloutState.create("r", plan(List.of(), List.of(new WaveSize.Count(1)),
            Budget.ofCount(0), BreachAction.ROLLBACK_WAVE, false), routers(2)).start(now);
        state = step(state).state().applied("r01", OptionalInt.of(2), false, "unreachable after the commit", now);
        final Step step = step(state);
        assertThat(step.actions()).containsExactly(new Action.Revert("r01"));
        assertThat(step.state().router("r01").changed()).isTrue();
    }

    // --- failover -------------------------------------------------------------------------------------------------

    @Test
    void anEngineThatTakesOverMidWaveVerifiesWhatWasInFlightAndAppliesNothingTwice() {
        RolloutState state = RolloutState.create("r", plan(List.of(), List.of(new WaveSize.Count(4)),
            Budget.ofCount(0), BreachAction.HALT, false, SOAK, 3), routers(8)).start(now);
        // engine A: persists the step (r01..r03 applying) before acting, then hears from r01 and r02 only
        Step step = step(state);
        RolloutState persisted = step.state();
        persisted = persisted.applied("r01", OptionalInt.of(2), true, "", now);
        now = now.plus(SOAK);
        step = step(persisted);
        persisted = step.state();
        assertThat(step.actions()).containsExactly(new Action.Check("r01"), new Action.Apply("r04"));
        // engine A dies here: r02 took the commit (unreported), r03 and r04 never got theirs, r01's gate was running

        // engine B, another member, adopts what the datastore kept
        now = now.plusSeconds(30);
        step = RolloutMachine.adopt(persisted, now, reachable);
        assertThat(step.actions()).containsExactly(new Action.Check("r01"), new Action.Verify("r02"),
            new Action.Verify("r03"), new Action.Verify("r04"));
        state = step.state().verified("r02", true, OptionalInt.of(2), now)
            .verified("r03", false, OptionalInt.of(1), now)
            .verified("r04", false, OptionalInt.of(1), now)
            .checked("r01", true, "", now);
        step = step(state);
        assertThat(step.actions()).as("only the routers the commit never reached are applied")
            .containsExactly(new Action.Apply("r03"), new Action.Apply("r04"));
        assertThat(step.state().router("r02").phase()).isEqualTo(Phase.SOAKING);
        state = drive(step.state().applied("r03", OptionalInt.of(2), true, "", now).applied("r04", OptionalInt.of(2),
            true, "", now), 0);
        assertThat(state.state()).isEqualTo(State.DONE);
        assertThat(applies).as("A applied r01..r04 once; B applied r03 and r04, which A never reached")
            .containsEntry("r01", 1).containsEntry("r02", 1).containsEntry("r03", 2).containsEntry("r04", 2);
        assertThat(handed).filteredOn(action -> action instanceof Action.Apply && action.router().equals("r02"))
            .hasSize(1);
    }

    @Test
    void anEngineThatTakesOverARollbackRunsTheRevertsAgainWhichAreSafeToRepeat() {
        RolloutState state = RolloutState.create("r", plan(List.of(), List.of(new WaveSize.Count(2)),
            Budget.ofCount(0), BreachAction.ROLLBACK_WAVE, false, Duration.ZERO, 2), routers(2)).start(now);
        state = step(state).state().applied("r01", OptionalInt.of(2), true, "", now)
            .applyFailed("r02", new Failure("commit", "the connection dropped", now), now);
        final RolloutState persisted = step(state).state();
        assertThat(persisted.router("r01").phase()).isEqualTo(Phase.REVERTING);
        final Step adopted = RolloutMachine.adopt(persisted, now, reachable);
        assertThat(adopted.actions()).containsExactly(new Action.Revert("r01"));
        assertThat(step(adopted.state().reverted("r01", OptionalInt.of(3))).state().state())
            .isEqualTo(State.ROLLED_BACK);
    }

    // --- the test's engine ----------------------------------------------------------------------------------------

    private Step step(final RolloutState state) {
        final Step step = RolloutMachine.next(state, now, reachable);
        handed.addAll(step.actions());
        step.actions().forEach(action -> {
            if (action instanceof Action.Apply) {
                applies.merge(action.router(), 1, Integer::sum);
            } else if (action instanceof Action.Revert) {
                reverts.merge(action.router(), 1, Integer::sum);
            }
        });
        return step;
    }

    /** Runs the rollout until it needs the operator or ends; {@code failing} routers fail validation. */
    private RolloutState drive(final RolloutState start, final Set<String> failing) {
        RolloutState state = start;
        for (int round = 0; round < 1000; round++) {
            final Step step = step(state);
            state = step.state();
            if (step.actions().isEmpty()) {
                if (step.wakeAt().isEmpty()) {
                    return state;
                }
                now = step.wakeAt().orElseThrow();
                continue;
            }
            for (Action action : step.actions()) {
                state = switch (action) {
                    case Action.Apply apply when failing.contains(apply.router()) -> state.applyFailed(apply.router(),
                        new Failure("validate", "refused", now), now);
                    case Action.Apply apply -> state.applied(apply.router(), OptionalInt.of(2), true, "", now);
                    case Action.Verify verify -> state.verified(verify.router(), false, OptionalInt.of(1), now);
                    case Action.Check check -> state.checked(check.router(), true, "", now);
                    case Action.Revert revert -> state.reverted(revert.router(), OptionalInt.of(3));
                };
            }
        }
        throw new AssertionError("the rollout does not settle: " + state);
    }

    private RolloutState drive(final RolloutState start, final int ignored) {
        return drive(start, Set.of());
    }

    private static RolloutPlan plan(final List<String> canary, final List<WaveSize> waves, final Budget budget,
            final BreachAction breach, final boolean approval) {
        return plan(canary, waves, budget, breach, approval, Duration.ZERO, 10);
    }

    private static RolloutPlan plan(final List<String> canary, final List<WaveSize> waves, final Budget budget,
            final BreachAction breach, final boolean approval, final Duration soak, final int concurrency) {
        return new RolloutPlan(canary, waves, soak, budget, Budget.UNLIMITED, breach, approval, concurrency);
    }

    private static List<String> routers(final int count) {
        return IntStream.rangeClosed(1, count).mapToObj(index -> String.format("r%02d", index)).toList();
    }
}

/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opendaylight.openbsdpbr.api.device.Credentials;
import org.opendaylight.openbsdpbr.api.device.DeviceConnector;
import org.opendaylight.openbsdpbr.api.device.Probe;
import org.opendaylight.openbsdpbr.api.files.FileSet;
import org.opendaylight.openbsdpbr.api.intent.PfTable;
import org.opendaylight.openbsdpbr.api.intent.Profile;
import org.opendaylight.openbsdpbr.api.intent.RouterIntent;
import org.opendaylight.openbsdpbr.api.intent.SharedIntent;
import org.opendaylight.openbsdpbr.impl.compile.Compilations;
import org.opendaylight.openbsdpbr.impl.compile.CompileInputs;
import org.opendaylight.openbsdpbr.impl.compile.Compiled;
import org.opendaylight.openbsdpbr.impl.compile.IntentCompiler;
import org.opendaylight.openbsdpbr.impl.controller.StatusView.Sync;
import org.opendaylight.openbsdpbr.impl.device.DevicePush;
import org.opendaylight.openbsdpbr.impl.render.ApplyPlanner;
import org.opendaylight.openbsdpbr.impl.rollout.BreachAction;
import org.opendaylight.openbsdpbr.impl.rollout.Budget;
import org.opendaylight.openbsdpbr.impl.rollout.RolloutPlan;
import org.opendaylight.openbsdpbr.impl.rollout.RolloutState;
import org.opendaylight.openbsdpbr.impl.rollout.RolloutState.State;
import org.opendaylight.openbsdpbr.impl.rollout.RouterResult;
import org.opendaylight.openbsdpbr.impl.rollout.RouterResult.Phase;
import org.opendaylight.openbsdpbr.impl.rollout.WaveSize;

/**
 * Rollouts carried out over real reconcilers and in-memory routers, on a clock the test moves: a staged profile change
 * waits on every router until a rollout releases it wave by wave; a breached budget rolls the wave back with the
 * routers' own generations and the next wave is never touched (each router's commits are counted); a profile that
 * changes mid-rollout halts it; a persisted state is adopted by a new engine without applying twice.
 */
class RolloutEngineTest {
    // the reconciler tests' settings, seed intent and key
    private static final Duration CONFIRM = RouterReconcilerTest.CONFIRM;
    private static final ControllerSettings SETTINGS = RouterReconcilerTest.SETTINGS;
    private static final RouterIntent SEED = RouterReconcilerTest.SEED;
    private static final Credentials KEY = RouterReconcilerTest.KEY;
    private static final Profile V1 = profile("192.0.2.1");
    private static final Profile V2 = profile("192.0.2.2");
    /** A router's own new intent: the seed with a table of its own. */
    private static final RouterIntent OWN = SEED.withShared(new SharedIntent(List.of(new PfTable("own_table", null,
        true, false, List.of("198.51.100.1"))), null, null, null, null, null, null));

    private final FakeTime time = new FakeTime();
    private final Map<String, FakeRouter> routers = new LinkedHashMap<>();
    private final Compilations compilations = new Compilations(IntentCompiler.standard());
    private final List<RolloutState> written = new ArrayList<>();
    /** What the engines persisted last: the carried contents (the same for every state of a rollout). */
    private final Map<String, RolloutEngine.Change> carried = new LinkedHashMap<>();
    /** The pins the fleets keep beyond their memory, as the datastore would. */
    private final Map<String, Optional<Profile>> storedPins = new java.util.concurrent.ConcurrentHashMap<>();
    private final PinStore pinStore = new PinStore() {
        @Override
        public void pinned(final String router, final String profile, final Optional<Profile> content) {
            storedPins.put(router + "/" + profile, content);
        }

        @Override
        public void unpinned(final String router, final String profile) {
            storedPins.remove(router + "/" + profile);
        }
    };
    private DeviceConnector connector;
    private Fleet fleet;
    private RolloutEngine engine;

    private final StatusSink sink = new StatusSink() {
        @Override
        public void write(final String name, final StatusView status) {
            // the rollout's own status is what the test reads
        }

        @Override
        public void clear(final String name) {
            // nothing kept
        }
    };

    @BeforeEach
    void setUp() {
        IntStream.rangeClosed(1, 9).mapToObj(index -> String.format("r%02d", index))
            .forEach(name -> routers.put(name, new FakeRouter(name, time)));
        connector = RolloutFixtures.connector(routers, name -> { });
        fleet = new Fleet(new DevicePush(connector, ApplyPlanner::plan, time), sink, (name, owner) -> {
            owner.gained();
            return owner::lost;
        }, SETTINGS, compilations, Runnable::run, time);
        fleet.keepPinsIn(pinStore);
        engine = new RolloutEngine(fleet, time, this::persist);
        fleet.profileChanged(V1, true);
        routers.keySet().forEach(name -> fleet.routerChanged(spec(name)));
        settle();
        // a router that never got files from the controller takes the staged profile at once: nothing to keep
        routers.forEach((name, router) -> assertThat(router.running()).as(name).isEqualTo(files(name, V1)));
    }

    @AfterEach
    void tearDown() {
        engine.close();
        fleet.close();
    }

    @Test
    void aStagedChangeWaitsOnEveryRouterUntilARolloutCarriesItWaveByWave() {
        fleet.profileChanged(V2, true);
        settle(Duration.ofMinutes(20));
        assertThat(routers.values()).allSatisfy(router -> assertThat(router.commits).hasValue(1));
        // pinned to the content they run: in sync with it, the new content waits for the rollout
        assertThat(fleet.router("r05").orElseThrow().status().sync()).isEqualTo(Sync.IN_SYNC);
        assertThat(fleet.router("r05").orElseThrow().status().intendedRevision()).contains(files("r05", V1)
            .revision());

        final RolloutState started = engine.start("branch-v2", plan(BreachAction.ROLLBACK_WAVE, Budget.ofCount(1)),
            "branch", List.of());
        settle();
        final RolloutState done = engine.state("branch-v2").orElseThrow();
        assertThat(started.waves()).hasSize(3);
        assertThat(done.state()).isEqualTo(State.DONE);
        routers.forEach((name, router) -> {
            assertThat(router.running()).as(name).isEqualTo(files(name, V2));
            assertThat(router.commits).as(name).hasValue(2);
        });
        assertThat(done.count(Phase.HEALTHY)).isEqualTo(9);
        // every state was persisted, waves in order
        assertThat(written.stream().map(RolloutState::wave).distinct()).containsExactly(0, 1, 2);
        settle(Duration.ofMinutes(20));
        assertThat(routers.values()).allSatisfy(router -> assertThat(router.commits).hasValue(2));
    }

    @Test
    void aPinnedRouterStillTakesItsOwnIntentCompiledWithTheContentItRuns() {
        fleet.profileChanged(V2, true);
        final RouterIntent changed = SEED.withShared(new SharedIntent(List.of(new PfTable("own_table", null, true,
            false, List.of("198.51.100.1"))), null, null, null, null, null, null));
        fleet.routerChanged(new RouterSpec("r02", spec("r02").target(), null, Optional.of(changed), null,
            List.of("branch"), CONFIRM, false, true));
        settle();
        final var compiled = (Compiled.Ready) compilations.compile(CompileInputs.of("r02", Optional.of(changed), null,
            List.of("branch"), found -> V1, Optional.of(new CompileInputs.Login("root", false))));
        assertThat(routers.get("r02").running()).isEqualTo(compiled.files());
        assertThat(routers.get("r02").commits).hasValue(2);
    }

    @Test
    void aBreachInWaveTwoRollsTheWaveBackAndWaveThreeIsNeverTouched() {
        fleet.profileChanged(V2, true);
        routers.get("r05").refuseValidation("/etc/pf.conf:52: syntax error");
        routers.get("r06").refuseValidation("/etc/pf.conf:52: syntax error");
        settle();
        engine.start("branch-v2", plan(BreachAction.ROLLBACK_WAVE, Budget.ofCount(1)), "branch", List.of());
        settle();

        final RolloutState state = engine.state("branch-v2").orElseThrow();
        assertThat(state.state()).isEqualTo(State.ROLLED_BACK);
        assertThat(state.reason().orElseThrow()).startsWith("wave 2: 2 of 3 routers failed, over the wave's budget "
            + "of 1 (r05 validate: ");
        assertThat(state.router("r05").error().orElseThrow().step()).isEqualTo("validate");
        // wave 1 keeps the change; r04 took it and was put back on the generation before; r05, r06 never took it
        for (String name : List.of("r01", "r02", "r03")) {
            assertThat(routers.get(name).running()).as(name).isEqualTo(files(name, V2));
        }
        assertThat(state.router("r04").phase()).isEqualTo(Phase.ROLLED_BACK);
        assertWaveTwoPutBackAndWaveThreeUntouched(state);
        // the rolled-back and never-reached routers stay where they are
        settle(Duration.ofMinutes(20));
        assertThat(routers.get("r04").running()).isEqualTo(files("r04", V1));
        assertThat(routers.get("r07").commits).hasValue(1);
    }

    @Test
    void aProfileChangedMidRolloutHaltsIt() {
        fleet.profileChanged(V2, true);
        engine.start("branch-v2", new RolloutPlan(List.of("r01"), List.of(new WaveSize.Count(4)),
            Duration.ofMinutes(5), Budget.ofCount(0), Budget.UNLIMITED, BreachAction.HALT, false, 4), "branch",
            List.of());
        settle();
        assertThat(engine.state("branch-v2").orElseThrow().state()).isEqualTo(State.SOAKING);
        fleet.profileChanged(profile("192.0.2.3"), true);
        settle(Duration.ofMinutes(6));
        final RolloutState state = engine.state("branch-v2").orElseThrow();
        assertThat(state.state()).isEqualTo(State.HALTED);
        assertThat(state.reason().orElseThrow()).startsWith("profile branch changed while the rollout ran");
        assertThat(routers.get("r02").commits).hasValue(1);
    }

    @Test
    void startIsRefusedForAnImmediateProfileAnUnknownTargetOrASecondRolloutOfTheProfile() {
        fleet.profileChanged(V2, true);
        final RolloutPlan plan = plan(BreachAction.HALT, Budget.ofCount(0));
        assertThatThrownBy(() -> engine.start("x", plan, "nope", List.of()))
            .hasMessage("rollout[x]/change/profile: no profile named nope is configured");
        assertThatThrownBy(() -> engine.start("x", plan, "branch", List.of("r01", "elsewhere")))
            .hasMessage("rollout[x]/target: router elsewhere does not list profile branch");
        engine.start("x", new RolloutPlan(List.of(), List.of(new WaveSize.Count(1)), Duration.ZERO, Budget.ofCount(0),
            Budget.UNLIMITED, BreachAction.HALT, true, 1), "branch", List.of());
        settle();
        assertThat(engine.state("x").orElseThrow().state()).isEqualTo(State.WAITING_APPROVAL);
        assertThatThrownBy(() -> engine.start("y", plan, "branch", List.of()))
            .hasMessage("rollout x of profile branch runs already: one rollout per profile at a time");
        fleet.profileChanged(V2, false);
        assertThatThrownBy(() -> engine.start("z", plan, "branch", List.of())).hasMessageContaining("is not staged");
    }

    @Test
    void anotherEngineAdoptsAPersistedRolloutWithoutApplyingTwice() {
        fleet.profileChanged(V2, true);
        engine.start("branch-v2", new RolloutPlan(List.of(), List.of(new WaveSize.Count(3)), Duration.ZERO,
            Budget.ofCount(0), Budget.UNLIMITED, BreachAction.HALT, true, 3), "branch", List.of());
        settle();
        final RolloutState persisted = written.get(written.size() - 1);
        assertThat(persisted.state()).isEqualTo(State.WAITING_APPROVAL);
        engine.close();

        // a new engine (another member's) on the same fleet, from what was written
        final var other = new RolloutEngine(fleet, time, this::persist);
        assertThat(other.adopt(persisted, carried.get("branch-v2"), List.of()).state())
            .isEqualTo(State.WAITING_APPROVAL);
        assertThat(routers.values()).filteredOn(router -> router.commits.get() == 2).hasSize(3);
        other.approve("branch-v2", 2);
        settle();
        other.approve("branch-v2", 3);
        settle();
        assertThat(other.state("branch-v2").orElseThrow().state()).isEqualTo(State.DONE);
        assertThat(routers.values()).allSatisfy(router -> assertThat(router.commits).hasValue(2));
        other.close();
    }

    /**
     * The member that runs a rollout stops mid-wave (its rollouts singleton moves; the commits it had under way finish
     * on their routers), and a new controller takes over from what the first one persisted: the rollout's state and
     * contents, and the pins of the staged profile. The new fleet, started from scratch, keeps wave 3 on the content
     * it runs (no push at start), the engine verifies wave 2 on the routers instead of applying it again, and the
     * rollout ends with exactly one new commit on every router.
     */
    @Test
    void aControllerThatTakesOverMidWaveResumesFromWhatWasPersistedAndCommitsEachRouterOnce() {
        fleet.profileChanged(V2, true);
        settle();
        List.of("r04", "r05", "r06").forEach(name -> routers.get(name).holdConfirms(true));
        engine.start("branch-v2", new RolloutPlan(List.of(), List.of(new WaveSize.Count(3)), Duration.ofMinutes(5),
            Budget.ofCount(0), Budget.UNLIMITED, BreachAction.ROLLBACK_WAVE, false, 3), "branch", List.of());
        settle(Duration.ofSeconds(301));
        final RolloutState midWave = engine.state("branch-v2").orElseThrow();
        assertThat(midWave.wave()).isEqualTo(1);
        assertThat(midWave.wave(1)).allSatisfy(result -> assertThat(result.phase()).isEqualTo(Phase.APPLYING));
        assertThat(List.of("r04", "r05", "r06")).allSatisfy(name -> assertThat(routers.get(name).commits)
            .hasValue(2));

        // the first member stops: nothing is written any more, the commits under way finish on the routers
        engine.lostOwnership("member-2");
        final int writes = written.size();
        List.of("r04", "r05", "r06").forEach(name -> routers.get(name).releaseConfirms());
        settle();
        assertThat(written).hasSize(writes);
        final RolloutState persisted = written.get(writes - 1);
        assertThat(persisted.wave(1)).allSatisfy(result -> assertThat(result.phase()).isEqualTo(Phase.APPLYING));
        assertThatThrownBy(() -> engine.pause("branch-v2")).hasMessageContaining("call that member");
        engine.close();
        fleet.close();

        // a new controller: the pins are read back asynchronously, arriving after the configuration and after the
        // routers were gained; meanwhile every router of the staged profile is held on what it runs
        final List<Ownership.Owner> owners = new ArrayList<>();
        final Fleet second = new Fleet(new DevicePush(connector, ApplyPlanner::plan, time), sink, (name, owner) -> {
            owners.add(owner);
            return owner::lost;
        }, SETTINGS, compilations, Runnable::run, time);
        second.keepPinsIn(pinStore);
        second.awaitPins();
        second.profileChanged(V2, true);
        routers.keySet().forEach(name -> second.routerChanged(spec(name)));
        owners.forEach(Ownership.Owner::gained);
        settle(Duration.ofMinutes(1));
        assertThat(routers.values()).as("held while the pins are read").allSatisfy(router -> assertThat(
            router.commits).hasValueLessThanOrEqualTo(2));
        assertThat(List.of("r07", "r08", "r09")).allSatisfy(name -> assertThat(routers.get(name).running())
            .isEqualTo(files(name, V1)));
        final Map<String, Map<String, Optional<Profile>>> stored = new java.util.HashMap<>();
        Map.copyOf(storedPins).forEach((key, pin) -> stored.put(key.substring(0, key.indexOf('/')), Map.of("branch",
            pin)));
        second.restorePins(stored);
        settle(Duration.ofMinutes(1));
        assertThat(List.of("r07", "r08", "r09")).as("wave 3 stays on the content it runs").allSatisfy(name -> {
            assertThat(routers.get(name).commits).hasValue(1);
            assertThat(routers.get(name).running()).isEqualTo(files(name, V1));
        });

        final var taker = new RolloutEngine(second, time, this::persist);
        try {
            taker.adopt(persisted, carried.get("branch-v2"), List.of());
            settle();
            assertThat(taker.state("branch-v2").orElseThrow().wave(1)).as("verified on the router, not applied")
                .allSatisfy(result -> assertThat(result.phase()).isEqualTo(Phase.SOAKING));
            settle(Duration.ofMinutes(11));
            final RolloutState done = taker.state("branch-v2").orElseThrow();
            assertThat(done.state()).isEqualTo(State.DONE);
            assertThat(done.count(Phase.HEALTHY)).isEqualTo(9);
            routers.forEach((name, router) -> {
                assertThat(router.running()).as(name).isEqualTo(files(name, V2));
                assertThat(router.commits).as(name + ": its first install, then the rollout's one commit").hasValue(2);
            });
        } finally {
            taker.close();
            second.close();
        }
    }

    /**
     * Operator probes run on each router after its read-back passed: their results are recorded per router, and a
     * probe that gets no answer fails the router's health (here over the wave's budget: the wave is rolled back).
     */
    @Test
    void aProbeThatGetsNoAnswerFailsTheRoutersHealth() {
        fleet.profileChanged(V2, true);
        routers.get("r05").unanswered("192.0.2.53");
        final List<Probe> probes = List.of(new Probe("dns", 1, 3, "192.0.2.53"), new Probe("v6", 0, 1,
            "2001:db8::53"));
        engine.start("branch-v2", plan(BreachAction.ROLLBACK_WAVE, Budget.ofCount(0)), "branch", List.of(), probes);
        settle();
        final RolloutState state = engine.state("branch-v2").orElseThrow();
        assertThat(state.state()).isEqualTo(State.ROLLED_BACK);
        assertThat(state.router("r01").probes()).containsExactly(new RouterResult.ProbeOutcome("dns", 3, 3),
            new RouterResult.ProbeOutcome("v6", 1, 1));
        assertThat(state.router("r05").probes()).containsExactly(new RouterResult.ProbeOutcome("dns", 3, 0),
            new RouterResult.ProbeOutcome("v6", 1, 1));
        assertThat(state.router("r05").error().orElseThrow()).hasToString("health: probe dns: 0 of 3 answered");
        assertThat(state.reason().orElseThrow()).startsWith("wave 2: 1 of 3 routers failed, over the wave's budget "
            + "of 0 (r05 health: probe dns: 0 of 3 answered)");
        // the router took the change, and the rollback put it back; wave 3 never ran a probe
        assertThat(routers.get("r05").running()).isEqualTo(files("r05", V1));
        assertThat(routers.get("r05").generation()).isEqualTo(3);
        assertThat(routers.get("r07").probes).hasValue(0);
        assertThat(routers.get("r01").probes).hasValue(2);
    }

    /**
     * A rollout whose configuration is removed stops at once: nothing new starts, nothing more is written, and every
     * router keeps what it runs (those not reached stay on the content they ran, also when the profile moves on).
     */
    @Test
    void aForgottenRolloutStopsAndLeavesEveryRouterOnWhatItRuns() {
        fleet.profileChanged(V2, true);
        engine.start("branch-v2", new RolloutPlan(List.of(), List.of(new WaveSize.Count(3)), Duration.ofMinutes(5),
            Budget.ofCount(0), Budget.UNLIMITED, BreachAction.HALT, false, 3), "branch", List.of());
        settle();
        assertThat(engine.forget("branch-v2")).isTrue();
        final int writes = written.size();
        settle(Duration.ofMinutes(20));
        assertThat(written).hasSize(writes);
        assertThat(engine.state("branch-v2")).isEmpty();
        assertThat(engine.forget("branch-v2")).isFalse();
        routers.forEach((name, router) -> assertThat(router.running()).as(name).isEqualTo(files(name,
            List.of("r01", "r02", "r03").contains(name) ? V2 : V1)));
        assertThat(routers.get("r09").commits).hasValue(1);
    }

    /**
     * A rollout of routers' own intents: each router's new intent waits (it keeps the intent it runs, and a profile
     * change still reaches it compiled with that intent) until its wave; with fail-validate on two routers of wave 2
     * and a budget of one, the rollout halts in wave 2, the wave is rolled back, wave 3 is never touched (its
     * generations prove it), and the routers put back stay on the intent they ran.
     */
    @Test
    void aRolloutOfRoutersOwnIntentsMovesWaveByWaveAndABreachRollsWaveTwoBack() {
        routers.keySet().forEach(name -> fleet.routerChanged(spec(name), true));
        settle();
        routers.keySet().forEach(name -> fleet.routerChanged(spec(name, OWN), true));
        settle(Duration.ofMinutes(20));
        routers.forEach((name, router) -> {
            assertThat(router.commits).as(name + ": its new intent waits").hasValue(1);
            assertThat(router.running()).isEqualTo(files(name, V1));
        });
        assertThat(fleet.router("r05").orElseThrow().status().sync()).isEqualTo(Sync.IN_SYNC);
        assertThat(fleet.pinnedIntent("r05")).contains(SEED);
        // its pin is kept as held only: the intent itself holds secrets
        assertThat(storedPins).containsEntry("r05/" + Fleet.OWN_INTENT, Optional.empty());

        routers.get("r05").refuseValidation("/etc/pf.conf:52: syntax error");
        routers.get("r06").refuseValidation("/etc/pf.conf:52: syntax error");
        engine.startIntents("own-v2", plan(BreachAction.ROLLBACK_WAVE, Budget.ofCount(1)), List.of(), List.of());
        settle();
        final RolloutState state = engine.state("own-v2").orElseThrow();
        assertThat(state.state()).isEqualTo(State.ROLLED_BACK);
        assertThat(state.reason().orElseThrow()).startsWith("wave 2: 2 of 3 routers failed, over the wave's budget "
            + "of 1 (r05 validate: ");
        for (String name : List.of("r01", "r02", "r03")) {
            assertThat(routers.get(name).running()).as(name).isEqualTo(files(name, V1, OWN));
            assertThat(fleet.pinnedIntent(name)).as("runs its configuration: no pin").contains(OWN);
        }
        assertWaveTwoPutBackAndWaveThreeUntouched(state);
        // a profile change still reaches a router outside the rollout, compiled with the intent it runs
        fleet.profileChanged(V2, false);
        settle(Duration.ofMinutes(1));
        assertThat(routers.get("r08").running()).isEqualTo(files("r08", V2));
        assertThat(routers.get("r02").running()).isEqualTo(files("r02", V2, OWN));
    }

    @Test
    void aRolloutOfOwnIntentsReachesEveryRouterAndRefusesAnImmediateOne() {
        routers.keySet().forEach(name -> fleet.routerChanged(spec(name), !name.equals("r09")));
        settle();
        routers.keySet().forEach(name -> fleet.routerChanged(spec(name, OWN), !name.equals("r09")));
        settle();
        assertThat(routers.get("r09").running()).as("immediate: at once").isEqualTo(files("r09", V1, OWN));
        assertThatThrownBy(() -> engine.startIntents("own-v2", plan(BreachAction.HALT, Budget.ofCount(0)),
            List.of("r01", "r09"), List.of())).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("router r09 does not have its own intent staged");

        engine.startIntents("own-v2", plan(BreachAction.HALT, Budget.ofCount(0)), List.of(), List.of());
        settle();
        final RolloutState done = engine.state("own-v2").orElseThrow();
        assertThat(done.state()).isEqualTo(State.DONE);
        assertThat(done.routers()).hasSize(8);
        routers.forEach((name, router) -> {
            assertThat(router.running()).as(name).isEqualTo(files(name, V1, OWN));
            assertThat(router.commits).as(name).hasValue(2);
        });
        assertThat(storedPins).doesNotContainKey("r01/" + Fleet.OWN_INTENT);
        assertThat(written.get(written.size() - 1).state()).isEqualTo(State.DONE);
        assertThat(carried.get("own-v2")).isInstanceOf(RolloutEngine.CarriedIntents.class);
    }

    // --- helpers --------------------------------------------------------------------------------------------------

    /**
     * After a breach in wave 2 (r04-r06) with rollback-wave: wave 2 and wave 3 run the seed with V1, r04 (which took
     * the change) was put back by a new generation, and wave 3 (r07-r09) was never touched.
     */
    private void assertWaveTwoPutBackAndWaveThreeUntouched(final RolloutState state) {
        for (String name : List.of("r04", "r05", "r06", "r07", "r08", "r09")) {
            assertThat(routers.get(name).running()).as(name).isEqualTo(files(name, V1));
        }
        assertThat(routers.get("r04").generation()).as("rollback is a new generation").isEqualTo(3);
        for (String name : List.of("r07", "r08", "r09")) {
            assertThat(routers.get(name).commits).as(name + " never touched").hasValue(1);
            assertThat(state.router(name).phase()).isEqualTo(Phase.WAITING);
        }
    }

    /**
     * A wave's start waits for the routers' managers to say whether they are reachable, at most the plan's
     * concurrency asked at once; an answer that arrives after the operator paused the rollout is dropped, and the
     * resumed wave asks again: a router that was down for a moment is tried once it is up (an answer kept across the
     * pause excluded it from the rollout for good).
     */
    @Test
    void aWaveStartAsksTheManagersAndAPauseSpendsTheAnswersAskedBeforeIt() {
        fleet.profileChanged(V2, true);
        settle(Duration.ofMinutes(20));
        final Map<String, java.util.concurrent.CompletableFuture<RouterSteps.Result>> asked = new LinkedHashMap<>();
        final int[] mostAtOnce = {0};
        final FleetSteps local = new FleetSteps(fleet);
        final RouterSteps managers = new RouterSteps() {
            @Override
            public java.util.concurrent.CompletionStage<Result> run(final Step step) {
                if (step instanceof Step.Reach && step.router().compareTo("r04") >= 0) {
                    // routers of waves 2 and 3 are managed elsewhere: their answers come when the test says
                    final var answer = new java.util.concurrent.CompletableFuture<Result>();
                    asked.put(step.router(), answer);
                    mostAtOnce[0] = Math.max(mostAtOnce[0], (int) asked.values().stream()
                        .filter(pending -> !pending.isDone()).count());
                    return answer;
                }
                return local.run(step);
            }
        };
        final RolloutEngine asking = new RolloutEngine(fleet, managers, time, this::persist);
        try {
            asking.start("branch-v2", new RolloutPlan(List.of(), List.of(new WaveSize.Count(3)), Duration.ZERO,
                Budget.ofCount(0), Budget.UNLIMITED, BreachAction.HALT, false, 2), "branch", List.of());
            settle();
            assertThat(asking.state("branch-v2").orElseThrow().wave()).as("wave 2 waits for its answers").isZero();
            assertThat(asked.keySet()).as("at most the plan's concurrency asked at once").containsExactly("r04",
                "r05");

            asking.pause("branch-v2");
            asked.values().forEach(answer -> answer.complete(new RouterSteps.Result.Reached(false)));
            settle();
            asked.clear();
            asking.resume("branch-v2");
            settle();
            for (int round = 0; round < 60 && !asking.state("branch-v2").orElseThrow().state().isFinal(); round++) {
                List.copyOf(asked.values()).forEach(answer -> answer.complete(new RouterSteps.Result.Reached(true)));
                settle();
            }

            final RolloutState done = asking.state("branch-v2").orElseThrow();
            assertThat(done.state()).as(done.reason().orElse("")).isEqualTo(State.DONE);
            assertThat(done.count(Phase.HEALTHY)).as("no router excluded by an answer from before the pause")
                .isEqualTo(9);
            assertThat(mostAtOnce[0]).isLessThanOrEqualTo(2);
        } finally {
            asking.close();
        }
    }

    private void persist(final RolloutEngine.Change what, final RolloutState state) {
        written.add(state);
        carried.put(state.name(), what);
    }

    private static RolloutPlan plan(final BreachAction breach, final Budget budget) {
        return new RolloutPlan(List.of(), List.of(new WaveSize.Count(3)), Duration.ZERO, budget, Budget.UNLIMITED,
            breach, false, 3);
    }

    private static Profile profile(final String address) {
        return RolloutFixtures.profile(address);
    }

    private void settle() {
        settle(Duration.ofSeconds(1));
    }

    private void settle(final Duration duration) {
        RolloutFixtures.settle(time, duration);
    }

    private FileSet files(final String name, final Profile profile) {
        return files(name, profile, SEED);
    }

    private FileSet files(final String name, final Profile profile, final RouterIntent intent) {
        return RolloutFixtures.files(compilations, name, profile, intent);
    }

    private static RouterSpec spec(final String name) {
        return spec(name, SEED);
    }

    private static RouterSpec spec(final String name, final RouterIntent intent) {
        return RolloutFixtures.spec(name, intent);
    }
}

/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.mdsal;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.util.concurrent.MoreExecutors;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opendaylight.mdsal.binding.dom.adapter.test.util.BindingBrokerTestFactory;
import org.opendaylight.mdsal.binding.dom.adapter.test.util.BindingTestContext;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.openbsdpbr.api.device.DeviceConnector;
import org.opendaylight.openbsdpbr.api.files.FileSet;
import org.opendaylight.openbsdpbr.api.intent.PfTable;
import org.opendaylight.openbsdpbr.api.intent.Profile;
import org.opendaylight.openbsdpbr.api.intent.RouterIntent;
import org.opendaylight.openbsdpbr.api.intent.SharedIntent;
import org.opendaylight.openbsdpbr.impl.compile.Compilations;
import org.opendaylight.openbsdpbr.impl.compile.IntentCompiler;
import org.opendaylight.openbsdpbr.impl.controller.Command;
import org.opendaylight.openbsdpbr.impl.controller.FakeRouter;
import org.opendaylight.openbsdpbr.impl.controller.FakeTime;
import org.opendaylight.openbsdpbr.impl.controller.Fleet;
import org.opendaylight.openbsdpbr.impl.controller.Ownership;
import org.opendaylight.openbsdpbr.impl.controller.RolloutEngine;
import org.opendaylight.openbsdpbr.impl.controller.RolloutFixtures;
import org.opendaylight.openbsdpbr.impl.controller.RouterSpec;
import org.opendaylight.openbsdpbr.impl.controller.StatusSink;
import org.opendaylight.openbsdpbr.impl.controller.StatusView;
import org.opendaylight.openbsdpbr.impl.controller.StatusView.Connection;
import org.opendaylight.openbsdpbr.impl.device.DevicePush;
import org.opendaylight.openbsdpbr.impl.render.ApplyPlanner;
import org.opendaylight.openbsdpbr.impl.rollout.BreachAction;
import org.opendaylight.openbsdpbr.impl.rollout.Budget;
import org.opendaylight.openbsdpbr.impl.rollout.RolloutMachine;
import org.opendaylight.openbsdpbr.impl.rollout.RolloutPlan;
import org.opendaylight.openbsdpbr.impl.rollout.RolloutState;
import org.opendaylight.openbsdpbr.impl.rollout.RolloutState.State;
import org.opendaylight.openbsdpbr.impl.rollout.RouterResult.Phase;
import org.opendaylight.openbsdpbr.impl.rollout.WaveSize;
import org.opendaylight.openbsdpbr.impl.secret.KeyedDigest;
import org.opendaylight.openbsdpbr.impl.secret.SecretKeys;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.rollout.keep.Pin;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.rollout.keep.PinKey;

/**
 * A rollout in a cluster of two members over MD-SAL's own RPC router (which routes {@code call-owner} by the router's
 * path, as ODL's remote RPC connector does between members) and one datastore (the cluster's replicated
 * configuration): member-1 manages r01-r03 and runs the rollout, member-2 manages r04-r06. Every step on member-2's
 * routers is carried to member-2 and run there by its reconciler (the in-memory routers count each member's sessions
 * and every commit); the pins member-2's commits compile are the ones it was told, written to the keep by member-2.
 */
class ClusterStepsTest {
    private static final RouterIntent SEED = RolloutFixtures.SEED;
    private static final Profile V1 = profile("192.0.2.1");
    private static final Profile V2 = profile("192.0.2.2");
    /** The deployment's digest key, shared by the members as the key file is (keep stamps, call-owner stamps). */
    private static final KeyedDigest DIGEST = SecretKeys.generate().digest();
    private static final KeepStamps STAMPS = new KeepStamps(DIGEST);

    private final FakeTime time = new FakeTime();
    private final Map<String, FakeRouter> routers = new LinkedHashMap<>();
    /** Which member opened a session to which router ("member-2 r04"), in order. */
    private final List<String> sessions = java.util.Collections.synchronizedList(new ArrayList<>());
    private final List<RolloutState> written = new ArrayList<>();
    private final Map<String, RolloutEngine.Change> carried = new HashMap<>();
    private final Compilations compilations = new Compilations(IntentCompiler.standard());
    private BindingTestContext mdsal;
    private ScheduledExecutorService timer;
    private Member one;
    private Member two;

    /** A cluster member: its fleet, forwarding, keep and rollout engine. */
    private final class Member {
        final Map<String, Ownership.Owner> owners = new ConcurrentHashMap<>();
        final Fleet fleet;
        final StagedPinStore pins;
        final RolloutEngine engine;

        Member(final String name, final Set<String> manages) {
            final var calls = new OwnerCalls(mdsal.getBindingRpcProviderRegistry(), mdsal.getBindingRpcService(),
                mdsal.getCodec().currentSerializer(), DIGEST, name, timer, Duration.ofMillis(600));
            fleet = new Fleet(new DevicePush(connector(name), ApplyPlanner::plan, time), new StatusSink() {
                @Override
                public void write(final String router, final StatusView status) {
                    // the rollout's state is what the test reads
                }

                @Override
                public void clear(final String router) {
                    // nothing kept
                }
            }, calls.serving((router, owner) -> {
                owners.put(router, owner);
                return () -> owners.remove(router);
            }), RolloutFixtures.SETTINGS, compilations, Runnable::run, time);
            pins = new StagedPinStore(mdsal.getDataBroker(), () -> mdsal.getCodec().currentSerializer()
                .getRuntimeContext().modelContext(), mdsal.getCodec().currentSerializer(), STAMPS, name);
            fleet.keepPinsIn(pins);
            pins.load(fleet);
            pins.follow(fleet);
            engine = new RolloutEngine(fleet, new ClusterSteps(fleet, calls, pins, name), time,
                ClusterStepsTest.this::persist);
            fleet.profileChanged(V1, true);
            routers.keySet().forEach(router -> fleet.routerChanged(spec(router)));
            manages.forEach(router -> owners.get(router).gained());
        }

        void close() {
            engine.close();
            fleet.close();
            pins.close();
        }
    }

    @BeforeEach
    void setUp() {
        final var factory = new BindingBrokerTestFactory();
        factory.setExecutor(MoreExecutors.newDirectExecutorService());
        mdsal = factory.getTestContext();
        mdsal.start();
        timer = Executors.newSingleThreadScheduledExecutor();
        IntStream.rangeClosed(1, 6).mapToObj(index -> String.format("r%02d", index))
            .forEach(name -> routers.put(name, new FakeRouter(name, time)));
        one = new Member("member-1", Set.of("r01", "r02", "r03"));
        two = new Member("member-2", Set.of("r04", "r05", "r06"));
        settle();
        routers.forEach((name, router) -> {
            assertThat(router.running()).as(name).isEqualTo(files(name, V1));
            assertThat(router.commits).as(name).hasValue(1);
        });
        sessions.clear();
        // the staged change: every member pins every router to what it runs, the managing member keeps the pin
        one.fleet.profileChanged(V2, true);
        two.fleet.profileChanged(V2, true);
        settle(Duration.ofMinutes(5));
        assertThat(routers.values()).allSatisfy(router -> assertThat(router.commits).hasValue(1));
    }

    @AfterEach
    void tearDown() throws Exception {
        one.close();
        two.close();
        timer.shutdownNow();
        mdsal.close();
    }

    @Test
    void aRolloutRunOnOneMemberReachesTheRoutersTheOtherManagesThroughTheirManager() throws Exception {
        one.engine.start("branch-v2", plan(3, BreachAction.HALT, Budget.ofCount(0)), "branch", List.of());
        settle();

        final RolloutState done = doneOnV2Once(one.engine);
        routers.keySet().forEach(name -> assertThat(done.router(name).generation()).as(name).hasValue(2));
        // member-2's routers were reached by member-2 only, and member-1's by member-1 only
        assertThat(sessions).isNotEmpty().allSatisfy(session -> assertThat(session).isIn(
            "member-1 r01", "member-1 r02", "member-1 r03", "member-2 r04", "member-2 r05", "member-2 r06"));
        assertThat(sessions).contains("member-2 r04", "member-2 r05", "member-2 r06");
        // the pin member-2 was told: in its fleet, and in the keep as member-2 wrote it; member-1 follows it
        assertThat(two.fleet.pinned("r05", "branch")).contains(V2);
        awaitKept("r05", V2);
        settle(Duration.ofMinutes(20));
        assertThat(routers.values()).allSatisfy(router -> assertThat(router.commits).hasValue(2));
    }

    @Test
    void aFailureOnTheOtherMembersRouterComesBackWithItsStepAndItsWaveIsRolledBackThere() throws Exception {
        routers.get("r05").refuseValidation("/etc/pf.conf:52: syntax error");
        one.engine.start("branch-v2", plan(3, BreachAction.ROLLBACK_WAVE, Budget.ofCount(0)), "branch", List.of());
        settle();

        final RolloutState state = one.engine.state("branch-v2").orElseThrow();
        assertThat(state.state()).isEqualTo(State.ROLLED_BACK);
        assertThat(state.reason().orElseThrow()).startsWith("wave 2: 1 of 3 routers failed, over the wave's budget "
            + "of 0 (r05 validate: ");
        assertThat(state.router("r05").error().orElseThrow().step()).isEqualTo("validate");
        for (String name : List.of("r01", "r02", "r03")) {
            assertThat(routers.get(name).running()).as(name).isEqualTo(files(name, V2));
        }
        for (String name : List.of("r04", "r06")) {
            assertThat(state.router(name).phase()).as(name).isEqualTo(Phase.ROLLED_BACK);
            assertThat(routers.get(name).running()).as(name).isEqualTo(files(name, V1));
            assertThat(routers.get(name).generation()).as(name + ": the rollback is a new generation").isEqualTo(3);
        }
        assertThat(routers.get("r05").commits).as("r05 refused at validation").hasValue(1);
        // put back on what they ran, on the member that manages them, and they stay there
        assertThat(two.fleet.pinned("r04", "branch")).contains(V1);
        awaitKept("r04", V1);
        settle(Duration.ofMinutes(20));
        assertThat(routers.get("r04").running()).isEqualTo(files("r04", V1));
        assertThat(sessions).noneMatch(session -> session.startsWith("member-1 r0") && session.compareTo(
            "member-1 r04") >= 0);
    }

    /**
     * A router member-2 manages, and knows to be unreachable, is asked of member-2 when its wave starts (the same
     * forwarding as its steps): it is left out of the wave and of the budget's denominator and reported, and the
     * rollout goes on. Judged on member-1, which runs the rollout, it counted as reachable: its apply failed at
     * {@code connect} and broke the wave's budget of 0.
     */
    @Test
    void aRouterItsManagerFindsUnreachableWhenItsWaveStartsIsExcludedNotFailed() throws Exception {
        downOnMemberTwo("r05");
        sessions.clear();

        one.engine.start("branch-v2", plan(3, BreachAction.HALT, Budget.ofCount(0)), "branch", List.of());
        settle();

        doneWithoutR05(one.engine);
        assertThat(sessions).as("the rollout's member never tried r05").doesNotContain("member-1 r05");
    }

    /**
     * Member-1 runs the rollout and loses it mid-wave 2 (its commits on r03 and r04 wait for their confirms); member-2
     * takes it over from what member-1 persisted: it verifies r03 on member-1 and r04 here by reading them back,
     * applies wave 3, and no router is committed twice.
     */
    @Test
    void aRolloutTakenOverByTheOtherMemberMidWaveCommitsNoRouterTwice() throws Exception {
        routers.get("r03").holdConfirms(true);
        routers.get("r04").holdConfirms(true);
        one.engine.start("branch-v2", plan(2, BreachAction.ROLLBACK_WAVE, Budget.ofCount(0)), "branch", List.of());
        settle();
        final RolloutState midWave = one.engine.state("branch-v2").orElseThrow();
        assertThat(midWave.wave()).isEqualTo(1);
        assertThat(midWave.wave(1)).allSatisfy(result -> assertThat(result.phase()).isEqualTo(Phase.APPLYING));

        // member-1 loses the rollouts: nothing more is written; the commits under way complete on their routers
        one.engine.lostOwnership("member-2");
        final int writes = written.size();
        routers.get("r03").releaseConfirms();
        routers.get("r04").releaseConfirms();
        settle();
        assertThat(written).hasSize(writes);
        final RolloutState persisted = written.get(writes - 1);
        assertThat(persisted.wave(1)).allSatisfy(result -> assertThat(result.phase()).isEqualTo(Phase.APPLYING));

        two.engine.adopt(persisted, carried.get("branch-v2"), List.of());
        settle();
        doneOnV2Once(two.engine);
        assertThat(sessions).allSatisfy(session -> assertThat(session).isIn("member-1 r01", "member-1 r02",
            "member-1 r03", "member-2 r04", "member-2 r05", "member-2 r06"));
    }

    /**
     * Member-1 takes over a rollout whose kept progress says wave 1 (member-1's routers) passed and wave 2 has not
     * started (member-2, which ran it, died while it asked wave 2's managers): its first step starts wave 2, whose
     * routers member-2 manages, and r05, which member-2 knows to be down, is asked of member-2 and excluded, as a
     * running rollout does. The takeover judged it on member-1 without asking, where a router managed elsewhere
     * counted as reachable: its apply failed at {@code connect} and halted the rollout on its budget of 0.
     */
    @Test
    void aRolloutTakenOverAsksTheManagersWhetherTheNextWavesRoutersAreReachable() throws Exception {
        final RolloutPlan soaked = new RolloutPlan(List.of(), List.of(new WaveSize.Count(3)), Duration.ofMinutes(1),
            Budget.ofCount(0), Budget.UNLIMITED, BreachAction.HALT, false, 3);
        two.engine.start("branch-v2", soaked, "branch", List.of());
        settle();
        two.engine.lostOwnership("member-1");
        RolloutState passed = written.get(written.size() - 1);
        assertThat(passed.state()).isEqualTo(State.SOAKING);
        downOnMemberTwo("r05");
        // the soak is over by the time member-1 takes over
        settle(Duration.ofMinutes(2));
        // wave 1's gates passed after its soak; wave 2 not started
        passed = RolloutMachine.next(passed, time.now(), router -> true).state();
        for (String router : List.of("r01", "r02", "r03")) {
            passed = passed.checked(router, true, "", time.now());
        }
        assertThat(passed.wave()).isZero();
        assertThat(passed.wave(1)).allSatisfy(result -> assertThat(result.phase()).isEqualTo(Phase.WAITING));

        one.engine.adopt(passed, carried.get("branch-v2"), List.of());
        settle(Duration.ofMinutes(2));
        doneWithoutR05(one.engine);
    }

    /**
     * A rollout of the routers' own intents, run on member-1: the intent itself is never sent (it holds secrets), the
     * managing member takes the intent configured there, and each router is committed once, by its manager.
     */
    @Test
    void aRolloutOfOwnIntentsReachesTheOtherMembersRoutersWithTheIntentConfiguredThere() {
        final RouterIntent own = SEED.withShared(new SharedIntent(List.of(new PfTable("own_table", null, true, false,
            List.of("198.51.100.1"))), null, null, null, null, null, null));
        for (Member member : List.of(one, two)) {
            routers.keySet().forEach(name -> member.fleet.routerChanged(spec(name, SEED), true));
        }
        settle();
        for (Member member : List.of(one, two)) {
            routers.keySet().forEach(name -> member.fleet.routerChanged(spec(name, own), true));
        }
        settle(Duration.ofMinutes(5));
        assertThat(routers.values()).as("the new intents wait").allSatisfy(router -> assertThat(router.commits)
            .hasValue(1));

        one.engine.startIntents("own-v2", plan(3, BreachAction.HALT, Budget.ofCount(0)), List.of(), List.of());
        settle();
        final RolloutState done = one.engine.state("own-v2").orElseThrow();
        assertThat(done.state()).as(done.reason().orElse("")).isEqualTo(State.DONE);
        routers.forEach((name, router) -> {
            assertThat(router.running()).as(name).isEqualTo(files(name, V1, own));
            assertThat(router.commits).as(name).hasValue(2);
        });
        assertThat(two.fleet.pinnedIntent("r05")).as("runs its configuration: no pin").contains(own);
        assertThat(sessions).allSatisfy(session -> assertThat(session).isIn("member-1 r01", "member-1 r02",
            "member-1 r03", "member-2 r04", "member-2 r05", "member-2 r06"));
    }

    // --- helpers --------------------------------------------------------------------------------------------------

    /** branch-v2 is done on this engine with r05 excluded as unreachable when wave 2 started, untouched. */
    private void doneWithoutR05(final RolloutEngine engine) {
        final RolloutState done = engine.state("branch-v2").orElseThrow();
        assertThat(done.state()).as(done.reason().orElse("")).isEqualTo(State.DONE);
        assertThat(done.router("r05").phase()).isEqualTo(Phase.EXCLUDED);
        assertThat(done.router("r05").error().orElseThrow().message()).contains("unreachable when wave 2 started");
        assertThat(done.count(Phase.HEALTHY)).isEqualTo(5);
        assertThat(routers.get("r05").commits).as("r05 untouched").hasValue(1);
    }

    /** A router member-2 manages goes down, and member-2 knows it (its check-sync failed to connect). */
    private void downOnMemberTwo(final String router) {
        routers.get(router).refuseConnections(true);
        two.fleet.submit(router, new Command.CheckSync());
        settle();
        assertThat(two.fleet.router(router).orElseThrow().status().connection()).as("member-2 knows " + router
            + " is down").isNotIn(Connection.CONNECTED, Connection.UNKNOWN);
    }

    /** branch-v2 is done on this engine, all 6 routers healthy, each on V2 with the rollout's one commit. */
    private RolloutState doneOnV2Once(final RolloutEngine engine) {
        final RolloutState done = engine.state("branch-v2").orElseThrow();
        assertThat(done.state()).as(done.reason().orElse("")).isEqualTo(State.DONE);
        assertThat(done.count(Phase.HEALTHY)).isEqualTo(6);
        routers.forEach((name, router) -> {
            assertThat(router.running()).as(name).isEqualTo(files(name, V2));
            assertThat(router.commits).as(name + ": the rollout's one commit").hasValue(2);
        });
        return done;
    }

    /**
     * Waits for rollout-keep to pin the router to a content on profile branch (the keep is written on its own thread)
     * and for member-1, which does not manage it, to have followed it.
     */
    private void awaitKept(final String router, final Profile content) throws Exception {
        final String revision = two.pins.revision(content);
        final long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        String kept;
        do {
            try (var tx = mdsal.getDataBroker().newReadOnlyTransaction()) {
                kept = tx.read(LogicalDatastoreType.CONFIGURATION, StagedPinStore.ROOT.toBuilder().child(Pin.class,
                    new PinKey("branch", router)).build()).get().map(Pin::getRevision).orElse("(none)");
            }
            if (kept.equals(revision) && one.fleet.pinned(router, "branch").equals(Optional.of(content))) {
                return;
            }
            Thread.sleep(20);
        } while (System.nanoTime() < deadline);
        assertThat(kept).as("rollout-keep/pin[branch, " + router + "]").isEqualTo(revision);
        assertThat(one.fleet.pinned(router, "branch")).as("member-1 follows the pin").contains(content);
    }

    /** The routers as one member reaches them: each session opened is recorded with the member's name. */
    private DeviceConnector connector(final String member) {
        return RolloutFixtures.connector(routers, router -> sessions.add(member + " " + router));
    }

    private void persist(final RolloutEngine.Change what, final RolloutState state) {
        written.add(state);
        carried.put(state.name(), what);
    }

    private static RolloutPlan plan(final int perWave, final BreachAction breach, final Budget budget) {
        return new RolloutPlan(List.of(), List.of(new WaveSize.Count(perWave)), Duration.ZERO, budget,
            Budget.UNLIMITED, breach, false, perWave);
    }

    private static Profile profile(final String address) {
        return RolloutFixtures.profile(address);
    }

    private static RouterSpec spec(final String name) {
        return spec(name, SEED);
    }

    private static RouterSpec spec(final String name, final RouterIntent intent) {
        return RolloutFixtures.spec(name, intent);
    }

    private FileSet files(final String name, final Profile profile) {
        return files(name, profile, SEED);
    }

    private FileSet files(final String name, final Profile profile, final RouterIntent intent) {
        return RolloutFixtures.files(compilations, name, profile, intent);
    }

    private void settle() {
        settle(Duration.ofSeconds(1));
    }

    private void settle(final Duration duration) {
        RolloutFixtures.settle(time, duration);
    }
}

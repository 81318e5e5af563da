/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.mdsal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.util.concurrent.ListenableFuture;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.openbsdpbr.api.device.Probe;
import org.opendaylight.openbsdpbr.api.intent.PfTable;
import org.opendaylight.openbsdpbr.api.intent.Profile;
import org.opendaylight.openbsdpbr.api.intent.RouterIntent;
import org.opendaylight.openbsdpbr.api.intent.SharedIntent;
import org.opendaylight.openbsdpbr.impl.compile.Compilations;
import org.opendaylight.openbsdpbr.impl.compile.IntentCompiler;
import org.opendaylight.openbsdpbr.impl.controller.FakeRouter;
import org.opendaylight.openbsdpbr.impl.controller.FakeTime;
import org.opendaylight.openbsdpbr.impl.controller.Fleet;
import org.opendaylight.openbsdpbr.impl.controller.RolloutEngine;
import org.opendaylight.openbsdpbr.impl.controller.RolloutFixtures;
import org.opendaylight.openbsdpbr.impl.controller.StatusSink;
import org.opendaylight.openbsdpbr.impl.controller.StatusView;
import org.opendaylight.openbsdpbr.impl.device.DevicePush;
import org.opendaylight.openbsdpbr.impl.importer.IntentJsonWriter;
import org.opendaylight.openbsdpbr.impl.render.ApplyPlanner;
import org.opendaylight.openbsdpbr.impl.rollout.BreachAction;
import org.opendaylight.openbsdpbr.impl.rollout.Budget;
import org.opendaylight.openbsdpbr.impl.rollout.RolloutPlan;
import org.opendaylight.openbsdpbr.impl.rollout.RolloutState;
import org.opendaylight.openbsdpbr.impl.rollout.WaveSize;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.IpAddressNoZone;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.Ipv4AddressNoZone;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.Ipv6AddressNoZone;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.Profiles;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.Rollouts;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.Routers;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.StartRollout;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.StartRolloutInputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.StartRolloutOutput;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.profiles.ProfileBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.rollouts.Rollout;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.rollouts.RolloutBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.rollouts.rollout.ChangeBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.rollouts.rollout.ProbeBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.rollouts.rollout.TargetBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.rollouts.rollout.WaveBudgetBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.rollouts.rollout.probe.kind.ping.PingBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.routers.Router;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.routers.RouterBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.types.rev261124.Label;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.types.rev261124.ObjectName;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.types.rev261124.RdomainId;
import org.opendaylight.yangtools.binding.DataObjectIdentifier;
import org.opendaylight.yangtools.yang.common.Empty;
import org.opendaylight.yangtools.yang.common.ErrorTag;
import org.opendaylight.yangtools.yang.common.RpcResult;
import org.opendaylight.yangtools.yang.common.Uint16;
import org.opendaylight.yangtools.yang.common.Uint32;
import org.opendaylight.yangtools.yang.common.Uint8;

/**
 * A configured rollout as the engine gets it: the YANG defaults stand in for absent leaves (bindings carry none),
 * wave sizes are parsed as counts, percentages and rest, and targets by label keep only routers that list the
 * profile and carry every label.
 */
class RolloutRpcsTest {
    private static Rollout rollout(final List<String> waves) {
        return new RolloutBuilder().setName(new ObjectName("r")).setChange(new ChangeBuilder()
            .setProfile(new ObjectName("branch")).build()).setWave(waves).build();
    }

    @Test
    void absentLeavesTakeTheirYangDefaults() {
        assertThat(RolloutRpcs.plan(rollout(null))).isEqualTo(new RolloutPlan(List.of(), List.of(new WaveSize.Rest()),
            Duration.ZERO, Budget.ofCount(0), Budget.UNLIMITED, BreachAction.HALT, false, 32));
    }

    @Test
    void waveSizesAreCountsPercentagesOrRestAndTheBudgetIsRead() {
        final Rollout rollout = new RolloutBuilder(rollout(List.of("1", "10%", "rest"))).setSoak(Uint32.valueOf(30))
            .setWaveBudget(new WaveBudgetBuilder().setPercent(Uint8.valueOf(5))
                .build()).setBreachAction(Rollout.BreachAction.RollbackAll).setApproval(true)
            .setConcurrency(Uint16.valueOf(8)).build();
        assertThat(RolloutRpcs.plan(rollout)).isEqualTo(new RolloutPlan(List.of(), List.of(new WaveSize.Count(1),
            new WaveSize.Percent(10), new WaveSize.Rest()), Duration.ofSeconds(30), Budget.ofPercent(5),
            Budget.UNLIMITED, BreachAction.ROLLBACK_ALL, true, 8));
    }

    @Test
    void aBadWaveIsRefusedNamingIt() {
        assertThatThrownBy(() -> RolloutRpcs.plan(rollout(List.of("0%"))))
            .hasMessage("rollouts/rollout[name=r]/wave[0%]: waves/wave/percent: 1 to 100, not 0");
    }

    @Test
    void targetsByLabelAreRoutersOfTheProfileCarryingEveryLabel() {
        final Rollout rollout = new RolloutBuilder(rollout(null)).setTarget(new TargetBuilder()
            .setLabel(Set.of(new Label("site=tokyo"))).build()).build();
        final List<Router> routers = List.of(router("a", "branch", "site=tokyo"), router("b", "branch", "site=osaka"),
            router("c", "other", "site=tokyo"), router("d", "branch", "site=tokyo"));
        assertThat(RolloutRpcs.targets(rollout, routers)).containsExactly("a", "d");
        assertThat(RolloutRpcs.targets(rollout(null), routers)).as("no target: the engine's default").isEmpty();
    }

    /** Probes keep the order configured and take the YANG defaults (rdomain 0, 3 requests) for absent leaves. */
    @Test
    void probesAreReadInOrderWithTheirDefaults() {
        final PingBuilder upstream = new PingBuilder().setDestination(new IpAddressNoZone(new Ipv4AddressNoZone(
            "8.8.8.8"))).setRdomain(new RdomainId(Uint8.ONE)).setCount(Uint8.TWO);
        final PingBuilder local = new PingBuilder().setDestination(new IpAddressNoZone(new Ipv6AddressNoZone(
            "2001:db8::1")));
        final Rollout rollout = new RolloutBuilder(rollout(null)).setProbe(List.of(probe("upstream", upstream),
            probe("local", local))).build();
        assertThat(RolloutRpcs.probes(rollout)).containsExactly(new Probe("upstream", 1, 2, "8.8.8.8"),
            new Probe("local", 0, 3, "2001:db8::1"));
        assertThatThrownBy(() -> RolloutRpcs.probes(new RolloutBuilder(rollout(null)).setProbe(List.of(probe("x",
            new PingBuilder()))).build())).hasMessage("rollouts/rollout[name=r]/probe[name=x]/ping/destination: "
                + "missing");
    }

    @Test
    void aMemberThatDoesNotRunTheRolloutsRefusesAtOnceEvenWhileItsFleetLags() throws Exception {
        try (Member member = new Member()) {
            member.engine.lostOwnership("member-2 runs them");
            final RolloutPersistenceTest.Broker broker = member.broker;
            // the datastore holds a staged profile this member's fleet has not taken in (it lags)
            final var write = broker.getDataBroker().newWriteOnlyTransaction();
            final var profile = StagedPinStore.binding(broker.model().get(), broker.codec(),
                IntentJsonWriter.profile(RolloutFixtures.profile("192.0.2.2")));
            write.put(LogicalDatastoreType.CONFIGURATION, DataObjectIdentifier.builder(Profiles.class).child(
                org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.profiles.Profile.class,
                profile.key()).build(), new ProfileBuilder(profile).setApply(
                    org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.profiles.Profile.Apply
                        .Staged).build());
            final Rollout rollout = rollout(List.of("1", "rest"));
            write.put(LogicalDatastoreType.CONFIGURATION, DataObjectIdentifier.builder(Rollouts.class)
                .child(Rollout.class, rollout.key()).build(), rollout);
            write.commit().get(30, TimeUnit.SECONDS);

            final var answer = member.start(broker.getDataBroker());
            // no fake time passes: the refusal may not wait for the fleet (before: 30 s of waiting, then in-use)
            final var result = answer.get(10, TimeUnit.SECONDS);
            assertThat(result.getErrors()).singleElement().satisfies(error -> assertThat(error.getMessage())
                .contains("not this one").contains("member-2 runs them"));
        }
    }

    /**
     * start-rollout on a member just back in the cluster, whose shard leader is another member and which does not
     * run the rollouts: it refuses at once, naming where they run. It never answered (session 8's ClusterE2E eee, 3
     * of 5 runs): its three reads went to the leader at once and the answers that overtook the first were dropped by
     * the datastore's frontend ({@link RemoteLeaderBroker}).
     */
    @Test
    void aRejoinedMemberWhoseShardLeaderIsElsewhereAnswersTheStart() throws Exception {
        try (Member member = new Member()) {
            member.engine.lostOwnership("member-2 runs them");
            final RolloutPersistenceTest.Broker broker = member.broker;
            final var write = broker.getDataBroker().newWriteOnlyTransaction();
            final Rollout rollout = rollout(List.of("1", "rest"));
            write.put(LogicalDatastoreType.CONFIGURATION, DataObjectIdentifier.builder(Rollouts.class)
                .child(Rollout.class, rollout.key()).build(), rollout);
            write.commit().get(30, TimeUnit.SECONDS);
            final RemoteLeaderBroker remote = new RemoteLeaderBroker(broker.getDataBroker());

            final var answer = member.start(remote.broker());
            while (!answer.isDone() && remote.deliver()) {
                // the leader's answers arrive one by one; no time passes
            }
            assertThat(answer).as("start-rollout answered (answers lost: " + remote.dropped() + ")").isDone();
            assertThat(answer.get().getErrors()).singleElement().satisfies(error -> assertThat(error.getMessage())
                .contains("not this one").contains("member-2 runs them"));
        }
    }

    /**
     * A member whose datastore does not answer at all (its leader's answers never arrive): start-rollout answers
     * operation-failed within two bounds, saying to ask another member, instead of outliving the client's timeout.
     */
    @Test
    void aMemberWhoseDatastoreDoesNotAnswerSaysSoInsteadOfHanging() throws Exception {
        try (Member member = new Member()) {
            final FakeTime time = member.time;
            final RemoteLeaderBroker remote = new RemoteLeaderBroker(member.broker.getDataBroker());
            final var answer = member.start(remote.broker());
            time.advance(Reads.BOUND);
            assertThat(answer).as("read again from a fresh transaction first").isNotDone();
            time.advance(Reads.BOUND);
            assertThat(answer).isDone();
            assertThat(remote.transactions()).isEqualTo(2);
            assertThat(answer.get().getErrors()).singleElement().satisfies(error -> {
                assertThat(error.getTag()).isEqualTo(ErrorTag.OPERATION_FAILED);
                assertThat(error.getMessage()).isEqualTo("start-rollout r: this member's datastore did not answer a "
                    + "read of config Rollout within 10 s, twice (a member that has just joined the cluster may not "
                    + "answer yet): ask another member");
            });
        }
    }

    /**
     * An operator PUTs a staged profile's change and starts its rollout at once, before this controller's listener
     * has handed the change to the fleet: the start waits for it, and the rollout carries the change to every router.
     * It used to carry what the fleet knew a moment before, the previous content, and halted as soon as the change
     * arrived ("profile branch changed while the rollout ran", every router still waiting: the controller
     * benchmark's staged rollout).
     */
    @Test
    void aRolloutStartedRightAfterItsProfileChangedCarriesTheChange() throws Exception {
        final Profile v1 = RolloutFixtures.profile("192.0.2.1");
        final Profile v2 = RolloutFixtures.profile("192.0.2.2");
        try (Member member = new Member("r01", "r02", "r03")) {
            member.fleet.profileChanged(v1, true);
            member.routers.keySet().forEach(name -> member.fleet.routerChanged(RolloutFixtures.spec(name,
                RolloutFixtures.SEED)));
            RolloutFixtures.settle(member.time, Duration.ofMinutes(1));
            // the operator's writes: the profile's change, the routers listing it, the rollout
            final var write = member.broker.getDataBroker().newWriteOnlyTransaction();
            final var profile = StagedPinStore.binding(member.broker.model().get(), member.broker.codec(),
                IntentJsonWriter.profile(v2));
            write.put(LogicalDatastoreType.CONFIGURATION, DataObjectIdentifier.builder(Profiles.class).child(
                org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.profiles.Profile.class,
                profile.key()).build(), new ProfileBuilder(profile).setApply(
                    org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.profiles.Profile.Apply
                        .Staged).build());
            for (String name : member.routers.keySet()) {
                final Router router = new RouterBuilder().setName(new ObjectName(name)).setProfile(List.of(
                    new ObjectName("branch"))).build();
                write.put(LogicalDatastoreType.CONFIGURATION, DataObjectIdentifier.builder(Routers.class)
                    .child(Router.class, router.key()).build(), router);
            }
            final Rollout rollout = rollout(List.of("1", "rest"));
            write.put(LogicalDatastoreType.CONFIGURATION, DataObjectIdentifier.builder(Rollouts.class)
                .child(Rollout.class, rollout.key()).build(), rollout);
            write.commit().get(30, TimeUnit.SECONDS);

            final var answer = member.start(member.broker.getDataBroker());
            // the listener hands the change over only now
            RolloutFixtures.settle(member.time, Duration.ofSeconds(1));
            member.fleet.profileChanged(v2, true);
            startedAndDone(answer, member.engine, member.time);
            member.routers.forEach((name, router) -> assertThat(router.running()).as(name).isEqualTo(
                RolloutFixtures.files(member.compilations, name, v2, RolloutFixtures.SEED)));
        }
    }

    /**
     * The same for a rollout of routers' own intents: an operator PUTs the routers' new intents and starts their
     * rollout at once, before this controller's listener has handed them to the fleet; the start waits for them and
     * the rollout carries them to every router. It started on the intents the fleet held a moment before and halted
     * when the new ones arrived ("the intent of router ... changed while the rollout ran").
     */
    @Test
    void aRolloutOfOwnIntentsStartedRightAfterTheirChangeCarriesTheChange() throws Exception {
        final Profile branch = RolloutFixtures.profile("192.0.2.1");
        final RouterIntent own = RolloutFixtures.SEED.withShared(new SharedIntent(List.of(new PfTable("own_table",
            null, true, false, List.of("198.51.100.1"))), null, null, null, null, null, null));
        try (Member member = new Member("r01", "r02", "r03")) {
            member.fleet.profileChanged(branch, false);
            member.routers.keySet().forEach(name -> member.fleet.routerChanged(RolloutFixtures.spec(name,
                RolloutFixtures.SEED), true));
            RolloutFixtures.settle(member.time, Duration.ofMinutes(1));
            // the operator's writes: the routers with their new intents, staged (the test's mapping reads the intent
            // from a label, standing in for RouterSpecs), and the rollout
            final var write = member.broker.getDataBroker().newWriteOnlyTransaction();
            for (String name : member.routers.keySet()) {
                final Router router = new RouterBuilder().setName(new ObjectName(name)).setApply(Router.Apply.Staged)
                    .setLabel(Set.of(new Label("intent=own"))).build();
                write.put(LogicalDatastoreType.CONFIGURATION, DataObjectIdentifier.builder(Routers.class)
                    .child(Router.class, router.key()).build(), router);
            }
            final Rollout rollout = new RolloutBuilder().setName(new ObjectName("r")).setChange(new ChangeBuilder()
                .setRouterIntents(Empty.value()).build()).setWave(List.of("1", "rest")).build();
            write.put(LogicalDatastoreType.CONFIGURATION, DataObjectIdentifier.builder(Rollouts.class)
                .child(Rollout.class, rollout.key()).build(), rollout);
            write.commit().get(30, TimeUnit.SECONDS);

            final var answer = start(new RolloutRpcs(Reads.of(member.broker.getDataBroker(), member.fleet),
                member.engine, router -> Optional.of(orEmpty(router.getLabel()).contains(new Label("intent=own"))
                    ? own : RolloutFixtures.SEED)));
            // the listener hands the new intents over only now
            RolloutFixtures.settle(member.time, Duration.ofSeconds(1));
            member.routers.keySet().forEach(name -> member.fleet.routerChanged(RolloutFixtures.spec(name, own), true));
            startedAndDone(answer, member.engine, member.time);
            member.routers.forEach((name, router) -> assertThat(router.running()).as(name).isEqualTo(
                RolloutFixtures.files(member.compilations, name, branch, own)));
        }
    }

    private static <T> Set<T> orEmpty(final Set<T> values) {
        return values == null ? Set.of() : values;
    }

    /** The start answers without an error once the fleet took in what it read, and rollout r is done. */
    private static void startedAndDone(final ListenableFuture<RpcResult<StartRolloutOutput>> answer,
            final RolloutEngine engine, final FakeTime time) throws Exception {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!answer.isDone() && System.nanoTime() < deadline) {
            RolloutFixtures.settle(time, Duration.ofMillis(100));
            Thread.sleep(10);
        }
        assertThat(answer.get(1, TimeUnit.SECONDS).getErrors()).isEmpty();
        RolloutFixtures.settle(time, Duration.ofMinutes(5));
        final RolloutState state = engine.state("r").orElseThrow();
        assertThat(state.state()).as("rollout r: " + state.reason().orElse("")).isEqualTo(RolloutState.State.DONE);
    }

    /** A member on the fake clock, with a datastore of its own. */
    private static final class Member implements AutoCloseable {
        final FakeTime time = new FakeTime();
        final Map<String, FakeRouter> routers = new LinkedHashMap<>();
        final Compilations compilations = new Compilations(IntentCompiler.standard());
        final Fleet fleet;
        final RolloutEngine engine;
        final RolloutPersistenceTest.Broker broker = new RolloutPersistenceTest.Broker();

        /** A member managing in-memory routers of these names. */
        Member(final String... manages) throws Exception {
            List.of(manages).forEach(name -> routers.put(name, new FakeRouter(name, time)));
            fleet = fleet(routers, compilations, time);
            engine = new RolloutEngine(fleet, time, (carried, state) -> { });
            broker.setup();
        }

        /** Invokes start-rollout of rollout r on this member, reading through the given broker. */
        ListenableFuture<RpcResult<StartRolloutOutput>> start(final DataBroker through) {
            return RolloutRpcsTest.start(new RolloutRpcs(Reads.of(through, fleet), engine, NO_INTENTS));
        }

        @Override
        public void close() {
            engine.close();
            fleet.close();
        }
    }

    /** Rollouts of profiles map no router's intent. */
    private static final Function<Router, Optional<RouterIntent>> NO_INTENTS = router -> Optional.empty();

    /** Invokes start-rollout of rollout r. */
    private static ListenableFuture<RpcResult<StartRolloutOutput>> start(final RolloutRpcs rpcs) {
        return rpcs.implementations().stream().filter(StartRollout.class::isInstance).map(StartRollout.class::cast)
            .findFirst().orElseThrow().invoke(new StartRolloutInputBuilder().setRollout(new ObjectName("r")).build());
    }

    private static org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.rollouts.rollout.Probe probe(
            final String name, final PingBuilder ping) {
        return new ProbeBuilder().setName(new ObjectName(name)).setKind(new org.opendaylight.yang.gen.v1.urn
            .opendaylight.openbsd.pbr.rev261124.rollouts.rollout.probe.kind.PingBuilder().setPing(ping.build()).build())
            .build();
    }

    private static Router router(final String name, final String profile, final String label) {
        return new RouterBuilder().setName(new ObjectName(name)).setProfile(List.of(new ObjectName(profile)))
            .setLabel(Set.of(new Label(label))).build();
    }

    /** A fleet that manages every router here, on the fake clock, its status written nowhere. */
    private static Fleet fleet(final Map<String, FakeRouter> routers, final Compilations compilations,
            final FakeTime time) {
        return new Fleet(new DevicePush(RolloutFixtures.connector(routers, name -> { }), ApplyPlanner::plan, time),
            new StatusSink() {
                @Override
                public void write(final String name, final StatusView status) {
                    // the tests read the rollout's state, not the routers' status
                }

                @Override
                public void clear(final String name) {
                    // nothing kept
                }
            }, (name, owner) -> {
                owner.gained();
                return owner::lost;
            }, RolloutFixtures.SETTINGS, compilations, Runnable::run, time);
    }
}

/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.mdsal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.google.common.util.concurrent.FluentFuture;
import com.google.common.util.concurrent.MoreExecutors;
import com.google.common.util.concurrent.SettableFuture;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.binding.api.ReadTransaction;
import org.opendaylight.mdsal.binding.api.WriteTransaction;
import org.opendaylight.mdsal.binding.dom.adapter.test.AbstractDataBrokerTest;
import org.opendaylight.mdsal.binding.dom.adapter.test.util.BindingBrokerTestFactory;
import org.opendaylight.mdsal.binding.dom.adapter.test.util.BindingTestContext;
import org.opendaylight.mdsal.common.api.CommitInfo;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.mdsal.singleton.api.ClusterSingletonService;
import org.opendaylight.mdsal.singleton.api.ClusterSingletonServiceProvider;
import org.opendaylight.openbsdpbr.api.device.DeviceConnector;
import org.opendaylight.openbsdpbr.api.intent.DnsResolver;
import org.opendaylight.openbsdpbr.api.intent.PfTable;
import org.opendaylight.openbsdpbr.api.intent.Profile;
import org.opendaylight.openbsdpbr.api.intent.SharedIntent;
import org.opendaylight.openbsdpbr.impl.compile.Compilations;
import org.opendaylight.openbsdpbr.impl.compile.IntentCompiler;
import org.opendaylight.openbsdpbr.impl.controller.ControllerSettings;
import org.opendaylight.openbsdpbr.impl.controller.Fleet;
import org.opendaylight.openbsdpbr.impl.controller.RolloutEngine;
import org.opendaylight.openbsdpbr.impl.controller.RolloutFixtures;
import org.opendaylight.openbsdpbr.impl.controller.StatusSink;
import org.opendaylight.openbsdpbr.impl.controller.StatusView;
import org.opendaylight.openbsdpbr.impl.device.DevicePush;
import org.opendaylight.openbsdpbr.impl.device.TimerThread;
import org.opendaylight.openbsdpbr.impl.importer.IntentJsonWriter;
import org.opendaylight.openbsdpbr.impl.render.ApplyPlanner;
import org.opendaylight.openbsdpbr.impl.rollout.BreachAction;
import org.opendaylight.openbsdpbr.impl.rollout.Budget;
import org.opendaylight.openbsdpbr.impl.rollout.RolloutMachine;
import org.opendaylight.openbsdpbr.impl.rollout.RolloutPlan;
import org.opendaylight.openbsdpbr.impl.rollout.RolloutState;
import org.opendaylight.openbsdpbr.impl.rollout.RouterResult;
import org.opendaylight.openbsdpbr.impl.rollout.RouterResult.Failure;
import org.opendaylight.openbsdpbr.impl.rollout.WaveSize;
import org.opendaylight.openbsdpbr.impl.secret.SecretKeys;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.RolloutKeep;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.RolloutKeepBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.Rollouts;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.rollout.keep.PinBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.rollout.keep.Stamp;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.rollout.keep.StampBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.rollouts.Rollout;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.rollouts.RolloutBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.rollouts.RolloutKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.rollouts.rollout.ChangeBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.rollouts.rollout.Status;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.rollouts.rollout.StatusBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.types.rev261124.ObjectName;
import org.opendaylight.yangtools.binding.DataObjectIdentifier;
import org.opendaylight.yangtools.binding.data.codec.api.BindingNormalizedNodeSerializer;
import org.opendaylight.yangtools.binding.util.BindingMap;
import org.opendaylight.yangtools.concepts.Registration;
import org.opendaylight.yangtools.yang.common.Uint64;
import org.opendaylight.yangtools.yang.data.api.schema.NormalizedNode;
import org.opendaylight.yangtools.yang.model.api.EffectiveModelContext;

/**
 * What a controller keeps for rollouts in {@code rollout-keep} (the configuration datastore, which ODL persists),
 * written and read back over an in-memory data broker as a restarted controller or the member that takes over reads
 * it: the pins of staged profiles with their contents (a router held on what it runs stays held), a rollout's state
 * with what it carries and what each router ran before (its status shown again after a restart), the status of a
 * rollout whose configuration is removed going with it, the collection of contents nothing names, the stamps that
 * refuse the keep to anyone without the key, and a start that never waits for the keep.
 */
class RolloutPersistenceTest {
    private static final Instant T0 = Instant.parse("2026-11-30T01:00:00Z");
    private static final Profile V1 = new Profile("branch", "the branch profile", new SharedIntent(List.of(
        new PfTable("via_pppoe", "to PPPoE", true, false, List.of("192.0.2.0/24", "198.51.100.7"))), null, null, null,
        null, new DnsResolver(1, List.of("192.0.2.53"), true), null));
    private static final Profile V2 = new Profile("branch", "the branch profile", new SharedIntent(List.of(
        new PfTable("via_pppoe", "to PPPoE", true, false, List.of("192.0.2.0/24"))), null, null, null, null, null,
        null));

    /** One broker for the class (its setup takes seconds): each test writes under names of its own. */
    private static final Broker BROKER = new Broker();
    private static final RolloutPlan ONE_WAVE = new RolloutPlan(List.of(), List.of(new WaveSize.Rest()),
        Duration.ZERO, Budget.ofCount(0), Budget.UNLIMITED, BreachAction.HALT, false, 1);
    private static final KeepStamps STAMPS = new KeepStamps(SecretKeys.generate().digest());
    private final Compilations compilations = new Compilations(IntentCompiler.standard());
    private final TimerThread timer = new TimerThread("rollout-persistence-test-timer");
    private Fleet fleet;

    /** An in-memory data broker with the project's model and codec. */
    static final class Broker extends AbstractDataBrokerTest {
        Supplier<EffectiveModelContext> model() throws Exception {
            final EffectiveModelContext context = modelContext();
            return () -> context;
        }

        BindingNormalizedNodeSerializer codec() {
            return getDataBrokerTestCustomizer().getAdapterContext().currentSerializer();
        }
    }

    @BeforeAll
    static void broker() throws Exception {
        BROKER.setup();
    }

    @BeforeEach
    void setUp() {
        fleet = fleet();
    }

    @AfterEach
    void tearDown() {
        fleet.close();
        timer.close();
    }

    private Fleet fleet() {
        return new Fleet(new DevicePush(mock(DeviceConnector.class), ApplyPlanner::plan, timer), new StatusSink() {
            @Override
            public void write(final String name, final StatusView status) {
                // no router here
            }

            @Override
            public void clear(final String name) {
                // no router here
            }
        }, (name, owner) -> () -> { }, ControllerSettings.defaults(), compilations, timer);
    }

    private StagedPinStore store() throws Exception {
        return new StagedPinStore(BROKER.getDataBroker(), BROKER.model(), BROKER.codec(), STAMPS, "member-1");
    }

    /** A store that has read the keep back, as a started controller's has. */
    private StagedPinStore loaded(final Fleet into) throws Exception {
        final StagedPinStore store = store();
        store.load(into).toCompletableFuture().get(30, TimeUnit.SECONDS);
        return store;
    }

    @Test
    void aProfileReadsBackFromItsDocumentAsTheSameRecordUnderTheSameRevision() throws Exception {
        try (StagedPinStore store = store()) {
            final String document = org.opendaylight.openbsdpbr.impl.importer.IntentJsonWriter.profile(V1);
            assertThat(store.parse(document)).isEqualTo(V1);
            assertThat(store.revision(V1)).isEqualTo(StagedPinStore.hash(document)).hasSize(16)
                .isNotEqualTo(store.revision(V2));
        }
    }

    /**
     * Two threads learn a new content's revision at once (a rollout's first step on its engine's thread, its status
     * on the writer's): both find its document. The revision used to be published before the document, and a step
     * that found the revision without it failed at forward ("content ... is not kept": ClusterE2E eee, session 9).
     */
    @Test
    void whoeverLearnsAContentsRevisionFindsItsDocument() throws Exception {
        final java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(2);
        try (StagedPinStore store = store()) {
            for (int n = 0; n < 1_000; n++) {
                final Profile content = RolloutFixtures.profile("10.9." + n / 250 + "." + n % 250);
                final java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(2);
                final java.util.concurrent.Callable<Boolean> learn = () -> {
                    together.await(10, TimeUnit.SECONDS);
                    return store.document(store.revision(content)).isPresent();
                };
                final var first = threads.submit(learn);
                final var second = threads.submit(learn);
                assertThat(List.of(first.get(), second.get())).as("content " + n).containsOnly(true);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void pinsOutliveTheControllerThatWroteThem() throws Exception {
        try (StagedPinStore store = loaded(fleet)) {
            store.pinned("r01", "branch", Optional.of(V1));
            store.pinned("r02", "branch", Optional.of(V2));
            store.pinned("r03", "branch", Optional.empty());
            store.pinned("r04", "branch", Optional.of(V1));
            store.unpinned("r04", "branch");
            await(() -> read(LogicalDatastoreType.CONFIGURATION, StagedPinStore.ROOT)
                .map(pins -> pins.nonnullPin().keySet().stream().filter(key -> key.getRouter().matches("r0[1-4]"))
                    .count() == 3).orElse(false));
        }
        final int stored = read(LogicalDatastoreType.CONFIGURATION, StagedPinStore.ROOT).orElseThrow().nonnullPin()
            .size();
        // a controller that starts: its own store, its own fleet, the same (persisted) datastore
        final Fleet restarted = fleet();
        try (StagedPinStore store = store()) {
            assertThat(store.load(restarted).toCompletableFuture().get(30, TimeUnit.SECONDS)).isEqualTo(stored);
            restarted.profileChanged(V2, true);
            assertThat(restarted.pinned("r01", "branch")).contains(V1);
            assertThat(restarted.pinned("r02", "branch")).contains(V2);
            assertThat(restarted.pinned("r03", "branch")).as("held on what it runs").isEmpty();
            assertThat(restarted.pinned("r04", "branch")).as("no pin: the configured content").contains(V2);
        } finally {
            restarted.close();
        }
    }

    /**
     * Two members write the keep at once on one datastore (the cluster's replicated configuration), as a staged
     * profile's edit makes each member pin the routers it manages to the content they run and write that content:
     * their first writes are both made before either is committed (the commits are held), the later of them loses
     * the datastore's optimistic lock, and both members queue more pins meanwhile. Every pin reaches the keep (a
     * merging transaction chain cancelled the writes readied behind its failed one without a word: ClusterE2E eee's
     * missing pins).
     */
    @Test
    void pinsWrittenByTwoMembersAtOnceAreAllKept() throws Exception {
        try (Cluster cluster = new Cluster()) {
            cluster.one.pinned("r01", "branch", Optional.of(V1));
            cluster.two.pinned("r04", "branch", Optional.of(V1));
            cluster.commits.awaitHeld(2);
            cluster.one.pinned("r02", "branch", Optional.of(V1));
            cluster.one.pinned("r03", "branch", Optional.of(V1));
            cluster.two.pinned("r05", "branch", Optional.of(V1));
            cluster.two.pinned("r06", "branch", Optional.of(V1));
            // the writers queue the second writes behind the held first ones meanwhile (nothing to await: a chain
            // readies them without a commit the gate could count)
            Thread.sleep(300);
            cluster.commits.open();

            final String v1 = StagedPinStore.hash(IntentJsonWriter.profile(V1));
            final Map<String, String> every = Map.of("r01", v1, "r02", v1, "r03", v1, "r04", v1, "r05", v1, "r06",
                v1);
            assertThat(cluster.awaitPins(every)).as("every pin, to the content it names").isEqualTo(every);
            assertThat(cluster.keep().nonnullContent().keySet()).extracting(key -> key.getRevision())
                .containsExactly(v1);
        }
    }

    /**
     * Two members write the same router's pin at once (a router changing managers), each with a write queued behind:
     * the later write loses the conflict and is written again from a fresh transaction, so its value is the one kept,
     * and nothing queued behind either is lost.
     */
    @Test
    void aPinWriteThatLosesAConflictIsWrittenAgain() throws Exception {
        try (Cluster cluster = new Cluster()) {
            cluster.one.pinned("r01", "branch", Optional.of(V1));
            cluster.commits.awaitHeld(1);
            cluster.two.pinned("r01", "branch", Optional.of(V2));
            cluster.commits.awaitHeld(2);
            cluster.one.pinned("r02", "branch", Optional.of(V1));
            cluster.two.pinned("r05", "branch", Optional.of(V2));
            Thread.sleep(300);
            cluster.commits.open();

            final String v1 = StagedPinStore.hash(IntentJsonWriter.profile(V1));
            final String v2 = StagedPinStore.hash(IntentJsonWriter.profile(V2));
            final Map<String, String> kept = Map.of("r01", v2, "r02", v1, "r05", v2);
            assertThat(cluster.awaitPins(kept)).as("member-2's write of r01 came second: it is kept")
                .isEqualTo(kept);
        }
    }

    /**
     * The rollouts' status writer loses a conflict (another writer's status of rollout a committed first) while the
     * next rollout's state waits behind it: both end in the datastore as this writer wrote them last. Over a merging
     * transaction chain the state readied behind the failed write was cancelled without a word and rollout b's
     * status never appeared.
     */
    @Test
    void aStatusWriteThatLosesAConflictLosesNothingQueuedBehindIt() throws Exception {
        final RolloutState a = RolloutState.create("a", ONE_WAVE, List.of("r01")).start(T0);
        final RolloutState b = RolloutState.create("b", ONE_WAVE, List.of("r02")).start(T0).halt("stopped",
            T0.plusSeconds(1));
        final RolloutEngine.Change carried = new RolloutEngine.CarriedIntents(Map.of(), Map.of());
        try (Cluster cluster = new Cluster();
             RolloutStatusWriter writer = new RolloutStatusWriter(cluster.mdsal.getDataBroker(), "member-1",
                 cluster.one, STAMPS)) {
            final var other = cluster.mdsal.getDataBroker().newWriteOnlyTransaction();
            other.mergeParentStructurePut(LogicalDatastoreType.OPERATIONAL, RolloutStatusWriter.path("a"),
                new StatusBuilder().setRunBy("member-2").build());
            other.commit();
            cluster.commits.awaitHeld(1);
            writer.write(carried, a);
            // its keep and its status, held behind the other writer's commit
            cluster.commits.awaitHeld(3);
            writer.write(carried, b);
            // the writer queues b's state behind the held write meanwhile (nothing to await: a chain readies it
            // without a commit the gate could count)
            Thread.sleep(300);
            cluster.commits.open();

            final Status shownB = await(() -> read(cluster.mdsal.getDataBroker(), LogicalDatastoreType.OPERATIONAL,
                RolloutStatusWriter.path("b"))).orElseThrow();
            assertThat(RolloutStatusWriter.read("b", ONE_WAVE, shownB)).isEqualTo(b);
            final Status shownA = await(() -> read(cluster.mdsal.getDataBroker(), LogicalDatastoreType.OPERATIONAL,
                RolloutStatusWriter.path("a")).filter(status -> "member-1".equals(status.getRunBy()))).orElseThrow();
            assertThat(RolloutStatusWriter.read("a", ONE_WAVE, shownA)).isEqualTo(a);
        }
    }

    /** Two members' pin stores on one datastore of their own, whose commits wait until {@link Gate#open}. */
    private final class Cluster implements AutoCloseable {
        final Gate commits = new Gate();
        final BindingTestContext mdsal;
        final Fleet second = fleet();
        final StagedPinStore one;
        final StagedPinStore two;

        Cluster() throws Exception {
            final var factory = new BindingBrokerTestFactory();
            factory.setExecutor(MoreExecutors.listeningDecorator(commits));
            mdsal = factory.getTestContext();
            mdsal.start();
            one = new StagedPinStore(mdsal.getDataBroker(), BROKER.model(), BROKER.codec(), STAMPS, "member-1");
            two = new StagedPinStore(mdsal.getDataBroker(), BROKER.model(), BROKER.codec(), STAMPS, "member-2");
            one.load(fleet).toCompletableFuture().get(30, TimeUnit.SECONDS);
            two.load(second).toCompletableFuture().get(30, TimeUnit.SECONDS);
        }

        RolloutKeep keep() throws Exception {
            return read(mdsal.getDataBroker(), LogicalDatastoreType.CONFIGURATION, StagedPinStore.ROOT)
                .orElseGet(() -> new RolloutKeepBuilder().build());
        }

        /** The kept pins, router to revision, once they are as expected, or as they are after 10 s. */
        Map<String, String> awaitPins(final Map<String, String> expected) throws Exception {
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (true) {
                final Map<String, String> pins = new java.util.TreeMap<>();
                keep().nonnullPin().values().forEach(pin -> pins.put(pin.getRouter(), pin.getRevision()));
                if (pins.equals(expected) || System.nanoTime() > deadline) {
                    return pins;
                }
                Thread.sleep(20);
            }
        }

        @Override
        public void close() throws Exception {
            commits.open();
            one.close();
            two.close();
            second.close();
            mdsal.close();
        }
    }

    /** Holds the tasks it is given (the datastore's commits) until opened; then runs them, and later ones, at once. */
    private static final class Gate extends java.util.concurrent.AbstractExecutorService {
        private final List<Runnable> held = new java.util.ArrayList<>();
        private boolean open;

        @Override
        public void execute(final Runnable task) {
            synchronized (this) {
                if (!open) {
                    held.add(task);
                    notifyAll();
                    return;
                }
            }
            task.run();
        }

        synchronized void awaitHeld(final int count) throws InterruptedException {
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (held.size() < count) {
                assertThat(System.nanoTime()).as("commits held: " + held.size() + " of " + count).isLessThan(deadline);
                wait(20);
            }
        }

        void open() {
            final List<Runnable> run;
            synchronized (this) {
                open = true;
                run = List.copyOf(held);
                held.clear();
            }
            run.forEach(Runnable::run);
        }

        @Override
        public void shutdown() {
            open();
        }

        @Override
        public List<Runnable> shutdownNow() {
            open();
            return List.of();
        }

        @Override
        public boolean isShutdown() {
            return false;
        }

        @Override
        public boolean isTerminated() {
            return false;
        }

        @Override
        public boolean awaitTermination(final long timeout, final TimeUnit unit) {
            return true;
        }
    }

    @Test
    void aRolloutStateReadsBackAsItWasWrittenWithWhatItCarries() throws Exception {
        final RolloutPlan plan = new RolloutPlan(List.of("r01"), List.of(new WaveSize.Count(2)),
            Duration.ofMinutes(5), Budget.ofCount(1), Budget.ofPercent(20), BreachAction.ROLLBACK_WAVE, false, 4);
        RolloutState state = RolloutState.create("branch-v2", plan, List.of("r01", "r02", "r03", "r04", "r05"))
            .start(T0);
        state = RolloutMachine.next(state, T0, router -> true).state();
        state = state.applied("r01", OptionalInt.of(7), true, "", T0.plusSeconds(3));
        state = RolloutMachine.next(state, T0.plusSeconds(303), router -> !router.equals("r03")).state();
        state = state.checked("r01", true, "", T0.plusSeconds(303));
        state = RolloutMachine.next(state, T0.plusSeconds(304), router -> !router.equals("r03")).state();
        state = state.probed("r01", List.of(new RouterResult.ProbeOutcome("dns", 3, 3),
            new RouterResult.ProbeOutcome("v6", 1, 0)));
        state = state.applyFailed("r02", new Failure("validate", "/etc/pf.conf:3: syntax error",
            T0.plusSeconds(305)), T0.plusSeconds(305));
        final RolloutEngine.Carried carried = new RolloutEngine.Carried("branch", V2, Map.of("r01",
            Optional.of(V1), "r02", Optional.of(V1), "r03", Optional.empty()));

        try (StagedPinStore contents = loaded(fleet);
             RolloutStatusWriter writer = new RolloutStatusWriter(BROKER.getDataBroker(), "member-1", contents,
                 STAMPS)) {
            writer.write(carried, state);
            final Status status = await(() -> read(RolloutStatusWriter.path("branch-v2"))).orElseThrow();
            assertThat(RolloutStatusWriter.read("branch-v2", plan, status)).isEqualTo(state);
            // the same progress in the persisted keep, which the resume reads
            final var kept = await(() -> read(LogicalDatastoreType.CONFIGURATION,
                RolloutStatusWriter.keptPath("branch-v2"))).orElseThrow();
            assertThat(RolloutStatusWriter.read("branch-v2", plan, kept)).isEqualTo(state);
            assertThat(kept.getCarriedRevision()).isEqualTo(contents.revision(V2));
            assertThat(kept.getRouterIntents()).isFalse();

            // a rollout of routers' own intents keeps nothing of them (they hold secrets): only that it carries them
            writer.write(new RolloutEngine.CarriedIntents(Map.of(), Map.of()), RolloutState.create("own-v2", plan,
                List.of("r01", "r02")).start(T0));
            final var own = await(() -> read(LogicalDatastoreType.CONFIGURATION,
                RolloutStatusWriter.keptPath("own-v2"))).orElseThrow();
            assertThat(own.getRouterIntents()).isTrue();
            assertThat(own.getProfile()).isNull();
            assertThat(own.getCarriedRevision()).isNull();
            assertThat(own.nonnullRouter().values()).allSatisfy(router -> assertThat(router.getBeforeRevision())
                .isNull());
            assertThat(status.getRunBy()).isEqualTo("member-1");
            assertThat(status.getProfile()).isEqualTo("branch");
            assertThat(status.getCarriedRevision()).isEqualTo(contents.revision(V2));
            assertThat(status.nonnullRouter().values().stream().filter(router -> router.getName().equals("r02"))
                .findFirst().orElseThrow().getBeforeRevision()).isEqualTo(contents.revision(V1));
        }
        // the contents are there for the member that takes the rollout over
        try (StagedPinStore contents = loaded(fleet())) {
            final Status status = read(RolloutStatusWriter.path("branch-v2")).orElseThrow();
            assertThat(contents.content(status.getCarriedRevision())).contains(V2);
        }
    }

    @Test
    void theStatusOfARemovedRolloutGoesWithIt() throws Exception {
        final var singletons = new Singletons();
        final DataObjectIdentifier<Rollout> config = configure("gone");
        final RolloutPlan plan = ONE_WAVE;
        final RolloutState done = RolloutState.create("gone", plan, List.of("r01")).start(T0).halt("stopped", T0);
        try (StagedPinStore contents = loaded(fleet);
             RolloutStatusWriter writer = new RolloutStatusWriter(BROKER.getDataBroker(), "member-1", contents,
                 STAMPS);
             RolloutEngine engine = new RolloutEngine(fleet, fleet.time(), writer);
             RolloutSingleton owner = new RolloutSingleton(BROKER.getDataBroker(), singletons, fleet, engine, writer,
                 contents, "member-1")) {
            singletons.service.instantiateServiceInstance();
            writer.write(new RolloutEngine.Carried("branch", V1, Map.of()), done);
            await(() -> read(RolloutStatusWriter.path("gone")));

            final var delete = BROKER.getDataBroker().newWriteOnlyTransaction();
            delete.delete(LogicalDatastoreType.CONFIGURATION, config);
            delete.commit().get(30, TimeUnit.SECONDS);
            await(() -> read(RolloutStatusWriter.path("gone")).isEmpty() ? Optional.of(true) : Optional.empty());
            await(() -> read(LogicalDatastoreType.CONFIGURATION, RolloutStatusWriter.keptPath("gone")).isEmpty()
                ? Optional.of(true) : Optional.empty());
        }
    }

    /**
     * A restarted controller (the operational datastore starts empty) resumes from the keep: a rollout that had ended
     * shows its status again, from the progress persisted in the configuration datastore.
     */
    @Test
    void aRestartShowsTheStatusOfAnEndedRolloutAgainFromTheKeep() throws Exception {
        final DataObjectIdentifier<Rollout> config = configure("ended");
        final RolloutPlan plan = ONE_WAVE;
        final RolloutState halted = RolloutState.create("ended", plan, List.of("r01", "r02")).start(T0)
            .halt("stopped by the operator", T0.plusSeconds(9));
        try (StagedPinStore contents = loaded(fleet);
             RolloutStatusWriter writer = new RolloutStatusWriter(BROKER.getDataBroker(), "member-1", contents,
                 STAMPS)) {
            writer.write(new RolloutEngine.Carried("branch", V1, Map.of("r01", Optional.of(V2))), halted);
            await(() -> read(LogicalDatastoreType.CONFIGURATION, RolloutStatusWriter.keptPath("ended")));
        }
        // the restart: the operational datastore is empty again
        final var wipe = BROKER.getDataBroker().newWriteOnlyTransaction();
        wipe.delete(LogicalDatastoreType.OPERATIONAL, DataObjectIdentifier.builder(Rollouts.class).build());
        wipe.commit().get(30, TimeUnit.SECONDS);
        assertThat(read(RolloutStatusWriter.path("ended"))).isEmpty();

        final Fleet restarted = fleet();
        final var singletons = new Singletons();
        try (StagedPinStore contents = store();
             RolloutStatusWriter writer = new RolloutStatusWriter(BROKER.getDataBroker(), "member-2", contents,
                 STAMPS);
             RolloutEngine engine = new RolloutEngine(restarted, restarted.time(), writer);
             RolloutSingleton owner = new RolloutSingleton(BROKER.getDataBroker(), singletons, restarted, engine,
                 writer, contents, "member-2")) {
            contents.load(restarted);
            singletons.service.instantiateServiceInstance();
            final Status shown = await(() -> read(RolloutStatusWriter.path("ended"))).orElseThrow();
            assertThat(RolloutStatusWriter.read("ended", plan, shown)).isEqualTo(halted);
            assertThat(shown.getCarriedRevision()).isEqualTo(contents.revision(V1));
            assertThat(contents.content(shown.nonnullRouter().values().stream().filter(router -> router.getName()
                .equals("r01")).findFirst().orElseThrow().getBeforeRevision())).contains(V2);
        } finally {
            restarted.close();
        }
    }

    /**
     * A controller's start never waits for the keep: the read is under way (a shard without a leader answers late),
     * the start goes on, and nothing is written before the stored stamps and pins are in.
     */
    @Test
    void theStartDoesNotWaitForTheKeepAndWritesNothingBeforeIt() throws Exception {
        final DataBroker broker = mock(DataBroker.class);
        final ReadTransaction read = mock(ReadTransaction.class);
        final WriteTransaction write = mock(WriteTransaction.class);
        final SettableFuture<Optional<RolloutKeep>> answer = SettableFuture.create();
        when(broker.newReadOnlyTransaction()).thenReturn(read);
        when(read.read(LogicalDatastoreType.CONFIGURATION, StagedPinStore.ROOT)).thenReturn(FluentFuture.from(
            answer));
        when(broker.newWriteOnlyTransaction()).thenReturn(write);
        doReturn(CommitInfo.emptyFluentFuture()).when(write).commit();
        try (StagedPinStore store = new StagedPinStore(broker, BROKER.model(), BROKER.codec(), STAMPS,
                "member-1")) {
            final var load = store.load(fleet).toCompletableFuture();
            store.pinned("r01", "branch", Optional.of(V1));
            Thread.sleep(200);
            assertThat(load).isNotDone();
            verify(broker, never()).newWriteOnlyTransaction();

            answer.set(Optional.empty());
            assertThat(load.get(5, TimeUnit.SECONDS)).isZero();
            verify(broker, timeout(5000)).newWriteOnlyTransaction();
        }
    }

    /**
     * Contents no pin and no rollout names any more are removed, but only when two collections in a row found them
     * unnamed (what names a content is written a moment after it); a named one stays.
     */
    @Test
    void theCollectorRemovesContentsNothingNamesAfterTwoPasses() throws Exception {
        final Profile unnamed = new Profile("gc", null, new SharedIntent(List.of(new PfTable("gone", null, true,
            false, List.of("203.0.113.1"))), null, null, null, null, null, null));
        final Profile named = new Profile("gc", null, new SharedIntent(List.of(new PfTable("kept", null, true,
            false, List.of("203.0.113.2"))), null, null, null, null, null, null));
        try (StagedPinStore store = loaded(fleet)) {
            final String gone = store.revision(unnamed);
            store.pinned("gc-router", "gc", Optional.of(named));
            final String kept = store.revision(named);
            await(() -> read(LogicalDatastoreType.CONFIGURATION, StagedPinStore.ROOT).map(keep -> keep
                .nonnullPin().keySet().stream().anyMatch(key -> key.getRouter().equals("gc-router"))
                && keep.nonnullContent().keySet().stream().anyMatch(key -> key.getRevision().equals(gone)))
                .orElse(false));

            assertThat(store.collect().toCompletableFuture().get(30, TimeUnit.SECONDS)).as("first pass: suspects")
                .doesNotContain(gone, kept);
            assertThat(store.collect().toCompletableFuture().get(30, TimeUnit.SECONDS)).contains(gone)
                .doesNotContain(kept);
            final RolloutKeep keep = read(LogicalDatastoreType.CONFIGURATION, StagedPinStore.ROOT).orElseThrow();
            assertThat(keep.nonnullContent().keySet()).extracting(key -> key.getRevision()).contains(kept)
                .doesNotContain(gone);
        }
    }

    /**
     * The keep is written only by the controller: a write that changes it without advancing a stamp, with a stamp
     * put back from before (a replay), or with a stamp made without the key, is refused; one with the next stamp
     * is accepted, and so is a write that leaves the keep as it was.
     */
    @Test
    void theKeepIsRefusedToWritersWithoutTheKey() {
        final Stamp older = STAMPS.next("member-1/pins");
        final Stamp current = STAMPS.next("member-1/pins");
        final NormalizedNode before = keep(current, "r01", "0123456789abcdef");
        assertThat(STAMPS.accepts(before, keep(current, "r01", "0123456789abcdef"))).as("unchanged").isTrue();
        assertThat(STAMPS.accepts(before, keep(current, "r01", "fedcba9876543210"))).as("stamp as it was").isFalse();
        assertThat(STAMPS.accepts(before, keep(older, "r01", "fedcba9876543210"))).as("replayed").isFalse();
        final Stamp forged = new KeepStamps(SecretKeys.generate().digest()).next("member-1/pins");
        assertThat(STAMPS.accepts(before, keep(forged, "r01", "fedcba9876543210"))).as("another key").isFalse();
        assertThat(STAMPS.accepts(before, keep(new StampBuilder(current).setCounter(Uint64.valueOf(current
            .getCounter().longValue() + 1)).build(), "r01", "fedcba9876543210"))).as("counter moved, mac not")
            .isFalse();
        assertThat(STAMPS.accepts(before, null)).as("removed").isFalse();
        assertThat(STAMPS.accepts(before, keep(STAMPS.next("member-1/pins"), "r01", "fedcba9876543210")))
            .as("the controller's next write").isTrue();
        assertThat(STAMPS.accepts(null, keep(STAMPS.next("member-2/rollouts"), "r01", "fedcba9876543210")))
            .as("a first write").isTrue();
    }

    private static NormalizedNode keep(final Stamp stamp, final String router, final String revision) {
        final RolloutKeep keep = new RolloutKeepBuilder().setStamp(BindingMap.of(stamp)).setPin(BindingMap.of(
            new PinBuilder().setRouter(router).setProfile("branch").setRevision(revision).build())).build();
        return BROKER.codec().toNormalizedDataObject(StagedPinStore.ROOT, keep).node();
    }

    /** Configures a rollout of the profile branch, in one wave. */
    private static DataObjectIdentifier<Rollout> configure(final String name) throws Exception {
        final DataObjectIdentifier<Rollout> config = DataObjectIdentifier.builder(Rollouts.class).child(Rollout.class,
            new RolloutKey(new ObjectName(name))).build();
        final var tx = BROKER.getDataBroker().newWriteOnlyTransaction();
        tx.mergeParentStructurePut(LogicalDatastoreType.CONFIGURATION, config, new RolloutBuilder()
            .setName(new ObjectName(name)).setChange(new ChangeBuilder().setProfile(new ObjectName("branch"))
                .build()).build());
        tx.commit().get(30, TimeUnit.SECONDS);
        return config;
    }

    /** One member's singleton provider: the test grants the singleton. */
    private static final class Singletons implements ClusterSingletonServiceProvider {
        private ClusterSingletonService service;

        @Override
        public Registration registerClusterSingletonService(final ClusterSingletonService registered) {
            service = registered;
            return () -> { };
        }
    }

    private <T extends org.opendaylight.yangtools.binding.DataObject> Optional<T> read(
            final DataObjectIdentifier<T> path) throws Exception {
        return read(LogicalDatastoreType.OPERATIONAL, path);
    }

    private static <T extends org.opendaylight.yangtools.binding.DataObject> Optional<T> read(
            final LogicalDatastoreType store, final DataObjectIdentifier<T> path) throws Exception {
        return read(BROKER.getDataBroker(), store, path);
    }

    private static <T extends org.opendaylight.yangtools.binding.DataObject> Optional<T> read(final DataBroker broker,
            final LogicalDatastoreType store, final DataObjectIdentifier<T> path) throws Exception {
        try (var tx = broker.newReadOnlyTransaction()) {
            return tx.read(store, path).get(30, TimeUnit.SECONDS);
        }
    }

    private interface Probe<T> {
        T get() throws Exception;
    }

    /** Waits for the writers' threads: the value once present (or true). */
    private static <T> T await(final Probe<T> probe) throws Exception {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            final T value = probe.get();
            if (value instanceof Optional<?> optional ? optional.isPresent()
                    : !(value instanceof Boolean bool) || bool) {
                return value;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not written within 30 s");
            }
            Thread.sleep(20);
        }
    }
}

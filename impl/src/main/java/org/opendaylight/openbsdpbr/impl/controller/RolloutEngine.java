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
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.opendaylight.openbsdpbr.api.intent.Profile;
import org.opendaylight.openbsdpbr.api.intent.RouterIntent;
import org.opendaylight.openbsdpbr.impl.controller.RouterSteps.Pin;
import org.opendaylight.openbsdpbr.impl.controller.RouterSteps.Result;
import org.opendaylight.openbsdpbr.impl.device.Scheduler;
import org.opendaylight.openbsdpbr.impl.rollout.RolloutMachine;
import org.opendaylight.openbsdpbr.impl.rollout.RolloutMachine.Action;
import org.opendaylight.openbsdpbr.impl.rollout.RolloutPlan;
import org.opendaylight.openbsdpbr.impl.rollout.RolloutState;
import org.opendaylight.openbsdpbr.impl.rollout.RouterResult;
import org.opendaylight.openbsdpbr.impl.rollout.RouterResult.Failure;
import org.opendaylight.openbsdpbr.impl.rollout.RouterResult.Phase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries rollouts out over the fleet: the pure {@link RolloutMachine} decides, this engine acts through the routers'
 * reconcilers, with the same commands an operator's RPCs post (a sync is the router's confirmed commit, a check-sync
 * its read-back, a rollback a new confirmed commit of the generation before). Nothing here talks to a router directly,
 * so a rollout obeys the reconciler's one-transaction-per-router rule, its lock and its back-off. In a cluster the
 * engine runs on one member and each of its steps runs on the member that manages the router ({@link RouterSteps}):
 * a rollout reaches every target, wherever it is managed.
 *
 * <p>A rollout carries the content of a staged profile as it is when the rollout starts. Pinning a router to it
 * ({@link Fleet#pin}) lets that router's next push carry it; every other router that lists the profile stays pinned to
 * the content it runs. Rolling a router back re-installs the generation it ran before (a new confirmed commit on the
 * router) and pins it to the content it ran before the rollout. If the profile changes while the rollout runs, the
 * rollout halts: the routers already changed run content the configuration no longer holds, which is the operator's
 * call (a new rollout, or abort with rollback).
 *
 * <p>A rollout of routers' own intents ({@link #startIntents}) works the same way on routers whose own intent is
 * staged: each is pinned to the intent it runs ({@link Fleet#pinIntent}) until its wave releases the configured one,
 * and an intent edited while the rollout runs halts it.
 *
 * <p>Every state the machine returns is written to the {@link RolloutSink} (the operational datastore) before its
 * actions start, so that an engine on another member {@linkplain #adopt adopts} it after a failover without applying
 * anything twice.
 */
public final class RolloutEngine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RolloutEngine.class);
    /** How often a start that waits for the fleet to take the configuration in looks again. */
    private static final java.time.Duration TAKE_IN_POLL = java.time.Duration.ofMillis(50);

    /** Where rollout states go: each one is persisted before the work it starts. */
    public interface RolloutSink {
        /**
         * The rollout's state changed.
         *
         * @param carried what it carries and what its routers ran before (the same for every state of a rollout)
         * @param state the state
         */
        void write(Change carried, RolloutState state);
    }

    /** What a rollout carries: a staged profile's content, or its targets' own intents. */
    public sealed interface Change permits Carried, CarriedIntents {
    }

    /**
     * What a rollout carries and what it puts back: persisted with its state, so that an engine that takes it over
     * pins its routers as the first one did (to the content carried when they took it, else to what they ran before)
     * and halts it, as the first one would have, when the profile's configured content is no longer the one carried.
     *
     * @param profile the staged profile's name
     * @param content its content when the rollout started: what the rollout carries
     * @param before per target, the content it ran before the rollout; empty (or missing): not known, a router put
     *     back is held on whatever it runs
     */
    public record Carried(String profile, Profile content, Map<String, Optional<Profile>> before) implements Change {
        public Carried {
            requireNonNull(profile, "profile");
            requireNonNull(content, "content");
            before = Map.copyOf(before);
        }

        /** What a router ran before the rollout, if known. */
        public Optional<Profile> before(final String router) {
            return before.getOrDefault(router, Optional.empty());
        }
    }

    /**
     * What a rollout of routers' own intents carries and puts back: per target, its intent as configured when the
     * rollout started, and the own intent it ran before. The intents are not persisted (they hold secrets): an
     * engine that takes such a rollout over carries the intents configured then, halting if one changed, and holds a
     * router it puts back on whatever it runs.
     *
     * @param intents per target, the intent carried
     * @param before per target, the intent it ran before; missing: not known, held on what it runs when put back
     */
    public record CarriedIntents(Map<String, RouterIntent> intents, Map<String, RouterIntent> before)
            implements Change {
        public CarriedIntents {
            intents = Map.copyOf(intents);
            before = Map.copyOf(before);
        }
    }

    private final Fleet fleet;
    private final RouterSteps steps;
    private final Scheduler time;
    private final RolloutSink sink;
    private final Map<String, Run> runs = new ConcurrentHashMap<>();
    private volatile boolean closed;
    /** Whether this engine runs the cluster's rollouts (owns the singleton {@code openbsd-pbr/rollouts}). */
    private volatile boolean owner = true;
    private volatile String ownerHint = "";

    /** An engine whose steps run on this fleet's routers (a lone controller, tests). */
    public RolloutEngine(final Fleet fleet, final Scheduler time, final RolloutSink sink) {
        this(fleet, new FleetSteps(fleet), time, sink);
    }

    /**
     * An engine whose steps run wherever its routers are managed.
     *
     * @param fleet the routers' configuration and pins as this member sees them
     * @param steps runs each step on the member that manages its router
     * @param time the clock
     * @param sink where states are persisted
     */
    public RolloutEngine(final Fleet fleet, final RouterSteps steps, final Scheduler time, final RolloutSink sink) {
        this.fleet = requireNonNull(fleet);
        this.steps = requireNonNull(steps);
        this.time = requireNonNull(time);
        this.sink = requireNonNull(sink);
    }

    /**
     * A staged profile as the configuration datastore held it when an operator asked to start a rollout of it: what
     * the rollout must carry, read in the same transaction as the rollout's own configuration.
     *
     * @param content the profile's content; empty: not configured, or not usable (the fleet has it removed)
     * @param staged whether its apply is staged
     * @param users the routers configured there that list it
     */
    public record Configured(Optional<Profile> content, boolean staged, java.util.Set<String> users) {
        public Configured {
            requireNonNull(content, "content");
            users = java.util.Set.copyOf(users);
        }
    }

    /** Starts a rollout without operator probes in its health gate. */
    public RolloutState start(final String name, final RolloutPlan plan, final String profile,
            final List<String> targets) {
        return start(name, plan, profile, targets, List.of());
    }

    /**
     * Starts a rollout of a staged profile's current content.
     *
     * @param name the rollout's name
     * @param plan how it moves
     * @param profile the staged profile whose content it carries
     * @param targets the routers it changes (each must list the profile); empty: every router that lists it
     * @param probes operator probes each router runs in its health gate, after the read-back passed
     * @return the state after its first step
     * @throws IllegalArgumentException when the profile, a target or the plan does not fit, naming it
     * @throws IllegalStateException when the rollout (or another of the same profile) runs already
     */
    public RolloutState start(final String name, final RolloutPlan plan, final String profile,
            final List<String> targets, final List<org.opendaylight.openbsdpbr.api.device.Probe> probes) {
        final Profile content = fleet.profile(profile).orElseThrow(() -> new IllegalArgumentException(
            "rollout[" + name + "]/change/profile: no profile named " + profile + " is configured"));
        if (!fleet.isStaged(profile)) {
            throw new IllegalArgumentException("rollout[" + name + "]/change/profile: profile " + profile + " is not "
                + "staged (profiles/profile[name=" + profile + "]/apply is immediate): its changes reach every router "
                + "at once already");
        }
        refuseUnlessOwner();
        final List<String> users = fleet.usersOf(profile);
        final List<String> chosen = targets.isEmpty() ? users : targets.stream().sorted().distinct().toList();
        for (String router : chosen) {
            if (!users.contains(router)) {
                throw new IllegalArgumentException("rollout[" + name + "]/target: router " + router + " does not "
                    + "list profile " + profile);
            }
        }
        final Run run = register(name, other -> other.profile().equals(profile), "of profile " + profile
            + " runs already: one rollout per profile at a time", () -> {
                final Map<String, Optional<Profile>> before = new java.util.HashMap<>();
                chosen.forEach(router -> before.put(router, fleet.pinned(router, profile)));
                return new Run(new Carried(profile, content, before), RolloutState.create(name, plan, chosen)
                    .start(time.now()), probes);
            });
        LOG.info("rollout {}: profile {} to {} routers in {} waves", name, profile, chosen.size(),
            run.state().waves().size());
        run.pump(List.of());
        return run.state();
    }

    /**
     * Starts a rollout of a staged profile once this member's fleet has taken the profile in as the configuration
     * datastore held it when the operator asked (the fleet learns configuration from a listener, which may still be
     * on an earlier write). Why: an operator who PUTs a profile's change and starts its rollout at once must get a
     * rollout of that change. Started on what the fleet knew a moment before, the rollout carried the previous content
     * and halted as soon as the listener delivered the change ("profile changed while the rollout ran", every router
     * still waiting: the controller benchmark's staged rollout, sessions 6 and 7). The rollout then carries exactly
     * the content the operator wrote, and the guard that halts a rollout when the profile changes compares contents,
     * so a later delivery of the same content changes nothing.
     *
     * @param name the rollout's name
     * @param plan how it moves
     * @param profile the staged profile whose content it carries
     * @param configured the profile as the datastore held it
     * @param targets the routers it changes; empty: every router that lists the profile
     * @param probes operator probes each router runs in its health gate
     * @param limit how long to wait for the fleet
     * @return completed with the state after the first step, on the clock's thread when it waited; failed with
     *     {@link IllegalArgumentException} or {@link IllegalStateException} as {@link #start} throws them, or with
     *     an {@link IllegalStateException} when the fleet has not taken the profile in within {@code limit}
     */
    public java.util.concurrent.CompletionStage<RolloutState> start(final String name, final RolloutPlan plan,
            final String profile, final Configured configured, final List<String> targets,
            final List<org.opendaylight.openbsdpbr.api.device.Probe> probes, final java.time.Duration limit) {
        return startOnceTakenIn(limit, () -> start(name, plan, profile, targets, probes),
            () -> takenIn(profile, configured).isEmpty(), () -> "rollout[" + name + "]: this controller has not "
                + "taken in the configuration of profile " + profile + " as read at the start within "
                + limit.toSeconds() + " s (" + String.join("; ", takenIn(profile, configured)) + "): if it was "
                + "changed again meanwhile, start the rollout again");
    }

    /** Starts once the fleet has taken in what was read (at most {@code limit}); a non-runner refuses at once. */
    private java.util.concurrent.CompletionStage<RolloutState> startOnceTakenIn(final java.time.Duration limit,
            final java.util.function.Supplier<RolloutState> start, final java.util.function.BooleanSupplier takenIn,
            final java.util.function.Supplier<String> late) {
        final java.util.concurrent.CompletableFuture<RolloutState> started =
            new java.util.concurrent.CompletableFuture<>();
        if (!owner) {
            // a member that does not run the rollouts says so at once: waiting first for its fleet (which may lag
            // behind, e.g. right after a rejoin) kept the caller past its HTTP timeout (ClusterE2E eee, session 8)
            try {
                refuseUnlessOwner();
            } catch (IllegalStateException e) {
                started.completeExceptionally(e);
                return started;
            }
        }
        startOnceTakenIn(started, time.now().plus(limit), start, takenIn, late);
        return started;
    }

    private void startOnceTakenIn(final java.util.concurrent.CompletableFuture<RolloutState> started,
            final java.time.Instant deadline, final java.util.function.Supplier<RolloutState> start,
            final java.util.function.BooleanSupplier takenIn, final java.util.function.Supplier<String> late) {
        if (takenIn.getAsBoolean()) {
            try {
                started.complete(start.get());
            } catch (IllegalArgumentException | IllegalStateException e) {
                started.completeExceptionally(e);
            }
        } else if (closed || !time.now().isBefore(deadline)) {
            started.completeExceptionally(new IllegalStateException(late.get()));
        } else {
            time.schedule(TAKE_IN_POLL, () -> startOnceTakenIn(started, deadline, start, takenIn, late));
        }
    }

    /**
     * What the fleet does not hold yet of a profile as configured: its content, its apply, the routers listing it.
     *
     * @return what differs; empty: the fleet holds it as configured
     */
    private List<String> takenIn(final String profile, final Configured configured) {
        final List<String> differs = new ArrayList<>();
        if (!fleet.profile(profile).equals(configured.content())) {
            differs.add(configured.content().isEmpty() ? "the profile is still configured here"
                : fleet.profile(profile).isEmpty() ? "the profile is not known here yet"
                    : "its content here differs from the one read");
        }
        if (fleet.isStaged(profile) != configured.staged()) {
            differs.add("its apply here is " + (configured.staged() ? "immediate" : "staged"));
        }
        final java.util.Set<String> missing = new java.util.TreeSet<>(configured.users());
        fleet.usersOf(profile).forEach(missing::remove);
        if (!missing.isEmpty()) {
            differs.add(missing.size() + " routers listing it not known here yet (" + missing.stream().limit(5)
                .collect(java.util.stream.Collectors.joining(", ")) + (missing.size() > 5 ? ", ..." : "") + ")");
        }
        return differs;
    }

    /**
     * Routers' own intents as the configuration datastore held them when the operator asked for a rollout of them.
     *
     * @param staged per router whose own intent is staged ({@code routers/router/apply staged}), its intent as this
     *     controller maps it (empty: not usable)
     */
    public record ConfiguredIntents(Map<String, Optional<RouterIntent>> staged) {
        public ConfiguredIntents {
            staged = Map.copyOf(staged);
        }
    }

    /**
     * Starts a rollout of its targets' own intents as configured now: routers whose own intent is staged
     * ({@link Fleet#routerChanged(RouterSpec, boolean)}), each keeping the intent it runs until its wave.
     *
     * @param name the rollout's name
     * @param plan how it moves
     * @param targets the routers it changes (each must have its own intent staged); empty: every such router
     * @param probes operator probes each router runs in its health gate, after the read-back passed
     * @return the state after its first step
     * @throws IllegalArgumentException when a target or the plan does not fit, naming it
     * @throws IllegalStateException when the rollout, or another rollout of routers' intents, runs already
     */
    public RolloutState startIntents(final String name, final RolloutPlan plan, final List<String> targets,
            final List<org.opendaylight.openbsdpbr.api.device.Probe> probes) {
        refuseUnlessOwner();
        final List<String> chosen = targets.isEmpty() ? fleet.stagedRouters()
            : targets.stream().sorted().distinct().toList();
        if (chosen.isEmpty()) {
            throw new IllegalArgumentException("rollout[" + name + "]/target: no router has its own intent staged "
                + "(routers/router/apply staged)");
        }
        final Map<String, RouterIntent> intents = new java.util.HashMap<>();
        final Map<String, RouterIntent> before = new java.util.HashMap<>();
        for (String router : chosen) {
            if (!fleet.isStagedRouter(router)) {
                throw new IllegalArgumentException("rollout[" + name + "]/target: router " + router + " does not "
                    + "have its own intent staged (routers/router[name=" + router + "]/apply is immediate)");
            }
            intents.put(router, fleet.router(router).flatMap(reconciler -> reconciler.spec().intent())
                .orElseThrow(() -> new IllegalArgumentException("rollout[" + name + "]/target: router " + router
                    + " has no usable intent")));
            fleet.pinnedIntent(router).ifPresent(running -> before.put(router, running));
        }
        final Run run = register(name, other -> other.carried instanceof CarriedIntents, "of routers' intents runs "
            + "already: one at a time", () -> new Run(new CarriedIntents(intents, before), RolloutState.create(name,
                plan, chosen).start(time.now()), probes));
        LOG.info("rollout {}: own intents of {} routers in {} waves", name, chosen.size(), run.state().waves().size());
        run.pump(List.of());
        return run.state();
    }

    /**
     * Starts a rollout of routers' own intents once this member's fleet has taken them in as the configuration
     * datastore held them when the operator asked: the same reason as {@link #start(String, RolloutPlan, String,
     * Configured, List, List, java.time.Duration)} waits for a profile (an operator who PUTs routers' intents and
     * starts their rollout at once must get a rollout of those intents; started on what the listener had delivered,
     * it carried the previous intents and halted when the new ones arrived).
     *
     * @param configured the intents as the datastore held them
     * @param limit how long to wait for the fleet
     * @return completed as {@link #start(String, RolloutPlan, String, Configured, List, List, java.time.Duration)}
     */
    public java.util.concurrent.CompletionStage<RolloutState> startIntents(final String name, final RolloutPlan plan,
            final List<String> targets, final List<org.opendaylight.openbsdpbr.api.device.Probe> probes,
            final ConfiguredIntents configured, final java.time.Duration limit) {
        return startOnceTakenIn(limit, () -> startIntents(name, plan, targets, probes),
            () -> intentsTakenIn(targets, configured).isEmpty(), () -> "rollout[" + name + "]: this controller has "
                + "not taken in the routers' intents as read at the start within " + limit.toSeconds() + " s ("
                + String.join("; ", intentsTakenIn(targets, configured)) + "): if they were changed again meanwhile, "
                + "start the rollout again");
    }

    /**
     * What the fleet does not hold yet of the targets' own intents as configured: whether each is staged, and its
     * intent.
     *
     * @return what differs; empty: the fleet holds them as configured
     */
    private List<String> intentsTakenIn(final List<String> targets, final ConfiguredIntents configured) {
        final java.util.Set<String> routers = new java.util.TreeSet<>(targets);
        if (routers.isEmpty()) {
            routers.addAll(configured.staged().keySet());
            routers.addAll(fleet.stagedRouters());
        }
        final List<String> stagedHere = new ArrayList<>();
        final List<String> notStagedHere = new ArrayList<>();
        final List<String> differs = new ArrayList<>();
        for (String router : routers) {
            final Optional<RouterIntent> intent = configured.staged().get(router);
            if (intent == null) {
                if (fleet.isStagedRouter(router)) {
                    stagedHere.add(router);
                }
            } else if (!fleet.isStagedRouter(router)) {
                notStagedHere.add(router);
            } else if (!fleet.router(router).flatMap(reconciler -> reconciler.spec().intent()).equals(intent)) {
                differs.add(router);
            }
        }
        final List<String> said = new ArrayList<>();
        if (!notStagedHere.isEmpty()) {
            said.add("not staged here yet: " + few(notStagedHere));
        }
        if (!stagedHere.isEmpty()) {
            said.add("still staged here: " + few(stagedHere));
        }
        if (!differs.isEmpty()) {
            said.add("another intent here: " + few(differs));
        }
        return said;
    }

    private static String few(final List<String> routers) {
        return routers.stream().limit(5).collect(java.util.stream.Collectors.joining(", "))
            + (routers.size() > 5 ? ", ... (" + routers.size() + ")" : "");
    }

    /**
     * Registers a new run, unless a rollout of that name, or a rival of it, runs already.
     *
     * @param name the rollout's name
     * @param rival which running rollouts it may not run beside
     * @param refusal what the refusal says after the rival's name
     * @param run makes the run (inside the check: nothing starts twice)
     */
    private Run register(final String name, final java.util.function.Predicate<Run> rival, final String refusal,
            final java.util.function.Supplier<Run> run) {
        synchronized (runs) {
            final Run existing = runs.get(name);
            if (existing != null && !existing.state().state().isFinal()) {
                throw new IllegalStateException("rollout " + name + " runs already (" + existing.state().state()
                    .yangName() + ")");
            }
            runs.values().stream().filter(other -> rival.test(other) && !other.state().state().isFinal())
                .findFirst().ifPresent(other -> {
                    throw new IllegalStateException("rollout " + other.state().name() + " " + refusal);
                });
            final Run made = run.get();
            runs.put(name, made);
            return made;
        }
    }

    /**
     * Takes over a rollout another engine persisted (after a failover or a restart): every target is pinned as the
     * previous engine left it (routers that took the change to the content carried, the others to what they ran
     * before), and the work that was in flight is verified on the router or repeated ({@link RolloutMachine#adopt}):
     * nothing is applied twice. A rollout whose profile changed meanwhile halts, as it would have on the first engine.
     *
     * @param persisted the state the datastore kept
     * @param carried what it carries and what its routers ran before, as persisted
     * @param probes the operator probes of its health gate, from its configuration
     * @return the state after the first step
     * @throws IllegalStateException when this engine runs a rollout of that name already
     */
    public RolloutState adopt(final RolloutState persisted, final Change carried,
            final List<org.opendaylight.openbsdpbr.api.device.Probe> probes) {
        final Run run = new Run(carried, persisted, probes);
        synchronized (runs) {
            final Run existing = runs.get(persisted.name());
            if (existing != null && !existing.stopped) {
                throw new IllegalStateException("rollout " + persisted.name() + " runs here already");
            }
            runs.put(persisted.name(), run);
        }
        for (RouterResult result : persisted.routers().values()) {
            if (result.changed() && result.phase() != Phase.ROLLED_BACK) {
                run.pinHere(result.router(), run.release(result.router()));
            } else if (result.phase() != Phase.APPLYING) {
                // an apply in flight is verified first: its pin follows what the router runs
                run.pinHere(result.router(), run.withdraw(result.router()));
            }
        }
        LOG.info("rollout {}: taken over at wave {} ({})", persisted.name(), persisted.wave() + 1,
            persisted.state().yangName());
        // the work in flight first; the next step (a wave's start) asks the routers' managers whether they are
        // reachable, as a running rollout does (judged here, a router managed elsewhere counted as reachable)
        run.pump(List.of(RolloutMachine.pickUp(persisted)));
        return run.state();
    }

    /**
     * This engine runs the cluster's rollouts from now on (its member gained the rollouts' singleton); the caller
     * {@linkplain #adopt adopts} the persisted ones next.
     */
    public void gainedOwnership() {
        owner = true;
    }

    /**
     * Another member runs the rollouts from now on: every run here stops at once (nothing new starts, no state is
     * written any more; commits under way finish on their routers and the new owner verifies them), and the
     * operator's requests are refused with where to send them.
     *
     * @param hint where the rollouts run now, for the refusal, as the status says it ({@code run-by})
     */
    public void lostOwnership(final String hint) {
        owner = false;
        ownerHint = requireNonNull(hint);
        synchronized (runs) {
            runs.values().forEach(Run::stop);
            runs.clear();
        }
    }

    private void refuseUnlessOwner() {
        if (!owner) {
            throw new IllegalStateException("rollouts run on the cluster member that owns openbsd-pbr/rollouts, not "
                + "this one" + (ownerHint.isEmpty() ? "" : " (" + ownerHint + ")") + ": call that member");
        }
    }

    /** A rollout's state, if this engine runs (or ran) it. */
    public Optional<RolloutState> state(final String name) {
        return Optional.ofNullable(runs.get(name)).map(Run::state);
    }

    /** Every rollout this engine knows. */
    public List<RolloutState> states() {
        return runs.values().stream().map(Run::state).toList();
    }

    /** Nothing new starts until {@link #resume}. */
    public RolloutState pause(final String name) {
        return operator(name, state -> state.pause(time.now()));
    }

    /** A paused rollout goes on. */
    public RolloutState resume(final String name) {
        return operator(name, state -> state.resume(time.now()));
    }

    /** The operator lets wave {@code number} (from 1) start. */
    public RolloutState approve(final String name, final int number) {
        return operator(name, state -> state.approve(number, time.now()));
    }

    /** The operator stops the rollout, putting back the routers that took the change or not. */
    public RolloutState abort(final String name, final boolean rollback) {
        return operator(name, state -> state.abort(rollback, time.now()));
    }

    /**
     * The rollout's configuration was removed: the rollout stops at once and is forgotten. Nothing new starts and no
     * state is written any more; commits under way finish (a confirmed commit is not taken back half-way) and every
     * router keeps what it runs, pinned to it: one that took the change to the content carried, the others to what
     * they ran before.
     *
     * @return whether a rollout of that name ran here
     */
    public boolean forget(final String name) {
        final Run run;
        synchronized (runs) {
            run = runs.remove(name);
        }
        if (run == null) {
            return false;
        }
        run.stop();
        LOG.info("rollout {}: its configuration was removed: stopped at wave {} ({})", name, run.state().wave() + 1,
            run.state().state().yangName());
        return true;
    }

    private RolloutState operator(final String name, final UnaryOperator<RolloutState> event) {
        refuseUnlessOwner();
        final Run run = runs.get(name);
        if (run == null) {
            throw new IllegalArgumentException("no rollout named " + name + " was started on this controller");
        }
        run.event(event, true);
        return run.state();
    }

    @Override
    public void close() {
        closed = true;
        runs.values().forEach(Run::cancelWake);
    }

    /** One rollout being carried out. */
    private final class Run {
        private final Change carried;
        /** The operator probes of the health gate, from the rollout's configuration. */
        private final List<org.opendaylight.openbsdpbr.api.device.Probe> probes;
        /** Set when the run stops here (configuration removed, ownership lost): nothing more is started or written. */
        private volatile boolean stopped;
        // guarded by this
        private RolloutState state;
        private Scheduler.Cancellable wake;
        /**
         * Whether the routers of the wave about to start are reachable, as their managers answered; cleared once a
         * wave started with them. A router another member manages is asked there ({@link RouterSteps.Step.Reach}),
         * through the same forwarding as its other steps, and the machine steps again with the answers.
         */
        private final Map<String, Boolean> reached = new java.util.HashMap<>();
        /** The managers' answers still awaited, per router. */
        private final Map<String, java.util.concurrent.CompletableFuture<Result>> asking = new java.util.HashMap<>();

        Run(final Change carried, final RolloutState state,
                final List<org.opendaylight.openbsdpbr.api.device.Probe> probes) {
            this.carried = carried;
            this.probes = List.copyOf(probes);
            this.state = state;
        }

        /** The profile it carries, if it carries one. */
        String profile() {
            return carried instanceof Carried profile ? profile.profile() : "";
        }

        /** The pin to what the rollout carries. */
        Pin release(final String router) {
            return switch (carried) {
                case Carried profile -> new Pin.ProfilePin(profile.profile(), Optional.of(profile.content()));
                case CarriedIntents own -> new Pin.IntentPin(Optional.ofNullable(own.intents().get(router)));
            };
        }

        /** The pin back to what the router ran before the rollout (held on what it runs, if that is not known). */
        Pin withdraw(final String router) {
            return switch (carried) {
                case Carried profile -> new Pin.ProfilePin(profile.profile(), profile.before(router));
                case CarriedIntents own -> new Pin.IntentPin(Optional.ofNullable(own.before().get(router)));
            };
        }

        /** Pins a router this member manages (a router managed elsewhere keeps the pin its manager holds). */
        void pinHere(final String router, final Pin pin) {
            if (fleet.router(router).filter(RouterReconciler::isManagedHere).isEmpty()) {
                return;
            }
            switch (pin) {
                case Pin.ProfilePin profile -> fleet.pin(router, profile.profile(), profile.content());
                case Pin.IntentPin own -> fleet.pinIntent(router, own.intent());
            }
        }

        /** Why the rollout must halt: what it carries is no longer what is configured. */
        Optional<String> outdated() {
            return switch (carried) {
                case Carried profile -> fleet.profile(profile.profile()).filter(profile.content()::equals)
                    .isPresent() ? Optional.empty() : Optional.of("profile " + profile.profile() + " changed while "
                        + "the rollout ran: routers already changed run the content it started with");
                case CarriedIntents own -> own.intents().entrySet().stream().filter(entry -> !fleet.router(entry
                    .getKey()).flatMap(reconciler -> reconciler.spec().intent()).filter(entry.getValue()::equals)
                    .isPresent()).map(Map.Entry::getKey).sorted().findFirst().map(router -> "the intent of router "
                        + router + " changed while the rollout ran: routers already changed run the intent it "
                        + "started with");
            };
        }

        void stop() {
            stopped = true;
            cancelWake();
        }

        synchronized RolloutState state() {
            return state;
        }

        synchronized void cancelWake() {
            if (wake != null) {
                wake.cancel();
                wake = null;
            }
        }

        /**
         * Applies an event, then steps. An operator's event that does not fit is refused to the caller; an engine
         * event that does not fit (a late answer for a router the rollout no longer waits for) is logged.
         */
        void event(final UnaryOperator<RolloutState> event, final boolean fromOperator) {
            synchronized (this) {
                try {
                    state = event.apply(state);
                } catch (IllegalStateException e) {
                    if (fromOperator) {
                        throw e;
                    }
                    LOG.warn("late answer ignored: {}", e.getMessage());
                    return;
                }
            }
            pump(List.of());
        }

        /** Steps the machine, persists the state, then starts the work it names. */
        void pump(final List<RolloutMachine.Step> first) {
            final List<Action> actions = new ArrayList<>();
            final Map<String, java.util.concurrent.CompletableFuture<Result>> newAsks = new java.util.HashMap<>();
            synchronized (this) {
                if (closed || stopped) {
                    return;
                }
                for (RolloutMachine.Step step : first) {
                    state = step.state();
                    actions.addAll(step.actions());
                }
                final RolloutState current = state;
                final Optional<String> outdated = current.state().isFinal()
                    || current.state() == RolloutState.State.ROLLING_BACK ? Optional.empty() : outdated();
                if (outdated.isPresent()) {
                    state = current.halt(outdated.orElseThrow() + "; start a new rollout, or abort with rollback",
                        time.now());
                }
                final java.util.Set<String> unknown = new java.util.TreeSet<>();
                final int bound = state.plan().concurrency();
                final RolloutMachine.Step step = RolloutMachine.next(state, time.now(), router -> {
                    final Boolean known = reached.get(router);
                    if (known != null) {
                        return known;
                    }
                    final var answer = asking.get(router);
                    if (answer == null && asking.size() < bound) {
                        // asked at most the plan's concurrency at once: the others when answers come in
                        final var asked = steps.run(new RouterSteps.Step.Reach(router)).toCompletableFuture();
                        if (asked.isDone()) {
                            return reachable(asked.getNow(null));
                        }
                        asking.put(router, asked);
                        newAsks.put(router, asked);
                    }
                    unknown.add(router);
                    return true;
                });
                if (wake != null) {
                    wake.cancel();
                    wake = null;
                }
                final boolean changed = !first.isEmpty() || outdated.isPresent();
                if (unknown.isEmpty()) {
                    // the machine's step is pure: one that needed answers not in yet is dropped and made again; once
                    // a step is taken, answers asked for it are spent (a pause in between must not leave them for a
                    // later wave start)
                    state = step.state();
                    actions.addAll(step.actions());
                    reached.clear();
                    asking.clear();
                    if (step.wakeAt().isPresent()) {
                        wake = time.schedule(java.time.Duration.between(time.now(), step.wakeAt().orElseThrow()),
                            () -> pump(List.of()));
                    }
                    sink.write(carried, state);
                } else {
                    LOG.debug("rollout {}: asking the managers of {} whether they are reachable", state.name(),
                        unknown);
                    if (changed) {
                        sink.write(carried, state);
                    }
                }
            }
            newAsks.forEach((router, answer) -> answer.whenComplete((result, error) -> {
                synchronized (this) {
                    // an answer asked for a step already taken (a pause, a halt) is dropped
                    if (!asking.remove(router, answer)) {
                        return;
                    }
                    reached.put(router, reachable(result));
                }
                pump(List.of());
            }));
            actions.forEach(this::act);
        }

        /** A manager's answer; no answer (it could not be asked) lets the router's apply decide, as before. */
        private static boolean reachable(final Result result) {
            return !(result instanceof Result.Reached reached) || reached.reachable();
        }

        private void act(final Action action) {
            final String router = action.router();
            switch (action) {
                case Action.Apply apply -> steps.run(new RouterSteps.Step.Apply(router, release(router),
                    withdraw(router))).whenComplete((result, error) -> {
                        if (result instanceof Result.Applied applied) {
                            steps.run(new RouterSteps.Step.Gate(router, probes)).whenComplete((gate, failure) -> {
                                final Result.Gated found = gated(gate, failure);
                                event(current -> current.probed(router, found.probes()).applied(router,
                                    applied.generation(), found.failure().isEmpty(), found.failure().orElse(""),
                                    time.now()), false);
                            });
                        } else {
                            event(current -> current.applyFailed(router, failure(result, error), time.now()), false);
                        }
                    });
                case Action.Verify verify -> steps.run(new RouterSteps.Step.Verify(router, release(router),
                    withdraw(router))).whenComplete((result, error) -> {
                        if (result instanceof Result.Failed) {
                            // not read back (the call to its manager failed): whether it runs the change is not
                            // known, and applying it again could commit it twice: counted failed
                            event(current -> current.applyFailed(router, failure(result, error), time.now()), false);
                            return;
                        }
                        final Result.Verified found = result instanceof Result.Verified verified ? verified
                            : new Result.Verified(false, OptionalInt.empty());
                        event(current -> current.verified(router, found.took(), found.generation(), time.now()),
                            false);
                    });
                case Action.Check check -> steps.run(new RouterSteps.Step.Gate(router, probes)).whenComplete(
                    (gate, failure) -> {
                        final Result.Gated found = gated(gate, failure);
                        event(current -> current.probed(router, found.probes()).checked(router,
                            found.failure().isEmpty(), found.failure().orElse(""), time.now()), false);
                    });
                case Action.Revert revert -> steps.run(new RouterSteps.Step.Revert(router, withdraw(router)))
                    .whenComplete((result, error) -> {
                        if (result instanceof Result.RolledBack back) {
                            event(current -> current.reverted(router, OptionalInt.of(back.generation())), false);
                        } else {
                            event(current -> current.revertFailed(router, failure(result, error)), false);
                        }
                    });
            }
        }
    }

    /** A health gate's verdict, or the failure of running it. */
    private static Result.Gated gated(final Result result, final Throwable failure) {
        return result instanceof Result.Gated gate ? gate : new Result.Gated(Optional.of("health: "
            + (failure != null ? failure : "unexpected answer " + result)), List.of());
    }

    /** A step's failure as the rollout records it. */
    private Failure failure(final Result result, final Throwable error) {
        final Result.Failed failed = result instanceof Result.Failed known ? known
            : FleetSteps.of(error != null ? "commit: " + error : "commit: unexpected answer " + result);
        return new Failure(failed.step(), failed.message(), time.now());
    }
}

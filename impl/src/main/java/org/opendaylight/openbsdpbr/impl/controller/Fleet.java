/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.controller;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.ThreadFactoryBuilder;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.opendaylight.openbsdpbr.api.intent.Profile;
import org.opendaylight.openbsdpbr.api.intent.RouterIntent;
import org.opendaylight.openbsdpbr.impl.compile.Compilations;
import org.opendaylight.openbsdpbr.impl.device.DevicePush;
import org.opendaylight.openbsdpbr.impl.device.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every router this controller knows, each with its reconciler, and the profiles they share. Configuration arrives as
 * immutable snapshots (a router's spec, a profile); a profile change fans out to every router that uses it. A router is
 * worked on only while this member owns it ({@link Ownership}: one manager per router in a cluster). Commands (the
 * RPCs) go to the router's reconciler: {@link #submit(String, Command)}.
 */
public final class Fleet implements AutoCloseable {
    /**
     * The name under which a {@link PinStore} keeps the pin of a router's own intent (no profile is named so: a
     * profile's name is lower-case letters, digits, '-' and '_'). Only that the router is held is kept, never the
     * intent: it holds secrets (a PPPoE password), which must not be persisted in clear.
     */
    public static final String OWN_INTENT = "(own intent)";
    private static final Logger LOG = LoggerFactory.getLogger(Fleet.class);

    private final Map<String, Profile> profiles = new ConcurrentHashMap<>();
    /** Profiles whose changes reach routers only through a rollout. */
    private final Set<String> staged = ConcurrentHashMap.newKeySet();
    /**
     * Per router, the content of each staged profile it is pinned to: the content it runs, which its compiles take
     * instead of the configured one; empty: hold the router on whatever it runs (the content is not known here).
     */
    private final Map<String, Map<String, Optional<Profile>>> pins = new ConcurrentHashMap<>();
    private final Map<String, Managed> routers = new ConcurrentHashMap<>();
    /** Routers whose own intent's changes reach them only through a rollout. */
    private final Set<String> stagedRouters = ConcurrentHashMap.newKeySet();
    /**
     * Per staged router whose configured intent it does not run yet, the own intent it runs, which its compiles take
     * instead of the configured one; empty: held on whatever it runs (not known here, e.g. after a restart).
     */
    private final Map<String, Optional<RouterIntent>> intentPins = new ConcurrentHashMap<>();
    private final Executor workers;
    private final Scheduler time;
    private final Permits permits;
    private final DevicePush push;
    private final StatusSink sink;
    private final Ownership ownership;
    private final ControllerSettings settings;
    private final Compilations compilations;
    private volatile PinStore pinStore = PinStore.NONE;
    /** Set while the pins are read back at start: routers of staged profiles are held on what they run meanwhile. */
    private volatile boolean pinsPending;
    private final ExecutorService ownWorkers;
    private volatile Scheduler.Cancellable checkSync;
    private volatile boolean closed;

    private record Managed(RouterReconciler reconciler, AutoCloseable registration) {
    }

    /**
     * A fleet with its own worker threads (one per core: steps only compile and decide), on the caller's timer.
     *
     * @param push the transaction engine
     * @param sink where statuses go
     * @param ownership who manages which router
     * @param settings the knobs
     * @param compilations compiled intents, shared with the commit cohort
     * @param time the clock and timers: the controller's {@link org.opendaylight.openbsdpbr.impl.device.TimerThread},
     *     which {@code push} runs on too; the caller closes it after this fleet
     */
    public Fleet(final DevicePush push, final StatusSink sink, final Ownership ownership,
            final ControllerSettings settings, final Compilations compilations, final Scheduler time) {
        this(push, sink, ownership, settings, compilations, time, workerPool());
    }

    private Fleet(final DevicePush push, final StatusSink sink, final Ownership ownership,
            final ControllerSettings settings, final Compilations compilations, final Scheduler time,
            final ExecutorService ownWorkers) {
        this(push, sink, ownership, settings, compilations, ownWorkers, time, ownWorkers);
    }

    /**
     * A fleet on given workers and time (tests: a direct executor and a clock they advance).
     *
     * @param push the transaction engine
     * @param sink where statuses go
     * @param ownership who manages which router
     * @param settings the knobs
     * @param compilations compiled intents, shared with the commit cohort
     * @param workers runs reconciler steps
     * @param time the clock and timers
     */
    public Fleet(final DevicePush push, final StatusSink sink, final Ownership ownership,
            final ControllerSettings settings, final Compilations compilations, final Executor workers,
            final Scheduler time) {
        this(push, sink, ownership, settings, compilations, workers, time, null);
    }

    private Fleet(final DevicePush push, final StatusSink sink, final Ownership ownership,
            final ControllerSettings settings, final Compilations compilations, final Executor workers,
            final Scheduler time, final ExecutorService ownWorkers) {
        this.push = requireNonNull(push);
        this.sink = requireNonNull(sink);
        this.ownership = requireNonNull(ownership);
        this.settings = requireNonNull(settings);
        this.compilations = requireNonNull(compilations);
        this.workers = requireNonNull(workers);
        this.time = requireNonNull(time);
        this.ownWorkers = ownWorkers;
        permits = new Permits(settings.concurrency());
        if (settings.checkSyncInterval().isPositive()) {
            scheduleCheckSync();
        }
    }

    private static ExecutorService workerPool() {
        return Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()),
            new ThreadFactoryBuilder().setNameFormat("openbsd-pbr-worker-%d").setDaemon(true).build());
    }

    /** The periodic drift check: every router is read back, then the check is armed again (until closed). */
    private void scheduleCheckSync() {
        if (!closed) {
            checkSync = time.schedule(settings.checkSyncInterval(), () -> {
                checkSyncAll();
                scheduleCheckSync();
            });
        }
    }

    /** A router was added or its configuration changed. */
    public void routerChanged(final RouterSpec spec) {
        final Managed existing = routers.get(spec.name());
        if (existing != null) {
            existing.reconciler().update(spec);
            return;
        }
        final var reconciler = new RouterReconciler(spec, workers, time, permits, push, sink, settings,
            () -> profilesOf(spec.name()), compilations, this::heldBack, this::withPinnedIntent);
        final var placeholder = new Managed(reconciler, null);
        if (routers.putIfAbsent(spec.name(), placeholder) != null) {
            routerChanged(spec);
            return;
        }
        final AutoCloseable registration = ownership.register(spec.name(), new Ownership.Owner() {
            @Override
            public void gained() {
                LOG.info("{}: this controller manages the router now", spec.name());
                reconciler.gained();
            }

            @Override
            public void lost() {
                LOG.info("{}: this controller no longer manages the router", spec.name());
                reconciler.lost();
            }

            @Override
            public CompletionStage<Void> idle() {
                return reconciler.idle();
            }
        });
        routers.replace(spec.name(), placeholder, new Managed(reconciler, registration));
    }

    /**
     * A router was added or its configuration changed, saying whether its own intent is staged.
     *
     * @param spec the router
     * @param stagedIntent whether changes of its own intent reach it only through a rollout: until a rollout pins it
     *     to its configured intent, it stays pinned to the intent it runs (its profiles' changes still reach it,
     *     compiled with that intent). A router that is new, or becomes staged, takes its intent at once.
     */
    public void routerChanged(final RouterSpec spec, final boolean stagedIntent) {
        final String name = spec.name();
        if (stagedIntent) {
            final boolean wasStaged = !stagedRouters.add(name);
            final Optional<RouterIntent> previous = router(name).map(reconciler -> reconciler.spec().intent())
                .orElse(null);
            if (wasStaged && previous != null && !previous.equals(spec.intent())
                    && intentPins.putIfAbsent(name, previous) == null && isManagedHere(name)) {
                pinStore.pinned(name, OWN_INTENT, Optional.empty());
            }
        } else {
            stagedRouters.remove(name);
            if (intentPins.remove(name) != null && isManagedHere(name)) {
                pinStore.unpinned(name, OWN_INTENT);
            }
        }
        routerChanged(spec);
    }

    /** Whether a router's own intent reaches it only through a rollout. */
    public boolean isStagedRouter(final String name) {
        return stagedRouters.contains(name);
    }

    /** The routers configured here whose own intent is staged, by name. */
    public List<String> stagedRouters() {
        return stagedRouters.stream().filter(routers::containsKey).sorted().toList();
    }

    /**
     * Pins a staged router to an own intent: its compiles take that intent instead of the configured one. A rollout
     * of routers' intents pins a router to the intent it carries (its next push carries it), and back to what it ran
     * when it rolls the router back. A pin equal to the configured intent is dropped: the router runs its
     * configuration.
     *
     * @param router the router
     * @param intent the intent; empty: hold the router on whatever it runs
     */
    public void pinIntent(final String router, final Optional<RouterIntent> intent) {
        final boolean configured = intent.isPresent() && router(router).map(reconciler -> reconciler.spec().intent())
            .filter(intent::equals).isPresent();
        if (configured) {
            if (intentPins.remove(router) != null) {
                pinStore.unpinned(router, OWN_INTENT);
            }
        } else if (!intent.equals(intentPins.put(router, intent))) {
            pinStore.pinned(router, OWN_INTENT, Optional.empty());
        }
    }

    /** The own intent a router runs as far as this fleet knows: its pin, else the configured intent. */
    public Optional<RouterIntent> pinnedIntent(final String router) {
        final Optional<RouterIntent> pin = intentPins.get(router);
        return pin != null ? pin : router(router).flatMap(reconciler -> reconciler.spec().intent());
    }

    /** A router's spec as its compiles take it: with its pinned own intent, if any. */
    private RouterSpec withPinnedIntent(final RouterSpec spec) {
        final Optional<RouterIntent> pin = intentPins.get(spec.name());
        return pin == null || pin.isEmpty() ? spec : spec.withIntent(pin);
    }

    /** A router left the configuration. */
    public void routerRemoved(final String name) {
        final Managed removed = routers.remove(name);
        if (removed != null) {
            final boolean managedHere = removed.reconciler().isManagedHere();
            removed.reconciler().lost();
            removed.reconciler().stop();
            closeQuietly(removed.registration());
            compilations.forget(name);
            final Map<String, Optional<Profile>> dropped = pins.remove(name);
            if (dropped != null && managedHere) {
                dropped.keySet().forEach(profile -> pinStore.unpinned(name, profile));
            }
            stagedRouters.remove(name);
            if (intentPins.remove(name) != null && managedHere) {
                pinStore.unpinned(name, OWN_INTENT);
            }
            sink.clear(name);
        }
    }

    /** A profile was added or changed: every router using it reconciles. */
    public void profileChanged(final Profile profile) {
        profileChanged(profile, false);
    }

    /**
     * A profile was added or changed.
     *
     * @param profile the profile
     * @param stagedMode whether its changes reach routers only through a rollout: every router that lists it stays
     *     pinned to the content it runs (its own intent still reaches it, compiled with that content) until a rollout
     *     pins it to the new content. A profile that is new, or becomes staged, reaches its routers at once: they
     *     have no staged content to keep
     */
    public void profileChanged(final Profile profile, final boolean stagedMode) {
        final Profile previous = profiles.get(profile.name());
        final boolean wasStaged = staged.contains(profile.name());
        if (stagedMode) {
            staged.add(profile.name());
        } else {
            staged.remove(profile.name());
            unpinAll(profile.name());
        }
        if (stagedMode && wasStaged && previous != null && !previous.equals(profile)) {
            // every router not pinned yet keeps the content it runs: the previous one
            for (String router : usersOf(profile.name())) {
                if (pins.computeIfAbsent(router, name -> new ConcurrentHashMap<>()).putIfAbsent(profile.name(),
                        Optional.of(previous)) == null && isManagedHere(router)) {
                    pinStore.pinned(router, profile.name(), Optional.of(previous));
                }
            }
        }
        // pinned before the new content is visible: no compile takes it in between
        profiles.put(profile.name(), profile);
        fanOut(profile.name());
    }

    /** A profile was removed. */
    public void profileRemoved(final String name) {
        profiles.remove(name);
        staged.remove(name);
        unpinAll(name);
        fanOut(name);
    }

    /** Drops every router's pin on a profile (it is immediate now, or gone). */
    private void unpinAll(final String profile) {
        pins.forEach((router, pinned) -> {
            if (pinned.remove(profile) != null && isManagedHere(router)) {
                pinStore.unpinned(router, profile);
            }
        });
    }

    private boolean isManagedHere(final String router) {
        return router(router).filter(RouterReconciler::isManagedHere).isPresent();
    }

    /**
     * Where pins are kept beyond this fleet's memory; set once at start, before any configuration arrives.
     *
     * @param store the store
     */
    public void keepPinsIn(final PinStore store) {
        pinStore = requireNonNull(store);
    }

    /**
     * The pins are being read back from the {@link PinStore} (at start, asynchronously: a datastore without a shard
     * leader must not stall the controller's activation): until {@link #restorePins}, every router that lists a
     * staged profile is held on what it runs, as if pinned to it. Call before any configuration arrives.
     */
    public void awaitPins() {
        pinsPending = true;
    }

    /**
     * The pins read back at start: they take the place of any made meanwhile here (from configuration that arrived
     * first, which knows less about what a router runs than the pin its manager wrote), and the routers held while
     * they were read reconcile again.
     *
     * @param stored per router, per staged profile, the content it is pinned to (empty: held on what it runs)
     */
    public void restorePins(final Map<String, Map<String, Optional<Profile>>> stored) {
        stored.forEach((router, of) -> of.forEach((profile, pin) -> {
            if (OWN_INTENT.equals(profile)) {
                intentPins.put(router, Optional.empty());
            } else {
                pins.computeIfAbsent(router, name -> new ConcurrentHashMap<>()).put(profile, pin);
            }
        }));
        pinsPending = false;
        routers.keySet().stream().filter(stagedRouters::contains).forEach(name -> router(name).ifPresent(
            RouterReconciler::profilesChanged));
        staged.forEach(this::fanOut);
    }

    /**
     * A pin read back from the {@link PinStore}: at start (every pin, before the configuration arrives, so that no
     * router compiles a staged profile's new content in between), and when another member changed the pin of a router
     * it manages. A router this member manages keeps the pin it has here: this member wrote it, and an echo of an
     * older write must not undo a newer one. A rollout run by another member does not reach this member's routers
     * through the keep: its steps come here ({@link FleetSteps}), and this member pins the router itself, so that the
     * one writer of a router's pin is the member that manages it, and its commits compile what it was told.
     *
     * @param router the router
     * @param profile the profile's name
     * @param content the pin; empty: the pin is gone
     */
    public void restorePin(final String router, final String profile, final Optional<Optional<Profile>> content) {
        if (isManagedHere(router)) {
            return;
        }
        if (OWN_INTENT.equals(profile)) {
            // only that it is held is kept: the intent itself holds secrets
            content.ifPresentOrElse(pin -> intentPins.put(router, Optional.empty()), () -> intentPins.remove(router));
            return;
        }
        content.ifPresentOrElse(pin -> pins.computeIfAbsent(router, name -> new ConcurrentHashMap<>()).put(profile,
            pin), () -> {
                final Map<String, Optional<Profile>> of = pins.get(router);
                if (of != null) {
                    of.remove(profile);
                }
            });
    }

    /** A profile as configured now. */
    public Optional<Profile> profile(final String name) {
        return Optional.ofNullable(profiles.get(name));
    }

    /** Whether a profile's changes reach routers only through a rollout. */
    public boolean isStaged(final String name) {
        return staged.contains(name);
    }

    /** The routers configured here that list the profile, by name. */
    public List<String> usersOf(final String profile) {
        return routers.values().stream().map(Managed::reconciler).filter(reconciler -> reconciler.usesProfile(profile))
            .map(RouterReconciler::name).sorted().toList();
    }

    /**
     * Pins a router to a content of a staged profile: its compiles take that content instead of the configured one,
     * so its own intent still reaches it while the profile's new content waits for a rollout. A rollout pins a router
     * to the content it carries (its next push carries it), and back to what it ran when it rolls the router back.
     *
     * @param router the router
     * @param profile the profile's name
     * @param content the content; empty: hold the router on whatever it runs (no push of its own reaches it), for a
     *     router whose content is not known here (an engine that took a rollout over after a failover)
     */
    public void pin(final String router, final String profile, final Optional<Profile> content) {
        final Optional<Profile> was = pins.computeIfAbsent(router, name -> new ConcurrentHashMap<>()).put(profile,
            content);
        if (!content.equals(was)) {
            pinStore.pinned(router, profile, content);
        }
    }

    /**
     * The content of a staged profile a router runs as far as this fleet knows: its pin, else the configured content.
     *
     * @return the content; empty when the router is held on what it runs, or the profile is not configured
     */
    public Optional<Profile> pinned(final String router, final String profile) {
        final Map<String, Optional<Profile>> of = pins.get(router);
        final Optional<Profile> pin = of == null ? null : of.get(profile);
        return pin != null ? pin : Optional.ofNullable(profiles.get(profile));
    }

    /** The profiles a router's compiles take: the configured ones, with its pins in place of staged ones. */
    private Map<String, Profile> profilesOf(final String router) {
        final Map<String, Optional<Profile>> of = pins.get(router);
        if (of == null || of.isEmpty()) {
            return profiles;
        }
        final Map<String, Profile> effective = new java.util.HashMap<>(profiles);
        of.forEach((name, pin) -> pin.ifPresent(content -> effective.put(name, content)));
        return effective;
    }

    /**
     * Whether a router's own pushes wait: a staged profile it lists holds it on what it runs (a pin without content,
     * for a router that got files from this controller; or the pins are still being read back). Operators' commands
     * (sync, rollback) still go through.
     *
     * @param spec the router
     * @param gotFiles whether this controller knows the router got files from it
     */
    boolean heldBack(final RouterSpec spec, final boolean gotFiles) {
        if (pinsPending && (stagedRouters.contains(spec.name()) || spec.profiles().stream().anyMatch(
                staged::contains))) {
            // a controller that just started knows of no router that it got files: the pins will say what it runs
            return true;
        }
        final Optional<RouterIntent> intentPin = intentPins.get(spec.name());
        if (gotFiles && intentPin != null && intentPin.isEmpty() && stagedRouters.contains(spec.name())) {
            return true;
        }
        final Map<String, Optional<Profile>> of = pins.get(spec.name());
        return gotFiles && of != null && spec.profiles().stream().anyMatch(profile -> staged.contains(profile)
            && of.containsKey(profile) && of.get(profile).isEmpty());
    }

    /** The fleet's clock and timers (the rollout engine shares them). */
    public Scheduler time() {
        return time;
    }

    /** How many routers this member manages now. */
    public int managed() {
        return (int) routers.values().stream().filter(managed -> managed.reconciler().isManagedHere()).count();
    }

    public Optional<RouterReconciler> router(final String name) {
        return Optional.ofNullable(routers.get(name)).map(Managed::reconciler);
    }

    /**
     * Posts a command to a router's reconciler, the only path to a router.
     *
     * @param router the router's name
     * @param command what to do
     * @return the outcome; refused when no such router is configured
     */
    public CompletionStage<Command.Outcome> submit(final String router, final Command command) {
        return router(router).map(reconciler -> reconciler.submit(command))
            .orElseGet(() -> CompletableFuture.completedFuture(new Command.Outcome.Refused(
                Command.Reason.NOT_MANAGED_HERE, "no router named " + router + " is configured")));
    }

    private void fanOut(final String profile) {
        routers.values().stream().map(Managed::reconciler)
            .filter(reconciler -> reconciler.usesProfile(profile))
            .forEach(RouterReconciler::profilesChanged);
    }

    private void checkSyncAll() {
        routers.values().forEach(managed -> managed.reconciler().checkSync());
    }

    @Override
    public void close() {
        closed = true;
        final Scheduler.Cancellable armed = checkSync;
        if (armed != null) {
            armed.cancel();
        }
        routers.keySet().forEach(name -> {
            final Managed managed = routers.remove(name);
            if (managed != null) {
                managed.reconciler().lost();
                managed.reconciler().stop();
                closeQuietly(managed.registration());
            }
        });
        if (ownWorkers != null) {
            ownWorkers.shutdownNow();
        }
    }

    @SuppressWarnings("checkstyle:IllegalCatch")
    private static void closeQuietly(final AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.warn("failed to close {}", closeable, e);
        }
    }
}

/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.controller;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.opendaylight.openbsdpbr.api.device.DeviceException;
import org.opendaylight.openbsdpbr.api.device.DeviceTarget;
import org.opendaylight.openbsdpbr.api.device.RunningConfig;
import org.opendaylight.openbsdpbr.api.files.FileSet;
import org.opendaylight.openbsdpbr.api.intent.Profile;
import org.opendaylight.openbsdpbr.impl.compile.Compilations;
import org.opendaylight.openbsdpbr.impl.compile.Compiled;
import org.opendaylight.openbsdpbr.impl.controller.StatusView.Connection;
import org.opendaylight.openbsdpbr.impl.controller.StatusView.Failure;
import org.opendaylight.openbsdpbr.impl.controller.StatusView.Step;
import org.opendaylight.openbsdpbr.impl.controller.StatusView.Sync;
import org.opendaylight.openbsdpbr.impl.device.DevicePush;
import org.opendaylight.openbsdpbr.impl.device.PushOptions;
import org.opendaylight.openbsdpbr.impl.device.PushResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one router on its intent. Changes are coalesced: a pass renders the latest intent, compares it with what the
 * router runs and, when they differ, commits it with a confirmed commit (the router reverts by itself unless the
 * controller, having reconnected, confirms). An edit that arrives during a pass is applied by the next pass, never
 * interleaved. Passes run on the fleet's bounded worker pool; no thread belongs to a router.
 *
 * <p>After gaining ownership (start-up, fail-over) the first pass reads back what the router runs instead of pushing
 * blindly: a commit that already landed is not applied twice, and an unconfirmed commit left behind by a previous
 * owner is confirmed when it carries the current intent and cancelled otherwise.
 */
public final class RouterReconciler {
    private static final Logger LOG = LoggerFactory.getLogger(RouterReconciler.class);
    private static final Duration REVERT_CHECK_GRACE = Duration.ofSeconds(3);
    /** How many file sets the router ran are remembered (the router itself keeps ten generations). */
    private static final int KNOWN_FILE_SETS = 3;

    private final String name;
    private final Executor workers;
    private final ScheduledExecutorService timer;
    private final DevicePush push;
    private final StatusSink sink;
    private final ControllerSettings settings;
    private final Supplier<Map<String, Profile>> profiles;
    private final Compilations compilations;

    // All fields below are guarded by this.
    private RouterSpec spec;
    private boolean owned;
    private boolean running;
    private boolean pending;
    private boolean readBack = true;
    private boolean force;
    private Duration backoff;
    private ScheduledFuture<?> scheduled;
    private String blockedRevision;
    private String brokenLock;
    private FileSet applied;
    /**
     * The file sets the router ran most recently, newest first: after a rollback, a revert or a pending commit the
     * read-back finds which one it runs, so diffs and plans are against real files rather than nothing.
     */
    private final Deque<FileSet> ranBefore = new ArrayDeque<>(KNOWN_FILE_SETS);
    private StatusView status = StatusView.INITIAL;

    RouterReconciler(final RouterSpec spec, final Executor workers, final ScheduledExecutorService timer,
            final DevicePush push, final StatusSink sink, final ControllerSettings settings,
            final Supplier<Map<String, Profile>> profiles, final Compilations compilations) {
        this.spec = requireNonNull(spec);
        name = spec.name();
        this.workers = requireNonNull(workers);
        this.timer = requireNonNull(timer);
        this.push = requireNonNull(push);
        this.sink = requireNonNull(sink);
        this.settings = requireNonNull(settings);
        this.profiles = requireNonNull(profiles);
        this.compilations = requireNonNull(compilations);
        backoff = settings.retryFirst();
    }

    public String name() {
        return name;
    }

    /** The status as last reported. */
    public synchronized StatusView status() {
        return status;
    }

    /** The router's configuration changed. */
    public void update(final RouterSpec newSpec) {
        synchronized (this) {
            spec = requireNonNull(newSpec);
            blockedRevision = null;
        }
        request(settings.coalesce());
    }

    /** A profile the router uses changed. */
    public void profilesChanged() {
        synchronized (this) {
            blockedRevision = null;
        }
        request(settings.coalesce());
    }

    /** This member now manages the router: read back what it runs, then reconcile. */
    public void gained() {
        synchronized (this) {
            owned = true;
            readBack = true;
        }
        request(Duration.ZERO);
    }

    /** Another member manages the router now (or it left the configuration). */
    public synchronized void lost() {
        owned = false;
        pending = false;
        if (scheduled != null) {
            scheduled.cancel(false);
            scheduled = null;
        }
    }

    /** Push now even if the router seems in sync (the sync RPC, drift repair). */
    public void forceSync() {
        synchronized (this) {
            force = true;
            blockedRevision = null;
        }
        request(Duration.ZERO);
    }

    /**
     * The operator takes the router off the intent for now (rollback, a commit left for manual confirmation): the
     * current intent is not pushed again until it changes or sync is asked for.
     */
    public void holdForRollback() {
        final Compiled compiled = compiled();
        synchronized (this) {
            if (compiled instanceof Compiled.Ready ready) {
                blockedRevision = ready.revision();
            }
            applied = null;
            readBack = true;
        }
    }

    /** Read the router back now (check-sync): drift shows in the status. */
    public void checkSync() {
        synchronized (this) {
            readBack = true;
        }
        request(Duration.ZERO);
    }

    /** The router's compiled intent, as the next pass applies it (the render RPC). */
    public Compiled compiled() {
        final RouterSpec current;
        synchronized (this) {
            current = spec;
        }
        return compile(current);
    }

    private Compiled compile(final RouterSpec current) {
        final Map<String, Profile> known = profiles.get();
        return compilations.compile(current.inputs(known::get));
    }

    /** The files the router runs as far as the controller knows, if it knows. */
    public synchronized Optional<FileSet> applied() {
        return Optional.ofNullable(applied);
    }

    /** The router's configuration as last seen. */
    public synchronized RouterSpec spec() {
        return spec;
    }

    /** Whether the router applies this profile. */
    public synchronized boolean usesProfile(final String profile) {
        return spec.profiles().contains(profile);
    }

    /** Whether this member manages the router (holds its cluster singleton) now. */
    public synchronized boolean isManagedHere() {
        return owned;
    }

    /** The router's management target, if usable. */
    public synchronized Optional<DeviceTarget> target() {
        return spec.target();
    }

    /**
     * Asks for a pass after {@code delay}. A pass that is running picks up a request for now when it ends; a later
     * one (a retry's back-off) waits on the timer even then, so a failing router is not tried again at once.
     */
    private void request(final Duration delay) {
        synchronized (this) {
            if (!owned) {
                return;
            }
            if (running && !delay.isPositive()) {
                pending = true;
                return;
            }
            if (scheduled != null && !scheduled.isDone()) {
                if (scheduled.getDelay(TimeUnit.NANOSECONDS) <= delay.toNanos()) {
                    return;
                }
                scheduled.cancel(false);
            }
            scheduled = timer.schedule(this::startLoop, delay.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private void startLoop() {
        synchronized (this) {
            if (!owned) {
                return;
            }
            pending = true;
            if (running) {
                return;
            }
            running = true;
        }
        workers.execute(this::loop);
    }

    private void loop() {
        while (true) {
            final RouterSpec current;
            final boolean doReadBack;
            final boolean doForce;
            synchronized (this) {
                if (!pending || !owned) {
                    running = false;
                    return;
                }
                pending = false;
                current = spec;
                doReadBack = readBack;
                doForce = force;
                force = false;
            }
            try {
                pass(current, doReadBack, doForce);
            } catch (IllegalStateException | IllegalArgumentException e) {
                LOG.warn("{}: reconciliation failed unexpectedly", name, e);
                report(status.withSync(Sync.FAILED).withError(Optional.of(failure(Step.COMMIT, "internal error: "
                    + e.getClass().getSimpleName()))));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                synchronized (this) {
                    running = false;
                }
                return;
            }
        }
    }

    private void pass(final RouterSpec current, final boolean doReadBack, final boolean doForce)
            throws InterruptedException {
        if (!current.hasIntent()) {
            observe(current);
            return;
        }
        final Compiled compiled = compile(current);
        if (compiled instanceof Compiled.Invalid invalid) {
            report(status.withIntended(null, List.of()).withSync(Sync.FAILED)
                .withError(Optional.of(failure(invalid.stage() == Compiled.Stage.RENDER ? Step.RENDER
                    : Step.VALIDATE_INTENT, invalid.message()))));
            return;
        }
        final var rendered = (Compiled.Ready) compiled;
        report(status.withIntended(rendered.revision(), rendered.lints()));
        if (current.target().isEmpty()) {
            report(status.withSync(Sync.FAILED).withError(Optional.of(failure(Step.CONNECT, current.targetError()))));
            return;
        }
        final DeviceTarget target = current.target().orElseThrow();
        final FileSet files = rendered.files();

        if (doReadBack && !readBack(target, files, current)) {
            return;
        }
        final FileSet known;
        final String blocked;
        synchronized (this) {
            known = applied;
            blocked = blockedRevision;
        }
        if (!doForce && known != null && known.equals(files)) {
            report(status.withSync(Sync.IN_SYNC).withError(Optional.empty()));
            return;
        }
        if (!doForce && rendered.revision().equals(blocked)) {
            // This revision was refused or reverted; it is retried only when the intent changes or on request.
            return;
        }
        commit(target, files, rendered.revision(), current.confirmTimeout());
    }

    /**
     * A router without intent: read back what it runs and report it; nothing is committed. The files the controller
     * applied before (if any) are forgotten: the router's own are its business now.
     */
    private void observe(final RouterSpec current) throws InterruptedException {
        synchronized (this) {
            applied = null;
            readBack = false;
        }
        report(status.withIntended(null, List.of()));
        if (current.target().isEmpty()) {
            report(status.withSync(Sync.NO_INTENT).withError(Optional.of(failure(Step.CONNECT,
                current.targetError()))));
            return;
        }
        final RunningConfig onRouter;
        try {
            onRouter = await(push.readConfig(current.target().orElseThrow()), settings.confirmTimeout());
        } catch (DeviceException e) {
            unreachableOrFailed(e, null);
            return;
        }
        report(status.withConnection(Connection.CONNECTED)
            .withApplied(null, OptionalInt.of(onRouter.generation()), Optional.empty())
            .withDrift(onRouter.localChanges().stream().sorted().toList())
            .withSync(Sync.NO_INTENT).withError(Optional.empty()));
    }

    /** Reads the router's running files; false when the pass cannot go on. */
    private boolean readBack(final DeviceTarget target, final FileSet files, final RouterSpec current)
            throws InterruptedException {
        final RunningConfig onRouter;
        try {
            onRouter = await(push.readConfig(target), settings.confirmTimeout());
        } catch (DeviceException e) {
            unreachableOrFailed(e, null);
            return false;
        }
        if (onRouter.pending().isPresent()) {
            final var pendingConfirm = onRouter.pending().orElseThrow();
            final boolean carriesIntent = onRouter.isInSync(files);
            LOG.info("{}: found unconfirmed generation {} ({}): {}", name, pendingConfirm.generation(),
                carriesIntent ? "it carries the current intent" : "it does not carry the current intent",
                carriesIntent ? "confirming it" : "cancelling it");
            final PushResult result;
            try {
                result = await(carriesIntent ? push.confirm(target, pendingConfirm.generation())
                    : push.cancelCommit(target), settings.confirmTimeout());
            } catch (DeviceException e) {
                unreachableOrFailed(e, null);
                return false;
            }
            if (!result.isSuccess()) {
                outcome(result, files, null, current.confirmTimeout());
                return false;
            }
            return readBack(target, files, current);
        }
        final List<String> drift = new ArrayList<>(onRouter.localChanges());
        final FileSet runs;
        synchronized (this) {
            readBack = false;
            if (onRouter.isInSync(files)) {
                ran(files);
            } else if (applied != null && onRouter.isInSync(applied)) {
                // still runs what we applied: the intent changed, nothing drifted
                drift.clear();
            } else if (applied != null) {
                drift.addAll(onRouter.differencesFrom(applied));
                applied = null;
            } else {
                // after a rollback, a revert or an unconfirmed commit: one of the file sets it ran before, if any
                ranBefore.stream().filter(onRouter::isInSync).findFirst().ifPresent(this::ran);
            }
            runs = applied;
        }
        final String revision = runs != null ? runs.revision() : status.appliedRevision().orElse(null);
        report(status.withConnection(Connection.CONNECTED)
            .withApplied(revision, OptionalInt.of(onRouter.generation()), Optional.empty())
            .withDrift(drift.stream().distinct().sorted().toList())
            .withSync(onRouter.isInSync(files) ? Sync.IN_SYNC : Sync.OUT_OF_SYNC));
        if (!drift.isEmpty() && current.repairDrift()) {
            LOG.info("{}: drift in {}: repairing", name, drift);
            synchronized (this) {
                applied = null;
            }
        }
        return true;
    }

    /** The router runs these files now (caller holds this). */
    private void ran(final FileSet files) {
        applied = files;
        ranBefore.remove(files);
        ranBefore.addFirst(files);
        while (ranBefore.size() > KNOWN_FILE_SETS) {
            ranBefore.removeLast();
        }
    }

    private void commit(final DeviceTarget target, final FileSet files, final String revision,
            final Duration confirmTimeout) throws InterruptedException {
        report(status.withSync(Sync.APPLYING).withDeadline(Optional.of(Instant.now().plus(confirmTimeout))));
        final PushResult result;
        try {
            result = await(push.push(files, target, PushOptions.defaults().withConfirm(confirmTimeout)),
                confirmTimeout.plus(settings.confirmTimeout()));
        } catch (DeviceException e) {
            unreachableOrFailed(e, revision);
            return;
        }
        outcome(result, files, revision, confirmTimeout);
    }

    private void outcome(final PushResult result, final FileSet files, final String revision,
            final Duration confirmTimeout) {
        final Instant now = Instant.now();
        switch (result.outcome()) {
            case CONFIRMED, COMMITTED, IN_SYNC -> {
                synchronized (this) {
                    ran(files);
                    blockedRevision = null;
                    backoff = settings.retryFirst();
                }
                report(status.withConnection(Connection.CONNECTED)
                    .withApplied(files.revision(), result.generation(),
                        result.outcome() == PushResult.Outcome.IN_SYNC ? Optional.empty() : Optional.of(now))
                    .withSync(Sync.IN_SYNC).withError(Optional.empty()));
                LOG.info("committed: {}", result.summary());
            }
            case PENDING -> {
                synchronized (this) {
                    applied = null;
                    readBack = true;
                }
                report(status.withSync(Sync.AWAITING_CONFIRM).withDeadline(Optional.of(now.plus(confirmTimeout)))
                    .withError(result.failure().map(e -> failure(step(e), e.getMessage()))));
                request(confirmTimeout.plus(REVERT_CHECK_GRACE));
            }
            case REVERTED -> {
                synchronized (this) {
                    applied = null;
                    readBack = true;
                    blockedRevision = revision;
                }
                report(status.withConnection(Connection.CONNECTED).withSync(Sync.REVERTED)
                    .withApplied(status.appliedRevision().orElse(null), result.generation(), Optional.empty())
                    .withError(Optional.of(failure(Step.CONFIRM, result.failure().map(Throwable::getMessage)
                        .orElse("the commit was not confirmed in time: the router restored its previous "
                            + "generation")))));
                LOG.warn("reverted: {}", result.summary());
            }
            case UNCHANGED, UNKNOWN -> {
                final var failure = result.failure();
                if (failure.isPresent()) {
                    unreachableOrFailed(failure.orElseThrow(), revision);
                } else {
                    report(status.withSync(Sync.FAILED).withError(Optional.of(failure(Step.COMMIT,
                        result.summary()))));
                }
                if (result.outcome() == PushResult.Outcome.UNKNOWN) {
                    synchronized (this) {
                        readBack = true;
                    }
                }
            }
            default -> throw new IllegalStateException("unknown outcome " + result.outcome());
        }
    }

    private void unreachableOrFailed(final DeviceException error, final String revision) {
        final Step step = step(error);
        final Optional<Failure> failure = Optional.of(failure(step, error.getMessage()));
        switch (error) {
            case DeviceException.Connect e -> retryLater(status.withConnection(Connection.UNREACHABLE)
                .withSync(Sync.UNREACHABLE).withError(failure));
            case DeviceException.ConnectionLost e -> retryLater(status.withConnection(Connection.UNREACHABLE)
                .withSync(Sync.UNREACHABLE).withError(failure));
            case DeviceException.Timeout e -> retryLater(status.withConnection(Connection.UNREACHABLE)
                .withSync(Sync.UNREACHABLE).withError(failure));
            case DeviceException.LockHeld e when isStale(e.holder()) && breakLock(e.holder()) -> {
                synchronized (this) {
                    readBack = true;
                }
                request(Duration.ZERO);
            }
            case DeviceException.LockHeld e -> retryLater(status.withSync(Sync.OUT_OF_SYNC).withError(failure));
            case DeviceException.Auth e -> {
                block(revision);
                report(status.withConnection(Connection.AUTH_FAILED).withSync(Sync.FAILED).withError(failure));
            }
            case DeviceException.HostKey e -> {
                block(revision);
                report(status.withConnection(Connection.HOST_KEY_MISMATCH).withSync(Sync.FAILED)
                    .withError(failure));
            }
            case DeviceException.Validate e -> {
                block(revision);
                report(status.withConnection(Connection.CONNECTED).withSync(Sync.FAILED).withError(failure));
            }
            case DeviceException.Reverted e -> {
                block(revision);
                report(status.withConnection(Connection.CONNECTED).withSync(Sync.REVERTED).withError(failure));
            }
            default -> retryLater(status.withSync(Sync.FAILED).withError(failure));
        }
    }

    /**
     * Whether a lock this member finds is stale: the holder is a session of this controller (this member manages the
     * router, so that session belonged to a process or a member that is gone), and it is not a lock this reconciler
     * broke already (a second lock by the same holder means it is alive after all: then the lock is waited out).
     */
    private synchronized boolean isStale(final String holder) {
        return push.isControllerHolder(holder) && !holder.equals(brokenLock);
    }

    /** Breaks a stale lock; true when the router no longer has it. */
    private boolean breakLock(final String holder) {
        LOG.warn("{}: the router is locked by {}, a session of this controller that is gone: breaking the lock", name,
            holder);
        synchronized (this) {
            brokenLock = holder;
        }
        try {
            await(push.breakLock(spec().target().orElseThrow(), holder), settings.confirmTimeout());
            return true;
        } catch (DeviceException | IllegalStateException e) {
            LOG.warn("{}: the lock of {} could not be broken: {}", name, holder, e.getMessage());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private synchronized void block(final String revision) {
        if (revision != null) {
            blockedRevision = revision;
        }
    }

    private void retryLater(final StatusView newStatus) {
        report(newStatus);
        final Duration delay;
        synchronized (this) {
            delay = backoff;
            final Duration doubled = backoff.multipliedBy(2);
            backoff = doubled.compareTo(settings.retryMax()) > 0 ? settings.retryMax() : doubled;
            readBack = true;
        }
        LOG.debug("{}: retrying in {}", name, delay);
        request(delay);
    }

    private void report(final StatusView newStatus) {
        synchronized (this) {
            if (newStatus.equals(status)) {
                return;
            }
            status = newStatus;
        }
        sink.write(name, newStatus);
    }

    private static Failure failure(final Step step, final String message) {
        return new Failure(step, message == null ? "" : message, Instant.now());
    }

    static Step step(final DeviceException error) {
        return switch (error.step()) {
            case CONNECT -> error instanceof DeviceException.HostKey ? Step.HOST_KEY : Step.CONNECT;
            case AUTH -> Step.AUTHENTICATE;
            case LOCK, UNLOCK -> Step.LOCK;
            case INSTALL_AGENT, EDIT_CANDIDATE -> Step.UPLOAD;
            case VALIDATE -> Step.VALIDATE;
            case COMMIT -> Step.COMMIT;
            case CONFIRM, CANCEL_COMMIT -> Step.CONFIRM;
            case ROLLBACK -> Step.ROLLBACK;
            case GET_CONFIG, GET_GENERATION -> Step.READ_BACK;
        };
    }

    // the device's own failure is the cause that matters; the wrapper is kept as suppressed
    @SuppressWarnings("checkstyle:AvoidHidingCauseException")
    private static <T> T await(final CompletionStage<T> stage, final Duration limit)
            throws DeviceException, InterruptedException {
        try {
            return stage.toCompletableFuture().get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof DeviceException device) {
                device.addSuppressed(e);
                throw device;
            }
            throw new IllegalStateException("device operation failed", e);
        } catch (TimeoutException e) {
            stage.toCompletableFuture().cancel(true);
            throw new IllegalStateException("device operation did not finish in " + limit, e);
        }
    }
}

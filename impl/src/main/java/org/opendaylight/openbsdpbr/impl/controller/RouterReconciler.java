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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.opendaylight.openbsdpbr.api.device.DeviceException;
import org.opendaylight.openbsdpbr.api.device.DeviceStep;
import org.opendaylight.openbsdpbr.api.device.DeviceTarget;
import org.opendaylight.openbsdpbr.api.device.RunningConfig;
import org.opendaylight.openbsdpbr.api.files.FileSet;
import org.opendaylight.openbsdpbr.api.intent.IntentError;
import org.opendaylight.openbsdpbr.api.intent.Profile;
import org.opendaylight.openbsdpbr.impl.compile.Compilations;
import org.opendaylight.openbsdpbr.impl.compile.Compiled;
import org.opendaylight.openbsdpbr.impl.controller.Command.Outcome;
import org.opendaylight.openbsdpbr.impl.controller.Command.Reason;
import org.opendaylight.openbsdpbr.impl.controller.Decision.Action;
import org.opendaylight.openbsdpbr.impl.device.DevicePush;
import org.opendaylight.openbsdpbr.impl.device.PushOptions;
import org.opendaylight.openbsdpbr.impl.device.PushResult;
import org.opendaylight.openbsdpbr.impl.device.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one router on its intent: the loop around {@link Decision}. It owns the router's {@link RouterState} (changed
 * only by its transitions) and is the only path to the router: intent and profile changes, ownership, drift checks
 * and the operator's {@link Command}s (the RPCs) all become requests to this loop, which runs one step at a time.
 *
 * <p>Changes are coalesced ({@link ControllerSettings#coalesce()}); a change that arrives while a transaction runs is
 * applied by the next step, never interleaved. Steps run on the fleet's workers and never block one: a device action
 * is started on the transaction engine ({@link DevicePush}, asynchronous), and its completion applies a transition and
 * continues the loop; at most {@link ControllerSettings#concurrency()} routers talk to their routers at once. Time
 * (coalescing, back-off, confirm deadlines) comes from an injected {@link Scheduler}, so tests run every transition
 * without sleeping.
 *
 * <p>After gaining ownership (start-up, fail-over) the router is read back first: a commit that landed is not applied
 * twice, a confirmed commit left waiting by a previous owner is confirmed when it carries the current intent and
 * cancelled otherwise, and a lock left by a session of this controller that is gone is broken (once; a second lock by
 * the same holder is waited out).
 */
public final class RouterReconciler {
    private static final Logger LOG = LoggerFactory.getLogger(RouterReconciler.class);

    /** A command and where its answer goes. */
    private record Request(Command command, CompletableFuture<Outcome> answer) {
        // value
    }

    private final String name;
    private final Executor workers;
    private final Scheduler time;
    private final Permits permits;
    private final DevicePush push;
    private final StatusSink sink;
    private final ControllerSettings settings;
    private final RouterState.Retry retry;
    private final Supplier<Map<String, Profile>> profiles;
    private final Compilations compilations;
    private final Compiled noIntent;
    private final java.util.function.BiPredicate<RouterSpec, Boolean> heldBack;
    /** The spec as compiles take it: a staged router's pinned own intent in place of the configured one. */
    private final java.util.function.UnaryOperator<RouterSpec> compiledAs;

    // guarded by this
    private RouterSpec spec;
    private RouterState state;
    private final Deque<Request> commands = new ArrayDeque<>();
    private boolean running;
    private boolean again;
    private final List<CompletableFuture<Void>> idleWaiters = new ArrayList<>();
    private Scheduler.Cancellable wake;
    private Scheduler.Cancellable coalescing;

    RouterReconciler(final RouterSpec spec, final Executor workers, final Scheduler time, final Permits permits,
            final DevicePush push, final StatusSink sink, final ControllerSettings settings,
            final Supplier<Map<String, Profile>> profiles, final Compilations compilations,
            final java.util.function.BiPredicate<RouterSpec, Boolean> heldBack,
            final java.util.function.UnaryOperator<RouterSpec> compiledAs) {
        this.spec = requireNonNull(spec);
        name = spec.name();
        this.workers = requireNonNull(workers);
        this.time = requireNonNull(time);
        this.permits = requireNonNull(permits);
        this.push = requireNonNull(push);
        this.sink = requireNonNull(sink);
        this.settings = requireNonNull(settings);
        retry = new RouterState.Retry(settings.retry(), settings.retryLong());
        this.profiles = requireNonNull(profiles);
        this.compilations = requireNonNull(compilations);
        this.heldBack = requireNonNull(heldBack);
        this.compiledAs = requireNonNull(compiledAs);
        noIntent = new Compiled.Invalid(name, Compiled.Stage.VALIDATE, List.of(new IntentError("intent",
            "the router has no intent")));
        state = RouterState.initial(settings.retryFirst());
    }

    public String name() {
        return name;
    }

    /** The status as last reported. */
    public synchronized StatusView status() {
        return state.status();
    }

    /** The router's state now (tests, diagnostics). */
    synchronized RouterState state() {
        return state;
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
        return state.owned();
    }

    /** The files the router runs as far as the controller knows, if it knows. */
    public synchronized Optional<FileSet> applied() {
        return state.applied();
    }

    /** The router's compiled intent, as the next step applies it (the render RPC); computed once per input. */
    public Compiled compiled() {
        return compile(spec());
    }

    // --- events ---------------------------------------------------------------------------------------------------

    /** The router's configuration changed. */
    public void update(final RouterSpec newSpec) {
        synchronized (this) {
            spec = requireNonNull(newSpec);
        }
        apply(RouterState::changed);
        request(settings.coalesce());
    }

    /** A profile the router uses changed. */
    public void profilesChanged() {
        apply(RouterState::changed);
        request(settings.coalesce());
    }

    /** This member now manages the router: read back what it runs, then reconcile. */
    public void gained() {
        apply(current -> current.gained(settings.retryFirst()));
        request(Duration.ZERO);
    }

    /** Another member manages the router now (or it left the configuration): waiting commands are refused. */
    public void lost() {
        apply(RouterState::lost);
        request(Duration.ZERO);
    }

    /** Read the router back (the periodic drift check): drift shows in the status. */
    public void checkSync() {
        apply(RouterState::readBackRequested);
        request(Duration.ZERO);
    }

    /**
     * Posts an operator's command; the loop runs it in order, between its own steps.
     *
     * @param command what to do
     * @return the outcome, once the router answered
     */
    public CompletionStage<Outcome> submit(final Command command) {
        final Request request = new Request(requireNonNull(command), new CompletableFuture<>());
        synchronized (this) {
            commands.add(request);
        }
        request(Duration.ZERO);
        return request.answer();
    }

    // --- the loop -------------------------------------------------------------------------------------------------

    /**
     * Asks for a step after {@code delay}: at once for zero (a running step then loops once more), else after the
     * coalescing window, which further changes do not extend.
     */
    private void request(final Duration delay) {
        if (!delay.isPositive()) {
            start();
            return;
        }
        synchronized (this) {
            if (coalescing != null) {
                return;
            }
            coalescing = time.schedule(delay, () -> {
                synchronized (this) {
                    coalescing = null;
                }
                start();
            });
        }
    }

    private void start() {
        synchronized (this) {
            if (running) {
                again = true;
                return;
            }
            running = true;
            again = false;
        }
        workers.execute(this::step);
    }

    /** Decides and acts until there is nothing to do now, or a device action runs (its completion continues). */
    @SuppressWarnings("checkstyle:IllegalCatch")
    private void step() {
        try {
            while (true) {
                final RouterState current;
                final RouterSpec currentSpec;
                final Optional<Command> head;
                synchronized (this) {
                    current = state;
                    currentSpec = spec;
                    head = Optional.ofNullable(commands.peek()).map(Request::command);
                    again = false;
                }
                final Compiled compiled = currentSpec.hasIntent() ? compile(currentSpec) : noIntent;
                final Action action = staged(Decision.next(current, currentSpec, compiled, head, time.now()),
                    current, currentSpec);
                LOG.trace("{}: next {}", name, action);
                switch (action) {
                    case Action.Idle idle -> {
                        settled(current, compiled);
                        synchronized (this) {
                            if (!again) {
                                running = false;
                                sleepUntil(idle.wakeAt());
                                releaseIdleWaiters();
                                return;
                            }
                        }
                    }
                    case Action.Report report -> apply(known -> known.reported(report.status()));
                    case Action.Answer answer -> answer(answer.outcome());
                    default -> {
                        act(action, currentSpec, compiled);
                        return;
                    }
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("{}: reconciliation failed unexpectedly", name, e);
            apply(known -> known.reported(known.status().withSync(StatusView.Sync.FAILED).withError(Optional.of(
                new StatusView.Failure(StatusView.Step.COMMIT, "internal error: " + e.getClass().getSimpleName(),
                    time.now())))));
            synchronized (this) {
                running = false;
                releaseIdleWaiters();
            }
        }
    }

    /**
     * Completes when no pass runs: at once when the loop is idle, else when the running pass ends (its device action
     * answered and nothing else is to be done). A cluster handover waits for it after {@link #lost()}, so that the
     * next owner starts only between passes: the pass this member began (a commit included) ends here first.
     */
    public CompletionStage<Void> idle() {
        synchronized (this) {
            if (running) {
                final CompletableFuture<Void> waiter = new CompletableFuture<>();
                idleWaiters.add(waiter);
                return waiter;
            }
        }
        return CompletableFuture.completedFuture(null);
    }

    // guarded by this; the waiters complete on a worker, outside this lock
    private void releaseIdleWaiters() {
        if (!idleWaiters.isEmpty()) {
            final var waiters = List.copyOf(idleWaiters);
            idleWaiters.clear();
            workers.execute(() -> waiters.forEach(waiter -> waiter.complete(null)));
        }
    }

    /** Runs a device action under a permit; its completion applies the transition and continues the loop. */
    private void act(final Action action, final RouterSpec current, final Compiled compiled) {
        final DeviceTarget target = current.target().orElseThrow();
        permits.run(() -> switch (action) {
            case Action.ReadBack readBack -> push.readConfig(target).thenCompose(config -> firstContact(readBack,
                config, target)).handle((seen, failure) -> {
                    afterReadBack(readBack, seen == null ? null : seen.config(), seen == null ? List.of()
                        : seen.handWritten(), failure, current, compiled);
                    return null;
                });
            case Action.Resolve resolve -> {
                LOG.info("{}: found unconfirmed generation {} ({}): {}", name, resolve.pending().generation(),
                    resolve.confirm() ? "it carries the current intent" : "it does not carry the current intent",
                    resolve.confirm() ? "confirming it" : "cancelling it");
                yield (resolve.confirm() ? push.confirm(target, resolve.pending().generation())
                    : push.cancelCommit(target)).handle((result, failure) -> {
                        afterResolve(result, failure);
                        return null;
                    });
            }
            case Action.BreakLock breakLock -> {
                LOG.warn("{}: the router is locked by {}, a session of this controller that is gone: breaking the "
                    + "lock", name, breakLock.holder());
                yield push.breakLock(target, breakLock.holder()).handle((ignored, failure) -> {
                    if (failure != null) {
                        LOG.warn("{}: the lock of {} could not be broken: {}", name, breakLock.holder(),
                            failure.getMessage());
                    }
                    apply(known -> known.lockBroken(breakLock.holder()));
                    return null;
                });
            }
            case Action.ReadFiles read -> push.readFiles(target).handle((files, failure) -> {
                answer(failure != null ? refused(deviceFailure(failure, DeviceStep.READ_FILES), "read-files failed")
                    : new Outcome.FilesRead(files));
                return null;
            });
            case Action.Probe probe -> push.probe(target, probe.probes()).handle((results, failure) -> {
                // the probe's own step, not the read-back's: what the router said when it could not ping
                answer(failure != null ? new Outcome.Refused(Reason.DEVICE, "probe: " + deviceFailure(failure,
                    DeviceStep.PROBE).getMessage()) : new Outcome.Probed(results));
                return null;
            });
            case Action.Commit commit -> commit(commit, target);
            case Action.Confirm confirm -> push.confirm(target, 0).handle((result, failure) -> {
                afterConfirm(result, failure);
                return null;
            });
            case Action.Rollback rollback -> push.rollback(target, rollback.generation(),
                PushOptions.defaults().withConfirm(rollback.confirmTimeout())).handle((result, failure) -> {
                    afterRollback(rollback, result, failure, compiled);
                    return null;
                });
            default -> throw new IllegalStateException("not a device action: " + action);
        }).whenComplete((ignored, failure) -> {
            if (failure != null) {
                LOG.warn("{}: {} failed unexpectedly", name, action, failure);
            }
            workers.execute(this::step);
        });
    }

    private CompletionStage<Void> commit(final Action.Commit commit, final DeviceTarget target) {
        final FileSet files = commit.files();
        apply(known -> known.applying(time.now().plus(commit.confirmTimeout())));
        PushOptions options = PushOptions.defaults().withConfirm(commit.confirmTimeout());
        if (commit.manualConfirm()) {
            options = options.withManualConfirm();
        }
        final DevicePush.Observer observer = new DevicePush.Observer() {
            @Override
            public void awaitingConfirm(final int generation, final Instant deadline) {
                apply(known -> known.awaitingConfirm(deadline));
            }
        };
        return push.push(files, commit.running(), target, options, observer).handle((result, failure) -> {
            final PushResult ended = result != null ? result : new PushResult(name, PushResult.Outcome.UNKNOWN,
                OptionalInt.empty(), OptionalInt.empty(), Optional.of(deviceFailure(failure, DeviceStep.COMMIT)),
                Optional.empty(), Duration.ZERO);
            apply(known -> known.pushed(ended, files, retry, time.now(), push::isControllerHolder));
            if (ended.isSuccess()) {
                LOG.info("committed: {}", ended.summary());
            } else if (ended.outcome() == PushResult.Outcome.REVERTED) {
                LOG.warn("reverted: {}", ended.summary());
            }
            if (commit.forCommand()) {
                answer(switch (ended.outcome()) {
                    case CONFIRMED, COMMITTED, IN_SYNC -> new Outcome.Synced(files.revision(), ended.generation(),
                        Optional.empty());
                    case PENDING -> new Outcome.Synced(files.revision(), ended.generation(),
                        ended.confirmDeadline());
                    case REVERTED, UNCHANGED, UNKNOWN -> refused(ended.failure().orElse(null), ended.summary());
                });
            }
            return null;
        });
    }

    /** What a read-back saw: the running configuration, and at first contact the admin's files. */
    private record Seen(RunningConfig config, List<String> handWritten) {
        // value
    }

    /**
     * First contact: a router without intent that openbsd-pbr never committed to (generation 0) has its files read
     * too (read-only), so that the status shows the admin's files and offers their import instead of anything being
     * written over them. A failure to read them only leaves the list empty.
     */
    private CompletionStage<Seen> firstContact(final Action.ReadBack readBack, final RunningConfig config,
            final DeviceTarget target) {
        if (!readBack.withoutIntent() || config.generation() != 0) {
            return CompletableFuture.completedFuture(new Seen(config, List.of()));
        }
        return push.readFiles(target).handle((files, failure) -> new Seen(config, files == null ? List.of()
            : List.copyOf(files.files().keySet())));
    }

    private void afterReadBack(final Action.ReadBack readBack, final RunningConfig config,
            final List<String> handWritten, final Throwable failure, final RouterSpec current,
            final Compiled compiled) {
        final Optional<FileSet> intended = compiled instanceof Compiled.Ready ready ? Optional.of(ready.files())
            : Optional.empty();
        if (failure != null) {
            final DeviceException error = deviceFailure(failure, DeviceStep.GET_CONFIG);
            apply(known -> known.failed(error, Optional.empty(), retry, time.now(), push::isControllerHolder));
            if (readBack.forCommand()) {
                answer(refused(error, error.getMessage()));
            }
            return;
        }
        final FileSet expected;
        synchronized (this) {
            expected = state.applied().or(() -> intended).orElse(FileSet.empty());
        }
        if (readBack.withoutIntent()) {
            apply(known -> known.observedWithoutIntent(config, handWritten));
        } else {
            apply(known -> known.observed(config, intended, current.repairDrift()));
        }
        if (readBack.forCommand()) {
            final List<String> drifted = new ArrayList<>(config.differencesFrom(expected));
            answer(new Outcome.Checked(drifted.isEmpty(), drifted));
        }
    }

    private void afterResolve(final PushResult result, final Throwable failure) {
        final Optional<DeviceException> error = failure != null
            ? Optional.of(deviceFailure(failure, DeviceStep.CONFIRM)) : result.failure();
        if (error.isPresent() && !(error.orElseThrow() instanceof DeviceException.Reverted)) {
            apply(known -> known.failed(error.orElseThrow(), Optional.empty(), retry, time.now(),
                push::isControllerHolder).resolved());
        } else {
            apply(RouterState::resolved);
        }
    }

    private void afterConfirm(final PushResult result, final Throwable failure) {
        final Optional<DeviceException> error = failure != null
            ? Optional.of(deviceFailure(failure, DeviceStep.CONFIRM)) : result.failure();
        if (error.isEmpty() && result.generation().isPresent()) {
            final int generation = result.generation().getAsInt();
            apply(known -> known.confirmed(generation, time.now()));
            answer(new Outcome.Confirmed(generation));
            return;
        }
        apply(RouterState::readBackRequested);
        answer(refused(error.orElse(null), result == null ? "confirm failed" : result.summary()));
    }

    private void afterRollback(final Action.Rollback rollback, final PushResult result, final Throwable failure,
            final Compiled compiled) {
        final Optional<DeviceException> error = failure != null
            ? Optional.of(deviceFailure(failure, DeviceStep.ROLLBACK)) : result.failure();
        if (result != null && result.isSuccess() && result.generation().isPresent()) {
            // the operator takes the router off its intent: the current intent is not pushed again until it changes
            final Optional<String> revision = compiled instanceof Compiled.Ready ready
                ? Optional.of(ready.revision()) : Optional.empty();
            apply(known -> known.heldByOperator(revision));
            answer(new Outcome.RolledBack(result.generation().getAsInt()));
            return;
        }
        apply(known -> error.map(cause -> known.failed(cause, Optional.empty(), retry, time.now(),
            push::isControllerHolder)).orElse(known).readBackRequested());
        answer(refused(error.orElse(null), result == null ? "rollback to " + rollback.generation() + " failed"
            : result.summary()));
    }

    // --- state and answers ----------------------------------------------------------------------------------------

    /**
     * Applies a transition; writes the status when it changed and the router is managed here, and when this member
     * just gained the router: another member may have written its own status (managed-by) since this one last did,
     * so that a router handed away and back (a rebalance, then a failover) is not left showing the other member.
     */
    private void apply(final UnaryOperator<RouterState> transition) {
        final StatusView written;
        synchronized (this) {
            final RouterState before = state;
            state = transition.apply(before);
            written = state.owned() && (!before.owned() || !state.status().equals(before.status())) ? state.status()
                : null;
        }
        if (written != null) {
            sink.write(name, written);
        }
    }

    /** Answers the command at the head of the queue. */
    private void answer(final Outcome outcome) {
        final Request request;
        synchronized (this) {
            request = commands.poll();
        }
        if (request != null) {
            request.answer().complete(outcome);
        }
    }

    /** Refuses every waiting command: the reconciler stops (the router left the configuration, shutdown). */
    void stop() {
        final List<Request> waiting;
        synchronized (this) {
            waiting = new ArrayList<>(commands);
            commands.clear();
            if (wake != null) {
                wake.cancel();
            }
            if (coalescing != null) {
                coalescing.cancel();
            }
        }
        waiting.forEach(request -> request.answer().complete(new Outcome.Refused(Reason.STOPPED,
            "router " + name + " is no longer managed by this controller")));
    }

    private void sleepUntil(final Optional<Instant> at) {
        // caller holds this
        if (wake != null) {
            wake.cancel();
            wake = null;
        }
        if (at.isPresent()) {
            final Duration delay = Duration.between(time.now(), at.orElseThrow());
            wake = time.schedule(delay.isNegative() ? Duration.ZERO : delay, this::start);
        }
    }

    /**
     * A push of the reconciler's own (not an operator's command) waits while a staged profile's new content has not
     * been released to the router by a rollout: the router keeps the revision it runs, its status says out-of-sync.
     * A router that never got files from the controller is not held (it has no revision to keep), unless the fleet
     * does not know yet (its pins are being read back at start, when no router is known to have got files).
     */
    private Action staged(final Action action, final RouterState current, final RouterSpec currentSpec) {
        if (action instanceof Action.Commit commit && !commit.forCommand()
                && heldBack.test(currentSpec, current.status().appliedRevision().isPresent())) {
            final StatusView shown = current.status().withSync(StatusView.Sync.OUT_OF_SYNC);
            return shown.equals(current.status()) ? new Action.Idle(Optional.empty()) : new Action.Report(shown);
        }
        return action;
    }

    /** In sync on the newest compile, nothing to do: the compile before it is not needed any more. */
    private void settled(final RouterState current, final Compiled compiled) {
        if (compiled instanceof Compiled.Ready ready && current.status().sync() == StatusView.Sync.IN_SYNC
                && current.status().appliedRevision().filter(ready.revision()::equals).isPresent()) {
            compilations.settled(ready);
        }
    }

    private Compiled compile(final RouterSpec current) {
        final Map<String, Profile> known = profiles.get();
        return compilations.compile(compiledAs.apply(current).inputs(known::get));
    }

    private static Outcome refused(final DeviceException error, final String fallback) {
        if (error == null) {
            return new Outcome.Refused(Reason.DEVICE, fallback);
        }
        final Reason reason = switch (error) {
            case DeviceException.LockHeld held -> Reason.LOCKED;
            case DeviceException.Rejected rejected when "nothing-pending".equals(rejected.reason()) ->
                Reason.NOTHING_PENDING;
            case DeviceException.Rejected rejected when "no-generation".equals(rejected.reason()) ->
                Reason.NO_GENERATION;
            case DeviceException.Rejected rejected when "pending".equals(rejected.reason()) -> Reason.LOCKED;
            default -> Reason.DEVICE;
        };
        return new Outcome.Refused(reason, RouterState.step(error).name().toLowerCase(java.util.Locale.ROOT)
            .replace('_', '-') + ": " + error.getMessage());
    }

    private DeviceException deviceFailure(final Throwable failure, final DeviceStep step) {
        return DeviceException.find(failure).orElseGet(() -> {
            LOG.warn("{}: unexpected failure", name, failure);
            return new DeviceException.Protocol(name, step, "internal error: " + failure);
        });
    }
}

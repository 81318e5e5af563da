/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.device;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.opendaylight.openbsdpbr.api.device.Candidate;
import org.opendaylight.openbsdpbr.api.device.CommitResult;
import org.opendaylight.openbsdpbr.api.device.DeviceConnector;
import org.opendaylight.openbsdpbr.api.device.DeviceException;
import org.opendaylight.openbsdpbr.api.device.DeviceSession;
import org.opendaylight.openbsdpbr.api.device.DeviceStep;
import org.opendaylight.openbsdpbr.api.device.DeviceTarget;
import org.opendaylight.openbsdpbr.api.device.Probe;
import org.opendaylight.openbsdpbr.api.device.ProbeResult;
import org.opendaylight.openbsdpbr.api.device.RevertRecord;
import org.opendaylight.openbsdpbr.api.device.RollbackRequest;
import org.opendaylight.openbsdpbr.api.device.RunningConfig;
import org.opendaylight.openbsdpbr.api.files.FileSet;
import org.opendaylight.openbsdpbr.api.plan.ApplyPlan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whole transactions on routers, over any {@link DeviceConnector}: connect, lock (waiting for another holder),
 * read the running generation, stage, validate, commit (confirmed: then reconnect, which proves the router is still
 * reachable, and confirm), unlock. Every transaction ends in a {@link PushResult} that says which generation the
 * router runs: after a broken connection during the commit the push reconnects and asks; when it cannot confirm, it
 * waits for the router's own revert and checks it.
 *
 * <p>A router's last session stays open for a while ({@link #IDLE_LIFETIME}, at most {@link #IDLE_CAPACITY} routers'
 * sessions) and its next transaction or read starts on it, so that a push costs one connection (the confirming one)
 * instead of two; see {@link IdleSessions}.
 *
 * <p>Transactions for one router name run one after the other in this process; across processes the router-side
 * lock serializes them. Nothing here blocks a thread: {@link #pushAll} runs a fleet with bounded concurrency.
 */
public final class DevicePush {
    /**
     * What a caller hears while a transaction runs: each phase as it starts, and the deadline of a confirmed commit as
     * soon as the router took it (the router now reverts by itself unless confirmed in time).
     */
    public interface Observer {
        /** Nobody listens. */
        Observer NONE = new Observer() { };

        /** The transaction entered a phase. */
        default void phase(final Phase phase) {
            // nothing by default
        }

        /** The router committed a confirmed commit; it reverts at {@code deadline} unless confirmed. */
        default void awaitingConfirm(final int generation, final Instant deadline) {
            // nothing by default
        }
    }

    /** Computes the apply plan between two file sets, e.g. {@code ApplyPlanner::plan}. */
    @FunctionalInterface
    public interface Planner {
        ApplyPlan plan(FileSet from, FileSet to);
    }

    /**
     * One router of a fleet push.
     *
     * @param target the router
     * @param candidate what to commit there
     */
    public record Job(DeviceTarget target, Candidate candidate) {
        public Job {
            requireNonNull(target, "target");
            requireNonNull(candidate, "candidate");
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(DevicePush.class);
    private static final Backoff RETRY = Backoff.TRANSACTION;
    private static final Duration REVERT_GRACE = Duration.ofSeconds(2);
    /**
     * How long a router's last session stays open for its next transaction: long enough to span a burst of changes
     * (a fan-out to 1,000 routers takes about 10 s, registering them about 40 s, a rollout's waves minutes), shorter
     * than the drift check's 300 s so that a quiet fleet holds no sessions. The controller's default of
     * {@code idle-session-seconds} in etc/org.opendaylight.openbsdpbr.cfg.
     */
    public static final Duration IDLE_LIFETIME = Duration.ofMinutes(2);
    /**
     * How many routers' sessions stay idle at most (the one idle longest is closed to make room): about 15 KiB of
     * heap each ({@code ./openbsd-pbr bench heap}), so 512 cost about 7.5 MiB; see {@link IdleSessions}. The
     * controller's default of {@code idle-sessions} in etc/org.opendaylight.openbsdpbr.cfg. Measured at 1,000 routers
     * with {@code bench heap}: all 1,000 kept, a profile change reaches them in 8.6-10.8 s against 10.7-11.8 s with
     * 512, for 7.7 KiB more heap per router, which the budget of 30 KiB per managed router does not leave room for.
     */
    public static final int IDLE_CAPACITY = 512;

    private final DeviceConnector connector;
    private final Planner planner;
    private final Scheduler time;
    private final KeyedSerializer serializer = new KeyedSerializer();
    private final IdleSessions idle;

    /**
     * A pusher over a connector, on a given time source.
     *
     * @param connector opens sessions
     * @param planner computes apply plans where the caller gives only files (push of a file set, rollback)
     * @param time deadlines, lock and reconnect back-offs, the wait for a router's revert: a {@link TimerThread} the
     *     caller owns (never the JDK's shared delayed executor, see there), or a test's clock
     */
    public DevicePush(final DeviceConnector connector, final Planner planner, final Scheduler time) {
        this(connector, planner, time, IDLE_LIFETIME, IDLE_CAPACITY);
    }

    /**
     * A pusher over a connector, on a given time source, keeping each router's last session for its next transaction.
     *
     * @param connector opens sessions
     * @param planner computes apply plans where the caller gives only files (push of a file set, rollback)
     * @param time deadlines, lock and reconnect back-offs, the wait for a router's revert, idle sessions' expiry
     * @param idleLifetime how long a router's last session stays open for its next transaction or read; zero closes
     *     every session when its transaction ends
     * @param idleCapacity how many routers' sessions stay idle at most; zero keeps none
     */
    public DevicePush(final DeviceConnector connector, final Planner planner, final Scheduler time,
            final Duration idleLifetime, final int idleCapacity) {
        this.connector = requireNonNull(connector);
        this.planner = requireNonNull(planner);
        this.time = requireNonNull(time);
        idle = new IdleSessions(time, idleLifetime, idleCapacity);
    }

    /** How many routers have an idle session kept for their next transaction. */
    public int idleSessions() {
        return idle.size();
    }

    /** Close the sessions kept for routers' next transactions (the connector's own close closes them too). */
    public void closeIdleSessions() {
        idle.closeAll();
    }

    /** Commit a candidate whose plans the caller computed (the controller knows the previous file set). */
    public CompletionStage<PushResult> push(final DeviceTarget target, final Candidate candidate,
            final PushOptions options) {
        requireNonNull(candidate, "candidate");
        return serializer.submit(target.name(),
            () -> new Transaction(target, options, Observer.NONE).run(tx -> tx.stageAndCommit(candidate)));
    }

    /** Commit files; the plans are computed against the generation the router runs now (downloaded). */
    public CompletionStage<PushResult> push(final FileSet files, final DeviceTarget target,
            final PushOptions options) {
        return push(files, Optional.empty(), target, options, Observer.NONE);
    }

    /**
     * Commit files, the plans computed from the files the caller believes the router runs: when the router turns out
     * to run exactly those (read under the lock), they are planned from without asking the router for them; otherwise
     * (drift, a revert, another controller) the generation it runs is downloaded and planned from.
     *
     * @param files the files to commit
     * @param running what the caller believes the router runs, if it knows
     * @param target the router
     * @param options how
     * @param observer hears the phases and the confirm deadline
     * @return how the transaction ended
     */
    public CompletionStage<PushResult> push(final FileSet files, final Optional<FileSet> running,
            final DeviceTarget target, final PushOptions options, final Observer observer) {
        requireNonNull(files, "files");
        requireNonNull(running, "running");
        return serializer.submit(target.name(),
            () -> new Transaction(target, options, observer).run(tx -> tx.planAndCommit(files, running)));
    }

    /** Re-install a generation the router keeps, as a new commit (confirmed when the options say so). */
    public CompletionStage<PushResult> rollback(final DeviceTarget target, final int generation,
            final PushOptions options) {
        return rollback(target, generation, options, Observer.NONE);
    }

    /** Re-install a generation the router keeps, as a new commit, telling {@code observer} how it goes. */
    public CompletionStage<PushResult> rollback(final DeviceTarget target, final int generation,
            final PushOptions options, final Observer observer) {
        return serializer.submit(target.name(),
            () -> new Transaction(target, options, observer).run(tx -> tx.rollback(generation)));
    }

    /**
     * Confirm a pending confirmed commit (0: whichever is pending), from a new session: never an idle one, since the
     * connection that confirms is what shows the committed files still let the controller in.
     */
    public CompletionStage<PushResult> confirm(final DeviceTarget target, final int generation) {
        return serializer.submit(target.name(), () -> single(target, session -> session.confirm(generation)));
    }

    /** Revert a pending confirmed commit now. */
    public CompletionStage<PushResult> cancelCommit(final DeviceTarget target) {
        return serializer.submit(target.name(), () -> single(target, DeviceSession::cancelCommit));
    }

    /**
     * Whether a lock holder is a session of this controller (any member, any earlier process): such a lock found by
     * the member that manages the router was left by a session that is gone.
     */
    public boolean isControllerHolder(final String holder) {
        return connector.isOwnKind(holder);
    }

    /** Release a lock left by a session that is gone, naming its holder. */
    public CompletionStage<Void> breakLock(final DeviceTarget target, final String holder) {
        return serializer.submit(target.name(), () -> connector.open(target).toCompletableFuture()
            .thenCompose(session -> session.breakLock(holder).toCompletableFuture()
                .whenComplete((ignored, failure) -> session.close())));
    }

    /** Read the router's generation and managed files. */
    public CompletionStage<RunningConfig> readConfig(final DeviceTarget target) {
        return read(target, DeviceSession::getConfig);
    }

    /**
     * Read the files openbsd-pbr renders or shares as they are on the router, managed or written by hand: what an
     * import maps into intent. Read-only and without the lock, so it neither waits for nor disturbs a transaction.
     */
    public CompletionStage<FileSet> readFiles(final DeviceTarget target) {
        return read(target, DeviceSession::readFiles);
    }

    /**
     * Run operator probes on the router, one after another on one session: read-only and without the lock, like
     * {@link #readFiles}. The results are in the order of the probes; the first probe the router cannot run (no such
     * routing table) fails the whole.
     */
    public CompletionStage<List<ProbeResult>> probe(final DeviceTarget target, final List<Probe> probes) {
        return read(target, session -> {
            CompletionStage<List<ProbeResult>> chain = CompletableFuture.completedFuture(List.of());
            for (Probe probe : probes) {
                chain = chain.thenCompose(done -> session.probe(probe).thenApply(result -> {
                    final var all = new ArrayList<>(done);
                    all.add(result);
                    return List.copyOf(all);
                }));
            }
            return chain;
        });
    }

    /** One read-only operation on the router's idle session or a new one, which stays idle for the next. */
    private <T> CompletionStage<T> read(final DeviceTarget target,
            final Function<DeviceSession, CompletionStage<T>> operation) {
        final DeviceSession reused = idle.take(target);
        if (reused == null) {
            return readOn(target, connector.open(target).toCompletableFuture(), operation);
        }
        // a session that died while idle is replaced once, transparently
        return readOn(target, CompletableFuture.completedFuture(reused), operation).toCompletableFuture()
            .exceptionallyCompose(failure -> DeviceException.find(failure).filter(DevicePush::connectionFailure)
                .isPresent() ? readOn(target, connector.open(target).toCompletableFuture(), operation)
                    : CompletableFuture.failedFuture(failure));
    }

    private <T> CompletionStage<T> readOn(final DeviceTarget target, final CompletableFuture<DeviceSession> opened,
            final Function<DeviceSession, CompletionStage<T>> operation) {
        return opened.thenCompose(session -> operation.apply(session)
            .whenComplete((value, failure) -> idle.park(target, session)));
    }

    /** The same kind of change on many routers, at most {@code concurrency} at once; results in job order. */
    public CompletionStage<List<PushResult>> pushAll(final List<Job> jobs, final PushOptions options,
            final int concurrency) {
        return BoundedRunner.map(jobs, concurrency, job -> push(job.target(), job.candidate(), options));
    }

    private CompletableFuture<PushResult> single(final DeviceTarget target,
            final Function<DeviceSession, CompletionStage<CommitResult>> operation) {
        final long started = System.nanoTime();
        return connector.open(target).toCompletableFuture().thenCompose(session -> operation.apply(session)
            .toCompletableFuture()
            .thenApply(result -> result(target, PushResult.Outcome.CONFIRMED, OptionalInt.of(result.generation()),
                OptionalInt.of(result.previous()), null, Optional.empty(), started))
            .exceptionallyCompose(failure -> {
                final DeviceException cause = deviceFailure(target, DeviceStep.CONFIRM, failure);
                return session.getConfig().toCompletableFuture()
                    .thenApply(config -> result(target, cause instanceof DeviceException.Reverted
                        ? PushResult.Outcome.REVERTED : PushResult.Outcome.UNCHANGED,
                        OptionalInt.of(config.generation()), OptionalInt.empty(), cause, Optional.empty(), started))
                    .exceptionally(ignored -> result(target, PushResult.Outcome.UNKNOWN, OptionalInt.empty(),
                        OptionalInt.empty(), cause, Optional.empty(), started));
            })
            .whenComplete((result, failure) -> idle.park(target, session)))
            .exceptionally(failure -> result(target, PushResult.Outcome.UNKNOWN, OptionalInt.empty(),
                OptionalInt.empty(), deviceFailure(target, DeviceStep.CONNECT, failure), Optional.empty(), started));
    }

    private static PushResult result(final DeviceTarget target, final PushResult.Outcome outcome,
            final OptionalInt generation, final OptionalInt previous, final DeviceException failure,
            final Optional<Instant> confirmDeadline, final long started) {
        return new PushResult(target.name(), outcome, generation, previous, Optional.ofNullable(failure),
            confirmDeadline, Duration.ofNanos(System.nanoTime() - started));
    }

    private static DeviceException deviceFailure(final DeviceTarget target, final DeviceStep step,
            final Throwable failure) {
        return DeviceException.find(failure).orElseGet(() -> {
            LOG.warn("router {}: unexpected failure", target.name(), failure);
            return new DeviceException.Protocol(target.name(), step, "internal error: " + failure);
        });
    }

    private static boolean retryable(final DeviceException failure) {
        return failure instanceof DeviceException.Connect || failure instanceof DeviceException.Timeout
            || failure instanceof DeviceException.ConnectionLost;
    }

    /** A session that was open is no more (the router dropped it, or it stopped answering). */
    private static boolean connectionFailure(final DeviceException failure) {
        return failure instanceof DeviceException.Timeout || failure instanceof DeviceException.ConnectionLost;
    }

    private CompletableFuture<Void> delay(final Duration delay) {
        return time.delay(delay);
    }

    /** Where a transaction is; decides what a failure means for the router's generation. */
    public enum Phase {
        /** Connecting and taking the router's lock: nothing changed. */
        CONNECT,
        /** Locked, reading what the router runs: nothing changed. */
        LOCKED,
        /** Staging and validating the candidate: the router still runs its generation. */
        STAGING,
        /** The commit was sent: the router may run the new generation; a lost connection is asked about. */
        COMMITTING,
        /** Committed, confirming from a new connection: the router reverts by itself unless confirmed in time. */
        CONFIRMING
    }

    /** One transaction. Its fields are touched by one continuation at a time, in order. */
    private final class Transaction {
        private final DeviceTarget target;
        private final PushOptions options;
        private final Observer observer;
        /** The lock holder: new per transaction, or the holder of the idle session it reuses. */
        private String holder;
        private final long started = System.nanoTime();

        private DeviceSession session;
        private Phase phase = Phase.CONNECT;
        private boolean locked;
        /** The lock request broke off: the router may have granted it, so release it (best effort). */
        private boolean lockUncertain;
        private RunningConfig before;
        private CommitResult committed;
        private Instant confirmBy;

        Transaction(final DeviceTarget target, final PushOptions options, final Observer observer) {
            this.target = requireNonNull(target);
            this.options = requireNonNull(options);
            this.observer = requireNonNull(observer);
            holder = connector.newHolder();
        }

        private void enter(final Phase next) {
            if (phase != next) {
                phase = next;
                observer.phase(next);
            }
        }

        CompletableFuture<PushResult> run(
                final Function<Transaction, CompletableFuture<Optional<CommitResult>>> change) {
            observer.phase(Phase.CONNECT);
            return connectAndLock(time.now().plus(options.lockWait()))
                .thenCompose(ignored -> {
                    locked = true;
                    enter(Phase.LOCKED);
                    return session.getConfig().toCompletableFuture();
                })
                .thenCompose(config -> {
                    before = config;
                    if (config.pending().isPresent()) {
                        return CompletableFuture.failedFuture(new DeviceException.Rejected(target.name(),
                            DeviceStep.COMMIT, "pending", "generation " + config.pending().orElseThrow().generation()
                                + " waits for confirm: confirm or cancel it first"));
                    }
                    return change.apply(this);
                })
                .thenCompose(commit -> {
                    if (commit.isEmpty()) {
                        return finish(PushResult.Outcome.IN_SYNC, OptionalInt.of(before.generation()), null);
                    }
                    committed = commit.orElseThrow();
                    if (committed.isPending()) {
                        final Instant deadline = confirmBy != null ? confirmBy
                            : committed.confirmDeadline().orElseThrow();
                        observer.awaitingConfirm(committed.generation(), deadline);
                        if (!options.confirmAutomatically()) {
                            return finish(PushResult.Outcome.PENDING, OptionalInt.of(committed.generation()), null,
                                Optional.of(deadline));
                        }
                        return confirmLoop();
                    }
                    return finish(PushResult.Outcome.COMMITTED, OptionalInt.of(committed.generation()), null);
                })
                .exceptionallyCompose(this::recover)
                .whenComplete((result, failure) -> {
                    releaseSession();
                    if (result != null) {
                        LOG.debug("push finished: {}", result.summary());
                    }
                });
        }

        CompletableFuture<Optional<CommitResult>> stageAndCommit(final Candidate candidate) {
            if (inSync(candidate.files())) {
                return CompletableFuture.completedFuture(Optional.empty());
            }
            enter(Phase.STAGING);
            return session.editCandidate(candidate).toCompletableFuture()
                .thenCompose(ignored -> session.validate())
                .thenCompose(ignored -> {
                    enter(Phase.COMMITTING);
                    confirmBy = options.confirm().map(timeout -> time.now().plus(timeout)).orElse(null);
                    return session.commit(options.commitRequest());
                })
                .thenApply(Optional::of);
        }

        CompletableFuture<Optional<CommitResult>> planAndCommit(final FileSet files,
                final Optional<FileSet> believed) {
            if (inSync(files)) {
                return CompletableFuture.completedFuture(Optional.empty());
            }
            if (believed.isPresent() && before.isInSync(believed.orElseThrow())) {
                // the router runs what the caller holds: plan from that, nothing to download
                final FileSet current = believed.orElseThrow();
                return stageAndCommit(new Candidate(files, planner.plan(current, files), planner.plan(files, current)));
            }
            enter(Phase.STAGING);
            return session.getGeneration(before.generation()).toCompletableFuture()
                .thenCompose(current -> stageAndCommit(new Candidate(files, planner.plan(current.files(), files),
                    planner.plan(files, current.files()))));
        }

        CompletableFuture<Optional<CommitResult>> rollback(final int generation) {
            enter(Phase.STAGING);
            return session.getGeneration(before.generation()).toCompletableFuture()
                .thenCompose(current -> session.getGeneration(generation).toCompletableFuture()
                    .thenCompose(wanted -> {
                        enter(Phase.COMMITTING);
                        confirmBy = options.confirm().map(timeout -> time.now().plus(timeout)).orElse(null);
                        return session.rollback(new RollbackRequest(generation,
                            planner.plan(current.files(), wanted.files()),
                            planner.plan(wanted.files(), current.files()), options.commitRequest()));
                    }))
                .thenApply(Optional::of);
        }

        /**
         * Start on the router's idle session if it has one (its holder becomes this transaction's: the router's lock is
         * re-entrant for a holder, so a lock the last transaction could not release is simply taken again), else on a
         * new connection. An idle session that died (the router rebooted, a NAT forgot it) fails its first command
         * with a lost connection or a timeout: it is replaced by a new connection, with the same holder, transparently.
         */
        private CompletableFuture<Void> connectAndLock(final Instant until) {
            final DeviceSession reused = idle.take(target);
            if (reused == null) {
                return connectAndLockFresh(until);
            }
            session = reused;
            holder = reused.holder();
            return lock(until, RETRY.first()).exceptionallyCompose(failure -> {
                if (DeviceException.find(failure).filter(DevicePush::connectionFailure).isEmpty()) {
                    return CompletableFuture.failedFuture(failure);
                }
                LOG.debug("router {}: its idle session is gone ({}); connecting again", target.name(),
                    failure.getMessage());
                closeSession();
                return connectAndLockFresh(until);
            });
        }

        private CompletableFuture<Void> connectAndLockFresh(final Instant until) {
            return connector.open(target, holder).toCompletableFuture()
                .thenCompose(opened -> {
                    session = opened;
                    return lock(until, RETRY.first());
                });
        }

        private boolean inSync(final FileSet files) {
            return options.skipWhenInSync() && before.isInSync(files) && before.localChanges().isEmpty();
        }

        private CompletableFuture<Void> lock(final Instant until, final Duration backoff) {
            return session.lock().toCompletableFuture().exceptionallyCompose(failure -> {
                if (DeviceException.find(failure).orElse(null) instanceof DeviceException.LockHeld held
                        && time.now().plus(backoff).isBefore(until)) {
                    LOG.debug("router {}: {}; retrying", target.name(), held.getMessage());
                    return delay(Backoff.jittered(backoff)).thenCompose(ignored -> lock(until, RETRY.next(backoff)));
                }
                final DeviceException cause = DeviceException.find(failure).orElse(null);
                if (cause instanceof DeviceException.ConnectionLost || cause instanceof DeviceException.Timeout) {
                    lockUncertain = true;
                }
                return CompletableFuture.failedFuture(failure);
            });
        }

        /**
         * Confirm from a new connection, retrying until the deadline; then find out whether the router reverted. The
         * connection is opened here, after the commit, and never taken from the idle sessions: an older connection
         * would survive on pf state (and sshd keeps it) even when the committed pf.conf or sshd_config no longer let
         * the controller in, so only a new TCP and SSH connection proves that a controller can still manage the router.
         * It is this connection that stays idle afterwards for the router's next transaction, whose own confirmation
         * again opens a new one: one key exchange per push instead of two, the proof unchanged.
         */
        private CompletableFuture<PushResult> confirmLoop() {
            enter(Phase.CONFIRMING);
            closeSession();
            final Instant deadline = confirmBy != null ? confirmBy
                : committed.confirmDeadline().orElseThrow();
            return reconnect(deadline)
                .thenCompose(opened -> {
                    session = opened;
                    return session.confirm(committed.generation()).toCompletableFuture();
                })
                .thenCompose(confirmed -> finish(PushResult.Outcome.CONFIRMED,
                    OptionalInt.of(confirmed.generation()), null))
                .exceptionallyCompose(failure -> {
                    final DeviceException cause = deviceFailure(target, DeviceStep.CONFIRM, failure);
                    if (cause instanceof DeviceException.Reverted reverted) {
                        return finish(PushResult.Outcome.REVERTED, OptionalInt.of(reverted.restored()), cause);
                    }
                    if (retryable(cause) && time.now().plus(RETRY.first()).isBefore(deadline)) {
                        closeSession();
                        return delay(RETRY.first()).thenCompose(ignored -> confirmLoop());
                    }
                    if (!retryable(cause)) {
                        return finish(PushResult.Outcome.UNKNOWN, OptionalInt.empty(), cause);
                    }
                    if (!options.awaitRevert()) {
                        return finish(PushResult.Outcome.PENDING, OptionalInt.of(committed.generation()), cause,
                            Optional.of(deadline));
                    }
                    return awaitRevert(deadline, cause);
                });
        }

        /** The router could not be reached to confirm: after its deadline, ask it what it did. */
        private CompletableFuture<PushResult> awaitRevert(final Instant deadline, final DeviceException cause) {
            closeSession();
            final Instant checkAt = deadline.plus(REVERT_GRACE);
            final Duration wait = Duration.between(time.now(), checkAt);
            LOG.info("router {}: cannot confirm generation {} ({}); checking its revert at {}", target.name(),
                committed.generation(), cause.getMessage(), checkAt);
            return delay(wait.isNegative() ? Duration.ZERO : wait)
                .thenCompose(ignored -> reconnect(checkAt.plus(options.recoverWithin())))
                .thenCompose(opened -> {
                    session = opened;
                    return session.getConfig().toCompletableFuture();
                })
                .thenCompose(config -> {
                    if (config.pending().isPresent()
                            && config.pending().orElseThrow().generation() == committed.generation()) {
                        // Late timer or skewed clocks: the router decides, at confirm, whether the deadline passed.
                        return session.confirm(committed.generation()).toCompletableFuture()
                            .thenCompose(confirmed -> finish(PushResult.Outcome.CONFIRMED,
                                OptionalInt.of(confirmed.generation()), null));
                    }
                    if (revertedOurs(config)) {
                        return finish(PushResult.Outcome.REVERTED, OptionalInt.of(config.generation()),
                            new DeviceException.Reverted(target.name(), DeviceStep.CONFIRM, committed.generation(),
                                config.generation()));
                    }
                    if (config.generation() == committed.generation()) {
                        return finish(PushResult.Outcome.CONFIRMED, OptionalInt.of(config.generation()), null);
                    }
                    return finish(PushResult.Outcome.UNKNOWN, OptionalInt.of(config.generation()), cause);
                })
                .exceptionallyCompose(failure -> {
                    final DeviceException later = deviceFailure(target, DeviceStep.CONFIRM, failure);
                    if (later instanceof DeviceException.Reverted reverted) {
                        return finish(PushResult.Outcome.REVERTED, OptionalInt.of(reverted.restored()), later);
                    }
                    return finish(PushResult.Outcome.UNKNOWN, OptionalInt.empty(), cause);
                });
        }

        private boolean revertedOurs(final RunningConfig config) {
            final Optional<RevertRecord> revert = config.lastRevert();
            return revert.isPresent() && revert.orElseThrow().generation() == committed.generation()
                && config.generation() == revert.orElseThrow().restored();
        }

        /** What a failure means for the router, by phase. */
        private CompletableFuture<PushResult> recover(final Throwable failure) {
            final DeviceException cause = deviceFailure(target, DeviceStep.COMMIT, failure);
            final OptionalInt old = before == null ? OptionalInt.empty() : OptionalInt.of(before.generation());
            return switch (phase) {
                case CONNECT, LOCKED, STAGING -> finish(PushResult.Outcome.UNCHANGED, old, cause);
                case COMMITTING -> {
                    if (cause instanceof DeviceException.Commit commit) {
                        yield finish(PushResult.Outcome.UNCHANGED,
                            commit.generation().isPresent() ? commit.generation() : old, cause);
                    }
                    if (retryable(cause) || cause instanceof DeviceException.Protocol) {
                        yield afterLostCommit(cause);
                    }
                    yield finish(PushResult.Outcome.UNCHANGED, old, cause);
                }
                case CONFIRMING -> finish(PushResult.Outcome.UNKNOWN, OptionalInt.empty(), cause);
            };
        }

        /** The connection broke while the router committed: reconnect and ask which generation it runs. */
        private CompletableFuture<PushResult> afterLostCommit(final DeviceException cause) {
            closeSession();
            final int old = before.generation();
            LOG.info("router {}: {}; reconnecting to find out which generation it runs", target.name(),
                cause.getMessage());
            return reconnect(time.now().plus(options.recoverWithin()))
                .thenCompose(opened -> {
                    session = opened;
                    return session.getConfig().toCompletableFuture();
                })
                .thenCompose(config -> {
                    if (config.pending().isPresent() && config.pending().orElseThrow().previous() == old) {
                        final var pending = config.pending().orElseThrow();
                        committed = new CommitResult(pending.generation(), old, Optional.of(pending.deadline()));
                        return session.confirm(pending.generation()).toCompletableFuture()
                            .thenCompose(confirmed -> finish(PushResult.Outcome.CONFIRMED,
                                OptionalInt.of(confirmed.generation()), null))
                            .exceptionallyCompose(again -> {
                                final DeviceException later = deviceFailure(target, DeviceStep.CONFIRM, again);
                                return later instanceof DeviceException.Reverted reverted
                                    ? finish(PushResult.Outcome.REVERTED, OptionalInt.of(reverted.restored()),
                                        later)
                                    : finish(PushResult.Outcome.UNKNOWN, OptionalInt.empty(), later);
                            });
                    }
                    if (config.generation() == old) {
                        final Optional<RevertRecord> revert = config.lastRevert()
                            .filter(r -> r.restored() == old && r.generation() > old);
                        if (revert.isPresent() && options.confirm().isPresent()) {
                            return finish(PushResult.Outcome.REVERTED, OptionalInt.of(old),
                                new DeviceException.Reverted(target.name(), DeviceStep.CONFIRM,
                                    revert.orElseThrow().generation(), old));
                        }
                        return finish(PushResult.Outcome.UNCHANGED, OptionalInt.of(old), cause);
                    }
                    return finish(options.confirm().isPresent() ? PushResult.Outcome.CONFIRMED
                        : PushResult.Outcome.COMMITTED, OptionalInt.of(config.generation()), null);
                })
                .exceptionallyCompose(failure -> finish(PushResult.Outcome.UNKNOWN, OptionalInt.empty(), cause));
        }

        private CompletableFuture<DeviceSession> reconnect(final Instant until) {
            return reconnect(until, RETRY.first());
        }

        private CompletableFuture<DeviceSession> reconnect(final Instant until, final Duration backoff) {
            return connector.open(target, holder).toCompletableFuture().exceptionallyCompose(failure -> {
                final DeviceException cause = deviceFailure(target, DeviceStep.CONNECT, failure);
                if (!retryable(cause) || !time.now().plus(backoff).isBefore(until)) {
                    return CompletableFuture.failedFuture(cause);
                }
                return delay(backoff).thenCompose(ignored -> reconnect(until, RETRY.next(backoff)));
            });
        }

        /** Unlock (best effort, on a new connection if this one broke), then the result. */
        private CompletableFuture<PushResult> finish(final PushResult.Outcome outcome, final OptionalInt generation,
                final DeviceException failure) {
            return finish(outcome, generation, failure, Optional.empty());
        }

        private CompletableFuture<PushResult> finish(final PushResult.Outcome outcome, final OptionalInt generation,
                final DeviceException failure, final Optional<Instant> confirmDeadline) {
            final OptionalInt previous = before == null ? OptionalInt.empty() : OptionalInt.of(before.generation());
            return unlock().thenApply(ignored -> result(target, outcome, generation, previous, failure,
                confirmDeadline, started));
        }

        private CompletableFuture<Void> unlock() {
            if (!locked && !lockUncertain) {
                return CompletableFuture.completedFuture(null);
            }
            locked = false;
            lockUncertain = false;
            final DeviceSession current = session;
            final CompletableFuture<Void> attempt = current == null
                ? CompletableFuture.failedFuture(new IllegalStateException("no session"))
                : current.unlock().toCompletableFuture();
            return attempt.exceptionallyCompose(failure -> connector.open(target, holder).toCompletableFuture()
                .thenCompose(fresh -> fresh.unlock().whenComplete((ignored, error) -> fresh.close())))
                .handle((ignored, failure) -> {
                    if (failure != null) {
                        LOG.info("router {}: could not release the lock of {}; it expires by itself",
                            target.name(), holder);
                    }
                    return null;
                });
        }

        private void closeSession() {
            final DeviceSession current = session;
            session = null;
            if (current != null) {
                current.close();
            }
        }

        /**
         * The transaction is over and released the lock: its last session (the confirming connection, after a
         * confirmed commit) stays idle for the router's next transaction, unless the lock may still be held.
         */
        private void releaseSession() {
            final DeviceSession current = session;
            session = null;
            if (current == null) {
                return;
            }
            if (locked || lockUncertain) {
                current.close();
            } else {
                idle.park(target, current);
            }
        }
    }
}

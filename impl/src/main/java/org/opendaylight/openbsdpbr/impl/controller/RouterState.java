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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.opendaylight.openbsdpbr.api.device.DeviceException;
import org.opendaylight.openbsdpbr.api.device.PendingConfirm;
import org.opendaylight.openbsdpbr.api.device.RunningConfig;
import org.opendaylight.openbsdpbr.api.files.FileSet;
import org.opendaylight.openbsdpbr.impl.controller.StatusView.Connection;
import org.opendaylight.openbsdpbr.impl.controller.StatusView.Failure;
import org.opendaylight.openbsdpbr.impl.controller.StatusView.Step;
import org.opendaylight.openbsdpbr.impl.controller.StatusView.Sync;
import org.opendaylight.openbsdpbr.impl.device.Backoff;
import org.opendaylight.openbsdpbr.impl.device.PushResult;

/**
 * What the controller knows about one router and what it reports, immutable: every change is a named transition
 * that returns a new state. The reconciler holds the current state; {@link Decision} reads it.
 *
 * @param owned whether this member manages the router
 * @param applied the files the router runs, as far as the controller knows (empty: unknown, read back first)
 * @param ranBefore file sets the router ran lately, newest first: after a rollback or a revert the read-back finds
 *     which one it runs, so that diffs and plans are against real files
 * @param readBackDue the router must be read back before anything is committed (after gaining it, a failure, a
 *     rollback, on request)
 * @param found a confirmed commit found waiting on the router that nobody here waits for (left by a controller that
 *     died): confirmed when it carries the intent, cancelled otherwise
 * @param awaiting a confirmed commit this controller left for the operator's confirm
 * @param hold why the intent is not pushed now, if it is not
 * @param staleLock a lock left by a session of this controller that is gone, to break next
 * @param brokenLock the holder whose lock was broken last (a second lock by it means it is alive: waited out)
 * @param backoff the wait before the next retry after a failure
 * @param retryAt when to try again after a failure, if it failed
 * @param forced push even if the router seems in sync or the intent is held (the sync RPC)
 * @param status what the status shows
 */
public record RouterState(boolean owned, Optional<FileSet> applied, List<FileSet> ranBefore, boolean readBackDue,
        Optional<Found> found, Optional<Awaiting> awaiting, Optional<Hold> hold, Optional<String> staleLock,
        Optional<String> brokenLock, Duration backoff, Optional<Instant> retryAt, boolean forced, StatusView status) {
    /** How many file sets the router ran are remembered (the router itself keeps ten generations). */
    static final int KNOWN_FILE_SETS = 3;

    /**
     * A confirmed commit found waiting on the router that nobody here waits for.
     *
     * @param pending the commit
     * @param carriesIntent whether the router, with it, runs exactly the current intent's files
     */
    public record Found(PendingConfirm pending, boolean carriesIntent) {
        public Found {
            requireNonNull(pending, "pending");
        }
    }

    /**
     * A confirmed commit left for the operator's confirm.
     *
     * @param generation the committed generation
     * @param deadline when the router reverts unless confirmed
     * @param files what it installs
     * @param revision their revision
     */
    public record Awaiting(int generation, Instant deadline, FileSet files, String revision) {
        public Awaiting {
            requireNonNull(deadline, "deadline");
            requireNonNull(files, "files");
            requireNonNull(revision, "revision");
        }
    }

    /**
     * Why the intent is not pushed now.
     *
     * @param kind the reason
     * @param revision the revision held off; empty: any
     * @param until when it is tried again by itself; empty: only when the intent changes or on request
     */
    public record Hold(Kind kind, Optional<String> revision, Optional<Instant> until) {
        /** Reasons to hold. */
        public enum Kind {
            /** The router's own checks refused the files: tried again on a long back-off (its tools may change). */
            REFUSED,
            /** A confirmed commit was not confirmed and the router reverted it. */
            REVERTED,
            /** The operator took the router off its intent (rollback). */
            OPERATOR,
            /** The router refused the controller's login: tried again on a long back-off. */
            LOGIN,
            /** The router presents another host key: nothing is sent until the key is pinned again. */
            HOST_KEY,
            /** Files were changed on the router and drift-policy is report: shown, not overwritten. */
            DRIFT
        }

        public Hold {
            requireNonNull(kind, "kind");
            requireNonNull(revision, "revision");
            requireNonNull(until, "until");
        }

        /** Whether this holds {@code candidate} back at {@code now}. */
        public boolean holds(final String candidate, final Instant now) {
            return revision.map(candidate::equals).orElse(true) && until.map(now::isBefore).orElse(true);
        }
    }

    /** How the controller retries. */
    public record Retry(Backoff backoff, Duration longWait) {
        public Retry {
            requireNonNull(backoff, "backoff");
            requireNonNull(longWait, "longWait");
        }
    }

    public RouterState {
        requireNonNull(applied, "applied");
        ranBefore = List.copyOf(ranBefore);
        requireNonNull(found, "found");
        requireNonNull(awaiting, "awaiting");
        requireNonNull(hold, "hold");
        requireNonNull(staleLock, "staleLock");
        requireNonNull(brokenLock, "brokenLock");
        requireNonNull(backoff, "backoff");
        requireNonNull(retryAt, "retryAt");
        requireNonNull(status, "status");
    }

    /** A router just configured: not managed yet, nothing known. */
    public static RouterState initial(final Duration firstBackoff) {
        return new RouterState(false, Optional.empty(), List.of(), true, Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), firstBackoff, Optional.empty(), false,
            StatusView.INITIAL);
    }

    // --- ownership and requests -----------------------------------------------------------------------------------

    /** This member manages the router now: read it back first (a previous manager may have left work). */
    public RouterState gained(final Duration firstBackoff) {
        return edit().owned(true).readBackDue(true).retryAt(Optional.empty()).backoff(firstBackoff).build();
    }

    /** Another member manages the router now. */
    public RouterState lost() {
        return edit().owned(false).forced(false).build();
    }

    /** The router's configuration or a profile it uses changed: whatever was held back is tried again. */
    public RouterState changed() {
        return edit().hold(Optional.empty()).retryAt(Optional.empty()).build();
    }

    /** Read the router back before anything else (check-sync, drift checks). */
    public RouterState readBackRequested() {
        return edit().readBackDue(true).build();
    }

    /** Push now, whatever held it back (the sync RPC). */
    public RouterState forcedToSync() {
        return edit().forced(true).hold(Optional.empty()).retryAt(Optional.empty()).build();
    }

    /** The operator took the router off {@code revision} (rollback): not pushed again until it changes or sync. */
    public RouterState heldByOperator(final Optional<String> revision) {
        return edit().hold(Optional.of(new Hold(Hold.Kind.OPERATOR, revision, Optional.empty())))
            .applied(Optional.empty()).readBackDue(true).build();
    }

    /** The status shows this now. */
    public RouterState reported(final StatusView newStatus) {
        return edit().status(newStatus).build();
    }

    // --- what the router said -------------------------------------------------------------------------------------

    /**
     * The router was read back.
     *
     * @param onRouter what it runs
     * @param intended the files of the current intent, if it compiled
     * @param repairDrift whether drift is pushed over (else only reported)
     * @return the state: applied files found, drift and sync in the status, a waiting commit to resolve
     */
    public RouterState observed(final RunningConfig onRouter, final Optional<FileSet> intended,
            final boolean repairDrift) {
        final Edit next = edit().readBackDue(false).found(Optional.empty()).staleLock(Optional.empty());
        if (onRouter.pending().isPresent()) {
            final PendingConfirm pending = onRouter.pending().orElseThrow();
            if (awaiting.isPresent() && awaiting.orElseThrow().generation() == pending.generation()) {
                return next.status(status.withConnection(Connection.CONNECTED).withSync(Sync.AWAITING_CONFIRM)
                    .withDeadline(Optional.of(pending.deadline()))).build();
            }
            return next.found(Optional.of(new Found(pending, intended.map(onRouter::isInSync).orElse(false))))
                .build();
        }
        StatusView shown = status;
        if (awaiting.isPresent()) {
            final Awaiting left = awaiting.orElseThrow();
            next.awaiting(Optional.empty());
            if (onRouter.lastRevert().filter(revert -> revert.generation() == left.generation()).isPresent()) {
                next.hold(Optional.of(new Hold(Hold.Kind.REVERTED, Optional.of(left.revision()), Optional.empty())));
                shown = shown.withSync(Sync.REVERTED).withError(Optional.of(new Failure(Step.CONFIRM,
                    "generation " + left.generation() + " was not confirmed by " + left.deadline()
                        + ": the router restored its previous generation", onRouter.lastRevert().orElseThrow().at())));
            } else if (onRouter.generation() == left.generation()) {
                next.ran(left.files());
            }
        }
        final List<String> drift = new ArrayList<>(onRouter.localChanges());
        final FileSet known = next.applied.orElse(null);
        if (intended.isPresent() && onRouter.isInSync(intended.orElseThrow())) {
            next.ran(intended.orElseThrow());
        } else if (known != null && onRouter.isInSync(known)) {
            // still runs what was applied: the intent changed, nothing drifted
            drift.clear();
        } else if (known != null) {
            drift.addAll(onRouter.differencesFrom(known));
            next.applied(Optional.empty());
        } else {
            // after a rollback, a revert or an unconfirmed commit: one of the file sets it ran before, if any
            next.ranBefore.stream().filter(onRouter::isInSync).findFirst().ifPresent(next::ran);
        }
        final List<String> drifted = drift.stream().distinct().sorted().toList();
        final String revision = next.applied.map(FileSet::revision).orElse(shown.appliedRevision().orElse(null));
        final boolean inSync = intended.map(onRouter::isInSync).orElse(false);
        // a failure that holds the intent back stays in the status until the intent changes or sync is asked for
        final boolean failureHolds = next.hold.filter(held -> held.kind() != Hold.Kind.OPERATOR).isPresent()
            && (shown.sync() == Sync.REVERTED || shown.sync() == Sync.FAILED);
        shown = shown.withConnection(Connection.CONNECTED)
            .withApplied(revision, OptionalInt.of(onRouter.generation()), Optional.empty())
            .withDrift(drifted)
            .withFailover(onRouter.failover())
            .withSync(inSync ? Sync.IN_SYNC : failureHolds ? shown.sync() : Sync.OUT_OF_SYNC);
        if (inSync) {
            shown = shown.withError(Optional.empty());
        }
        if (!drifted.isEmpty() && !inSync) {
            if (repairDrift) {
                next.applied(Optional.empty());
            } else if (intended.isPresent()) {
                // reported, not overwritten: the next intent change (or sync) pushes over it
                next.hold(Optional.of(new Hold(Hold.Kind.DRIFT, Optional.of(intended.orElseThrow().revision()),
                    Optional.empty())));
            }
        }
        return next.status(shown).build();
    }

    /** A router without intent was read back: reported, nothing is committed. */
    public RouterState observedWithoutIntent(final RunningConfig onRouter) {
        return observedWithoutIntent(onRouter, List.of());
    }

    /**
     * As {@link #observedWithoutIntent(RunningConfig)}, with the files found on disk: at generation 0 (openbsd-pbr
     * never committed there) they are the admin's, and the status offers their import (first contact).
     */
    public RouterState observedWithoutIntent(final RunningConfig onRouter, final List<String> onDisk) {
        return edit().readBackDue(false).applied(Optional.empty()).status(status.withIntended(null, List.of())
            .withConnection(Connection.CONNECTED)
            .withApplied(null, OptionalInt.of(onRouter.generation()), Optional.empty())
            .withDrift(onRouter.localChanges().stream().sorted().toList())
            .withFailover(onRouter.failover())
            .withHandWritten(onRouter.generation() == 0 ? onDisk : List.of())
            .withSync(Sync.NO_INTENT).withError(Optional.empty())).build();
    }

    /**
     * The operator's confirm went through: the router runs {@code generation}. When it is the commit left for the
     * operator, its files are what the router runs; otherwise the router is read back to find out.
     */
    public RouterState confirmed(final int generation, final Instant now) {
        if (awaiting.filter(left -> left.generation() == generation).isPresent()) {
            final Awaiting left = awaiting.orElseThrow();
            return edit().awaiting(Optional.empty()).ran(left.files()).hold(Optional.empty())
                .status(status.withConnection(Connection.CONNECTED)
                    .withApplied(left.revision(), OptionalInt.of(generation), Optional.of(now))
                    .withSync(Sync.IN_SYNC).withError(Optional.empty()))
                .build();
        }
        return edit().awaiting(Optional.empty()).readBackDue(true).build();
    }

    /** A waiting commit found on read-back was confirmed or cancelled: read back again to see the result. */
    public RouterState resolved() {
        return edit().found(Optional.empty()).readBackDue(true).build();
    }

    /** A commit of {@code files} is under way. */
    public RouterState applying(final Instant deadline) {
        return edit().status(status.withSync(Sync.APPLYING).withDeadline(Optional.of(deadline))).build();
    }

    /** The router took a confirmed commit and reverts at {@code deadline} unless it is confirmed. */
    public RouterState awaitingConfirm(final Instant deadline) {
        return edit().status(status.withConnection(Connection.CONNECTED).withSync(Sync.AWAITING_CONFIRM)
            .withDeadline(Optional.of(deadline))).build();
    }

    /**
     * A transaction that pushed {@code files} ended.
     *
     * @param result how it ended
     * @param files what was pushed
     * @param retry the retry policy
     * @param now the time
     * @param controllerHolder whether a lock holder is a (gone) session of this controller
     * @return the next state
     */
    public RouterState pushed(final PushResult result, final FileSet files, final Retry retry, final Instant now,
            final java.util.function.Predicate<String> controllerHolder) {
        return switch (result.outcome()) {
            case CONFIRMED, COMMITTED, IN_SYNC -> {
                final Edit next = edit().ran(files).hold(Optional.empty()).forced(false).retryAt(Optional.empty())
                    .backoff(retry.backoff().first());
                yield next.status(status.withConnection(Connection.CONNECTED)
                    .withApplied(files.revision(), result.generation(),
                        result.outcome() == PushResult.Outcome.IN_SYNC ? Optional.empty() : Optional.of(now))
                    .withSync(Sync.IN_SYNC).withError(Optional.empty())).build();
            }
            case PENDING -> {
                final Instant deadline = result.confirmDeadline().orElse(now);
                yield edit().forced(false)
                    .awaiting(Optional.of(new Awaiting(result.generation().orElse(0), deadline, files,
                        files.revision())))
                    .status(status.withConnection(Connection.CONNECTED).withSync(Sync.AWAITING_CONFIRM)
                        .withDeadline(Optional.of(deadline)).withError(Optional.empty()))
                    .build();
            }
            case REVERTED -> edit().forced(false).applied(Optional.empty()).readBackDue(true)
                .hold(Optional.of(new Hold(Hold.Kind.REVERTED, Optional.of(files.revision()), Optional.empty())))
                .status(status.withConnection(Connection.CONNECTED).withSync(Sync.REVERTED)
                    .withApplied(status.appliedRevision().orElse(null), result.generation(), Optional.empty())
                    .withError(Optional.of(new Failure(Step.CONFIRM, result.failure().map(Throwable::getMessage)
                        .orElse("the commit was not confirmed in time: the router restored its previous generation"),
                        now))))
                .build();
            case UNCHANGED, UNKNOWN -> {
                final RouterState after = result.failure()
                    .map(failure -> failed(failure, Optional.of(files.revision()), retry, now, controllerHolder))
                    .orElseGet(() -> edit().forced(false).status(status.withSync(Sync.FAILED).withError(Optional.of(
                        new Failure(Step.COMMIT, result.summary(), now)))).build());
                yield result.outcome() == PushResult.Outcome.UNKNOWN ? after.readBackRequested() : after;
            }
        };
    }

    /**
     * A device operation failed.
     *
     * @param error what failed
     * @param revision the revision being pushed, if a push failed
     * @param retry the retry policy
     * @param now the time
     * @param controllerHolder whether a lock holder is a (gone) session of this controller
     * @return the next state: what the status says, when to try again
     */
    public RouterState failed(final DeviceException error, final Optional<String> revision, final Retry retry,
            final Instant now, final java.util.function.Predicate<String> controllerHolder) {
        final Optional<Failure> failure = Optional.of(new Failure(step(error), error.getMessage(), now));
        final Edit next = edit().forced(false);
        return switch (error) {
            case DeviceException.Connect e -> unreachable(next, failure, retry, now);
            case DeviceException.ConnectionLost e -> unreachable(next, failure, retry, now);
            case DeviceException.Timeout e -> unreachable(next, failure, retry, now);
            case DeviceException.LockHeld e when controllerHolder.test(e.holder())
                && !brokenLock.equals(Optional.of(e.holder())) -> next.staleLock(Optional.of(e.holder())).build();
            case DeviceException.LockHeld e -> later(next.status(status.withSync(Sync.OUT_OF_SYNC)
                .withError(failure)), retry, now);
            case DeviceException.Auth e -> next.hold(Optional.of(new Hold(Hold.Kind.LOGIN, Optional.empty(),
                    Optional.of(now.plus(retry.longWait())))))
                .retryAt(Optional.of(now.plus(retry.longWait())))
                .status(status.withConnection(Connection.AUTH_FAILED).withSync(Sync.FAILED).withError(failure))
                .build();
            case DeviceException.HostKey e -> next.hold(Optional.of(new Hold(Hold.Kind.HOST_KEY, Optional.empty(),
                    Optional.empty())))
                .status(status.withConnection(Connection.HOST_KEY_MISMATCH).withSync(Sync.FAILED)
                    .withError(Optional.of(new Failure(Step.HOST_KEY, e.getMessage() + "; nothing is sent to the "
                        + "router until management/host-key-fingerprint pins the key it presents (if it was "
                        + "reinstalled) or the old key is back", now))))
                .build();
            case DeviceException.Validate e -> next.hold(Optional.of(new Hold(Hold.Kind.REFUSED, revision,
                    Optional.of(now.plus(retry.longWait())))))
                .retryAt(Optional.of(now.plus(retry.longWait())))
                .status(status.withConnection(Connection.CONNECTED).withSync(Sync.FAILED).withError(failure))
                .build();
            case DeviceException.Reverted e -> next.hold(Optional.of(new Hold(Hold.Kind.REVERTED, revision,
                    Optional.empty()))).readBackDue(true)
                .status(status.withConnection(Connection.CONNECTED).withSync(Sync.REVERTED).withError(failure))
                .build();
            case DeviceException.Rejected e when "pending".equals(e.reason()) -> next.readBackDue(true)
                .status(status.withError(failure)).build();
            default -> later(next.status(status.withSync(Sync.FAILED).withError(failure)), retry, now);
        };
    }

    private RouterState unreachable(final Edit next, final Optional<Failure> failure, final Retry retry,
            final Instant now) {
        return later(next.status(status.withConnection(Connection.UNREACHABLE).withSync(Sync.UNREACHABLE)
            .withError(failure)), retry, now);
    }

    /** Try again after the back-off, which grows; read back first. */
    private RouterState later(final Edit next, final Retry retry, final Instant now) {
        return next.retryAt(Optional.of(now.plus(Backoff.jittered(backoff)))).backoff(retry.backoff().next(backoff))
            .readBackDue(true).build();
    }

    /** A stale lock was broken (or could not be). */
    public RouterState lockBroken(final String holder) {
        return edit().staleLock(Optional.empty()).brokenLock(Optional.of(holder)).readBackDue(true).build();
    }

    /** The status step of a device failure. */
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
            case GET_CONFIG, GET_GENERATION, READ_FILES, PROBE -> Step.READ_BACK;
        };
    }

    private Edit edit() {
        return new Edit(this);
    }

    /** A copy being changed; only transitions use it. */
    private static final class Edit {
        private boolean owned;
        private Optional<FileSet> applied;
        private List<FileSet> ranBefore;
        private boolean readBackDue;
        private Optional<Found> found;
        private Optional<Awaiting> awaiting;
        private Optional<Hold> hold;
        private Optional<String> staleLock;
        private Optional<String> brokenLock;
        private Duration backoff;
        private Optional<Instant> retryAt;
        private boolean forced;
        private StatusView status;

        Edit(final RouterState from) {
            owned = from.owned;
            applied = from.applied;
            ranBefore = from.ranBefore;
            readBackDue = from.readBackDue;
            found = from.found;
            awaiting = from.awaiting;
            hold = from.hold;
            staleLock = from.staleLock;
            brokenLock = from.brokenLock;
            backoff = from.backoff;
            retryAt = from.retryAt;
            forced = from.forced;
            status = from.status;
        }

        Edit owned(final boolean value) {
            owned = value;
            return this;
        }

        Edit applied(final Optional<FileSet> value) {
            applied = value;
            return this;
        }

        /** The router runs these files now. */
        Edit ran(final FileSet files) {
            applied = Optional.of(files);
            final List<FileSet> recent = new ArrayList<>(ranBefore);
            recent.remove(files);
            recent.add(0, files);
            ranBefore = recent.subList(0, Math.min(recent.size(), KNOWN_FILE_SETS));
            return this;
        }

        Edit readBackDue(final boolean value) {
            readBackDue = value;
            return this;
        }

        Edit found(final Optional<Found> value) {
            found = value;
            return this;
        }

        Edit awaiting(final Optional<Awaiting> value) {
            awaiting = value;
            return this;
        }

        Edit hold(final Optional<Hold> value) {
            hold = value;
            return this;
        }

        Edit staleLock(final Optional<String> value) {
            staleLock = value;
            return this;
        }

        Edit brokenLock(final Optional<String> value) {
            brokenLock = value;
            return this;
        }

        Edit backoff(final Duration value) {
            backoff = value;
            return this;
        }

        Edit retryAt(final Optional<Instant> value) {
            retryAt = value;
            return this;
        }

        Edit forced(final boolean value) {
            forced = value;
            return this;
        }

        Edit status(final StatusView value) {
            status = value;
            return this;
        }

        RouterState build() {
            return new RouterState(owned, applied, ranBefore, readBackDue, found, awaiting, hold, staleLock,
                brokenLock, backoff, retryAt, forced, status);
        }
    }
}

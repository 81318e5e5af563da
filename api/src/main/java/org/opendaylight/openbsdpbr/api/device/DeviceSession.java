/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.api.device;

import java.util.concurrent.CompletionStage;
import org.opendaylight.openbsdpbr.api.files.FileSet;

/**
 * A NETCONF-like session on one router: RFC 6241 operation names, Junos {@code commit confirmed} behaviour.
 *
 * <p>A transaction is {@link #lock()}, {@link #editCandidate(Candidate)}, {@link #validate()},
 * {@link #commit(CommitRequest)}, optionally {@link #confirm(int)} (perhaps from a new session), {@link #unlock()}.
 * Every operation is asynchronous: the returned stage completes on a transport I/O thread, so continuations must not
 * block (use the {@code *Async} variants with an executor for blocking work). A failed stage carries a
 * {@link DeviceException}, possibly wrapped in a {@link java.util.concurrent.CompletionException}; use
 * {@link DeviceException#find(Throwable)}. Operations of one session run one at a time in call order.
 */
public interface DeviceSession extends AutoCloseable {
    /** The router's name. */
    String router();

    /** The lock holder name of this session. */
    String holder();

    /**
     * Take the router-side lock (re-entrant for the same holder). A lock unused for longer than its lifetime is
     * considered abandoned and may be taken over.
     *
     * @return done, or {@link DeviceException.LockHeld} naming the holder
     */
    CompletionStage<Void> lock();

    /** Release the router-side lock, if this session's holder has it. */
    CompletionStage<Void> unlock();

    /**
     * Releases a lock another session left behind, naming its holder (as NETCONF's kill-session names a session): the
     * router removes the lock only while that holder still has it. For a caller that knows the holder is gone.
     */
    CompletionStage<Void> breakLock(String holder);

    /**
     * Stage a complete candidate on the router atomically (it replaces any earlier candidate only when it arrived
     * intact). Needs the lock.
     */
    CompletionStage<Void> editCandidate(Candidate candidate);

    /** Stage files with empty apply plans. */
    default CompletionStage<Void> editCandidate(final FileSet files) {
        return editCandidate(Candidate.of(files));
    }

    /**
     * Run the router's own checks on the candidate ({@code pfctl -nf} with the candidate's anchors, each anchor file
     * with {@code pfctl -a ANCHOR -nf}, {@code sshd -t -f}, {@code unwind -n -f}, {@code ifstated -n -f},
     * {@code rad -n -f}, {@code dhcp6leased -n -f}, {@code netstart -n}, and that every block of lines can be
     * spliced). Needs the lock.
     *
     * @return done, or {@link DeviceException.Validate} with the router's message
     */
    CompletionStage<Void> validate();

    /**
     * Make the candidate the router's next generation: keep the current one, install the files with their owners and
     * modes, remove managed files that left the set, run the apply plan. If installing or the plan fails, the router
     * restores the current generation. A confirmed commit arms a timer on the router that reverts unless
     * {@link #confirm(int)} arrives in time. Needs the lock.
     */
    CompletionStage<CommitResult> commit(CommitRequest request);

    /**
     * Confirm a pending confirmed commit.
     *
     * @param generation the generation to confirm, or 0 for whichever is pending
     * @return the confirmed state; {@link DeviceException.Reverted} if the deadline passed and the router reverted;
     *     confirming a generation that is current and no longer pending succeeds (a retried confirm)
     */
    CompletionStage<CommitResult> confirm(int generation);

    /** Revert a pending confirmed commit now. */
    CompletionStage<CommitResult> cancelCommit();

    /** Re-install a stored generation as a new commit. Needs the lock. */
    CompletionStage<CommitResult> rollback(RollbackRequest request);

    /** Read the current generation and the managed files as they are on disk. */
    CompletionStage<RunningConfig> getConfig();

    /** Read the files of a generation kept on the router. */
    CompletionStage<StoredGeneration> getGeneration(int generation);

    /**
     * Read the files openbsd-pbr renders or shares ({@link RouterFiles}) as they are on disk now, whichever generation
     * installed them or none: what an import maps into intent. Read-only; needs no lock. Whole files each (a shared
     * file with the admin's lines too); files whose mode gives group and others no access are marked secret.
     */
    CompletionStage<FileSet> readFiles();

    /**
     * Run an operator probe on the router ({@code ping -V RDOMAIN}, from the router's own routing domains): part of a
     * rollout's health gate. Read-only; needs no lock. A session that cannot run probes answers with a failure.
     *
     * @param probe the probe, already checked against {@link Probe#LINE}
     * @return how many echo requests were sent and answered
     */
    default CompletionStage<ProbeResult> probe(final Probe probe) {
        return java.util.concurrent.CompletableFuture.failedFuture(new UnsupportedOperationException(
            "this session runs no probes"));
    }

    /**
     * Whether this session, idle now, may serve a later transaction on {@code target}: it is still open, it reaches
     * the same router as the same user with the same credentials, and the host key it verified is one the target's
     * policy accepts now. A transaction that reuses a session saves a connection and its key exchange; it never
     * reuses one to confirm a commit (that needs a connection made after the commit). Sessions that cannot tell say
     * no.
     *
     * @param target the router as the next transaction sees it
     * @return whether the session may be handed on
     */
    default boolean reusableFor(final DeviceTarget target) {
        return false;
    }

    /** Close the session (the router-side lock stays until unlocked or abandoned). Never throws. */
    @Override
    void close();
}

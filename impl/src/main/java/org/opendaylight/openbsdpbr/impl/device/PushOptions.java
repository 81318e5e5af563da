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
import java.util.Optional;
import org.opendaylight.openbsdpbr.api.device.CommitRequest;

/**
 * How {@link DevicePush} runs a transaction.
 *
 * @param confirm present for a confirmed commit: the router reverts unless confirmed within this time; the push
 *     confirms from a new connection, which proves the router is still reachable after the change
 * @param lockWait how long to keep retrying when another holder has the router's lock
 * @param skipWhenInSync commit nothing when the router already runs exactly these files
 * @param recoverWithin how long to keep reconnecting after the connection broke during a commit or before a confirm,
 *     to find out (and say) which generation the router is on
 * @param awaitRevert when the router cannot be reached to confirm, wait for its deadline and check that it reverted
 * @param confirmAutomatically confirm a confirmed commit from a new connection (else the transaction ends
 *     {@link PushResult.Outcome#PENDING} right after the commit, and the router reverts unless someone confirms
 *     before the deadline: the operator's manual confirm)
 */
public record PushOptions(Optional<Duration> confirm, Duration lockWait, boolean skipWhenInSync,
        Duration recoverWithin, boolean awaitRevert, boolean confirmAutomatically) {
    public PushOptions {
        requireNonNull(confirm, "confirm");
        confirm.ifPresent(timeout -> CommitRequest.confirmed(timeout));
        requireNonNull(lockWait, "lockWait");
        requireNonNull(recoverWithin, "recoverWithin");
    }

    /** Plain commit, wait 30 s for the lock, skip when in sync, recover within 30 s, await reverts. */
    public static PushOptions defaults() {
        return new PushOptions(Optional.empty(), Duration.ofSeconds(30), true, Duration.ofSeconds(30), true, true);
    }

    /** The commit request these options ask for. */
    public CommitRequest commitRequest() {
        return confirm.map(CommitRequest::confirmed).orElse(CommitRequest.plain());
    }

    public PushOptions withConfirm(final Duration timeout) {
        return new PushOptions(Optional.of(timeout), lockWait, skipWhenInSync, recoverWithin, awaitRevert,
            confirmAutomatically);
    }

    public PushOptions withLockWait(final Duration wait) {
        return new PushOptions(confirm, wait, skipWhenInSync, recoverWithin, awaitRevert, confirmAutomatically);
    }

    public PushOptions withSkipWhenInSync(final boolean skip) {
        return new PushOptions(confirm, lockWait, skip, recoverWithin, awaitRevert, confirmAutomatically);
    }

    public PushOptions withRecoverWithin(final Duration within) {
        return new PushOptions(confirm, lockWait, skipWhenInSync, within, awaitRevert, confirmAutomatically);
    }

    public PushOptions withAwaitRevert(final boolean await) {
        return new PushOptions(confirm, lockWait, skipWhenInSync, recoverWithin, await, confirmAutomatically);
    }

    /** A confirmed commit left for someone else to confirm: the transaction ends once the router committed. */
    public PushOptions withManualConfirm() {
        if (confirm.isEmpty()) {
            throw new IllegalStateException("only a confirmed commit waits for a confirm");
        }
        return new PushOptions(confirm, lockWait, skipWhenInSync, recoverWithin, awaitRevert, false);
    }
}

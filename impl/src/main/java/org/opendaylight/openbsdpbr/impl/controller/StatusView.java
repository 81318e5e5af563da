/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.controller;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.opendaylight.openbsdpbr.api.device.FailoverStatus;
import org.opendaylight.openbsdpbr.impl.render.Lint;

/**
 * A router's status as the operational datastore shows it (YANG grouping {@code router-status}). Never holds a secret.
 *
 * @param connection the management connection's state
 * @param sync where the router is relative to its intent
 * @param intendedRevision revision of the files rendered from the current intent
 * @param appliedRevision revision of the files the router runs
 * @param appliedGeneration the router's generation number for them
 * @param lastCommit when the last commit landed
 * @param confirmDeadline when an unconfirmed commit reverts
 * @param drifted managed files that differ on the router from the applied revision
 * @param lastError the last failure
 * @param lints warnings and errors about the intent
 * @param failover the router's own failover: the state its ifstated is in and its last state changes, as last read
 *     back; empty when it runs none
 * @param handWritten first contact: the files found on a router openbsd-pbr never committed to (generation 0), which
 *     are the admin's; empty once a generation is committed, or when there are none
 */
public record StatusView(Connection connection, Sync sync, Optional<String> intendedRevision,
        Optional<String> appliedRevision, OptionalInt appliedGeneration, Optional<Instant> lastCommit,
        Optional<Instant> confirmDeadline, List<String> drifted, Optional<Failure> lastError, List<Lint> lints,
        Optional<FailoverStatus> failover, List<String> handWritten) {
    /** YANG {@code connection}. */
    public enum Connection { UNKNOWN, CONNECTED, UNREACHABLE, AUTH_FAILED, HOST_KEY_MISMATCH }

    /** YANG {@code sync-status}. */
    public enum Sync { IN_SYNC, OUT_OF_SYNC, APPLYING, AWAITING_CONFIRM, REVERTED, FAILED, UNREACHABLE, NO_INTENT }

    /** YANG {@code commit-step}. */
    public enum Step {
        RENDER, VALIDATE_INTENT, CONNECT, AUTHENTICATE, HOST_KEY, LOCK, UPLOAD, VALIDATE, COMMIT, CONFIRM, ROLLBACK,
        READ_BACK
    }

    /**
     * The last failure.
     *
     * @param step the step that failed
     * @param message what went wrong (no secret)
     * @param time when
     */
    public record Failure(Step step, String message, Instant time) {
        public Failure {
            requireNonNull(step, "step");
            requireNonNull(message, "message");
            requireNonNull(time, "time");
        }
    }

    public static final StatusView INITIAL = new StatusView(Connection.UNKNOWN, Sync.OUT_OF_SYNC, Optional.empty(),
        Optional.empty(), OptionalInt.empty(), Optional.empty(), Optional.empty(), List.of(), Optional.empty(),
        List.of(), Optional.empty(), List.of());

    public StatusView {
        requireNonNull(connection, "connection");
        requireNonNull(sync, "sync");
        requireNonNull(intendedRevision, "intendedRevision");
        requireNonNull(appliedRevision, "appliedRevision");
        requireNonNull(appliedGeneration, "appliedGeneration");
        requireNonNull(lastCommit, "lastCommit");
        requireNonNull(confirmDeadline, "confirmDeadline");
        drifted = List.copyOf(drifted);
        requireNonNull(lastError, "lastError");
        lints = List.copyOf(lints);
        requireNonNull(failover, "failover");
        handWritten = List.copyOf(handWritten);
    }

    public boolean driftDetected() {
        return !drifted.isEmpty();
    }

    StatusView withConnection(final Connection newConnection) {
        return new StatusView(newConnection, sync, intendedRevision, appliedRevision, appliedGeneration, lastCommit,
            confirmDeadline, drifted, lastError, lints, failover, handWritten);
    }

    StatusView withSync(final Sync newSync) {
        return new StatusView(connection, newSync, intendedRevision, appliedRevision, appliedGeneration, lastCommit,
            newSync == Sync.AWAITING_CONFIRM ? confirmDeadline : Optional.empty(), drifted, lastError, lints, failover,
            handWritten);
    }

    StatusView withIntended(final String revision, final List<Lint> newLints) {
        return new StatusView(connection, sync, Optional.ofNullable(revision), appliedRevision, appliedGeneration,
            lastCommit, confirmDeadline, drifted, lastError, newLints, failover, handWritten);
    }

    StatusView withApplied(final String revision, final OptionalInt generation, final Optional<Instant> commitTime) {
        return new StatusView(connection, sync, intendedRevision, Optional.ofNullable(revision), generation,
            commitTime.isPresent() ? commitTime : lastCommit, confirmDeadline, List.of(), lastError, lints, failover,
            generation.orElse(0) > 0 ? List.of() : handWritten);
    }

    StatusView withDeadline(final Optional<Instant> deadline) {
        return new StatusView(connection, sync, intendedRevision, appliedRevision, appliedGeneration, lastCommit,
            deadline, drifted, lastError, lints, failover, handWritten);
    }

    StatusView withDrift(final List<String> files) {
        return new StatusView(connection, sync, intendedRevision, appliedRevision, appliedGeneration, lastCommit,
            confirmDeadline, files, lastError, lints, failover, handWritten);
    }

    StatusView withError(final Optional<Failure> failure) {
        return new StatusView(connection, sync, intendedRevision, appliedRevision, appliedGeneration, lastCommit,
            confirmDeadline, drifted, failure, lints, failover, handWritten);
    }

    /** First contact: the admin's files found on a router at generation 0 (empty: none, or not looked). */
    StatusView withHandWritten(final List<String> files) {
        return new StatusView(connection, sync, intendedRevision, appliedRevision, appliedGeneration, lastCommit,
            confirmDeadline, drifted, lastError, lints, failover, files);
    }

    StatusView withFailover(final Optional<FailoverStatus> newFailover) {
        return new StatusView(connection, sync, intendedRevision, appliedRevision, appliedGeneration, lastCommit,
            confirmDeadline, drifted, lastError, lints, newFailover, handWritten);
    }
}

/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.api.device;

import static java.util.Objects.requireNonNull;

import java.io.Serial;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Why a device operation failed: a sealed set of kinds the controller maps to status. Every failure names the router
 * and the {@link DeviceStep}; messages never carry credentials or file contents (router messages are scrubbed of
 * secrets before they get here).
 */
public abstract sealed class DeviceException extends Exception {
    @Serial
    private static final long serialVersionUID = 1L;

    private final String router;
    private final DeviceStep step;

    DeviceException(final String router, final DeviceStep step, final String detail, final Throwable cause) {
        super("router " + requireNonNull(router) + ": " + requireNonNull(step).operation() + ": " + detail, cause);
        this.router = router;
        this.step = step;
    }

    /** The router's name. */
    public final String router() {
        return router;
    }

    /** The step that failed. */
    public final DeviceStep step() {
        return step;
    }

    /**
     * The device failure behind a failed future, unwrapping {@link CompletionException} and
     * {@link ExecutionException}.
     */
    public static Optional<DeviceException> find(final Throwable failure) {
        Throwable current = failure;
        while (current != null) {
            if (current instanceof DeviceException device) {
                return Optional.of(device);
            }
            if (!(current instanceof CompletionException) && !(current instanceof ExecutionException)) {
                return Optional.empty();
            }
            current = current.getCause();
        }
        return Optional.empty();
    }

    /** The router cannot be reached: connection refused, no route, or no SSH greeting in time. */
    public static final class Connect extends DeviceException {
        @Serial
        private static final long serialVersionUID = 1L;

        public Connect(final String router, final String detail, final Throwable cause) {
            super(router, DeviceStep.CONNECT, detail, cause);
        }
    }

    /** The router refused our credentials. */
    public static final class Auth extends DeviceException {
        @Serial
        private static final long serialVersionUID = 1L;

        public Auth(final String router, final String detail) {
            super(router, DeviceStep.AUTH, detail, null);
        }
    }

    /** The router presented a host key we do not trust. No credentials were sent. */
    public static final class HostKey extends DeviceException {
        @Serial
        private static final long serialVersionUID = 1L;

        /** Why the key was refused. */
        public enum Kind {
            /** No key is known for the router and its policy is not trust-on-first-use. */
            UNKNOWN,
            /** The router's key is not the pinned one. */
            CHANGED
        }

        private final Kind kind;
        private final String presented;

        public HostKey(final String router, final Kind kind, final String presented) {
            super(router, DeviceStep.CONNECT, switch (requireNonNull(kind)) {
                case UNKNOWN -> "unknown host key " + presented + " (pin it or use trust-on-first-use)";
                case CHANGED -> "HOST KEY CHANGED: the router presented " + presented + ", not the pinned key";
            }, null);
            this.kind = kind;
            this.presented = requireNonNull(presented);
        }

        public Kind kind() {
            return kind;
        }

        /** The fingerprint the router presented, {@code SHA256:...}. */
        public String presented() {
            return presented;
        }
    }

    /** Someone else holds the router-side lock. */
    public static final class LockHeld extends DeviceException {
        @Serial
        private static final long serialVersionUID = 1L;

        private final String holder;
        private final Instant since;

        public LockHeld(final String router, final DeviceStep step, final String holder,
                final Optional<Instant> since) {
            super(router, step, "locked by " + holder + since.map(s -> " since " + s).orElse(""), null);
            this.holder = requireNonNull(holder);
            this.since = since.orElse(null);
        }

        /** Who holds the lock, e.g. {@code odl-member-1:3f2a}. */
        public String holder() {
            return holder;
        }

        /** When the holder last used the lock. */
        public Optional<Instant> since() {
            return Optional.ofNullable(since);
        }
    }

    /** The candidate did not arrive complete and intact; the router keeps its previous candidate and generation. */
    public static final class Upload extends DeviceException {
        @Serial
        private static final long serialVersionUID = 1L;

        public Upload(final String router, final String detail, final Throwable cause) {
            super(router, DeviceStep.EDIT_CANDIDATE, detail, cause);
        }
    }

    /** The router ran out of space while storing the candidate or a generation; nothing was installed. */
    public static final class DiskFull extends DeviceException {
        @Serial
        private static final long serialVersionUID = 1L;

        public DiskFull(final String router, final DeviceStep step, final String detail) {
            super(router, step, "disk full: " + detail, null);
        }
    }

    /** The router's own checks ({@code pfctl -nf}, {@code sshd -t}, ...) refused the candidate. */
    public static final class Validate extends DeviceException {
        @Serial
        private static final long serialVersionUID = 1L;

        private final String routerMessage;

        public Validate(final String router, final String routerMessage) {
            super(router, DeviceStep.VALIDATE, "validation failed: " + routerMessage, null);
            this.routerMessage = requireNonNull(routerMessage);
        }

        /** What the router's checks printed (secrets masked), e.g. {@code /etc/pf.conf:12: syntax error}. */
        public String routerMessage() {
            return routerMessage;
        }
    }

    /**
     * The commit failed on the router. When the router says which generation it is on (it restores the previous one
     * when installing files or running the apply plan fails), {@link #generation()} has it.
     */
    public static final class Commit extends DeviceException {
        @Serial
        private static final long serialVersionUID = 1L;

        private final String routerMessage;
        private final int generation;

        public Commit(final String router, final DeviceStep step, final String routerMessage,
                final OptionalInt generation) {
            super(router, step, "commit failed: " + routerMessage
                + (generation.isPresent() ? " (router on generation " + generation.getAsInt() + ")" : ""), null);
            this.routerMessage = requireNonNull(routerMessage);
            this.generation = generation.orElse(-1);
        }

        public String routerMessage() {
            return routerMessage;
        }

        /** The generation the router is on after the failure, when it said so. */
        public OptionalInt generation() {
            return generation < 0 ? OptionalInt.empty() : OptionalInt.of(generation);
        }
    }

    /**
     * A confirmed commit was reverted by the router because no confirm arrived before its deadline: the router runs
     * {@link #restored()} again.
     */
    public static final class Reverted extends DeviceException {
        @Serial
        private static final long serialVersionUID = 1L;

        private final int generation;
        private final int restored;

        public Reverted(final String router, final DeviceStep step, final int generation, final int restored) {
            super(router, step, "generation " + generation + " was not confirmed in time: the router reverted to "
                + "generation " + restored, null);
            this.generation = generation;
            this.restored = restored;
        }

        /** The generation that was reverted. */
        public int generation() {
            return generation;
        }

        /** The generation the router restored and runs now. */
        public int restored() {
            return restored;
        }
    }

    /** A step did not finish in time; the session is closed. */
    public static final class Timeout extends DeviceException {
        @Serial
        private static final long serialVersionUID = 1L;

        private final Duration limit;

        public Timeout(final String router, final DeviceStep step, final Duration limit) {
            super(router, step, "no answer within " + limit.toMillis() + " ms", null);
            this.limit = limit;
        }

        public Duration limit() {
            return limit;
        }
    }

    /** The SSH session broke during a step: whether the step took effect on the router is unknown until asked. */
    public static final class ConnectionLost extends DeviceException {
        @Serial
        private static final long serialVersionUID = 1L;

        public ConnectionLost(final String router, final DeviceStep step, final String detail, final Throwable cause) {
            super(router, step, "connection lost: " + detail, cause);
        }
    }

    /**
     * The router refused the operation in its current state: {@code not-locked} (the lock is not ours or expired),
     * {@code no-candidate}, {@code pending} (a confirmed commit waits for confirm), {@code nothing-pending},
     * {@code no-generation}, {@code busy}.
     */
    public static final class Rejected extends DeviceException {
        @Serial
        private static final long serialVersionUID = 1L;

        private final String reason;

        public Rejected(final String router, final DeviceStep step, final String reason, final String detail) {
            super(router, step, reason + (detail.isEmpty() ? "" : ": " + detail), null);
            this.reason = requireNonNull(reason);
        }

        /** The router's reason code, e.g. {@code nothing-pending}. */
        public String reason() {
            return reason;
        }
    }

    /** The router answered something this controller does not understand (e.g. a newer router-side script). */
    public static final class Protocol extends DeviceException {
        @Serial
        private static final long serialVersionUID = 1L;

        public Protocol(final String router, final DeviceStep step, final String detail) {
            super(router, step, detail, null);
        }

        public Protocol(final String router, final DeviceStep step, final String detail, final Throwable cause) {
            super(router, step, detail, cause);
        }
    }
}

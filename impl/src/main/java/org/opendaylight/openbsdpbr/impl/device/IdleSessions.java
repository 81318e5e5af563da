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
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import org.opendaylight.openbsdpbr.api.device.DeviceSession;
import org.opendaylight.openbsdpbr.api.device.DeviceTarget;

/**
 * At most one idle session per router, kept for a bounded time after a transaction so that the router's next
 * transaction or read starts on it instead of on a new connection (a key exchange is most of what a push costs the
 * controller: JFR put ~45% of the controller's samples in X25519 during a 1,000-router fan-out, and a confirmed push
 * made two connections).
 *
 * <p>Why the bounds: an idle MINA session costs heap (about 15 KiB measured: its key-exchange records and proposals,
 * ciphers, buffers and channel table; the server's parsed key is let go, see SshDeviceConnector) and a keepalive every
 * {@code keepalive} seconds, and routers that changed an hour ago gain nothing from it; the sessions worth keeping are
 * those of a burst of changes (a profile fan-out, a rollout's waves, an operator's edits). So a session idle for longer
 * than the lifetime (at most an eighth more) is closed by one timer per pool, armed only while the pool holds sessions,
 * and also when it is found expired; and at most {@code capacity} sessions are kept, the one idle longest closed to
 * make room ({@link DevicePush#IDLE_CAPACITY}: 512 sessions, about 7.5 MiB, which keeps a 1,000-router controller
 * within its heap budget of 30 KiB per managed router while half of the fan-out saves its key exchange). A lifetime or
 * capacity of zero keeps nothing.
 *
 * <p>What is never done with a pooled session: confirming a commit. The transaction confirms on a connection it
 * opens after the commit (see {@link DevicePush}); that new connection is what proves the router's new pf.conf and
 * sshd_config still admit the controller. The confirming connection, made after the commit, is the one parked here
 * for the next transaction, whose own confirmation again opens a new one.
 */
final class IdleSessions {
    private record Idle(DeviceSession session, Instant expires) {
    }

    private final Scheduler time;
    private final Duration lifetime;
    private final int capacity;
    /** In the order sessions were parked: the first is the one idle longest. */
    private final LinkedHashMap<String, Idle> idle = new LinkedHashMap<>();
    private Scheduler.Cancellable sweep;

    IdleSessions(final Scheduler time, final Duration lifetime, final int capacity) {
        this.time = requireNonNull(time);
        this.lifetime = requireNonNull(lifetime);
        if (lifetime.isNegative()) {
            throw new IllegalArgumentException("negative idle lifetime");
        }
        if (capacity < 0) {
            throw new IllegalArgumentException("negative idle capacity");
        }
        this.capacity = capacity;
    }

    /**
     * The router's idle session, removed from the pool, when it is unexpired and {@link DeviceSession#reusableFor}
     * the target; {@code null} otherwise (a session that does not fit is closed).
     */
    DeviceSession take(final DeviceTarget target) {
        final Idle found;
        synchronized (this) {
            found = idle.remove(target.name());
        }
        if (found == null) {
            return null;
        }
        if (found.expires.isAfter(time.now()) && found.session.reusableFor(target)) {
            return found.session;
        }
        found.session.close();
        return null;
    }

    /**
     * Keep a session the caller is done with (unlocked, nothing running on it) for the router's next transaction, or
     * close it when it cannot serve one. A session already idle for the router is closed: one per router.
     */
    void park(final DeviceTarget target, final DeviceSession session) {
        if (lifetime.isZero() || capacity == 0 || !session.reusableFor(target)) {
            session.close();
            return;
        }
        final Instant expires = time.now().plus(lifetime);
        final Idle previous;
        Idle evicted = null;
        synchronized (this) {
            // removed first, so that the router's session moves to the end of the parking order
            previous = idle.remove(target.name());
            idle.put(target.name(), new Idle(session, expires));
            if (idle.size() > capacity) {
                final Iterator<Idle> longest = idle.values().iterator();
                evicted = longest.next();
                longest.remove();
            }
            if (sweep == null) {
                sweep = time.schedule(lifetime, this::sweep);
            }
        }
        if (previous != null && previous.session != session) {
            previous.session.close();
        }
        if (evicted != null) {
            evicted.session.close();
        }
    }

    /** How many sessions are idle now. */
    synchronized int size() {
        return idle.size();
    }

    /** Close every idle session. */
    void closeAll() {
        final List<Idle> all;
        synchronized (this) {
            all = new ArrayList<>(idle.values());
            idle.clear();
            if (sweep != null) {
                sweep.cancel();
                sweep = null;
            }
        }
        all.forEach(entry -> entry.session.close());
    }

    private static Duration max(final Duration one, final Duration other) {
        return one.compareTo(other) >= 0 ? one : other;
    }

    /** Close what expired; arm again for the earliest expiry left, if any. */
    private void sweep() {
        final Instant now = time.now();
        final List<Idle> expired = new ArrayList<>();
        synchronized (this) {
            // in parking order, which with one lifetime is expiry order: the first unexpired ends the sweep
            Instant next = null;
            for (Iterator<Idle> it = idle.values().iterator(); it.hasNext(); ) {
                final Idle entry = it.next();
                if (entry.expires.isAfter(now)) {
                    next = entry.expires;
                    break;
                }
                expired.add(entry);
                it.remove();
            }
            // expiries spread over a fan-out are swept in batches (a session lives at most an eighth longer), not
            // one sweep of the whole pool per session
            final Duration batch = lifetime.dividedBy(8);
            sweep = next == null ? null : time.schedule(max(Duration.between(now, next), batch), this::sweep);
        }
        expired.forEach(entry -> entry.session.close());
    }
}

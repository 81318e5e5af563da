/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.api.intent;

import java.util.HashSet;
import java.util.List;

/**
 * An uplink's health monitor (YANG {@code uplink/health}), run by the router's own ifstated(8): each round, every
 * {@code interval} seconds, the router probes the targets from the uplink's rdomain ({@code ping -V RTABLE},
 * {@code nc -z -V RTABLE}), so the probes leave through the uplink itself and never through a fallback. The uplink is
 * down when a round of {@code downAfter} probes gets no answer from any target, and up again when a round of
 * {@code upAfter} probes is answered by one target every time. Recovery is stricter than failure on purpose
 * ({@code upAfter > downAfter}): a link that answers now and then must not flap traffic back and forth (the latency
 * triggers OPNsense users report as flapping, opnsense/core 3879, are not offered at all).
 *
 * <p>Counting happens inside one round (one ifstated external test), not across rounds: ifstated keeps no counters,
 * and a state per count and uplink would multiply the failure states. A probe waits one second for its answer and
 * the next follows a second later, so a round of {@code upAfter} probes lasts up to {@code 2 * upAfter} seconds,
 * and the interval must be longer than that: ifstated kills a test still running when its next run is due.
 *
 * @param targets two or more IPv4 addresses, in order, without duplicates
 * @param method icmp or tcp
 * @param port the TCP port (method tcp), 1..65535
 * @param interval seconds between rounds, 5..3600
 * @param downAfter unanswered probes in a round that mark the uplink down, 1..10
 * @param upAfter answered probes in a round that mark it up again, 2..20, more than {@code downAfter}
 * @param onFailover what happens to the uplink's states when it goes down
 * @param onFailback what happens to the states moved off it when it comes back
 */
public record HealthMonitor(List<String> targets, Method method, int port, int interval, int downAfter, int upAfter,
        StateAction onFailover, StateAction onFailback) {
    /** The YANG default of {@code interval}. */
    public static final int DEFAULT_INTERVAL = 15;
    /** The YANG default of {@code down-after}. */
    public static final int DEFAULT_DOWN_AFTER = 3;
    /** The YANG default of {@code up-after}. */
    public static final int DEFAULT_UP_AFTER = 5;
    /** The YANG default of {@code port}. */
    public static final int DEFAULT_PORT = 443;
    /** The element path of a monitor, relative to its uplink. */
    public static final String PATH = "health";

    /** How a probe asks. */
    public enum Method {
        /** ICMP echo: {@code ping}. */
        ICMP,
        /** A TCP connection: {@code nc -z}. */
        TCP
    }

    /** What happens to pf states when traffic moves (YANG {@code states-on-failover}, {@code states-on-failback}). */
    public enum StateAction {
        /** {@code pfctl -k label -k LABEL}: the states go, their flows start again on the new path. */
        KILL,
        /** The states stay: pf keeps them on the rtable of the rule that created them. */
        KEEP
    }

    public HealthMonitor {
        targets = Syntax.checkAll(PATH + "/target", targets, Syntax::checkIpv4Address);
        if (targets.size() < 2) {
            throw new IntentException(PATH + "/target", "a health monitor needs two or more probe targets, "
                + (targets.isEmpty() ? "it has none" : "it has one") + " (one dead target must not fail the uplink)");
        }
        if (new HashSet<>(targets).size() != targets.size()) {
            throw new IntentException(PATH + "/target", "a probe target is listed twice");
        }
        Syntax.required(PATH + "/method", method);
        Syntax.checkPort(PATH + "/port", port);
        Syntax.checkRange(PATH + "/interval", interval, 5, 3600);
        Syntax.checkRange(PATH + "/down-after", downAfter, 1, 10);
        Syntax.checkRange(PATH + "/up-after", upAfter, 2, 20);
        if (upAfter <= downAfter) {
            throw new IntentException(PATH + "/up-after", upAfter + " must be more than down-after (" + downAfter
                + "): recovery is stricter than failure, so that a flapping uplink does not move traffic back and"
                + " forth");
        }
        if (interval <= roundSeconds(upAfter)) {
            throw new IntentException(PATH + "/interval", interval + " s is not longer than a round of " + upAfter
                + " probes (up to " + roundSeconds(upAfter) + " s): ifstated would kill each round before it ends");
        }
        Syntax.required(PATH + "/states-on-failover", onFailover);
        Syntax.required(PATH + "/states-on-failback", onFailback);
    }

    /** The longest a round of {@code probes} probes lasts: each waits a second for its answer, then a second. */
    public static int roundSeconds(final int probes) {
        return 2 * probes;
    }
}

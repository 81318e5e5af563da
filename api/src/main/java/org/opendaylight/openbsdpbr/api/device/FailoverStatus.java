/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.api.device;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/**
 * A router's failover as its ifstated(8) runs it: the state it is in and the last state changes, read back from the
 * log its actions append to ({@code EPOCH STATE} per line, the last line the current state). The controller only
 * reports it: the router fails over by itself.
 *
 * @param state the current state, e.g. {@code normal} or {@code down-pppoe}
 * @param events the last state changes, oldest first
 */
public record FailoverStatus(String state, List<Event> events) {
    /** How many events the router reports. */
    public static final int EVENTS = 10;

    public FailoverStatus {
        requireNonNull(state, "state");
        events = List.copyOf(events);
    }

    /**
     * One state change.
     *
     * @param at when ifstated entered the state
     * @param state the state entered
     */
    public record Event(Instant at, String state) {
        public Event {
            requireNonNull(at, "at");
            requireNonNull(state, "state");
        }
    }
}

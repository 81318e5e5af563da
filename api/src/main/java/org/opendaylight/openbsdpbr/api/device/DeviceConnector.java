/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.api.device;

import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;

/** Opens device sessions. One connector serves every router of a process. */
public interface DeviceConnector extends AutoCloseable {
    /** What a lock holder name may contain: it travels to the router as a word of a command line. */
    Pattern HOLDER = Pattern.compile("[A-Za-z0-9._@:+-]{1,80}");

    /**
     * Connect and authenticate to a router; the session's router-side lock, when taken, is held as {@code holder}.
     * Re-opening with the same holder continues a transaction on a new connection (e.g. to confirm a commit after
     * proving the router is still reachable).
     *
     * @param target the router
     * @param holder the lock holder name, matching {@link #HOLDER}
     * @return the session, or a failure with a {@link DeviceException} ({@link DeviceException.Connect},
     *     {@link DeviceException.HostKey}, {@link DeviceException.Auth}, {@link DeviceException.Timeout})
     */
    CompletionStage<DeviceSession> open(DeviceTarget target, String holder);

    /** Connect with a fresh holder name. */
    default CompletionStage<DeviceSession> open(final DeviceTarget target) {
        return open(target, newHolder());
    }

    /** A fresh holder name unique to this connector and call. */
    String newHolder();

    /**
     * Whether a lock holder name is of the kind this connector hands out: a session of this controller, on any
     * cluster member and in any earlier process, rather than another tool's or an operator's.
     */
    boolean isOwnKind(String holder);

    /** Stop the connector and close every session it opened. */
    @Override
    void close();
}

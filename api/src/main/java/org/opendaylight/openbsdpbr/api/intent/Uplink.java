/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.api.intent;

import static java.util.Objects.requireNonNull;

/**
 * A way out to the Internet, in one routing domain (YANG list {@code uplink}, key {@code name}). Whether it holds its
 * rdomain's default route is said by {@link Rdomain#defaultRouteVia()}.
 *
 * @param name the key
 * @param description free text ("" when absent)
 * @param rdomain the routing domain, 0..255
 * @param mss the TCP MSS clamp, 536..9176, or null for MTU - 40
 * @param kind PPPoE, MAP-E, DHCP or static
 * @param ipv6 native IPv6 through the uplink (acquisition and prefix delegation), or null for none
 * @param health the health monitor that makes it take part in failover, or null for none
 */
public record Uplink(String name, String description, int rdomain, Integer mss, UplinkKind kind, Ipv6Uplink ipv6,
        HealthMonitor health) {
    public Uplink {
        Syntax.checkObjectName("uplink/name", name);
        final String at = path(name);
        description = Syntax.checkDescription(at + "/description", description);
        Syntax.checkRdomain(at + "/rdomain", rdomain);
        if (mss != null) {
            Syntax.checkRange(at + "/mss", mss, 536, 9176);
        }
        requireNonNull(kind, () -> at + ": pppoe, map-e, dhcp or static is missing");
    }

    /** An uplink without a health monitor. */
    public Uplink(final String name, final String description, final int rdomain, final Integer mss,
            final UplinkKind kind, final Ipv6Uplink ipv6) {
        this(name, description, rdomain, mss, kind, ipv6, null);
    }

    /** An uplink without native IPv6 for the LAN. */
    public Uplink(final String name, final String description, final int rdomain, final Integer mss,
            final UplinkKind kind) {
        this(name, description, rdomain, mss, kind, null, null);
    }

    /**
     * The interface the uplink's native IPv6 runs on: the MAP-E WAN (the tunnel itself is IPv4), else the uplink's
     * own interface (the PPPoE session, the DHCP or static interface).
     */
    public String ipv6InterfaceName() {
        return kind instanceof MapE mapE ? mapE.wanInterface() : kind.interfaceName();
    }

    /** The element path, relative to its intent: {@code uplink[name=NAME]}. */
    public static String path(final String name) {
        return "uplink[name=" + name + "]";
    }

    /** A copy with a health monitor. */
    public Uplink withHealth(final HealthMonitor newHealth) {
        return new Uplink(name, description, rdomain, mss, kind, ipv6, newHealth);
    }

    /** The interface traffic leaves through. */
    public String interfaceName() {
        return kind.interfaceName();
    }
}

/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.analysis.host;

import static java.util.Objects.requireNonNull;

import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.openbsdpbr.impl.analysis.ip.IpAddress;
import org.opendaylight.openbsdpbr.impl.analysis.ip.IpPrefix;
import org.opendaylight.openbsdpbr.impl.analysis.source.SourceLine;

/**
 * One route of a routing table, as the kernel would hold it once netstart(8) has run the router's files.
 *
 * @param destination the network ({@code 0.0.0.0/0} for a default route)
 * @param kind where it comes from
 * @param iface the interface it leaves through (for a local route: the interface holding the address)
 * @param gateway the next hop, or null when the destination is on the link (or the gateway is learnt at run time)
 * @param source the line that creates it
 */
public record Route(IpPrefix destination, Kind kind, String iface, @Nullable IpAddress gateway, SourceLine source) {
    public Route {
        requireNonNull(destination, "destination");
        requireNonNull(kind, "kind");
        requireNonNull(iface, "iface");
        requireNonNull(source, "source");
    }

    /** Where a route comes from; earlier kinds win over later ones for the same destination. */
    public enum Kind {
        /** An address of the router: packets to it are delivered locally. */
        LOCAL,
        /** A network on a link (an interface address's network, a point-to-point peer). */
        CONNECTED,
        /** {@code route add} in a hostname.if file. */
        STATIC,
        /** A default route dhcpleased(8) or slaacd(8) installs at run time; its gateway is learnt then. */
        DYNAMIC,
        /** {@code route add -reject}: the router answers with an ICMP unreachable. */
        REJECT,
        /** {@code route add -blackhole}: dropped silently. */
        BLACKHOLE
    }

    /** Whether it is a default route. */
    public boolean isDefault() {
        return destination.length() == 0;
    }

    /** The next hop as an operator reads it: the gateway, the learnt gateway, or "direct". */
    public String nextHop(final IpAddress destinationAddress) {
        if (gateway != null) {
            // a link-local gateway means nothing without its link: route(8) writes fe80::%pppoe0
            return gateway.isLinkLocal() ? gateway + "%" + iface : gateway.toString();
        }
        return kind == Kind.DYNAMIC ? "(gateway learnt by " + (destination.v6() ? "slaacd" : "dhcpleased") + ")"
            : destinationAddress + " (on the link)";
    }
}

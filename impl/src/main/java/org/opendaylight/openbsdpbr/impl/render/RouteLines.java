/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.render;

import org.opendaylight.openbsdpbr.api.intent.Interface;
import org.opendaylight.openbsdpbr.api.intent.StaticUplink;
import org.opendaylight.openbsdpbr.api.intent.Syntax;
import org.opendaylight.openbsdpbr.api.intent.Uplink;

/** route(8) command lines for hostname.if(5) files, and which interface a static route belongs to. */
final class RouteLines {
    private RouteLines() {
        // utility
    }

    /** {@code !/sbin/route [-T N] add } : the start of every route line; rdomain 0 needs no -T. */
    static StringBuilder routeAdd(final StringBuilder sb, final int rdomain) {
        sb.append("!/sbin/route ");
        if (rdomain != 0) {
            sb.append("-T ").append(rdomain).append(' ');
        }
        return sb.append("add ");
    }

    /** The first address (without length) of the family on the interface, or null. */
    static String ownAddress(final Interface iface, final boolean v6) {
        final var addresses = v6 ? iface.ipv6Addresses() : iface.ipv4Addresses();
        return addresses.isEmpty() ? null : Syntax.addressPart(addresses.get(0));
    }

    /**
     * The interface in {@code rdomain} whose network holds {@code gateway}: an interface address or a static uplink's
     * address. Null when there is none.
     */
    static String gatewayInterface(final Resolution resolution, final int rdomain, final String gateway) {
        for (Interface iface : resolution.intent.interfaces()) {
            if (iface.rdomain() != rdomain) {
                continue;
            }
            for (String address : Syntax.isV6(gateway) ? iface.ipv6Addresses() : iface.ipv4Addresses()) {
                if (Addresses.holds(address, gateway)) {
                    return iface.name();
                }
            }
        }
        for (Uplink uplink : resolution.intent.uplinks()) {
            if (uplink.rdomain() == rdomain && uplink.kind() instanceof StaticUplink statik
                    && Addresses.holds(statik.address(), gateway)) {
                return statik.iface();
            }
        }
        return null;
    }
}

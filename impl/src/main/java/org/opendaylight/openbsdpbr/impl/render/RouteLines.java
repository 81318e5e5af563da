/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.render;

import java.util.List;
import org.opendaylight.openbsdpbr.api.intent.Interface;
import org.opendaylight.openbsdpbr.api.intent.MapE;
import org.opendaylight.openbsdpbr.api.intent.StaticUplink;
import org.opendaylight.openbsdpbr.api.intent.Syntax;
import org.opendaylight.openbsdpbr.api.intent.Uplink;
import org.opendaylight.openbsdpbr.impl.mape.MapEResult;

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
     * Whether an interface in {@code rdomain} holds {@code address} as one of its own, as written in the intent: an
     * interface address, the rdomain's loopback (127.0.0.1 and ::1 on lo0 in rdomain 0), a static uplink's
     * address, the MAP-E IPv4 address on gifN, the MAP-E CE address on its WAN. Addresses learnt at run time (DHCP,
     * PPPoE, router advertisements) are not known here.
     */
    static boolean holdsAddress(final Resolution resolution, final int rdomain, final String address) {
        if (rdomain == 0 && (Addresses.same(address, "127.0.0.1") || Addresses.same(address, "::1"))) {
            return true;
        }
        final String loopback = resolution.loopbackOf(rdomain);
        if (rdomain != 0 && loopback != null && Addresses.same(address, Syntax.addressPart(loopback))) {
            return true;
        }
        for (Interface iface : resolution.intent.interfaces()) {
            if (iface.rdomain() == rdomain && (holds(iface.ipv4Addresses(), address)
                    || holds(iface.ipv6Addresses(), address))) {
                return true;
            }
        }
        for (Uplink uplink : resolution.intent.uplinks()) {
            if (uplink.kind() instanceof StaticUplink statik && uplink.rdomain() == rdomain
                    && Addresses.same(Syntax.addressPart(statik.address()), address)) {
                return true;
            }
            final MapEResult mapE = resolution.mapE.get(uplink.name());
            if (uplink.kind() instanceof MapE kind && mapE != null) {
                if (uplink.rdomain() == rdomain && Addresses.same(MapEResults.ipv4Address(mapE), address)) {
                    return true;
                }
                final Interface wan = resolution.interfaces.get(kind.wanInterface());
                if (wan != null && wan.rdomain() == rdomain && Addresses.same(MapEResults.ceAddress(mapE), address)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean holds(final List<String> prefixes, final String address) {
        for (String prefix : prefixes) {
            if (Addresses.same(Syntax.addressPart(prefix), address)) {
                return true;
            }
        }
        return false;
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

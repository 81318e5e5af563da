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
 * A static route in an rdomain's table (YANG list {@code rdomain/static-route}, key {@code destination}). Errors are
 * relative to the route ({@code static-route[destination=D]/gateway}).
 *
 * @param destination an IPv4 or IPv6 prefix
 * @param nextHop a gateway address or an interface of the router
 */
public record StaticRoute(String destination, NextHop nextHop) {
    public StaticRoute {
        Syntax.checkIpPrefix("static-route/destination", destination);
        requireNonNull(nextHop, () -> path(destination) + ": gateway or interface is missing");
        if (nextHop instanceof ViaGateway gateway && Syntax.isV6(gateway.address()) != Syntax.isV6(destination)) {
            throw new IntentException(path(destination) + "/gateway", "the gateway's family differs from the"
                + " destination's");
        }
    }

    /** The element path, relative to its rdomain: {@code static-route[destination=D]}. */
    public static String path(final String destination) {
        return "static-route[destination=" + destination + "]";
    }

    /** Where the route points (YANG choice {@code next-hop}). */
    public sealed interface NextHop permits ViaGateway, ViaInterface {
        // a closed set of cases
    }

    /**
     * A gateway address.
     *
     * @param address an IPv4 or IPv6 address
     */
    public record ViaGateway(String address) implements NextHop {
        public ViaGateway {
            Syntax.checkIpAddress("gateway", address);
        }
    }

    /**
     * An interface of the router.
     *
     * @param iface the interface's name
     */
    public record ViaInterface(String iface) implements NextHop {
        public ViaInterface {
            Syntax.checkInterfaceName("interface", iface);
        }
    }
}

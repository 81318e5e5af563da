/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.api.intent;

import java.util.Comparator;
import java.util.List;

/**
 * A routing domain with its own routing table and loopback (YANG list {@code rdomain}, key {@code id}).
 *
 * @param id the key, 0..255
 * @param description free text ("" when absent)
 * @param loopbackAddress the IPv4 address of {@code lo<id>} (rdomain > 0), e.g. {@code 127.0.0.1/8}, or null
 * @param defaultRouteVia the uplink that holds this rdomain's default route, or null for none
 * @param staticRoutes static routes, by destination
 * @param fallback where the LAN traffic of this rdomain's interfaces goes while {@code defaultRouteVia} is down, by
 *     tier; empty for none
 */
public record Rdomain(int id, String description, String loopbackAddress, String defaultRouteVia,
        List<StaticRoute> staticRoutes, List<FallbackTier> fallback) {
    public Rdomain {
        Syntax.checkRdomain("rdomain/id", id);
        final String at = path(id);
        description = Syntax.checkDescription(at + "/description", description);
        if (loopbackAddress != null) {
            Syntax.checkIpv4Prefix(at + "/loopback-address", loopbackAddress);
        }
        if (defaultRouteVia != null) {
            Syntax.checkObjectName(at + "/default-route-via", defaultRouteVia);
        }
        staticRoutes = Keyed.sorted(staticRoutes, StaticRoute::destination,
            route -> at + "/" + StaticRoute.path(route.destination()), Comparator.comparing(StaticRoute::destination));
        fallback = FallbackTier.sorted(fallback, at);
    }

    /** An rdomain without a fallback. */
    public Rdomain(final int id, final String description, final String loopbackAddress,
            final String defaultRouteVia, final List<StaticRoute> staticRoutes) {
        this(id, description, loopbackAddress, defaultRouteVia, staticRoutes, null);
    }

    /** An rdomain with only an id. */
    public static Rdomain of(final int id) {
        return new Rdomain(id, null, null, null, null);
    }

    /** The element path, relative to its intent: {@code rdomain[id=N]}. */
    public static String path(final int id) {
        return "rdomain[id=" + id + "]";
    }
}

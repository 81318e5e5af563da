/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.api.intent;

import java.util.List;

/**
 * Router advertisements on a LAN interface (YANG container {@code interface/router-advertisement}; rad.conf(5)
 * {@code interface NAME}): rad(8) announces the prefixes of the interface's IPv6 addresses and the router as the
 * default router. Errors are relative to the interface.
 *
 * @param dnsServers the recursive DNS servers announced (RFC 8106 RDNSS), in order; empty announces none
 */
public record RouterAdvertisement(List<String> dnsServers) {
    /** The element path below an interface. */
    public static final String PATH = "router-advertisement";

    public RouterAdvertisement {
        dnsServers = Syntax.checkAll(PATH + "/dns-server", dnsServers, Syntax::checkIpv6Address);
        if (dnsServers.size() != dnsServers.stream().distinct().count()) {
            throw new IntentException(PATH + "/dns-server", "a DNS server is listed twice");
        }
    }
}

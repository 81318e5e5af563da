/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.analysis.ip;

import java.util.List;

/**
 * IPv4 ranges that are never a destination on the Internet: the IANA IPv4 special-purpose address registry (RFC 6890
 * and its updates) entries that are not globally reachable, plus multicast and the reserved class E space. The same
 * registry the renderer's {@code <martians>} table is written from; the analysis keeps its own list so that it reads
 * the rendered files without depending on the renderer.
 */
public final class SpecialPurpose {
    /** The ranges. */
    public static final List<IpPrefix> IPV4 = List.of(IpPrefix.parse("0.0.0.0/8"), IpPrefix.parse("10.0.0.0/8"),
        IpPrefix.parse("100.64.0.0/10"), IpPrefix.parse("127.0.0.0/8"), IpPrefix.parse("169.254.0.0/16"),
        IpPrefix.parse("172.16.0.0/12"), IpPrefix.parse("192.0.0.0/24"), IpPrefix.parse("192.0.2.0/24"),
        IpPrefix.parse("192.88.99.0/24"), IpPrefix.parse("192.168.0.0/16"), IpPrefix.parse("198.18.0.0/15"),
        IpPrefix.parse("198.51.100.0/24"), IpPrefix.parse("203.0.113.0/24"), IpPrefix.parse("224.0.0.0/3"));

    private SpecialPurpose() {
        // constants
    }

    /** Whether an address lies in one of the ranges (IPv6: never, this list is IPv4). */
    public static boolean contains(final IpAddress address) {
        for (IpPrefix prefix : IPV4) {
            if (prefix.contains(address)) {
                return true;
            }
        }
        return false;
    }
}

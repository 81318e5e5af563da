/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.render;

import java.util.List;

/**
 * The built-in pf table {@code <martians>}: the IPv4 and IPv6 ranges that are never a destination on the Internet.
 * It is written into pf.conf whenever a rule refers to it (every NAT rule does: {@code to !<martians>}; so does a
 * policy route's default destination, {@code internet}) and the intent does not define a table of that name itself.
 * pf looks up only the entries of a packet's family, so one table serves inet and inet6 rules.
 *
 * <p>IPv4: the IANA IPv4 special-purpose registry (RFC 6890 and its updates) entries that are not globally
 * reachable, plus multicast and the reserved class E space: this network (0/8), private use (10/8, 172.16/12,
 * 192.168/16), shared address space (100.64/10), loopback (127/8), link local (169.254/16), IETF protocol
 * assignments (192.0.0/24), the documentation ranges (192.0.2/24, 198.51.100/24, 203.0.113/24), the deprecated 6to4
 * relay anycast (192.88.99/24), benchmarking (198.18/15), and 224/3 (multicast, reserved, limited broadcast).
 *
 * <p>IPv6: the IANA IPv6 special-purpose registry entries whose "globally reachable" is False, plus multicast:
 * the unspecified (::/128) and loopback (::1/128) addresses, IPv4-mapped addresses (::ffff:0:0/96), local-use
 * IPv4/IPv6 translation (64:ff9b:1::/48), discard-only (100::/64), benchmarking (2001:2::/48), the documentation
 * ranges (2001:db8::/32, 3fff::/20), SRv6 SIDs (5f00::/16), unique local (fc00::/7), link-local (fe80::/10) and
 * multicast (ff00::/8). Entries whose reachability the registry leaves open (2001::/23, 2002::/16) are not in it.
 */
final class Martians {
    /** The table's name. */
    static final String NAME = Resolution.MARTIANS;
    /** The table's entries, IPv4 then IPv6, in ascending order. */
    static final List<String> ENTRIES = List.of("0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8",
        "169.254.0.0/16", "172.16.0.0/12", "192.0.0.0/24", "192.0.2.0/24", "192.88.99.0/24", "192.168.0.0/16",
        "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/3", "::/128", "::1/128", "::ffff:0:0/96",
        "64:ff9b:1::/48", "100::/64", "2001:2::/48", "2001:db8::/32", "3fff::/20", "5f00::/16", "fc00::/7",
        "fe80::/10", "ff00::/8");
    /** The pf table line, with its comment. */
    static final String TABLE = "# special-purpose ranges (RFC 6890, IANA registries) never routed to the Internet\n"
        + "table <martians> const { " + String.join(", ", ENTRIES) + " }\n";

    private Martians() {
        // constants
    }
}

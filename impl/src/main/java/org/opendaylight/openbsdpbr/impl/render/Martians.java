/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.render;

/**
 * The built-in pf table {@code <martians>}: IPv4 ranges that are never a destination on the Internet. It is written
 * into pf.conf whenever a rule refers to it (every NAT rule does: {@code to !<martians>}) and the intent does not
 * define a table of that name itself.
 *
 * <p>Contents: the IANA IPv4 special-purpose registry (RFC 6890 and its updates) entries that are not globally
 * reachable, plus multicast and the reserved class E space: this network (0/8), private use (10/8, 172.16/12,
 * 192.168/16), shared address space (100.64/10), loopback (127/8), link local (169.254/16), IETF protocol
 * assignments (192.0.0/24), the documentation ranges (192.0.2/24, 198.51.100/24, 203.0.113/24), the deprecated 6to4
 * relay anycast (192.88.99/24), benchmarking (198.18/15), and 224/3 (multicast, reserved, limited broadcast).
 */
final class Martians {
    /** The table's name. */
    static final String NAME = Resolution.MARTIANS;
    /** The pf table line, with its comment. */
    static final String TABLE = "# special-purpose IPv4 ranges (RFC 6890), multicast and reserved space\n"
        + "table <martians> const { 0.0.0.0/8, 10.0.0.0/8, 100.64.0.0/10, 127.0.0.0/8, 169.254.0.0/16,"
        + " 172.16.0.0/12, 192.0.0.0/24, 192.0.2.0/24, 192.88.99.0/24, 192.168.0.0/16, 198.18.0.0/15,"
        + " 198.51.100.0/24, 203.0.113.0/24, 224.0.0.0/3 }\n";

    private Martians() {
        // constants
    }
}

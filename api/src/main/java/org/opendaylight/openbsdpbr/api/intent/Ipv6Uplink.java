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
 * Native IPv6 through an uplink (YANG container {@code uplink/ipv6}): the uplink's IPv6 interface acquires IPv6 from
 * the ISP (SLAAC: {@code inet6 autoconf}, or PPPoE's {@code inet6 eui64}), and optionally requests DHCPv6 prefix
 * delegation for the LAN. Errors are relative to the uplink ({@code ipv6/prefix-delegation/...}).
 *
 * @param prefixDelegation the prefix delegation dhcp6leased(8) requests, or null for the router's own IPv6 only
 */
public record Ipv6Uplink(PrefixDelegation prefixDelegation) {
    /** The element path below an uplink. */
    public static final String PATH = "ipv6";

    /**
     * DHCPv6 prefix delegation (dhcp6leased.conf(5) {@code request prefix delegation on IF for { ... }}).
     *
     * @param delegatedPrefix the prefix the ISP delegates; null on a MAP-E uplink, where it is map-e's
     *     {@code delegated-prefix} (the validator refuses it missing elsewhere)
     * @param rapidCommit whether to send {@code request rapid commit}
     * @param assignments the parts of the prefix, in slot order (dhcp6leased assigns them in this order)
     */
    public record PrefixDelegation(String delegatedPrefix, boolean rapidCommit, List<Assignment> assignments) {
        /** The element path below an uplink. */
        public static final String PATH = Ipv6Uplink.PATH + "/prefix-delegation";

        public PrefixDelegation {
            if (delegatedPrefix != null) {
                Syntax.checkIpv6Prefix(PATH + "/delegated-prefix", delegatedPrefix);
            }
            assignments = Keyed.sorted(assignments, Assignment::slot, a -> Assignment.path(a.slot()),
                Comparator.comparingInt(Assignment::slot));
            if (assignments.isEmpty()) {
                throw new IntentException(PATH + "/assign", "missing: a prefix delegation assigns its prefix to at"
                    + " least one interface");
            }
        }
    }

    /**
     * One part of the delegated prefix (YANG list {@code assign}).
     *
     * @param slot its place in the order
     * @param iface the interface that gets it, or null for a {@code reserve}
     * @param prefixLength its length, 48..64 (YANG default 64)
     */
    public record Assignment(int slot, String iface, int prefixLength) {
        /** The YANG default length. */
        public static final int DEFAULT_LENGTH = 64;

        public Assignment {
            Syntax.checkRange(path(slot) + "/slot", slot, 0, 255);
            if (iface != null) {
                Syntax.checkInterfaceName(path(slot) + "/interface", iface);
            }
            Syntax.checkRange(path(slot) + "/prefix-length", prefixLength, 48, 64);
        }

        /** The element path below an uplink: {@code ipv6/prefix-delegation/assign[slot=N]}. */
        public static String path(final int slot) {
            return PrefixDelegation.PATH + "/assign[slot=" + slot + "]";
        }

        /** Whether the part stays unassigned. */
        public boolean reserve() {
            return iface == null;
        }

        /** The dhcp6leased.conf word: {@code vport0/64} or {@code reserve/64}. */
        public String word() {
            return (iface == null ? "reserve" : iface) + "/" + prefixLength;
        }
    }
}

/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.render;

import java.util.ArrayList;
import java.util.List;
import org.opendaylight.openbsdpbr.api.intent.Ipv6Uplink;
import org.opendaylight.openbsdpbr.api.intent.Syntax;
import org.opendaylight.openbsdpbr.impl.mape.Ipv6Text;

/**
 * How dhcp6leased(8) splits a delegated prefix over the interfaces of one {@code request prefix delegation} line,
 * computed here so that the controller can refuse a split the prefix cannot hold and show where each part lands.
 *
 * <p>The arithmetic is dhcp6leased's {@code addressing_plan()} (sbin/dhcp6leased/parse.y), as dhcp6leased.conf(5)
 * describes it: the parts are placed in the order listed, the first at offset 0; each next part starts at the next
 * boundary of the larger of its own size and the previous part's size, which can leave gaps ("a /64 and a /60 ...
 * requests a /59 ... this leaves 15 unused /64 prefixes in the first /60"); dhcp6leased then requests the shortest
 * prefix that covers the last offset (the length of the first part when there is one part). The parts here are /48
 * to /64 (the YANG range), so every offset is a count of /64s in the upper 64 bits of the address.
 *
 * @param parts each assignment with its offset, in slot order
 * @param requestedLength the prefix length dhcp6leased requests to cover them all
 */
record PrefixPlan(List<Part> parts, int requestedLength) {
    /**
     * One assignment and where it lands.
     *
     * @param assignment the intent's assignment
     * @param offset its offset in the delegated prefix, in /64s
     */
    record Part(Ipv6Uplink.Assignment assignment, long offset) {
        /** The part's prefix inside {@code delegated} (an IPv6 prefix of Syntax), e.g. {@code 2001:db8:0:1::/64}. */
        String prefixIn(final String delegated) {
            final long[] base = Addresses.ipv6(Syntax.addressPart(delegated));
            final int length = Syntax.prefixLength(delegated);
            final long network = length == 0 ? 0 : base[0] & -1L << (64 - length);
            return Ipv6Text.format(network | offset, 0) + "/" + assignment.prefixLength();
        }
    }

    PrefixPlan {
        parts = List.copyOf(parts);
    }

    /** The plan of a prefix delegation's assignments, in slot order. */
    static PrefixPlan of(final Ipv6Uplink.PrefixDelegation delegation) {
        final List<Part> parts = new ArrayList<>(delegation.assignments().size());
        long counter = 0;
        int previous = -1;
        int first = -1;
        for (Ipv6Uplink.Assignment assignment : delegation.assignments()) {
            final int length = assignment.prefixLength();
            if (first < 0) {
                first = length;
            } else {
                // parse.y: the larger of the two sizes decides the step, and the counter is aligned to it
                final long shift = 1L << (64 - Math.min(previous, length));
                counter += shift;
                counter &= ~(shift - 1);
            }
            parts.add(new Part(assignment, counter));
            previous = length;
        }
        // parse.y: prefix_len = 64 - fls64(hi_counter) when the counter moved, else the first part's length
        return new PrefixPlan(parts, counter != 0 ? Long.numberOfLeadingZeros(counter) : first);
    }
}

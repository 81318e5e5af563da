/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.render;

import org.opendaylight.openbsdpbr.api.intent.Syntax;

/** Address arithmetic on values that already passed {@link Syntax}: which network holds which address. */
final class Addresses {
    private Addresses() {
        // utility
    }

    /**
     * Whether the network of an interface address ({@code 192.168.1.1/24}) holds {@code address}.
     *
     * @param network an address with prefix length, host bits allowed
     * @param address an address of the same family or the other one (never held)
     */
    static boolean holds(final String network, final String address) {
        final boolean v6 = Syntax.isV6(network);
        if (v6 != Syntax.isV6(address)) {
            return false;
        }
        final int length = Syntax.prefixLength(network);
        final String base = Syntax.addressPart(network);
        if (!v6) {
            final long mask = length == 0 ? 0 : 0xFFFF_FFFFL << (32 - length) & 0xFFFF_FFFFL;
            return (Syntax.ipv4Value(base) & mask) == (Syntax.ipv4Value(address) & mask);
        }
        final long[] left = ipv6(base);
        final long[] right = ipv6(address);
        final long highMask = length >= 64 ? -1L : length == 0 ? 0 : -1L << (64 - length);
        final long lowMask = length <= 64 ? 0 : length == 128 ? -1L : -1L << (128 - length);
        return (left[0] & highMask) == (right[0] & highMask) && (left[1] & lowMask) == (right[1] & lowMask);
    }

    /**
     * The network a prefix names, as a key equal for every spelling of it: {@code 10.0.0.1/8} and {@code 10.0.0.0/8}
     * are one network (route(8) masks the host bits), {@code 2001:db8::/32} and {@code 2001:DB8:0::/32} too.
     */
    static String networkKey(final String prefix) {
        final int length = Syntax.prefixLength(prefix);
        final String base = Syntax.addressPart(prefix);
        if (!Syntax.isV6(prefix)) {
            final long mask = length == 0 ? 0 : 0xFFFF_FFFFL << (32 - length) & 0xFFFF_FFFFL;
            return "4:" + (Syntax.ipv4Value(base) & mask) + "/" + length;
        }
        final long[] value = ipv6(base);
        final long highMask = length >= 64 ? -1L : length == 0 ? 0 : -1L << (64 - length);
        final long lowMask = length <= 64 ? 0 : length == 128 ? -1L : -1L << (128 - length);
        return "6:" + (value[0] & highMask) + ":" + (value[1] & lowMask) + "/" + length;
    }

    /** Whether two addresses of {@link Syntax} are the same address, whatever their spelling. */
    static boolean same(final String left, final String right) {
        if (Syntax.isV6(left) != Syntax.isV6(right)) {
            return false;
        }
        if (!Syntax.isV6(left)) {
            return Syntax.ipv4Value(left) == Syntax.ipv4Value(right);
        }
        final long[] one = ipv6(left);
        final long[] other = ipv6(right);
        return one[0] == other[0] && one[1] == other[1];
    }

    /** Whether the address is 0.0.0.0 or :: (every address: sshd's wildcard). */
    static boolean isUnspecified(final String address) {
        return Syntax.isV6(address) ? same(address, "::") : Syntax.ipv4Value(address) == 0;
    }

    /** An IPv6 address that passed {@link Syntax#isIpv6Address} as its high and low 64 bits. */
    static long[] ipv6(final String address) {
        final int[] groups = new int[8];
        final int gap = address.indexOf("::");
        if (gap < 0) {
            fill(address, groups, 0);
        } else {
            final int[] tail = new int[8];
            final int head = gap == 0 ? 0 : fill(address.substring(0, gap), groups, 0);
            final String rest = address.substring(gap + 2);
            final int count = rest.isEmpty() ? 0 : fill(rest, tail, 0);
            System.arraycopy(tail, 0, groups, 8 - count, count);
            assert head + count <= 8;
        }
        long high = 0;
        long low = 0;
        for (int i = 0; i < 4; i++) {
            high = high << 16 | groups[i];
            low = low << 16 | groups[i + 4];
        }
        return new long[] { high, low };
    }

    /** Parses colon-separated groups (and an IPv4 tail) into {@code groups} from {@code at}; returns the count. */
    private static int fill(final String text, final int[] groups, final int at) {
        int index = at;
        for (String part : text.split(":", -1)) {
            if (part.indexOf('.') >= 0) {
                final long v4 = Syntax.ipv4Value(part);
                groups[index++] = (int) (v4 >>> 16);
                groups[index++] = (int) (v4 & 0xFFFF);
            } else {
                groups[index++] = Integer.parseInt(part, 16);
            }
        }
        return index - at;
    }
}

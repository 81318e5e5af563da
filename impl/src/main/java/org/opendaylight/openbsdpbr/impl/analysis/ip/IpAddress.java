/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.analysis.ip;

import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.openbsdpbr.impl.mape.Ipv6Text;

/**
 * An IPv4 or IPv6 address as numbers, so that matching a packet against a rule costs a few comparisons: IPv4 in the
 * low 32 bits of {@code lo}, IPv6 as its high and low 64 bits. Parsed by hand from literals only: nothing here ever
 * resolves a name. Ordered IPv4 before IPv6, then numerically (unsigned).
 *
 * @param v6 whether this is an IPv6 address
 * @param hi the high 64 bits of an IPv6 address; 0 for IPv4
 * @param lo the low 64 bits of an IPv6 address, or the IPv4 address in its low 32 bits
 */
public record IpAddress(boolean v6, long hi, long lo) implements Comparable<IpAddress> {
    public IpAddress {
        if (!v6 && (hi != 0 || (lo & ~0xFFFF_FFFFL) != 0)) {
            throw new IllegalArgumentException("an IPv4 address has 32 bits");
        }
    }

    /** An IPv4 address from its 32-bit value. */
    public static IpAddress v4(final long value) {
        return new IpAddress(false, 0, value & 0xFFFF_FFFFL);
    }

    /** The number of bits: 32 or 128. */
    public int bits() {
        return v6 ? 128 : 32;
    }

    /**
     * Parses an IPv4 dotted quad or an IPv6 literal (RFC 4291 text, with {@code ::} and an IPv4 tail).
     *
     * @throws IllegalArgumentException when the text is not an address literal
     */
    public static IpAddress parse(final String text) {
        final IpAddress parsed = tryParse(text);
        if (parsed == null) {
            throw new IllegalArgumentException("not an IP address: " + text);
        }
        return parsed;
    }

    /** Like {@link #parse(String)}, but null when the text is not an address literal. */
    public static @Nullable IpAddress tryParse(final String text) {
        if (text.indexOf(':') >= 0) {
            return parseV6(text);
        }
        final long v4 = parseV4(text);
        return v4 < 0 ? null : v4(v4);
    }

    /** A dotted quad's value, or -1. */
    static long parseV4(final String text) {
        long value = 0;
        int parts = 0;
        int pos = 0;
        final int length = text.length();
        while (parts < 4) {
            int digits = 0;
            int octet = 0;
            while (pos < length && text.charAt(pos) >= '0' && text.charAt(pos) <= '9' && digits < 4) {
                octet = octet * 10 + text.charAt(pos) - '0';
                digits++;
                pos++;
            }
            if (digits == 0 || digits > 3 || octet > 255) {
                return -1;
            }
            value = value << 8 | octet;
            parts++;
            if (parts < 4) {
                if (pos >= length || text.charAt(pos) != '.') {
                    return -1;
                }
                pos++;
            }
        }
        return pos == length ? value : -1;
    }

    private static @Nullable IpAddress parseV6(final String text) {
        final int[] groups = new int[8];
        final int gap = text.indexOf("::");
        if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
            return null;
        }
        int count;
        if (gap < 0) {
            count = fill(text, groups, 0);
            if (count != 8) {
                return null;
            }
        } else {
            final int head = gap == 0 ? 0 : fill(text.substring(0, gap), groups, 0);
            if (head < 0) {
                return null;
            }
            final String rest = text.substring(gap + 2);
            final int[] tail = new int[8];
            final int tailCount = rest.isEmpty() ? 0 : fill(rest, tail, 0);
            if (tailCount < 0 || head + tailCount > 7) {
                return null;
            }
            System.arraycopy(tail, 0, groups, 8 - tailCount, tailCount);
        }
        long high = 0;
        long low = 0;
        for (int i = 0; i < 4; i++) {
            high = high << 16 | groups[i];
            low = low << 16 | groups[i + 4];
        }
        return new IpAddress(true, high, low);
    }

    /** Colon-separated hex groups (an IPv4 tail counts two) into {@code groups} from {@code at}; the count or -1. */
    private static int fill(final String text, final int[] groups, final int at) {
        int index = at;
        final String[] parts = text.split(":", -1);
        for (int p = 0; p < parts.length; p++) {
            final String part = parts[p];
            if (p == parts.length - 1 && part.indexOf('.') >= 0) {
                final long v4 = parseV4(part);
                if (v4 < 0 || index + 2 > 8) {
                    return -1;
                }
                groups[index++] = (int) (v4 >>> 16);
                groups[index++] = (int) (v4 & 0xFFFF);
                continue;
            }
            if (part.isEmpty() || part.length() > 4 || index >= 8) {
                return -1;
            }
            int value = 0;
            for (int i = 0; i < part.length(); i++) {
                final int digit = Character.digit(part.charAt(i), 16);
                if (digit < 0) {
                    return -1;
                }
                value = value << 4 | digit;
            }
            groups[index++] = value;
        }
        return index - at;
    }

    /** This address with every bit after the first {@code length} cleared. */
    public IpAddress masked(final int length) {
        if (!v6) {
            return v4(length == 0 ? 0 : lo & (0xFFFF_FFFFL << (32 - length)));
        }
        final long highMask = length >= 64 ? -1L : length == 0 ? 0 : -1L << (64 - length);
        final long lowMask = length <= 64 ? 0 : length == 128 ? -1L : -1L << (128 - length);
        return new IpAddress(true, hi & highMask, lo & lowMask);
    }

    /** This address with every bit after the first {@code length} set (the last address of its network). */
    public IpAddress lastOf(final int length) {
        if (!v6) {
            return v4(length == 32 ? lo : lo | (0xFFFF_FFFFL >>> length));
        }
        final long highFill = length >= 64 ? 0 : length == 0 ? -1L : -1L >>> length;
        final long lowFill = length <= 64 ? -1L : length == 128 ? 0 : -1L >>> (length - 64);
        return new IpAddress(true, hi | highFill, lo | lowFill);
    }

    /** Whether this is an IPv6 link-local address (fe80::/10). */
    public boolean isLinkLocal() {
        return v6 && (hi >>> 54) == 0x3FA;
    }

    @Override
    public int compareTo(final IpAddress other) {
        if (v6 != other.v6) {
            return v6 ? 1 : -1;
        }
        final int high = Long.compareUnsigned(hi, other.hi);
        return high != 0 ? high : Long.compareUnsigned(lo, other.lo);
    }

    /** The canonical text: a dotted quad, or RFC 5952 IPv6 (lower case, the longest run of zero groups as ::). */
    @Override
    public String toString() {
        if (!v6) {
            return (lo >>> 24) + "." + (lo >>> 16 & 0xFF) + "." + (lo >>> 8 & 0xFF) + "." + (lo & 0xFF);
        }
        return Ipv6Text.format(hi, lo);
    }
}

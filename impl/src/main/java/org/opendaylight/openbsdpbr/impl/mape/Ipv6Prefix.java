/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.mape;

import java.net.Inet6Address;
import java.net.UnknownHostException;

/**
 * A parsed IPv6 prefix: the address as two 64-bit halves and the prefix length. Parsed by hand (no
 * {@link java.net.InetAddress#getByName(String)}, which resolves anything that is not a literal); host bits beyond the
 * prefix length must be zero.
 */
record Ipv6Prefix(long high, long low, int length) {
    private static final int GROUPS = 8;

    Ipv6Prefix {
        if (length < 0 || length > 128) {
            throw new IllegalArgumentException("prefix length " + length + " is out of range 0..128");
        }
    }

    /**
     * Parses {@code ADDRESS/LENGTH}, e.g. {@code 2001:db8:12:3400::/56}.
     *
     * @param parameter the parameter name used in error messages
     * @param text the prefix text
     * @return the prefix
     * @throws MapEException if the text is not an IPv6 prefix or has host bits set
     */
    static Ipv6Prefix parse(final String parameter, final String text) {
        if (text == null) {
            throw new MapEException(parameter, "missing IPv6 prefix");
        }
        final int slash = text.indexOf('/');
        if (slash < 0) {
            throw new MapEException(parameter, "'" + text + "' has no prefix length (expected e.g. 2001:db8::/40)");
        }
        final long[] address = parseAddress(parameter, text, text.substring(0, slash));
        final int length = Ipv4Prefix.parseLength(parameter, text, text.substring(slash + 1), 128);
        final Ipv6Prefix prefix = new Ipv6Prefix(address[0], address[1], length);
        final Ipv6Prefix network = prefix.network();
        if (!network.equals(prefix)) {
            throw new MapEException(parameter, "'" + text + "' has bits set beyond /" + length + " (did you mean "
                + network.toText() + "?)");
        }
        return prefix;
    }

    /** This prefix with every bit beyond the prefix length cleared. */
    Ipv6Prefix network() {
        return new Ipv6Prefix(high & mask(Math.min(length, 64)), low & mask(Math.max(length - 64, 0)), length);
    }

    /** Whether {@code other} lies inside this prefix (it is at least as long and agrees on our prefix bits). */
    boolean contains(final Ipv6Prefix other) {
        return other.length >= length
            && new Ipv6Prefix(other.high, other.low, length).network().equals(this);
    }

    /** RFC 5952 text of the prefix, e.g. {@code 2001:db8::/40}. */
    String toText() {
        return Ipv6Text.format(high, low) + "/" + length;
    }

    /** A mask with the top {@code bits} bits (0..64) of a long set. */
    static long mask(final int bits) {
        return bits == 0 ? 0L : -1L << (64 - bits);
    }

    /** The address as an {@link Inet6Address}, built from its bytes without any lookup. */
    static Inet6Address toInet6Address(final long high, final long low) {
        final byte[] bytes = new byte[16];
        for (int i = 0; i < 8; i++) {
            bytes[i] = (byte) (high >>> (56 - 8 * i));
            bytes[i + 8] = (byte) (low >>> (56 - 8 * i));
        }
        try {
            // Inet6Address.getByAddress (unlike InetAddress.getByAddress) keeps ::ffff:0:0/96 addresses IPv6
            return Inet6Address.getByAddress(null, bytes, -1);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("16 bytes are always an IPv6 address", e);
        }
    }

    private static long[] parseAddress(final String parameter, final String text, final String address) {
        final int doubleColon = address.indexOf("::");
        final int[] head;
        final int[] tail;
        if (doubleColon < 0) {
            head = parseGroups(parameter, text, address);
            tail = new int[0];
            if (head.length != GROUPS) {
                throw notIpv6(parameter, text);
            }
        } else {
            if (address.indexOf("::", doubleColon + 1) >= 0) {
                throw notIpv6(parameter, text);
            }
            head = parseGroups(parameter, text, address.substring(0, doubleColon));
            tail = parseGroups(parameter, text, address.substring(doubleColon + 2));
            if (head.length + tail.length >= GROUPS) {
                throw notIpv6(parameter, text);
            }
        }
        final int[] groups = new int[GROUPS];
        System.arraycopy(head, 0, groups, 0, head.length);
        System.arraycopy(tail, 0, groups, GROUPS - tail.length, tail.length);
        long high = 0;
        long low = 0;
        for (int i = 0; i < 4; i++) {
            high = high << 16 | groups[i];
            low = low << 16 | groups[i + 4];
        }
        return new long[] { high, low };
    }

    /** Colon-separated groups of 1..4 hex digits; the empty string is zero groups. */
    private static int[] parseGroups(final String parameter, final String text, final String part) {
        if (part.isEmpty()) {
            return new int[0];
        }
        final String[] fields = part.split(":", -1);
        if (fields.length > GROUPS) {
            throw notIpv6(parameter, text);
        }
        final int[] groups = new int[fields.length];
        for (int i = 0; i < fields.length; i++) {
            final String field = fields[i];
            if (field.isEmpty() || field.length() > 4) {
                throw notIpv6(parameter, text);
            }
            int value = 0;
            for (int j = 0; j < field.length(); j++) {
                final int digit = hexDigit(field.charAt(j));
                if (digit < 0) {
                    throw notIpv6(parameter, text);
                }
                value = value << 4 | digit;
            }
            groups[i] = value;
        }
        return groups;
    }

    /** The value of an ASCII hex digit, or -1 ({@link Character#digit(char, int)} also takes non-ASCII digits). */
    private static int hexDigit(final char ch) {
        if (ch >= '0' && ch <= '9') {
            return ch - '0';
        }
        if (ch >= 'a' && ch <= 'f') {
            return ch - 'a' + 10;
        }
        if (ch >= 'A' && ch <= 'F') {
            return ch - 'A' + 10;
        }
        return -1;
    }

    private static MapEException notIpv6(final String parameter, final String text) {
        return new MapEException(parameter, "'" + text + "' is not an IPv6 prefix (expected e.g. 2001:db8::/40)");
    }
}

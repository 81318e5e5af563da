/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.mape;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * A parsed IPv4 prefix: the address as an int and the prefix length. Parsed by hand: exactly four decimal octets
 * without leading zeros (no legacy {@code 10.1} or octal forms, no name lookups); host bits must be zero.
 */
record Ipv4Prefix(int address, int length) {
    Ipv4Prefix {
        if (length < 0 || length > 32) {
            throw new IllegalArgumentException("prefix length " + length + " is out of range 0..32");
        }
    }

    /**
     * Parses {@code A.B.C.D/LENGTH}, e.g. {@code 192.0.2.0/24}.
     *
     * @param parameter the parameter name used in error messages
     * @param text the prefix text
     * @return the prefix
     * @throws MapEException if the text is not an IPv4 prefix or has host bits set
     */
    static Ipv4Prefix parse(final String parameter, final String text) {
        if (text == null) {
            throw new MapEException(parameter, "missing IPv4 prefix");
        }
        final int slash = text.indexOf('/');
        if (slash < 0) {
            throw new MapEException(parameter, "'" + text + "' has no prefix length (expected e.g. 192.0.2.0/24)");
        }
        final String[] octets = text.substring(0, slash).split("\\.", -1);
        if (octets.length != 4) {
            throw notIpv4(parameter, text);
        }
        int address = 0;
        for (String octet : octets) {
            if (octet.isEmpty() || octet.length() > 3 || octet.length() > 1 && octet.charAt(0) == '0') {
                throw notIpv4(parameter, text);
            }
            int value = 0;
            for (int i = 0; i < octet.length(); i++) {
                final char ch = octet.charAt(i);
                if (ch < '0' || ch > '9') {
                    throw notIpv4(parameter, text);
                }
                value = value * 10 + ch - '0';
            }
            if (value > 255) {
                throw notIpv4(parameter, text);
            }
            address = address << 8 | value;
        }
        final int length = parseLength(parameter, text, text.substring(slash + 1), 32);
        final int network = address & mask(length);
        if (network != address) {
            throw new MapEException(parameter, "'" + text + "' has bits set beyond /" + length + " (did you mean "
                + format(network) + "/" + length + "?)");
        }
        return new Ipv4Prefix(address, length);
    }

    /** The prefix-length part: 1..3 decimal digits, at most {@code max}. */
    static int parseLength(final String parameter, final String text, final String part, final int max) {
        if (part.isEmpty() || part.length() > 3) {
            throw new MapEException(parameter, "'" + text + "' has no valid prefix length");
        }
        int value = 0;
        for (int i = 0; i < part.length(); i++) {
            final char ch = part.charAt(i);
            if (ch < '0' || ch > '9') {
                throw new MapEException(parameter, "'" + text + "' has no valid prefix length");
            }
            value = value * 10 + ch - '0';
        }
        if (value > max) {
            throw new MapEException(parameter, "prefix length " + value + " is out of range 0.." + max);
        }
        return value;
    }

    /** A mask with the top {@code bits} bits (0..32) of an int set. */
    static int mask(final int bits) {
        return bits == 0 ? 0 : -1 << (32 - bits);
    }

    /** Dotted-quad text of an address. */
    static String format(final int address) {
        return (address >>> 24) + "." + (address >>> 16 & 0xFF) + "." + (address >>> 8 & 0xFF) + "." + (address & 0xFF);
    }

    /** The address as an {@link Inet4Address}, built from its bytes without any lookup. */
    static Inet4Address toInet4Address(final int address) {
        final byte[] bytes = { (byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8),
            (byte) address };
        try {
            return (Inet4Address) InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 bytes are always an IPv4 address", e);
        }
    }

    private static MapEException notIpv4(final String parameter, final String text) {
        return new MapEException(parameter, "'" + text + "' is not an IPv4 prefix (expected e.g. 192.0.2.0/24)");
    }
}

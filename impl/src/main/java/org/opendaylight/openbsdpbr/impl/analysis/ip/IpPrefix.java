/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.analysis.ip;

import static java.util.Objects.requireNonNull;

import org.eclipse.jdt.annotation.Nullable;

/**
 * An address with a prefix length: an interface address ({@code 192.168.1.1/24}, host bits kept, as ifconfig has it)
 * or a network ({@code 10.0.0.0/8}).
 *
 * @param address the address as given (host bits may be set)
 * @param length the prefix length, 0..32 or 0..128
 */
public record IpPrefix(IpAddress address, int length) {
    public IpPrefix {
        requireNonNull(address, "address");
        if (length < 0 || length > address.bits()) {
            throw new IllegalArgumentException("prefix length " + length + " out of range for " + address);
        }
    }

    /** A host: the address with its full length. */
    public static IpPrefix host(final IpAddress address) {
        return new IpPrefix(address, address.bits());
    }

    /**
     * Parses {@code ADDRESS} (a host) or {@code ADDRESS/LENGTH}.
     *
     * @throws IllegalArgumentException when it is neither
     */
    public static IpPrefix parse(final String text) {
        final IpPrefix parsed = tryParse(text);
        if (parsed == null) {
            throw new IllegalArgumentException("not an address or prefix: " + text);
        }
        return parsed;
    }

    /** Like {@link #parse(String)}, but null when the text is neither an address nor a prefix. */
    public static @Nullable IpPrefix tryParse(final String text) {
        final int slash = text.indexOf('/');
        if (slash < 0) {
            final IpAddress address = IpAddress.tryParse(text);
            return address == null ? null : host(address);
        }
        final IpAddress address = IpAddress.tryParse(text.substring(0, slash));
        final int length = parseLength(text.substring(slash + 1));
        return address == null || length < 0 || length > address.bits() ? null : new IpPrefix(address, length);
    }

    /**
     * pf's short IPv4 network forms, {@code 10/8} and {@code 172.16/12} (inet_net_pton(3): missing octets are 0), as
     * well as every form {@link #tryParse(String)} takes; null when it is none of them.
     */
    public static @Nullable IpPrefix tryParseShort(final String address, final int length) {
        IpAddress parsed = IpAddress.tryParse(address);
        if (parsed == null && address.indexOf(':') < 0) {
            final String[] parts = address.split("\\.", -1);
            if (parts.length < 4) {
                final StringBuilder full = new StringBuilder(address);
                for (int i = parts.length; i < 4; i++) {
                    full.append(".0");
                }
                parsed = IpAddress.tryParse(full.toString());
            }
        }
        return parsed == null || length < 0 || length > parsed.bits() ? null : new IpPrefix(parsed, length);
    }

    private static int parseLength(final String text) {
        if (text.isEmpty() || text.length() > 3) {
            return -1;
        }
        int value = 0;
        for (int i = 0; i < text.length(); i++) {
            final char ch = text.charAt(i);
            if (ch < '0' || ch > '9') {
                return -1;
            }
            value = value * 10 + ch - '0';
        }
        return value;
    }

    /**
     * The prefix length of an IPv4 netmask such as {@code 255.255.255.0}, or -1 when it is not contiguous.
     */
    public static int netmaskLength(final IpAddress netmask) {
        if (netmask.v6()) {
            return -1;
        }
        final int ones = Long.numberOfLeadingZeros(~netmask.lo() & 0xFFFF_FFFFL) - 32;
        final int length = netmask.lo() == 0xFFFF_FFFFL ? 32 : ones;
        return netmask.masked(length).equals(netmask) ? length : -1;
    }

    /** The network: the address with its host bits cleared. */
    public IpPrefix network() {
        return new IpPrefix(address.masked(length), length);
    }

    /** The last address of the network. */
    public IpAddress last() {
        return address.lastOf(length);
    }

    /** Whether the network holds this address (an address of the other family never). */
    public boolean contains(final IpAddress other) {
        if (other.v6() != address.v6()) {
            return false;
        }
        if (!other.v6()) {
            final long mask = length == 0 ? 0 : 0xFFFF_FFFFL << (32 - length) & 0xFFFF_FFFFL;
            return (other.lo() & mask) == (address.lo() & mask);
        }
        final long highMask = length >= 64 ? -1L : length == 0 ? 0 : -1L << (64 - length);
        final long lowMask = length <= 64 ? 0 : length == 128 ? -1L : -1L << (128 - length);
        return (other.hi() & highMask) == (address.hi() & highMask) && (other.lo() & lowMask) == (address.lo()
            & lowMask);
    }

    /** Whether the network holds every address of that prefix. */
    public boolean covers(final IpPrefix other) {
        return other.length >= length && contains(other.address);
    }

    /** Whether this is IPv6. */
    public boolean v6() {
        return address.v6();
    }

    /** {@code ADDRESS/LENGTH}, or the bare address of a host. */
    @Override
    public String toString() {
        return length == address.bits() ? address.toString() : address + "/" + length;
    }
}

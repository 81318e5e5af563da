/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.mape;

import static java.util.Objects.requireNonNull;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.util.List;

/**
 * What a MAP-E CE gets from its delegated prefix and the Basic Mapping Rule.
 *
 * @param ipv4Address the shared (or, with {@code psidLength == 0}, full) IPv4 address
 * @param psid the Port Set ID, 0 .. 2^psidLength - 1 (0 when {@code psidLength == 0})
 * @param psidLength the PSID length {@code q} (= EA-bits length - (32 - rule IPv4 prefix length)), 0..16
 * @param psidOffset the PSID offset {@code a}, 0..15
 * @param ceAddress the MAP CE IPv6 address (WAN address and local tunnel end point)
 * @param portRanges the CE's ports, ascending and disjoint; see {@link MapECalculator} for how they are formed
 */
public record MapEResult(Inet4Address ipv4Address, int psid, int psidLength, int psidOffset,
        Inet6Address ceAddress, List<PortRange> portRanges) {
    public MapEResult {
        requireNonNull(ipv4Address, "ipv4Address");
        requireNonNull(ceAddress, "ceAddress");
        if (psidLength < 0 || psidLength > 16) {
            throw new IllegalArgumentException("PSID length " + psidLength + " is out of range 0..16");
        }
        if (psid < 0 || psid >= 1 << psidLength) {
            throw new IllegalArgumentException("PSID " + psid + " does not fit in " + psidLength + " bits");
        }
        if (psidOffset < 0 || psidOffset > MapEParameters.MAX_PSID_OFFSET) {
            throw new IllegalArgumentException("PSID offset " + psidOffset + " is out of range 0..15");
        }
        portRanges = List.copyOf(portRanges);
        if (portRanges.isEmpty()) {
            throw new IllegalArgumentException("a MAP-E CE always has at least one port range");
        }
    }

    /** The IPv4 address as a dotted quad, e.g. {@code 192.0.2.18}. */
    public String ipv4String() {
        return ipv4Address.getHostAddress();
    }

    /** The CE IPv6 address in RFC 5952 canonical text, e.g. {@code 2001:db8:12:3400:0:c000:212:34}. */
    public String ceAddressString() {
        final byte[] bytes = ceAddress.getAddress();
        long high = 0;
        long low = 0;
        for (int i = 0; i < 8; i++) {
            high = high << 8 | bytes[i] & 0xFF;
            low = low << 8 | bytes[i + 8] & 0xFF;
        }
        return Ipv6Text.format(high, low);
    }

    /** The number of ports in all {@link #portRanges()}. */
    public int portCount() {
        int count = 0;
        for (PortRange range : portRanges) {
            count += range.size();
        }
        return count;
    }
}

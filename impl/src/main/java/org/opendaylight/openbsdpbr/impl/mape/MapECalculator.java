/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.mape;

import static org.opendaylight.openbsdpbr.impl.mape.MapEParameters.DELEGATED_PREFIX;
import static org.opendaylight.openbsdpbr.impl.mape.MapEParameters.EA_BITS_LENGTH;
import static org.opendaylight.openbsdpbr.impl.mape.MapEParameters.PSID_OFFSET;
import static org.opendaylight.openbsdpbr.impl.mape.MapEParameters.RULE_IPV4_PREFIX;
import static org.opendaylight.openbsdpbr.impl.mape.MapEParameters.RULE_IPV6_PREFIX;

import java.util.ArrayList;
import java.util.List;

/**
 * The MAP-E arithmetic of RFC 7597 §5 and §6 for one CE.
 *
 * <p>With {@code n} the rule IPv6 prefix length, {@code o} the EA-bits length, {@code p = 32 - (rule IPv4 prefix
 * length)} and {@code a} the PSID offset:
 * <ul>
 *   <li><b>EA bits</b>: the {@code o} bits of the delegated prefix right after its first {@code n} bits. The delegated
 *       prefix must lie inside the rule IPv6 prefix and be at least {@code n + o} long.</li>
 *   <li><b>IPv4 address</b>: the rule IPv4 prefix followed by the first {@code p} EA bits. <b>PSID</b>: the remaining
 *       {@code q = o - p} EA bits. {@code q < 0} would mean a prefix-sharing ratio below 1 (the CE gets an IPv4 prefix,
 *       not an address): not supported, rejected.</li>
 *   <li><b>Ports</b> (RFC 7597 §5.1): {@code m = 16 - a - q} ({@code a + q <= 16}, else rejected); for
 *       {@code A = 1 .. 2^a - 1} the CE owns the contiguous block {@code (A << (16 - a)) | (PSID << m) | j},
 *       {@code j = 0 .. 2^m - 1}: one range per A, {@code (2^a - 1) * 2^m} ports. A = 0 is left out so that with
 *       {@code a > 0} nobody gets the first {@code 2^(16-a)} ports (the system ports 0..1023 for the default a = 6).
 *       <ul>
 *         <li>{@code a = 0}: RFC 7597 requires {@code A > 0} only for {@code a > 0}; A takes the single value 0 and the
 *             CE owns one block {@code PSID << m .. (PSID << m) + 2^m - 1}. Nothing is excluded then: PSID 0 owns
 *             port 0 and the system ports.</li>
 *         <li>{@code q = 0} (the EA bits exactly fill the IPv4 suffix, "full IPv4 address", no PSID): the per-A blocks
 *             touch each other and are returned merged as one range {@code 2^(16-a) .. 65535} (all 65536 ports for
 *             {@code a = 0}). The ports below {@code 2^(16-a)} stay excluded, as the formula says: the CE then uses
 *             the same port set whether or not the ISP later shares the address.</li>
 *       </ul>
 *       In general adjacent blocks are merged, which only ever happens for {@code q = 0}.</li>
 *   <li><b>CE IPv6 address</b> (RFC 7597 §6): the End-user IPv6 prefix, i.e. the whole delegated prefix (bits after
 *       rule prefix + EA bits that the delegation fixes are kept, e.g. for a /60 or /64), padded to /64 with a zero
 *       subnet ID, then the interface id of the chosen {@link CeLayout}.</li>
 * </ul>
 */
public final class MapECalculator {
    private MapECalculator() {
        // static only
    }

    /**
     * Computes the CE's IPv4 address, PSID, port ranges and IPv6 address.
     *
     * @param params the parameters, each already checked on its own by the {@link MapEParameters} constructor
     * @return the result
     * @throws MapEException if the parameters do not fit together; the message starts with the parameter name
     */
    public static MapEResult compute(final MapEParameters params) throws MapEException {
        final Ipv6Prefix delegated = Ipv6Prefix.parse(DELEGATED_PREFIX, params.delegatedPrefix());
        final Ipv6Prefix rule6 = Ipv6Prefix.parse(RULE_IPV6_PREFIX, params.ruleIpv6Prefix());
        final Ipv4Prefix rule4 = Ipv4Prefix.parse(RULE_IPV4_PREFIX, params.ruleIpv4Prefix());
        final int n = rule6.length();
        final int ea = params.eaBitsLength();
        final int a = params.psidOffset();

        if (delegated.length() < n + ea) {
            throw new MapEException(DELEGATED_PREFIX, "delegated-prefix /" + delegated.length()
                + " is shorter than rule-ipv6-prefix + ea-bits-length (/" + n + " + " + ea + " = /" + (n + ea) + ")");
        }
        if (!rule6.contains(delegated)) {
            throw new MapEException(DELEGATED_PREFIX, delegated.toText() + " is not inside rule-ipv6-prefix "
                + rule6.toText());
        }
        final int p = 32 - rule4.length();
        final int q = ea - p;
        if (q < 0) {
            throw new MapEException(EA_BITS_LENGTH, ea + " EA bits cannot hold the " + p
                + "-bit IPv4 suffix of rule-ipv4-prefix /" + rule4.length()
                + " (a prefix-sharing ratio below 1 gives the CE an IPv4 prefix; shared prefixes are not supported)");
        }
        if (a + q > 16) {
            throw new MapEException(PSID_OFFSET, "psid-offset " + a + " + PSID length " + q + " (ea-bits-length " + ea
                + " - " + p + " IPv4 suffix bits) = " + (a + q) + " exceeds the 16 port bits");
        }

        // n + ea <= delegated length <= 64: all EA bits lie in the high 64 bits of the delegated prefix
        final long eaBits = ea == 0 ? 0 : (delegated.high() >>> (64 - n - ea)) & ((1L << ea) - 1);
        final int ipv4 = rule4.address() | (int) (eaBits >>> q);
        final int psid = (int) (eaBits & ((1L << q) - 1));

        final long ipv4Bits = ipv4 & 0xFFFFFFFFL;
        final long interfaceId = switch (params.layout()) {
            case RFC7597 -> (ipv4Bits << 16) | psid;
            case DRAFT03 -> (ipv4Bits << 24) | ((long) psid << 8);
        };
        return new MapEResult(Ipv4Prefix.toInet4Address(ipv4), psid, q, a,
            Ipv6Prefix.toInet6Address(delegated.high(), interfaceId), portRanges(a, q, psid));
    }

    /**
     * The port set of RFC 7597 §5.1, one range per A, adjacent ranges merged (see the class comment). Public for the
     * flow analysis, which reads {@code map-e-portset A/L/PSID} back from pf.conf.
     *
     * @param psidOffset a, the PSID offset
     * @param psidLength the PSID length
     * @param psid the PSID
     * @return the ranges, ascending
     */
    public static List<PortRange> portRanges(final int psidOffset, final int psidLength, final int psid) {
        final int a = psidOffset;
        final int m = 16 - a - psidLength;
        final int blockSize = 1 << m;
        final int firstA = a == 0 ? 0 : 1;
        final int lastA = (1 << a) - 1;
        final List<PortRange> ranges = new ArrayList<>(lastA - firstA + 1);
        int start = -1;
        int end = -1;
        for (int bigA = firstA; bigA <= lastA; bigA++) {
            final int blockStart = (bigA << (16 - a)) | (psid << m);
            if (start >= 0 && blockStart == end + 1) {
                end += blockSize;
                continue;
            }
            if (start >= 0) {
                ranges.add(new PortRange(start, end));
            }
            start = blockStart;
            end = blockStart + blockSize - 1;
        }
        ranges.add(new PortRange(start, end));
        return ranges;
    }
}

/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.mape;

/**
 * The inputs of a MAP-E calculation: the End-user IPv6 prefix the ISP delegated to the CE and the Basic Mapping Rule
 * (BMR). The constructor checks each parameter on its own (syntax, ranges); how they fit together (the delegated prefix
 * inside the rule, enough EA bits, the port bits) is checked by {@link MapECalculator#compute(MapEParameters)}. Every
 * error is a {@link MapEException} whose message starts with the parameter name.
 *
 * @param delegatedPrefix the End-user IPv6 prefix, e.g. {@code 2001:db8:12:3400::/56} (at most /64, no host bits)
 * @param ruleIpv6Prefix the BMR's rule IPv6 prefix, e.g. {@code 2001:db8::/40}
 * @param ruleIpv4Prefix the BMR's rule IPv4 prefix, e.g. {@code 192.0.2.0/24}
 * @param eaBitsLength the BMR's EA-bits length, 0..48
 * @param psidOffset the PSID offset {@code a}, 0..15 (6 in RFC 7597's default, 4 at v6プラス and OCN)
 * @param layout the CE interface-id layout
 */
public record MapEParameters(String delegatedPrefix, String ruleIpv6Prefix, String ruleIpv4Prefix,
        int eaBitsLength, int psidOffset, CeLayout layout) {
    /** Parameter name of {@link #delegatedPrefix()} in error messages. */
    public static final String DELEGATED_PREFIX = "delegated-prefix";
    /** Parameter name of {@link #ruleIpv6Prefix()} in error messages. */
    public static final String RULE_IPV6_PREFIX = "rule-ipv6-prefix";
    /** Parameter name of {@link #ruleIpv4Prefix()} in error messages. */
    public static final String RULE_IPV4_PREFIX = "rule-ipv4-prefix";
    /** Parameter name of {@link #eaBitsLength()} in error messages. */
    public static final String EA_BITS_LENGTH = "ea-bits-length";
    /** Parameter name of {@link #psidOffset()} in error messages. */
    public static final String PSID_OFFSET = "psid-offset";
    /** Parameter name of {@link #layout()} in error messages. */
    public static final String LAYOUT = "layout";

    /** The largest EA-bits length: a full IPv4 suffix (32) plus a full PSID (16). */
    public static final int MAX_EA_BITS_LENGTH = 48;
    /** The largest PSID offset: at least one bit of the port must be left for A. */
    public static final int MAX_PSID_OFFSET = 15;
    /** The longest delegated prefix: the CE address needs the low 64 bits for its interface id. */
    public static final int MAX_DELEGATED_PREFIX_LENGTH = 64;

    public MapEParameters {
        final Ipv6Prefix delegated = Ipv6Prefix.parse(DELEGATED_PREFIX, delegatedPrefix);
        if (delegated.length() > MAX_DELEGATED_PREFIX_LENGTH) {
            throw new MapEException(DELEGATED_PREFIX, "/" + delegated.length()
                + " is longer than /64: the CE address needs the low 64 bits for its interface id");
        }
        Ipv6Prefix.parse(RULE_IPV6_PREFIX, ruleIpv6Prefix);
        Ipv4Prefix.parse(RULE_IPV4_PREFIX, ruleIpv4Prefix);
        if (eaBitsLength < 0 || eaBitsLength > MAX_EA_BITS_LENGTH) {
            throw new MapEException(EA_BITS_LENGTH, eaBitsLength + " is out of range 0..48");
        }
        if (psidOffset < 0 || psidOffset > MAX_PSID_OFFSET) {
            throw new MapEException(PSID_OFFSET, psidOffset + " is out of range 0..15");
        }
        if (layout == null) {
            throw new MapEException(LAYOUT, "missing CE layout (rfc7597 or draft03)");
        }
    }
}

/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.api.intent;

/**
 * IPv4 over IPv6 by MAP-E (RFC 7597) through gif(4), YANG case {@code map-e}.
 *
 * @param iface the gifN interface (YANG default gif0)
 * @param wanInterface the IPv6 WAN interface that gets the CE address
 * @param delegatedPrefix the delegated IPv6 prefix, e.g. {@code 240b:10:af40:3c00::/56}
 * @param brAddress the Border Relay's IPv6 address
 * @param ruleIpv6Prefix the Basic Mapping Rule's IPv6 prefix
 * @param ruleIpv4Prefix the Basic Mapping Rule's IPv4 prefix
 * @param eaBitsLength the EA-bits length, 0..48
 * @param psidOffset the PSID offset a, 0..15 (YANG default 6)
 * @param ceLayout the CE interface-id layout; null is rfc7597
 * @param natMode how NAT keeps to the port set; null is port-blocks
 * @param mtu the tunnel's IPv4 MTU, 1280..1500 (YANG default 1460)
 */
public record MapE(String iface, String wanInterface, String delegatedPrefix, String brAddress, String ruleIpv6Prefix,
        String ruleIpv4Prefix, int eaBitsLength, int psidOffset, CeLayout ceLayout, NatMode natMode, int mtu)
        implements UplinkKind {
    /** The YANG default MTU. */
    public static final int DEFAULT_MTU = 1460;
    /** The YANG default PSID offset. */
    public static final int DEFAULT_PSID_OFFSET = 6;

    public MapE {
        Syntax.checkInterfaceName("map-e/interface", iface);
        if (!iface.startsWith("gif")) {
            throw new IntentException("map-e/interface", "a MAP-E uplink's interface is a gifN interface");
        }
        Syntax.checkInterfaceName("map-e/wan-interface", wanInterface);
        Syntax.checkIpv6Prefix("map-e/delegated-prefix", delegatedPrefix);
        Syntax.checkIpv6Address("map-e/br-address", brAddress);
        Syntax.checkIpv6Prefix("map-e/rule/ipv6-prefix", ruleIpv6Prefix);
        Syntax.checkIpv4Prefix("map-e/rule/ipv4-prefix", ruleIpv4Prefix);
        Syntax.checkRange("map-e/rule/ea-bits-length", eaBitsLength, 0, 48);
        Syntax.checkRange("map-e/rule/psid-offset", psidOffset, 0, 15);
        ceLayout = ceLayout == null ? CeLayout.RFC7597 : ceLayout;
        natMode = natMode == null ? NatMode.PORT_BLOCKS : natMode;
        Syntax.checkRange("map-e/mtu", mtu, 1280, 1500);
    }

    @Override
    public String interfaceName() {
        return iface;
    }

    @Override
    public String caseName() {
        return "map-e";
    }

    /** The CE interface-id layout (YANG {@code ce-layout}). */
    public enum CeLayout {
        /** RFC 7597 section 6: 16 zero bits, IPv4, PSID. */
        RFC7597,
        /** draft-ietf-softwire-map-03 (v6プラス, OCN): 8 zero bits, IPv4, PSID, 8 zero bits. */
        DRAFT03
    }

    /** How NAT keeps to the port set (YANG {@code nat-mode}). */
    public enum NatMode {
        /** A patched kernel: {@code nat-to (gifN) map-e-portset a/psid-length/psid}. */
        MAP_E_PORTSET,
        /** Stock pf: one match rule per port block, chosen evenly by probability. */
        PORT_BLOCKS
    }
}

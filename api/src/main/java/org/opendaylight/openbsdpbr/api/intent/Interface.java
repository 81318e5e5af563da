/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.api.intent;

import java.util.List;

/**
 * A managed interface, one {@code /etc/hostname.<name>} (YANG list {@code interface}, key {@code name}). PPPoE and
 * gif interfaces are not listed here: their uplinks create them.
 *
 * @param name the key, e.g. {@code em0}; a veb is named vebN, a vport vportN, a loopback loN
 * @param kind physical, veb, vport or loopback; null is physical
 * @param description free text ("" when absent), rendered as ifconfig's {@code description}
 * @param rdomain the routing domain, 0..255
 * @param ipv4Addresses IPv4 addresses with prefix length, e.g. {@code 192.168.1.1/24}, in the given order
 * @param ipv6Addresses IPv6 addresses with prefix length, in the given order
 * @param mtu the MTU, 576..9216, or null for the driver's default
 * @param members the ports of a veb, in the given order (only for kind veb)
 * @param enabled whether the interface is up (YANG default true)
 * @param routerAdvertisement the router advertisements rad(8) sends on it, or null for none
 */
public record Interface(String name, Kind kind, String description, int rdomain, List<String> ipv4Addresses,
        List<String> ipv6Addresses, Integer mtu, List<String> members, boolean enabled,
        RouterAdvertisement routerAdvertisement) {
    public Interface {
        Syntax.checkInterfaceName("interface/name", name);
        final String at = path(name);
        kind = kind == null ? Kind.PHYSICAL : kind;
        checkKind(at, name, kind);
        description = Syntax.checkDescription(at + "/description", description);
        Syntax.checkRdomain(at + "/rdomain", rdomain);
        ipv4Addresses = Syntax.checkAll(at + "/ipv4-address", ipv4Addresses, Syntax::checkIpv4Prefix);
        ipv6Addresses = Syntax.checkAll(at + "/ipv6-address", ipv6Addresses, Syntax::checkIpv6Prefix);
        if (mtu != null) {
            Syntax.checkRange(at + "/mtu", mtu, 576, 9216);
        }
        members = Syntax.checkAll(at + "/member", members, Syntax::checkInterfaceName);
        if (!members.isEmpty() && kind != Kind.VEB) {
            throw new IntentException(at + "/member", "only a veb has members");
        }
    }

    /** An interface without router advertisements. */
    public Interface(final String name, final Kind kind, final String description, final int rdomain,
            final List<String> ipv4Addresses, final List<String> ipv6Addresses, final Integer mtu,
            final List<String> members, final boolean enabled) {
        this(name, kind, description, rdomain, ipv4Addresses, ipv6Addresses, mtu, members, enabled, null);
    }

    /** A plain enabled physical interface in rdomain 0 without addresses. */
    public static Interface physical(final String name) {
        return new Interface(name, Kind.PHYSICAL, null, 0, null, null, null, null, true);
    }

    /** The element path, relative to its intent: {@code interface[name=NAME]}. */
    public static String path(final String name) {
        return "interface[name=" + name + "]";
    }

    /** The driver part of an interface name: {@code em} for {@code em0}. */
    public static String driverOf(final String name) {
        int index = 0;
        while (index < name.length() && name.charAt(index) >= 'a' && name.charAt(index) <= 'z') {
            index++;
        }
        return name.substring(0, index);
    }

    /** The unit number of an interface name: 0 for {@code em0}. */
    public static int unitOf(final String name) {
        return Integer.parseInt(name.substring(driverOf(name).length()));
    }

    private static void checkKind(final String at, final String name, final Kind kind) {
        final String driver = driverOf(name);
        final String expected = switch (kind) {
            case VEB -> "veb";
            case VPORT -> "vport";
            case LOOPBACK -> "lo";
            case PHYSICAL -> null;
        };
        if (expected != null && !expected.equals(driver)) {
            throw new IntentException(at + "/kind", "a " + kind.keyword() + " interface is named " + expected + "N");
        }
        if (expected == null && Kind.RESERVED_DRIVERS.contains(driver)) {
            throw new IntentException(at + "/kind", "'" + driver + "' is not a physical interface driver");
        }
    }

    /** What an interface is (YANG enumeration {@code kind}). */
    public enum Kind {
        /** A network card. */
        PHYSICAL("physical"),
        /** veb(4), a Virtual Ethernet Bridge. */
        VEB("veb"),
        /** vport(4), the router's own port on a veb. */
        VPORT("vport"),
        /** lo(4). */
        LOOPBACK("loopback");

        /** Drivers that are pseudo-devices, never a physical interface. */
        static final List<String> RESERVED_DRIVERS = List.of("lo", "veb", "vport", "pppoe", "gif", "bridge", "vlan",
            "svlan", "trunk", "aggr", "carp", "gre", "egre", "wg", "tun", "tap", "vether", "pflog", "pflow", "enc",
            "tpmr", "vxlan", "etherip", "mpe", "mpw", "pair");

        private final String keyword;

        Kind(final String keyword) {
            this.keyword = keyword;
        }

        /** The YANG enum name. */
        public String keyword() {
            return keyword;
        }
    }
}

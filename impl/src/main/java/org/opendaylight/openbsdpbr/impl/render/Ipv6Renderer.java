/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.render;

import java.util.List;
import org.opendaylight.openbsdpbr.api.intent.Interface;
import org.opendaylight.openbsdpbr.api.intent.Ipv6Uplink;
import org.opendaylight.openbsdpbr.api.intent.RouterAdvertisement;

/**
 * The files of IPv6 for the LAN: {@code /etc/dhcp6leased.conf}, {@code /etc/rad.conf} and openbsd-pbr's block of
 * {@code /etc/sysctl.conf}. Written from dhcp6leased.conf(5), rad.conf(5) and sysctl.conf(5):
 *
 * <ul>
 *   <li>dhcp6leased.conf: {@code request rapid commit} when a delegation asks for it (a global setting of
 *       dhcp6leased), then per delegating uplink a comment with the delegated prefix and where each part lands
 *       ({@link PrefixPlan}, what {@code dhcp6leased -n -vv} prints) and {@code request prefix delegation on IF for
 *       { NAME/LEN ... }} with {@code reserve} for the kept parts, in slot order. IF is the uplink's IPv6
 *       interface: the MAP-E WAN, the PPPoE session, the DHCP or static interface.</li>
 *   <li>rad.conf: one {@code interface NAME} per interface with router advertisements, in the intent's interface
 *       order; rad announces the prefixes of the interface's own addresses (its {@code auto prefix} default: the
 *       ipv6-address leaves, a ULA among them, and the part dhcp6leased assigns, which follows the ISP's prefix
 *       without a reload), and the DNS servers in a {@code dns { nameserver ... }} block of the interface;
 *       {@code default router no} where no uplink carries IPv6 out of the interface's rdomain
 *       ({@link #hasIpv6Uplink}).</li>
 *   <li>sysctl.conf: {@code net.inet6.ip6.forwarding=1} (OpenBSD leaves it off) when the router routes IPv6 for a
 *       LAN ({@link #routesIpv6}): the router forwards between the LAN and the uplink. slaacd keeps configuring the
 *       uplink from the ISP's advertisements with forwarding on ({@code inet6 autoconf}).</li>
 * </ul>
 * None of the files exists when the intent has no IPv6 for the LAN.
 */
final class Ipv6Renderer {
    /** The sysctl that makes the router forward IPv6. */
    static final String FORWARDING = "net.inet6.ip6.forwarding=1";

    private Ipv6Renderer() {
        // utility
    }

    /**
     * Whether the router routes IPv6 for a LAN: some interface advertises it or gets a delegated part, or a LAN-side
     * interface (not facing an ISP, not a loopback) holds an IPv6 address in an rdomain whose table gets an IPv6
     * default route (a static IPv6 LAN behind an IPv6 uplink).
     */
    static boolean routesIpv6(final Resolution resolution) {
        if (!resolution.delegations.isEmpty() || !advertising(resolution).isEmpty()) {
            return true;
        }
        for (Interface iface : resolution.intent.interfaces()) {
            if (!iface.ipv6Addresses().isEmpty() && iface.kind() != Interface.Kind.LOOPBACK
                    && !resolution.facesIsp(iface.name()) && resolution.ipv6DefaultRoutes()[iface.rdomain()]) {
                return true;
            }
        }
        return false;
    }

    /** The interfaces with router advertisements, in the intent's order. */
    static List<Interface> advertising(final Resolution resolution) {
        return resolution.intent.interfaces().stream().filter(iface -> iface.routerAdvertisement() != null).toList();
    }

    /** dhcp6leased.conf's content; only called when {@link Resolution#delegations} is not empty. */
    static String dhcp6leasedConf(final Resolution resolution, final String header) {
        final StringBuilder sb = TextBuffer.take().append(header)
            .append("# dhcp6leased.conf(5): the delegated prefix is split in the order listed\n");
        for (Resolution.Delegation delegation : resolution.delegations.values()) {
            if (delegation.uplink().ipv6().prefixDelegation().rapidCommit()) {
                sb.append("request rapid commit\n");
                break;
            }
        }
        for (Resolution.Delegation delegation : resolution.delegations.values()) {
            final PrefixPlan plan = delegation.plan();
            sb.append("\n# uplink ").append(delegation.uplink().name()).append(": ").append(delegation.prefix())
                .append(" delegated, a /").append(plan.requestedLength()).append(" requested\n");
            for (PrefixPlan.Part part : plan.parts()) {
                final Ipv6Uplink.Assignment assignment = part.assignment();
                sb.append("#   ").append(assignment.reserve() ? "reserve" : assignment.iface()).append(' ')
                    .append(part.prefixIn(delegation.prefix())).append('\n');
            }
            sb.append("request prefix delegation on ").append(delegation.uplink().ipv6InterfaceName())
                .append(" for {");
            for (PrefixPlan.Part part : plan.parts()) {
                sb.append(' ').append(part.assignment().word());
            }
            sb.append(" }\n");
        }
        return sb.toString();
    }

    /** rad.conf's content; only called when some interface advertises. */
    static String radConf(final Resolution resolution, final String header) {
        final StringBuilder sb = TextBuffer.take().append(header)
            .append("# rad.conf(5): prefixes from each interface's own IPv6 addresses\n");
        for (Interface iface : advertising(resolution)) {
            final RouterAdvertisement ra = iface.routerAdvertisement();
            sb.append("interface ").append(iface.name());
            final List<String> servers = ra.dnsServers();
            final boolean defaultRouter = hasIpv6Uplink(resolution, iface.rdomain());
            if (servers.isEmpty() && defaultRouter) {
                sb.append('\n');
                continue;
            }
            sb.append(" {\n");
            if (!defaultRouter) {
                sb.append("\tdefault router no\n");
            }
            if (!servers.isEmpty()) {
                sb.append("\tdns {\n\t\tnameserver ");
                if (servers.size() == 1) {
                    sb.append(servers.get(0));
                } else {
                    sb.append('{');
                    for (String server : servers) {
                        sb.append(' ').append(server);
                    }
                    sb.append(" }");
                }
                sb.append("\n\t}\n");
            }
            sb.append("}\n");
        }
        return sb.toString();
    }

    /**
     * Whether IPv6 leaves rdomain {@code rdomain}: its table gets an IPv6 default route
     * ({@link Resolution#ipv6DefaultRoutes()}). Without one the router announces itself as no default router
     * ({@code default router no}: RFC 4861 router lifetime 0), so that the LAN's hosts keep to IPv4 for the Internet
     * rather than send IPv6 to a router that has no way out for it.
     */
    static boolean hasIpv6Uplink(final Resolution resolution, final int rdomain) {
        return resolution.ipv6DefaultRoutes()[rdomain];
    }
}

/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.render;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.opendaylight.openbsdpbr.api.files.ManagedFile;
import org.opendaylight.openbsdpbr.api.intent.Dhcp;
import org.opendaylight.openbsdpbr.api.intent.Interface;
import org.opendaylight.openbsdpbr.api.intent.MapE;
import org.opendaylight.openbsdpbr.api.intent.Pppoe;
import org.opendaylight.openbsdpbr.api.intent.Rdomain;
import org.opendaylight.openbsdpbr.api.intent.StaticRoute;
import org.opendaylight.openbsdpbr.api.intent.StaticUplink;
import org.opendaylight.openbsdpbr.api.intent.Syntax;
import org.opendaylight.openbsdpbr.api.intent.Uplink;
import org.opendaylight.openbsdpbr.api.intent.UplinkKind;
import org.opendaylight.openbsdpbr.impl.mape.MapEResult;

/**
 * The {@code /etc/hostname.<if>} files (hostname.if(5)): one per managed interface, one per PPPoE and MAP-E uplink,
 * and {@code hostname.loN} for every rdomain N &gt; 0 with a loopback address.
 *
 * <p>Line order in a file: {@code description}; {@code rdomain} (before any address: moving an interface to another
 * rdomain clears its addresses); {@code mtu}; IPv4 addresses (the first plain, then {@code inet alias});
 * {@code inet autoconf}; {@code inet6 autoconf}; IPv6 addresses; {@code up} or {@code down}; then the {@code !} route
 * commands, which need the address in place. Files are mode 0640 (netstart(8) "fixes" files that others can read,
 * which would show as drift); hostname.pppoeN is 0600 since it holds the secret.
 *
 * <p><b>The rdomain loopback.</b> The seed adds lo1's address from hostname.pppoe0
 * ({@code !/sbin/ifconfig lo1 inet 127.0.0.1/8}). Here it gets its own file, {@code hostname.lo1} with
 * {@code rdomain 1} and {@code inet 127.0.0.1/8}: netstart starts loopbacks first, so unwind and sshd find
 * 127.0.0.1 in rdomain 1 even when the PPPoE session is down; restarting pppoe0 does not touch it; and the address
 * stays when the rdomain's uplink changes kind or goes away. netstart's {@code ifconfig lo1 create} is harmless when
 * the kernel already created lo1 with the rdomain.
 *
 * <p><b>MAP-E over gif(4).</b> gif is point to point: the tunnel runs from the CE address to the BR
 * ({@code tunnel CE BR}), the inner address is the MAP-E IPv4 address as a host address, and {@code dest 0.0.0.1}
 * gives the link a peer so that the default route can name it ({@code !/sbin/route add default -ifp gif0 0.0.0.1}),
 * exactly as pppoe(4) does: gif sends every packet to the tunnel destination, whatever the peer address says. The CE
 * address goes on the WAN interface as a /128 (it lies inside the delegated prefix, which is not on-link there),
 * with {@code inet6 autoconf} so that the WAN learns the IPv6 default route towards the BR from router
 * advertisements. When the WAN interface is in another rdomain than the tunnel, {@code tunneldomain} says so.
 */
final class HostnameRenderer {
    /** Mode of interface files without a secret. */
    static final int MODE = 0640;
    /** The point-to-point peer used by pppoe(4) and here for gif(4). */
    private static final String PEER = "0.0.0.1";
    /** The start of an interface's element path, before its name ({@link Interface#path}). */
    private static final String INTERFACE = "interface[name=";
    /** The start of an uplink's element path, before its name ({@link Uplink#path}). */
    private static final String UPLINK = "uplink[name=";
    /** ifconfig keeps at most this many bytes of a description (IFDESCRSIZE - 1). */
    private static final int MAX_IFCONFIG_DESCRIPTION = 63;

    private final Resolution resolution;
    private final String header;
    private final List<ManagedFile> out;
    private final List<Lint> lints;
    private final Map<String, Extras> extras;

    private HostnameRenderer(final Resolution resolution, final String header, final List<ManagedFile> out,
            final List<Lint> lints) {
        this.resolution = resolution;
        this.header = header;
        this.out = out;
        this.lints = lints;
        extras = HashMap.newHashMap(resolution.intent.interfaces().size());
    }

    /** Adds every hostname.if file of the intent to {@code out}. */
    static void render(final Resolution resolution, final String header, final List<ManagedFile> out,
            final List<Lint> lints) {
        new HostnameRenderer(resolution, header, out, lints).run();
    }

    /** What uplinks and routes add to an interface's own file. */
    private static final class Extras {
        int minMtu;
        boolean inetAutoconf;
        boolean inet6Autoconf;
        final List<String> ipv4 = new ArrayList<>(1);
        final List<String> ipv6 = new ArrayList<>(1);
        final StringBuilder commands = new StringBuilder();
    }

    private Extras extrasOf(final String iface) {
        return extras.computeIfAbsent(iface, name -> new Extras());
    }

    private void run() {
        collectExtras();
        for (Interface iface : resolution.intent.interfaces()) {
            out.add(file(iface.name(), iface.kind() == Interface.Kind.VEB ? bridge(iface) : plain(iface), false));
        }
        for (Rdomain rdomain : resolution.intent.rdomains()) {
            if (rdomain.id() != 0 && rdomain.loopbackAddress() != null) {
                out.add(file("lo" + rdomain.id(), loopback(rdomain), false));
            }
        }
        // DHCP and static uplinks live in their interface's file; instanceof rather than a pattern switch (PfRenderer)
        for (Uplink uplink : resolution.intent.uplinks()) {
            if (uplink.kind() instanceof Pppoe pppoe) {
                out.add(file(pppoe.iface(), pppoe(uplink, pppoe), true));
            } else if (uplink.kind() instanceof MapE mapE) {
                out.add(file(mapE.iface(), gif(uplink, mapE), false));
            }
        }
    }

    private ManagedFile file(final String iface, final String content, final boolean secret) {
        final String path = ApplyPlanner.HOSTNAME_PREFIX + iface;
        return secret ? ManagedFile.secretOf(path, content)
            : new ManagedFile(path, "root", "wheel", MODE, content, false);
    }

    private void collectExtras() {
        for (Uplink uplink : resolution.intent.uplinks()) {
            final boolean holdsDefault = resolution.defaultRoute(uplink.rdomain()) == uplink;
            // instanceof rather than a pattern switch: this runs on every render (see PfRenderer)
            final UplinkKind kind = uplink.kind();
            if (kind instanceof Pppoe pppoe) {
                if (pppoe.mtu() > IntentValidator.ETHERNET_MTU - IntentValidator.PPPOE_HEADER) {
                    // RFC 4638: the parent carries the 8-byte PPPoE header on top, for the largest session on it
                    final Extras parent = extrasOf(pppoe.parent());
                    parent.minMtu = Math.max(parent.minMtu, pppoe.mtu() + IntentValidator.PPPOE_HEADER);
                }
            } else if (kind instanceof MapE mapE) {
                final Extras wan = extrasOf(mapE.wanInterface());
                wan.inet6Autoconf = true;
                wan.ipv6.add(MapEResults.ceAddress(resolution.mapE.get(uplink.name())) + "/128");
            } else if (kind instanceof Dhcp dhcp) {
                extrasOf(dhcp.iface()).inetAutoconf = true;
            } else if (kind instanceof StaticUplink statik) {
                final Extras own = extrasOf(statik.iface());
                own.ipv4.add(statik.address());
                if (holdsDefault) {
                    RouteLines.routeAdd(own.commands, uplink.rdomain()).append("default ")
                        .append(statik.gateway()).append('\n');
                }
            }
            if (uplink.ipv6() != null && (kind instanceof Dhcp || kind instanceof StaticUplink)) {
                // native IPv6 on a DHCP or static uplink: slaacd learns the address and the IPv6 default route
                extrasOf(uplink.interfaceName()).inet6Autoconf = true;
            }
        }
        for (Rdomain rdomain : resolution.intent.rdomains()) {
            for (StaticRoute route : rdomain.staticRoutes()) {
                final boolean v6 = Syntax.isV6(route.destination());
                final String target;
                final String gateway;
                final boolean direct;
                if (route.nextHop() instanceof StaticRoute.ViaGateway via) {
                    target = RouteLines.gatewayInterface(resolution, rdomain.id(), via.address());
                    gateway = via.address();
                    direct = false;
                } else {
                    final StaticRoute.ViaInterface via = (StaticRoute.ViaInterface) route.nextHop();
                    target = via.iface();
                    gateway = RouteLines.ownAddress(resolution.interfaces.get(via.iface()), v6);
                    direct = true;
                }
                final StringBuilder sb = RouteLines.routeAdd(extrasOf(target).commands, rdomain.id())
                    .append(v6 ? "-inet6 " : "-inet ").append(route.destination()).append(' ');
                if (direct) {
                    sb.append("-iface ");
                }
                sb.append(gateway).append('\n');
            }
        }
    }

    /**
     * A file's first lines: the header and the description.
     *
     * @param iface the interface the file configures
     * @param description its description, "" for none
     * @param element the element the description belongs to, relative to the intent ({@code interface[name=em0]});
     *     only needed for the lint, so the caller passes its two halves and the path is built only then
     * @param key the element's key
     */
    private StringBuilder start(final String iface, final String description, final String element,
            final String key) {
        final StringBuilder sb = TextBuffer.take().append(header);
        if (!description.isEmpty()) {
            if (utf8Length(description) <= MAX_IFCONFIG_DESCRIPTION) {
                sb.append("description \"").append(description).append("\"\n");
            } else {
                sb.append("# ").append(description).append('\n');
                final String path = RouterPaths.intent(element + key + "]");
                lints.add(new Lint(path + "/description", "description-too-long", Lint.Severity.WARNING,
                    "ifconfig keeps at most 63 bytes of a description; " + iface
                        + "'s is written as a comment instead"));
            }
        }
        return sb;
    }

    private static void rdomain(final StringBuilder sb, final int rdomain) {
        if (rdomain != 0) {
            sb.append("rdomain ").append(rdomain).append('\n');
        }
    }

    private String plain(final Interface iface) {
        final StringBuilder sb = start(iface.name(), iface.description(), INTERFACE, iface.name());
        rdomain(sb, iface.rdomain());
        final Extras more = extras.get(iface.name());
        final int mtu = iface.mtu() != null ? iface.mtu() : more == null ? 0 : more.minMtu;
        if (mtu != 0) {
            sb.append("mtu ").append(mtu).append('\n');
        }
        addresses(sb, "inet", iface.ipv4Addresses(), more == null ? List.of() : more.ipv4);
        if (more != null && more.inetAutoconf) {
            sb.append("inet autoconf\n");
        }
        if (more != null && more.inet6Autoconf) {
            sb.append("inet6 autoconf\n");
        }
        addresses(sb, "inet6", iface.ipv6Addresses(), more == null ? List.of() : more.ipv6);
        sb.append(iface.enabled() ? "up\n" : "down\n");
        if (more != null) {
            sb.append(more.commands);
        }
        return sb.toString();
    }

    private static void addresses(final StringBuilder sb, final String family, final List<String> own,
            final List<String> more) {
        int count = 0;
        for (List<String> list : List.of(own, more)) {
            for (String address : list) {
                sb.append(family).append(count++ == 0 ? " " : " alias ").append(address).append('\n');
            }
        }
    }

    private String bridge(final Interface iface) {
        final StringBuilder sb = start(iface.name(), iface.description(), INTERFACE, iface.name());
        rdomain(sb, iface.rdomain());
        for (String member : iface.members()) {
            sb.append("add ").append(member).append('\n');
        }
        return sb.append(iface.enabled() ? "up\n" : "down\n").toString();
    }

    private String loopback(final Rdomain rdomain) {
        final StringBuilder sb = TextBuffer.take().append(header);
        rdomain(sb, rdomain.id());
        return sb.append("inet ").append(rdomain.loopbackAddress()).append("\nup\n").toString();
    }

    private String pppoe(final Uplink uplink, final Pppoe pppoe) {
        final StringBuilder sb = start(pppoe.iface(), uplink.description(), UPLINK, uplink.name());
        rdomain(sb, uplink.rdomain());
        // pppoe(4): one line, the user name and secret single-quoted (Pppoe allows no quote, backslash or space)
        sb.append("inet 0.0.0.0 255.255.255.255 NONE mtu ").append(pppoe.mtu())
            .append(" pppoedev ").append(pppoe.parent())
            .append(" authproto ").append(pppoe.authProtocol().keyword())
            .append(" authname '").append(pppoe.username())
            .append("' authkey '").append(pppoe.secret().value()).append("' up\n")
            .append("dest ").append(PEER).append('\n');
        if (pppoe.ipv6()) {
            sb.append("inet6 eui64\n");
        }
        if (resolution.defaultRoute(uplink.rdomain()) == uplink) {
            RouteLines.routeAdd(sb, uplink.rdomain()).append("default -ifp ").append(pppoe.iface()).append(' ')
                .append(PEER).append('\n');
            if (pppoe.ipv6()) {
                RouteLines.routeAdd(sb, uplink.rdomain()).append("-inet6 default -ifp ").append(pppoe.iface())
                    .append(" fe80::%").append(pppoe.iface()).append('\n');
            }
        }
        return sb.toString();
    }

    private String gif(final Uplink uplink, final MapE mapE) {
        final MapEResult result = resolution.mapE.get(uplink.name());
        final StringBuilder sb = start(mapE.iface(), uplink.description(), UPLINK, uplink.name());
        rdomain(sb, uplink.rdomain());
        final int wanRdomain = resolution.interfaces.get(mapE.wanInterface()).rdomain();
        if (wanRdomain != 0) {
            sb.append("tunneldomain ").append(wanRdomain).append('\n');
        }
        sb.append("tunnel ").append(MapEResults.ceAddress(result)).append(' ').append(mapE.brAddress()).append('\n')
            .append("mtu ").append(mapE.mtu()).append('\n')
            .append("inet ").append(MapEResults.ipv4Address(result)).append(" 255.255.255.255\n")
            .append("dest ").append(PEER).append('\n')
            .append("up\n");
        if (resolution.defaultRoute(uplink.rdomain()) == uplink) {
            RouteLines.routeAdd(sb, uplink.rdomain()).append("default -ifp ").append(mapE.iface()).append(' ')
                .append(PEER).append('\n');
        }
        return sb.toString();
    }

    private static int utf8Length(final String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return text.getBytes(StandardCharsets.UTF_8).length;
            }
        }
        return text.length();
    }
}

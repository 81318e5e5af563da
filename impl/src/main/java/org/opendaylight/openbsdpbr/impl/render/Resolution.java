/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.render;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.opendaylight.openbsdpbr.api.intent.Dhcp;
import org.opendaylight.openbsdpbr.api.intent.HostGroup;
import org.opendaylight.openbsdpbr.api.intent.Interface;
import org.opendaylight.openbsdpbr.api.intent.MapE;
import org.opendaylight.openbsdpbr.api.intent.PfTable;
import org.opendaylight.openbsdpbr.api.intent.Pppoe;
import org.opendaylight.openbsdpbr.api.intent.Rdomain;
import org.opendaylight.openbsdpbr.api.intent.RouterIntent;
import org.opendaylight.openbsdpbr.api.intent.SharedIntent;
import org.opendaylight.openbsdpbr.api.intent.StaticRoute;
import org.opendaylight.openbsdpbr.api.intent.StaticUplink;
import org.opendaylight.openbsdpbr.api.intent.Syntax;
import org.opendaylight.openbsdpbr.api.intent.Uplink;
import org.opendaylight.openbsdpbr.api.intent.UplinkKind;
import org.opendaylight.openbsdpbr.impl.mape.MapEResult;

/**
 * An effective intent with its references looked up once: what the validator checks, the renderer writes from and
 * the lints read. Lookups of names that do not exist return null; the validator reports them.
 */
final class Resolution {
    /** What pf appends to an interface's name for its networks. */
    static final String NETWORK = ":network";
    /** The table every rule may name without defining it: {@link Martians}. */
    static final String MARTIANS = "martians";
    /** {@code <if>:network} by interface name object ({@link #networkOf}). */
    private static final IdentityMemo<String, String> NETWORK_NAMES = new IdentityMemo<>(1024,
        iface -> iface + NETWORK);
    /** A family bit of {@link #families(List)}: IPv4. */
    static final int INET = 1;
    /** A family bit of {@link #families(List)}: IPv6. */
    static final int INET6 = 2;

    final RouterIntent intent;
    final SharedIntent shared;
    final Map<String, Uplink> uplinks;
    final Map<String, Interface> interfaces;
    /** The tables and host groups as kept across renders ({@link TableSection}). */
    final TableSection tableSection;
    /** The intent's pf tables by name, as positions in {@code shared.tables()}: see {@link #tableIndex}. */
    private final Map<String, Integer> tableIndex;
    /** The families of each pf table's entries ({@link #INET}, {@link #INET6}), by position; read only. */
    final int[] tableFamilies;
    /** The intent's host groups by name, as positions in {@code shared.hostGroups()}: see {@link #groupIndex}. */
    private final Map<String, Integer> groupIndex;
    /** The families of each host group's addresses ({@link #INET}, {@link #INET6}), by position; read only. */
    final int[] groupFamilies;
    /** Rdomains of the intent by id; null where the intent lists none. Arrays reach the highest id in use. */
    private final Rdomain[] rdomainById;
    /** Uplinks by the interface they leave through. */
    final Map<String, Uplink> uplinkByInterface;
    /** The uplink holding each rdomain's default route, by id (only valid ones: the validator fills it in). */
    private final Uplink[] defaultRouteById;
    /** MAP-E results by uplink name (only computable ones). */
    final Map<String, MapEResult> mapE = new HashMap<>();
    /**
     * Prefix delegations the validator accepted, by uplink name, in the intent's uplink order: the delegated prefix
     * and dhcp6leased's split of it ({@link PrefixPlan}).
     */
    final Map<String, Delegation> delegations = new LinkedHashMap<>();
    /** {@link #ipv6DefaultRoutes()}, once computed. */
    private boolean[] ipv6Defaults;
    /** The uplink whose delegated prefix each LAN interface gets a part of, by interface name. */
    final Map<String, Uplink> delegatedTo = new HashMap<>();

    /**
     * A prefix delegation as the validator resolved it.
     *
     * @param uplink the uplink that requests it
     * @param prefix the delegated prefix (the intent's, or the MAP-E uplink's)
     * @param plan where each assignment lands
     */
    record Delegation(Uplink uplink, String prefix, PrefixPlan plan) {
        // resolved value
    }
    /**
     * Routing domains that exist on the router, by id: rdomain 0 and every rdomain an interface, an uplink or a
     * loopback address is in.
     */
    private final boolean[] existing;
    /**
     * {@code <if>:network} of every interface of the router, as pf writes them, each with {@link #NETWORK_EXISTS} and
     * the families it has an address of when pf.conf loads ({@link #NETWORK_STATIC_V4}, {@link #NETWORK_STATIC_V6}:
     * see {@link #hasStaticNetwork}): one lookup answers both questions a rule's {@code <if>:network} raises.
     */
    private final Map<String, Integer> networks;
    /**
     * Every interface that faces an ISP, in the order pf.conf filters them: uplinks by name, each uplink's carrier
     * (MAP-E WAN, PPPoE parent) before the uplink's own interface, each interface once.
     */
    final Map<String, IspFacing> ispFacing;
    /**
     * The rtable each policy route sends its traffic to, in the order of {@code shared.policyRoutes()}: its uplink's
     * rdomain or its via-rdomain, as the validator resolved it (the renderer and the lints read it, instead of
     * looking the uplink up again per route).
     */
    final int[] routeRtables;
    /**
     * What each policy route's source (at {@code 2 * i}) and destination (at {@code 2 * i + 1}) names, as the
     * validator resolved it: a pf table's position (0 and up; {@code internet} is the table martians), a host
     * group's as {@code -2 - position}, or {@link #NO_REF} (a network, {@code any}, an interface's network, the
     * built-in martians, or a name that does not resolve). The validator looks each name up once and the lints read
     * its answer: a large router has hundreds of policy routes.
     */
    final int[] routeRefs;
    /**
     * The policy routes' kept part of earlier renders ({@link RouteSection}); null for no routes and for routes seen
     * for the first time.
     */
    final RouteSection routeSection;
    /** {@link RouteSection#validatorFacts} of this router, once the validator computed them. */
    int[] routeFacts;
    /** The position of the intent's own table martians, or {@link #NO_REF} (the built-in one holds both families). */
    final int martiansIndex;
    /** A {@link #routeRefs} entry that names no table or host group of the intent. */
    static final int NO_REF = -1;
    /** A bit of {@link #networks}: the interface exists. */
    static final int NETWORK_EXISTS = 1;
    /** A bit of {@link #networks}: the interface has an IPv4 address when pf.conf loads. */
    static final int NETWORK_STATIC_V4 = 2;
    /** A bit of {@link #networks}: the interface has an IPv6 address when pf.conf loads. */
    static final int NETWORK_STATIC_V6 = 4;

    /**
     * An interface that faces an ISP: default-deny inbound for both families (see {@link PfRenderer}).
     *
     * <p>Which interfaces: the interface every uplink leaves through (pppoeN, gifN, the DHCP or static interface),
     * every MAP-E WAN (it carries native IPv6 from the ISP and the tunnel) and every PPPoE parent (it is cabled to
     * the ISP's access network; anything IP that arrives there comes from the ISP's side).
     */
    static final class IspFacing {
        final String name;
        /**
         * What it is to each uplink, for the comment ({@code MAP-E WAN of ipoe}, {@code uplink pppoe}): pairs of a
         * role ({@link #MAP_E_WAN}, {@link #PPPOE_PARENT}, {@link #UPLINK}) and an uplink's name, written out only
         * where they are shown ({@link #appendRoles}).
         */
        final List<String> roles = new ArrayList<>(2);
        /** The uplink that leaves through it, or null for a carrier only. */
        Uplink uplink;
        /** Whether it carries IPv6 from the ISP (and so needs the ICMPv6 that IPv6 lives on). */
        boolean v6;

        IspFacing(final String name) {
            this.name = name;
        }

        /** The roles as pf.conf's comment and the validator's errors write them: {@code MAP-E WAN of ipoe, ...}. */
        StringBuilder appendRoles(final StringBuilder sb) {
            for (int i = 0; i < roles.size(); i += 2) {
                if (i > 0) {
                    sb.append(", ");
                }
                sb.append(roles.get(i)).append(roles.get(i + 1));
            }
            return sb;
        }
    }

    /** A role of {@link IspFacing}. */
    static final String MAP_E_WAN = "MAP-E WAN of ";
    /** A role of {@link IspFacing}. */
    static final String PPPOE_PARENT = "PPPoE parent of ";
    /** A role of {@link IspFacing}. */
    static final String UPLINK = "uplink ";

    Resolution(final RouterIntent intent) {
        this.intent = intent;
        shared = intent.shared();
        uplinks = index(intent.uplinks(), Uplink::name);
        interfaces = index(intent.interfaces(), Interface::name);
        // positions and families are a function of the table and host-group objects: kept across renders
        tableSection = TableSection.of(shared.tables(), shared.hostGroups());
        tableIndex = tableSection.tableIndex;
        tableFamilies = tableSection.tableFamilies;
        martiansIndex = tableIndex(MARTIANS);
        groupIndex = tableSection.groupIndex;
        groupFamilies = tableSection.groupFamilies;
        int highest = 0;
        for (Rdomain rdomain : intent.rdomains()) {
            highest = Math.max(highest, rdomain.id());
        }
        for (Interface iface : intent.interfaces()) {
            highest = Math.max(highest, iface.rdomain());
        }
        for (Uplink uplink : intent.uplinks()) {
            highest = Math.max(highest, uplink.rdomain());
        }
        rdomainById = new Rdomain[highest + 1];
        defaultRouteById = new Uplink[highest + 1];
        existing = new boolean[highest + 1];
        for (Rdomain rdomain : intent.rdomains()) {
            rdomainById[rdomain.id()] = rdomain;
        }
        uplinkByInterface = HashMap.newHashMap(intent.uplinks().size());
        for (Uplink uplink : intent.uplinks()) {
            uplinkByInterface.putIfAbsent(uplink.interfaceName(), uplink);
            existing[uplink.rdomain()] = true;
        }
        existing[0] = true;
        networks = HashMap.newHashMap(interfaces.size() + uplinkByInterface.size());
        for (Interface iface : intent.interfaces()) {
            existing[iface.rdomain()] = true;
            networks.put(networkOf(iface.name()), NETWORK_EXISTS
                | (iface.ipv4Addresses().isEmpty() ? 0 : NETWORK_STATIC_V4)
                | (iface.ipv6Addresses().isEmpty() ? 0 : NETWORK_STATIC_V6));
        }
        for (String iface : uplinkByInterface.keySet()) {
            networks.putIfAbsent(networkOf(iface), NETWORK_EXISTS);
        }
        for (Rdomain rdomain : intent.rdomains()) {
            if (rdomain.loopbackAddress() != null) {
                existing[rdomain.id()] = true;
            }
        }
        ispFacing = LinkedHashMap.newLinkedHashMap(intent.uplinks().size() * 2);
        // instanceof rather than pattern switches in the per-render setup: see PfRenderer
        for (Uplink uplink : intent.uplinks()) {
            final UplinkKind kind = uplink.kind();
            if (kind instanceof MapE tunnel) {
                facing(tunnel.wanInterface(), MAP_E_WAN, uplink.name()).v6 = true;
            } else if (kind instanceof Pppoe pppoe) {
                facing(pppoe.parent(), PPPOE_PARENT, uplink.name());
            }
            final IspFacing own = facing(uplink.interfaceName(), UPLINK, uplink.name());
            own.uplink = uplink;
            if (kind instanceof Pppoe pppoe && pppoe.ipv6()) {
                own.v6 = true;
            }
        }
        for (Uplink uplink : intent.uplinks()) {
            // a DHCP or static uplink with ipv6 gets inet6 autoconf: its interface carries IPv6 from the ISP
            final IspFacing v6 = uplink.ipv6() == null ? null : ispFacing.get(uplink.ipv6InterfaceName());
            if (v6 != null) {
                v6.v6 = true;
            }
        }
        for (IspFacing facing : ispFacing.values()) {
            final Interface iface = interfaces.get(facing.name);
            if (iface != null && !iface.ipv6Addresses().isEmpty()) {
                facing.v6 = true;
            }
        }
        for (Uplink uplink : intent.uplinks()) {
            // PPPoE and DHCP addresses come and go
            if (uplink.kind() instanceof StaticUplink statik) {
                staticNetwork(statik.iface(), NETWORK_STATIC_V4);
            } else if (uplink.kind() instanceof MapE tunnel) {
                staticNetwork(tunnel.iface(), NETWORK_STATIC_V4);
                staticNetwork(tunnel.wanInterface(), NETWORK_STATIC_V6);
            }
        }
        final int routes = shared.policyRoutes().size();
        routeRtables = new int[routes];
        routeRefs = new int[2 * routes];
        java.util.Arrays.fill(routeRefs, NO_REF);
        routeSection = RouteSection.of(shared.policyRoutes());
    }

    /**
     * {@code <if>:network} of an interface name. Kept per name object: a router's names are the same objects render
     * after render, and a kept key has its hash already (a fresh concatenation per interface and render, hashed
     * anew, was a twentieth of the validator).
     */
    private static String networkOf(final String iface) {
        return NETWORK_NAMES.get(iface);
    }

    /** Marks an interface's network as holding an address of a family when pf.conf loads. */
    private void staticNetwork(final String iface, final int family) {
        networks.merge(networkOf(iface), family, (old, bit) -> old | bit);
    }

    /** The families of addresses that passed Syntax: {@link #INET}, {@link #INET6}, both or none. */
    static int families(final List<String> addresses) {
        int families = 0;
        for (String address : addresses) {
            families |= address.indexOf(':') >= 0 ? INET6 : INET;
        }
        return families;
    }

    private IspFacing facing(final String iface, final String role, final String uplink) {
        IspFacing facing = ispFacing.get(iface);
        if (facing == null) {
            facing = new IspFacing(iface);
            ispFacing.put(iface, facing);
        }
        facing.roles.add(role);
        facing.roles.add(uplink);
        return facing;
    }

    /** The position of the intent's pf table of that name in {@code shared.tables()}, or -1. */
    int tableIndex(final String name) {
        return position(tableIndex, name);
    }

    /** The intent's pf table of that name, or null (the built-in martians is none of the intent's). */
    PfTable table(final String name) {
        final int index = tableIndex(name);
        return index < 0 ? null : shared.tables().get(index);
    }

    /** The position of the intent's host group of that name in {@code shared.hostGroups()}, or -1. */
    int groupIndex(final String name) {
        return position(groupIndex, name);
    }

    /** The intent's host group of that name, or null. */
    HostGroup hostGroup(final String name) {
        final int index = groupIndex(name);
        return index < 0 ? null : shared.hostGroups().get(index);
    }

    private static int position(final Map<String, Integer> positions, final String name) {
        final Integer index = positions.get(name);
        return index == null ? -1 : index;
    }

    /**
     * {@code <if>:network}'s bits: {@link #NETWORK_EXISTS} when the interface is the router's, with
     * {@link #NETWORK_STATIC_V4} and {@link #NETWORK_STATIC_V6} as {@link #hasStaticNetwork} says; 0 for no interface.
     */
    int network(final String interfaceNetwork) {
        final Integer bits = networks.get(interfaceNetwork);
        return bits == null ? 0 : bits;
    }

    /** The rdomain's loopback address, or null. */
    String loopbackOf(final int rdomain) {
        final Rdomain found = rdomain(rdomain);
        return found == null ? null : found.loopbackAddress();
    }

    /** The intent's rdomain of that id, or null. */
    Rdomain rdomain(final int id) {
        return id < rdomainById.length ? rdomainById[id] : null;
    }

    /** Whether the rdomain exists on the router (see {@link #existing}). */
    boolean exists(final int rdomain) {
        return rdomain < existing.length && existing[rdomain];
    }

    /** The uplink that holds the rdomain's default route (a valid default-route-via), or null. */
    Uplink defaultRoute(final int rdomain) {
        return rdomain < defaultRouteById.length ? defaultRouteById[rdomain] : null;
    }

    /** Records a valid default-route-via (the validator does, once it checked it). */
    void defaultRoute(final int rdomain, final Uplink uplink) {
        defaultRouteById[rdomain] = uplink;
    }

    /**
     * The rdomains whose table gets an IPv6 default route, by id (0..255): a PPPoE session with {@code ipv6} that
     * holds its rdomain's default route, slaacd on a MAP-E WAN or on the interface of a DHCP or static uplink with
     * {@code ipv6} ({@code inet6 autoconf}: slaacd installs the route whatever default-route-via says), or a static
     * IPv6 default route. Computed once, after the validator recorded the default routes.
     */
    boolean[] ipv6DefaultRoutes() {
        if (ipv6Defaults == null) {
            final boolean[] found = new boolean[256];
            for (Rdomain rdomain : intent.rdomains()) {
                final Uplink holder = defaultRoute(rdomain.id());
                if (holder != null && holder.kind() instanceof Pppoe pppoe && pppoe.ipv6()) {
                    found[rdomain.id()] = true;
                }
                for (StaticRoute route : rdomain.staticRoutes()) {
                    if (Syntax.prefixLength(route.destination()) == 0 && Syntax.isV6(route.destination())) {
                        found[rdomain.id()] = true;
                    }
                }
            }
            for (Uplink uplink : intent.uplinks()) {
                final UplinkKind kind = uplink.kind();
                final boolean slaac = kind instanceof MapE
                    || uplink.ipv6() != null && (kind instanceof Dhcp || kind instanceof StaticUplink);
                final Interface carrier = interfaces.get(uplink.ipv6InterfaceName());
                if (slaac && carrier != null) {
                    found[carrier.rdomain()] = true;
                }
            }
            ipv6Defaults = found;
        }
        return ipv6Defaults;
    }

    /** Whether the interface faces an ISP ({@link #ispFacing}). */
    boolean facesIsp(final String iface) {
        return ispFacing.containsKey(iface);
    }

    /**
     * Whether the interface of {@code <if>:network} holds an address of the family that exists when pf.conf loads, so
     * that pfctl can resolve it: one written in the intent (an interface address, a static uplink's address, the MAP-E
     * IPv4 address on gifN, the MAP-E CE address on its WAN). Addresses that come and go (DHCP, PPPoE, router
     * advertisements) do not count: pfctl resolves {@code <if>:network} once, when it loads the rules, and fails
     * with "no IP address found" without one.
     */
    boolean hasStaticNetwork(final String interfaceNetwork, final boolean v6) {
        return (network(interfaceNetwork) & (v6 ? NETWORK_STATIC_V6 : NETWORK_STATIC_V4)) != 0;
    }

    private static <T> Map<String, T> index(final List<T> values, final Function<T, String> key) {
        final Map<String, T> map = HashMap.newHashMap(values.size());
        for (T value : values) {
            map.put(key.apply(value), value);
        }
        return map;
    }
}

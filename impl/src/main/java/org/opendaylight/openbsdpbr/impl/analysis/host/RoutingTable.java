/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.analysis.host;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.openbsdpbr.impl.analysis.host.HostnameFile.StaticRoute;
import org.opendaylight.openbsdpbr.impl.analysis.ip.IpAddress;
import org.opendaylight.openbsdpbr.impl.analysis.ip.IpPrefix;
import org.opendaylight.openbsdpbr.impl.analysis.source.SourceLine;

/**
 * One routing table as the kernel holds it after netstart(8): local routes for the router's addresses, connected
 * networks, point-to-point peers, the static routes of {@code route add}, and the default routes dhcpleased and slaacd
 * install at run time. A lookup is longest-prefix; for equal prefixes a local route wins over a connected one and that
 * over a static one (route(8) refuses a second route to the same destination without {@code -mpath}).
 *
 * <p>Addresses an interface gets at run time (PPP, DHCP, SLAAC) are not in the table: the flow engine adds what it
 * assumes about them per question.
 */
public final class RoutingTable {
    private static final Comparator<Route> ORDER = Comparator.comparingInt((Route route) -> -route.destination()
        .length()).thenComparing(Route::kind);

    private final int id;
    private final List<Route> routes;

    private RoutingTable(final int id, final List<Route> routes) {
        this.id = id;
        final List<Route> sorted = new ArrayList<>(routes);
        sorted.sort(ORDER);
        this.routes = List.copyOf(sorted);
    }

    /** The table's id: rtable N of rdomain N. */
    public int id() {
        return id;
    }

    /** Its routes, longest prefix first. */
    public List<Route> routes() {
        return routes;
    }

    /** The route a packet to this address takes, or null for none. */
    public @Nullable Route lookup(final IpAddress destination) {
        for (Route route : routes) {
            if (route.destination().contains(destination)) {
                return route;
            }
        }
        return null;
    }

    /**
     * The other routes to the same destination that a lookup could as well have returned: routes learnt at run time
     * from two interfaces (two DHCP uplinks each install a default route; which one the kernel uses is not in the
     * files).
     */
    public List<Route> ties(final Route route) {
        if (route.kind() != Route.Kind.DYNAMIC) {
            return List.of();
        }
        final List<Route> ties = new ArrayList<>(1);
        for (Route other : routes) {
            if (other != route && other.kind() == Route.Kind.DYNAMIC && other.destination().equals(route
                    .destination())) {
                ties.add(other);
            }
        }
        return ties;
    }

    /** Whether the table has a default route of the family (static, or one learnt at run time). */
    public boolean hasDefault(final boolean v6) {
        for (Route route : routes) {
            if (route.isDefault() && route.destination().v6() == v6 && route.kind() != Route.Kind.REJECT
                    && route.kind() != Route.Kind.BLACKHOLE) {
                return true;
            }
        }
        return false;
    }

    /** The default route of a family, or null. */
    public @Nullable Route defaultRoute(final boolean v6) {
        for (Route route : routes) {
            if (route.isDefault() && route.destination().v6() == v6) {
                return route;
            }
        }
        return null;
    }

    /**
     * The tables of a router: one per rdomain that holds an interface.
     *
     * @param interfaces every interface, implicit loopbacks included
     * @param statics the routes of every {@code route add} line
     * @param notes where to add a line for each route the kernel would refuse
     * @return tables by id
     */
    public static Map<Integer, RoutingTable> build(final Collection<InterfaceConfig> interfaces,
            final List<StaticRoute> statics, final List<String> notes) {
        final Map<Integer, List<Route>> byTable = new TreeMap<>();
        final Map<String, InterfaceConfig> byName = new TreeMap<>();
        for (InterfaceConfig iface : interfaces) {
            byName.put(iface.name(), iface);
            final List<Route> routes = byTable.computeIfAbsent(iface.rdomain(), key -> new ArrayList<>());
            if (!iface.up()) {
                continue;
            }
            for (InterfaceConfig.Address address : iface.addresses()) {
                routes.add(new Route(IpPrefix.host(address.prefix().address()), Route.Kind.LOCAL, iface.name(), null,
                    address.source()));
                if (address.prefix().length() < address.prefix().address().bits()) {
                    // lo0's 127/8 is a reject route on OpenBSD; other networks are on the link
                    routes.add(new Route(address.prefix().network(), iface.loopback() ? Route.Kind.REJECT
                        : Route.Kind.CONNECTED, iface.name(), null, address.source()));
                }
                if (address.peer() != null) {
                    routes.add(new Route(IpPrefix.host(address.peer()), Route.Kind.CONNECTED, iface.name(), null,
                        address.source()));
                }
            }
            final SourceLine where = new SourceLine(iface.file() == null ? "(kernel)" : iface.file(), 1,
                "dynamic address");
            if (iface.dynamic4() == InterfaceConfig.Dynamic.DHCP) {
                routes.add(new Route(new IpPrefix(IpAddress.v4(0), 0), Route.Kind.DYNAMIC, iface.name(), null,
                    where));
            }
            if (iface.dynamic6() == InterfaceConfig.Dynamic.SLAAC) {
                routes.add(new Route(new IpPrefix(IpAddress.parse("::"), 0), Route.Kind.DYNAMIC, iface.name(), null,
                    where));
            }
        }
        for (StaticRoute route : statics) {
            final List<Route> table = byTable.get(route.table());
            if (table == null) {
                notes.add(route.source().where() + ": rtable " + route.table() + " does not exist (no interface is"
                    + " in rdomain " + route.table() + "): route(8) refuses the route");
                continue;
            }
            final String egress = egress(route, byName, table);
            if (egress == null) {
                notes.add(route.source().where() + ": no interface in rtable " + route.table() + " reaches "
                    + (route.gateway() == null ? "the route's interface" : "the gateway " + route.gateway())
                    + ": route(8) refuses the route");
                continue;
            }
            table.add(new Route(route.destination(), route.kind(), egress, route.direct() ? null : route.gateway(),
                route.source()));
        }
        final Map<Integer, RoutingTable> tables = new TreeMap<>();
        byTable.forEach((key, routes) -> tables.put(key, new RoutingTable(key, routes)));
        return tables;
    }

    private static @Nullable String egress(final StaticRoute route, final Map<String, InterfaceConfig> interfaces,
            final List<Route> table) {
        if (route.ifp() != null) {
            final InterfaceConfig iface = interfaces.get(route.ifp());
            return iface != null && iface.rdomain() == route.table() ? iface.name() : null;
        }
        if (route.gateway() == null) {
            return "lo0";
        }
        for (Route candidate : table) {
            if (route.direct() ? candidate.kind() == Route.Kind.LOCAL && candidate.destination().contains(
                    route.gateway()) : candidate.kind() == Route.Kind.CONNECTED && candidate.destination().contains(
                    route.gateway())) {
                return candidate.iface();
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return "rtable " + id + " " + routes;
    }
}

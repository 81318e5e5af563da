/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.render;

import java.util.List;
import org.opendaylight.openbsdpbr.api.intent.Dhcp;
import org.opendaylight.openbsdpbr.api.intent.DnsResolver;
import org.opendaylight.openbsdpbr.api.intent.Endpoint;
import org.opendaylight.openbsdpbr.api.intent.Family;
import org.opendaylight.openbsdpbr.api.intent.HostGroup;
import org.opendaylight.openbsdpbr.api.intent.InboundService;
import org.opendaylight.openbsdpbr.api.intent.Interface;
import org.opendaylight.openbsdpbr.api.intent.MapE;
import org.opendaylight.openbsdpbr.api.intent.NatRule;
import org.opendaylight.openbsdpbr.api.intent.PfTable;
import org.opendaylight.openbsdpbr.api.intent.PolicyRoute;
import org.opendaylight.openbsdpbr.api.intent.Rdomain;
import org.opendaylight.openbsdpbr.api.intent.RouterIntent;
import org.opendaylight.openbsdpbr.api.intent.Sshd;
import org.opendaylight.openbsdpbr.api.intent.StaticRoute;
import org.opendaylight.openbsdpbr.api.intent.Syntax;
import org.opendaylight.openbsdpbr.api.intent.Uplink;
import org.opendaylight.openbsdpbr.api.intent.Via;
import org.opendaylight.openbsdpbr.impl.mape.MapEResult;
import org.opendaylight.openbsdpbr.impl.mape.PortRange;
import org.opendaylight.openbsdpbr.impl.render.Lint.Severity;

/**
 * Lints of a valid effective intent. Codes:
 * <ul>
 *   <li>{@code destination-any}: a policy route's destination is {@code any}: it also moves LAN traffic to the
 *       router itself and to the other local networks into another routing table, where it leaves through an uplink
 *       or is dropped. The default destination, {@code internet} ({@code !<martians>}), is what the seed writes.</li>
 *   <li>{@code local-network-not-excluded}: a policy route's destination is {@code internet}, but a LAN-side
 *       network of the router holds addresses outside the special-purpose ranges (a public IPv4 or a global IPv6
 *       LAN): traffic to it is moved too. Name the destinations, or define the table martians with it.</li>
 *   <li>{@code no-default-route}: a policy route sends traffic of its family to an rdomain ({@code via-rdomain})
 *       whose table has no default route of that family: it is dropped unless a static route matches.
 *       ({@code via-uplink} is checked by the validator: the uplink must hold the default route.)</li>
 *   <li>{@code family-mismatch}: a policy route names a table without an entry of its family (it matches nothing,
 *       or everything when negated); a host group or table holds addresses of a family that no policy route naming
 *       it has (pf drops them from the rule without a word).</li>
 *   <li>{@code rdomain-no-loopback}: unwind runs in, or sshd listens in, an rdomain above 0 without a loopback
 *       address: unwind cannot listen on 127.0.0.1 there, local clients in that rdomain cannot reach sshd.</li>
 *   <li>{@code unwind-serve-lan}: unwind only listens on localhost; LAN hosts cannot use it.</li>
 *   <li>{@code sshd-listener-no-route}: the rdomain has neither a default route nor an interface address, so
 *       nothing can reach the listener. (A listener in an rdomain that does not exist, or on an address no interface
 *       holds, is refused by the validator.)</li>
 *   <li>{@code map-e-portset-kernel}: nat-mode map-e-portset is not in any stock OpenBSD release; pfctl refuses the
 *       rule set unless the kernel and pfctl carry the MAP-E patch.</li>
 *   <li>{@code inbound-no-nat}, {@code inbound-no-address}, {@code inbound-port-outside-portset}: a service exposed
 *       on an uplink without NAT, on an uplink whose interface is down, or on a MAP-E port outside the CE's port set
 *       (the BR never delivers it).</li>
 *   <li>{@code dhcp-default-route}: a DHCP uplink that is not its rdomain's default-route-via still gets a default
 *       route from dhcpleased(8).</li>
 *   <li>{@code description-too-long} (from the hostname.if renderer).</li>
 * </ul>
 */
final class Lints {
    private final Resolution resolution;
    private final List<Lint> lints;
    /** The destination-any message of each rtable, once it was needed. */
    private final String[] anyMessages = new String[256];
    /** {@link #publicLanNetwork} of each family (IPv4, IPv6), once it was asked for. */
    private final String[][] publicLan = new String[2][];
    /** Routing domains whose table gets an IPv4 default route. */
    private final boolean[] withDefaultRoute = new boolean[256];
    /** Routing domains whose table gets an IPv6 default route ({@link Resolution#ipv6DefaultRoutes()}). */
    private final boolean[] withDefaultRoute6;

    private Lints(final Resolution resolution, final List<Lint> lints) {
        this.resolution = resolution;
        this.lints = lints;
        // IPv4: default-route-via, dhcpleased on a DHCP uplink, or a static default route
        for (Rdomain rdomain : resolution.intent.rdomains()) {
            final Uplink holder = resolution.defaultRoute(rdomain.id());
            if (holder != null) {
                withDefaultRoute[rdomain.id()] = true;
            }
        }
        for (Uplink uplink : resolution.intent.uplinks()) {
            if (uplink.kind() instanceof Dhcp) {
                withDefaultRoute[uplink.rdomain()] = true;
            }
        }
        for (Rdomain rdomain : resolution.intent.rdomains()) {
            for (StaticRoute route : rdomain.staticRoutes()) {
                if (Syntax.prefixLength(route.destination()) == 0 && !Syntax.isV6(route.destination())) {
                    withDefaultRoute[rdomain.id()] = true;
                }
            }
        }
        withDefaultRoute6 = resolution.ipv6DefaultRoutes();
    }

    static void collect(final Resolution resolution, final List<Lint> lints) {
        final Lints collector = new Lints(resolution, lints);
        collector.policyRoutes();
        collector.services();
        collector.uplinks();
        collector.inboundServices();
    }

    private void add(final String path, final String code, final Severity severity, final String message) {
        lints.add(new Lint(RouterPaths.intent(path), code, severity, message));
    }

    private boolean hasDefaultRoute(final int rdomain) {
        return withDefaultRoute[rdomain];
    }

    /**
     * One pass over the policy routes (a large router has hundreds): each route's own lints, then the families. The
     * tables and host groups each route names come from the validator ({@link Resolution#routeRefs}): no name is
     * looked up here.
     */
    private void policyRoutes() {
        // the family bits each table and host group is used with, by position
        final int[] tableUse = new int[resolution.tableFamilies.length];
        final int[] groupUse = new int[resolution.groupFamilies.length];
        final RouteSection section = resolution.routeSection;
        if (section != null) {
            // the routes' lints were found before for a router with the same routes and the same facts
            final int[] facts = section.lintFacts(resolution, withDefaultRoute, withDefaultRoute6);
            final String[] lan = new String[4];
            for (int family = 0; family < 2; family++) {
                if (section.needsPublicLan(family == 1)) {
                    final String[] found = publicLan(family);
                    if (found.length != 0) {
                        lan[2 * family] = found[0];
                        lan[2 * family + 1] = found[1];
                    }
                }
            }
            if (!section.reuseLints(resolution.routeFacts, facts, lan, lints, tableUse, groupUse)) {
                final int before = lints.size();
                eachPolicyRoute(tableUse, groupUse);
                section.linted(resolution.routeFacts, facts, lan, lints.subList(before, lints.size()), tableUse,
                    groupUse);
            }
        } else {
            eachPolicyRoute(tableUse, groupUse);
        }
        if (resolution.martiansIndex >= 0 && natToMartians()) {
            // every NAT rule is inet and says to !<martians>
            tableUse[resolution.martiansIndex] |= Resolution.INET;
        }
        families(tableUse, groupUse);
    }

    /** Each route's own lints, and the families it uses its tables and host groups with. */
    private void eachPolicyRoute(final int[] tableUse, final int[] groupUse) {
        final int[] rtables = resolution.routeRtables;
        final int[] refs = resolution.routeRefs;
        int index = 0;
        for (PolicyRoute route : resolution.shared.policyRoutes()) {
            final int rtable = rtables[index];
            final int bit = route.family() == Family.INET6 ? Resolution.INET6 : Resolution.INET;
            final Endpoint destination = route.destination();
            if (destination.match() == Endpoint.Any.INSTANCE && !destination.negate()) {
                // the full path in one concatenation: this lint may fire for many routes
                String message = anyMessages[rtable];
                if (message == null) {
                    // one message per rtable, however many routes earn it
                    message = "destination any also moves LAN traffic to the router itself and to the other local"
                        + " networks into rtable " + rtable + "; leave the destination out (internet: !<martians>,"
                        + " the default) or name the destinations";
                    anyMessages[rtable] = message;
                }
                lints.add(new Lint(RouterIntent.PATH + "/policy-route[name=" + route.name() + "]/destination",
                    "destination-any", Severity.WARNING, message));
            } else if (destination.match() == Endpoint.Internet.INSTANCE) {
                localNetworksNotExcluded(route, rtable);
            }
            // instanceof rather than a pattern switch in the per-route loop: see PfRenderer
            if (route.via() instanceof Via.ViaRdomain via) {
                final boolean v6 = route.family() == Family.INET6;
                if (!(v6 ? withDefaultRoute6 : withDefaultRoute)[via.rdomain()]) {
                    add(PolicyRoute.path(route.name()) + "/via-rdomain", "no-default-route", Severity.WARNING,
                        "rdomain " + via.rdomain() + " has no " + (v6 ? "IPv6" : "IPv4") + " default route: this"
                        + " traffic is dropped unless a static route matches");
                }
            }
            tableFamily(route, bit, "source", route.source(), refs[2 * index], tableUse, groupUse);
            tableFamily(route, bit, "destination", destination, refs[2 * index + 1], tableUse, groupUse);
            index++;
        }
    }

    /** {@code internet} leaves out only the special-purpose ranges: a public LAN network is moved too. */
    private void localNetworksNotExcluded(final PolicyRoute route, final int rtable) {
        final String[] found = publicLan(route.family() == Family.INET6 ? 1 : 0);
        if (found.length != 0) {
            add(PolicyRoute.path(route.name()) + "/destination", "local-network-not-excluded", Severity.WARNING,
                "the destination internet (!<martians>) leaves out only special-purpose ranges: traffic to "
                + found[0] + "'s network " + found[1] + " moves into rtable " + rtable + " too");
        }
    }

    /** {@link #publicLanNetwork} of a family (0 IPv4, 1 IPv6), computed once. */
    private String[] publicLan(final int family) {
        if (publicLan[family] == null) {
            publicLan[family] = publicLanNetwork(family == 1);
        }
        return publicLan[family];
    }

    /**
     * The first network of a LAN-side interface outside the martians, as {interface, network}, or an empty array:
     * computed once per family, whatever the number of routes.
     */
    private String[] publicLanNetwork(final boolean v6) {
        final PfTable own = resolution.table(Martians.NAME);
        final List<String> martians = own != null ? own.entries() : Martians.ENTRIES;
        for (Interface iface : resolution.intent.interfaces()) {
            if (resolution.facesIsp(iface.name())) {
                continue;
            }
            for (String network : v6 ? iface.ipv6Addresses() : iface.ipv4Addresses()) {
                if (!inside(network, martians)) {
                    return new String[] { iface.name(), network };
                }
            }
        }
        return new String[0];
    }

    /** Whether the network of {@code prefix} lies inside one of {@code networks}. */
    private static boolean inside(final String prefix, final List<String> networks) {
        final int length = Syntax.prefixLength(prefix);
        final String base = Syntax.addressPart(prefix);
        for (String network : networks) {
            final int outer = Syntax.prefixLength(network);
            if (outer >= 0 && outer <= length && Addresses.holds(network, base)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Tables and host groups whose addresses of a family no rule that names them uses. Each name got an int[1] of
     * family bits once ({@link #policyRoutes}), so that the per-route work allocates nothing.
     */
    private void families(final int[] tableUse, final int[] groupUse) {
        final List<PfTable> tables = resolution.shared.tables();
        for (int i = 0; i < tableUse.length; i++) {
            final PfTable table = tables.get(i);
            unusedFamily(true, table.name(), table.entries(), tableUse[i]);
        }
        final List<HostGroup> groups = resolution.shared.hostGroups();
        for (int i = 0; i < groupUse.length; i++) {
            final HostGroup group = groups.get(i);
            unusedFamily(false, group.name(), group.addresses(), groupUse[i]);
        }
    }

    private boolean natToMartians() {
        if (!resolution.shared.nat().isEmpty()) {
            return true;
        }
        for (Uplink uplink : resolution.intent.uplinks()) {
            if (uplink.kind() instanceof MapE) {
                return true;
            }
        }
        return false;
    }

    /** One side of a policy route: the family it uses its table or host group with ({@code ref}), and its lint. */
    private void tableFamily(final PolicyRoute route, final int bit, final String side, final Endpoint endpoint,
            final int ref, final int[] tableUse, final int[] groupUse) {
        if (ref < Resolution.NO_REF) {
            groupUse[-2 - ref] |= bit;
            return;
        }
        if (ref == Resolution.NO_REF) {
            // no table, or the built-in martians (it holds both families)
            return;
        }
        tableUse[ref] |= bit;
        final PfTable own = resolution.shared.tables().get(ref);
        if (own.entries().isEmpty() || !own.constant() || (resolution.tableFamilies[ref] & bit) != 0) {
            // a table filled at run time may get any family
            return;
        }
        final Endpoint.Match match = endpoint.match();
        final String table = own.name();
        final boolean negated = endpoint.negate() || match == Endpoint.Internet.INSTANCE;
        add(PolicyRoute.path(route.name()) + "/" + side, "family-mismatch", Severity.WARNING, "the table " + table
            + " has no " + route.family().keyword() + " entry: this " + route.family().keyword() + " rule matches "
            + (negated ? "every " : "no ") + side + (negated ? " there" : ""));
    }

    /** A table's ({@code table}) or a host group's addresses of a family no rule naming it uses; paths built lazily. */
    private void unusedFamily(final boolean table, final String name, final List<String> addresses, final int used) {
        if (used == 0) {
            return;
        }
        for (Family family : Family.values()) {
            final boolean v6 = family == Family.INET6;
            if ((used & (v6 ? Resolution.INET6 : Resolution.INET)) != 0) {
                continue;
            }
            for (String address : addresses) {
                if (Syntax.isV6(address) == v6) {
                    add(table ? PfTable.path(name) + "/entry" : HostGroup.path(name) + "/address", "family-mismatch",
                        Severity.WARNING, "the " + (table ? "table" : "host group") + " " + name + " holds "
                        + family.keyword() + " addresses (" + address + (addresses.size() > 1 ? ", ..." : "")
                        + ") but every rule that names it is " + (v6 ? "inet" : "inet6")
                        + ": pf leaves them out of those rules without a word");
                    break;
                }
            }
        }
    }

    private void services() {
        final DnsResolver resolver = resolution.shared.dnsResolver();
        if (resolver != null) {
            if (resolver.rtable() != 0 && resolution.loopbackOf(resolver.rtable()) == null) {
                add(DnsResolver.PATH + "/rtable", "rdomain-no-loopback", Severity.WARNING, "unwind runs in rtable "
                    + resolver.rtable() + " but rdomain " + resolver.rtable() + " has no loopback address: unwind"
                    + " cannot listen on 127.0.0.1 there");
            }
            if (resolver.serveLan()) {
                add(DnsResolver.PATH + "/serve-lan", "unwind-serve-lan", Severity.WARNING, "unwind(8) listens on"
                    + " localhost only and cannot serve the LAN; run unbound(8) for LAN clients");
            }
        }
        final Sshd sshd = resolution.shared.sshd();
        if (sshd == null) {
            return;
        }
        for (Sshd.Listen listen : sshd.listeners()) {
            final int rdomain = listen.rdomain();
            if (rdomain != 0 && resolution.loopbackOf(rdomain) == null) {
                add(listen.path(), "rdomain-no-loopback", Severity.WARNING, "rdomain " + rdomain
                    + " has no loopback address: sshd is not reachable on 127.0.0.1 there");
            }
            if (!hasDefaultRoute(rdomain) && !hasInterfaceAddress(rdomain)) {
                add(listen.path(), "sshd-listener-no-route", Severity.WARNING, "rdomain " + rdomain
                    + " has neither a default route nor an interface address: nothing can reach this listener");
            }
        }
    }

    private boolean hasInterfaceAddress(final int rdomain) {
        for (Interface iface : resolution.intent.interfaces()) {
            if (iface.rdomain() == rdomain && (!iface.ipv4Addresses().isEmpty() || !iface.ipv6Addresses().isEmpty())) {
                return true;
            }
        }
        return false;
    }

    private void uplinks() {
        for (Uplink uplink : resolution.intent.uplinks()) {
            final String at = Uplink.path(uplink.name());
            if (uplink.kind() instanceof MapE mapE && mapE.natMode() == MapE.NatMode.MAP_E_PORTSET) {
                add(at + "/map-e/nat-mode", "map-e-portset-kernel", Severity.WARNING, "map-e-portset is not in"
                    + " OpenBSD " + resolution.intent.openbsdRelease() + " as released: pfctl refuses it unless the"
                    + " kernel and pfctl carry the MAP-E patch; port-blocks works on a stock system");
            }
            if (uplink.kind() instanceof Dhcp && resolution.defaultRoute(uplink.rdomain()) != uplink) {
                add(at + "/dhcp", "dhcp-default-route", Severity.WARNING, "dhcpleased installs a default route in"
                    + " rdomain " + uplink.rdomain() + " through this uplink although default-route-via does not name"
                    + " it");
            }
        }
    }

    private void inboundServices() {
        for (InboundService service : resolution.shared.inboundServices()) {
            final String at = InboundService.path(service.name());
            final Uplink uplink = resolution.uplinks.get(service.uplink());
            final boolean nat = uplink.kind() instanceof MapE || hasNat(uplink.name());
            if (!nat) {
                add(at + "/uplink", "inbound-no-nat", Severity.WARNING, "the uplink " + uplink.name()
                    + " has no NAT: is it the Internet side? The service is exposed on " + uplink.interfaceName());
            }
            final Interface iface = resolution.interfaces.get(uplink.interfaceName());
            if (iface != null && !iface.enabled()) {
                add(at + "/uplink", "inbound-no-address", Severity.WARNING, "the uplink's interface "
                    + iface.name() + " is down: the service has no address to be reached on");
            }
            final MapEResult mapE = resolution.mapE.get(uplink.name());
            if (mapE != null && !inPortSet(mapE, service.port())) {
                add(at + "/port", "inbound-port-outside-portset", Severity.WARNING, "port " + service.port()
                    + " is outside this MAP-E CE's port set: the BR never delivers it");
            }
        }
    }

    private boolean hasNat(final String uplink) {
        for (NatRule rule : resolution.shared.nat()) {
            if (rule.uplink().equals(uplink)) {
                return true;
            }
        }
        return false;
    }

    private static boolean inPortSet(final MapEResult mapE, final int port) {
        for (PortRange range : mapE.portRanges()) {
            if (range.contains(port)) {
                return true;
            }
        }
        return false;
    }
}

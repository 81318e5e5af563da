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
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.opendaylight.openbsdpbr.api.intent.DnsResolver;
import org.opendaylight.openbsdpbr.api.intent.Endpoint;
import org.opendaylight.openbsdpbr.api.intent.Family;
import org.opendaylight.openbsdpbr.api.intent.InboundService;
import org.opendaylight.openbsdpbr.api.intent.IntentError;
import org.opendaylight.openbsdpbr.api.intent.Interface;
import org.opendaylight.openbsdpbr.api.intent.Ipv6Uplink;
import org.opendaylight.openbsdpbr.api.intent.MapE;
import org.opendaylight.openbsdpbr.api.intent.NatRule;
import org.opendaylight.openbsdpbr.api.intent.PolicyRoute;
import org.opendaylight.openbsdpbr.api.intent.Pppoe;
import org.opendaylight.openbsdpbr.api.intent.Protocol;
import org.opendaylight.openbsdpbr.api.intent.Rdomain;
import org.opendaylight.openbsdpbr.api.intent.RouterAdvertisement;
import org.opendaylight.openbsdpbr.api.intent.RouterIntent;
import org.opendaylight.openbsdpbr.api.intent.Sshd;
import org.opendaylight.openbsdpbr.api.intent.StaticRoute;
import org.opendaylight.openbsdpbr.api.intent.Syntax;
import org.opendaylight.openbsdpbr.api.intent.Uplink;
import org.opendaylight.openbsdpbr.api.intent.UplinkKind;
import org.opendaylight.openbsdpbr.api.intent.Via;
import org.opendaylight.openbsdpbr.impl.mape.MapEException;
import org.opendaylight.openbsdpbr.impl.mape.MapEParameters;

/**
 * The checks that hold only once profiles are merged: every reference resolves, and the pieces fit together on one
 * OpenBSD router. It reports every problem, not the first, each with its element path in YANG terms
 * ({@code intent/policy-route[name=x]/via-uplink}); the controller runs it to refuse a bad RESTCONF write, the
 * renderer runs it before writing anything.
 *
 * <p>Checked: policy route to uplink, table, host group, ingress interface and interface network; NAT rule and
 * inbound service to uplink; rdomain default route to an uplink in that rdomain; loopback only for rdomain > 0 and
 * not twice; veb members; static-route next hops; duplicate policy-route sequence; uplink rdomain against its
 * interface's; two uplinks on one interface; PPPoE parent and secret; MAP-E parameters (RFC 7597 arithmetic); rule
 * pieces pf cannot express (ports without tcp/udp, a negated list, a family mismatch).
 *
 * <p>IPv6 for the LAN: a PPPoE uplink with {@code ipv6} needs {@code pppoe/ipv6}; a prefix delegation names its
 * delegated prefix (on a MAP-E uplink it is map-e's, the one the CE address derives from: another one is refused);
 * its assignments must fit into it as dhcp6leased splits it ({@link PrefixPlan}: a split larger than the delegated
 * prefix is refused at {@code assign}); an assigned interface exists, is no bridge, faces no ISP, is in the
 * uplink's rdomain (where the IPv6 default route is) and gets one part. Router advertisements need an interface with
 * IPv6 (an ipv6-address or an assigned part), not a bridge nor one that faces an ISP, and announce no DNS server
 * the router itself holds or {@code ::1}: the only resolver the intent runs on the router is unwind, which listens
 * on localhost only.
 *
 * <p>And what pfctl, sshd, route(8) or the kernel would refuse or silently do otherwise on the router:
 * <ul>
 *   <li><b>A policy route says one uplink and leaves through another.</b> {@code via-uplink X} renders
 *       {@code rtable N} for X's rdomain, and traffic in table N leaves by N's default route: X must hold it
 *       ({@code default-route-via}), for IPv6 too (only PPPoE with {@code ipv6} routes IPv6). Refused rather than
 *       rendered with {@code route-to}: route-to needs the next hop's address, which PPPoE and DHCP learn only at
 *       run time, and it would bypass the rdomain's own table (and so its NAT and MSS rules' interface) for this
 *       traffic alone; naming X's rdomain default makes the file and the intent say the same. Use
 *       {@code via-rdomain N} to mean "whatever leaves rdomain N".</li>
 *   <li><b>A policy route on an interface that faces an ISP</b> (an uplink's interface, a MAP-E WAN, a PPPoE
 *       parent): its {@code pass in} would open the interface's default-deny to the Internet.</li>
 *   <li><b>Families</b>: a host group with no address of the rule's family (pfctl: "rule expands to no valid
 *       combination"); {@code <if>:network} of an interface without an address of the rule's family that exists
 *       when pf.conf loads (pfctl: "no IP address found"; a veb, an unnumbered, DHCP or PPPoE interface); an
 *       inbound service with IPv6 sources on an uplink that carries no IPv6.</li>
 *   <li><b>Values the daemons refuse</b>: an sshd listener in an rdomain that does not exist or on an address
 *       that no interface of that rdomain holds; unwind in an rtable no interface creates; a static default route
 *       where the rdomain's uplink already adds one, or two static routes to one network (route(8): "File
 *       exists"); a PPPoE MTU the parent's MTU cannot carry (it needs MTU + 8, RFC 4638); IPv6 on an interface or
 *       PPPoE session with an MTU below 1280 (RFC 8200); a MAP-E tunnel MTU above the WAN's MTU - 40 (the outer
 *       IPv6 header).</li>
 * </ul>
 */
public final class IntentValidator {
    /** The PPPoE header a parent carries on top of the session's MTU (RFC 2516, RFC 4638). */
    static final int PPPOE_HEADER = 8;
    /** IPv6's minimum link MTU (RFC 8200 section 5). */
    static final int IPV6_MIN_MTU = 1280;
    /** The IPv6 header a MAP-E tunnel adds (RFC 7597). */
    static final int IPV6_HEADER = 40;
    /** An Ethernet interface's MTU unless told otherwise. */
    static final int ETHERNET_MTU = 1500;

    private IntentValidator() {
        // utility
    }

    /**
     * Every problem of an effective intent, with paths under {@code intent/}.
     *
     * @param effective the merged intent
     * @return the problems, in a stable order; empty when the intent can be rendered
     */
    public static List<IntentError> validate(final RouterIntent effective) {
        return check(effective, path -> RouterIntent.PATH + "/" + path).errors();
    }

    /**
     * Every problem of a merged intent, each named where it has to be fixed: under the profile that contributed the
     * element ({@code profiles/profile[name=p]/policy-route[name=x]/via-uplink}) or under {@code intent/}.
     *
     * @param merged the merge result
     * @return the problems; empty when the intent can be rendered
     */
    public static List<IntentError> validate(final IntentMerger.Merged merged) {
        return check(merged.effective(), path -> merged.origin(path) + "/" + path).errors();
    }

    /**
     * Why traffic of a family that a policy route sends {@code via-uplink} does not leave through that uplink, or
     * null when it does (see the class comment): the uplink must hold its rdomain's default route, and for IPv6 add
     * an IPv6 one. A function of the uplink, the family and the rdomains' checked default routes only, so that
     * {@link RouteSection} can ask it once per uplink instead of once per route.
     */
    static String leavesThrough(final Resolution resolution, final Uplink uplink, final Family family) {
        final Rdomain rdomain = resolution.rdomain(uplink.rdomain());
        final String holder = rdomain == null ? null : rdomain.defaultRouteVia();
        if (holder != null && resolution.defaultRoute(uplink.rdomain()) == null) {
            // the rdomain's default-route-via is wrong itself, and reported there
            return null;
        }
        if (!uplink.name().equals(holder)) {
            return "the uplink " + uplink.name() + " is in rdomain "
                + uplink.rdomain() + (holder == null ? ", which has no default-route-via: this traffic would"
                + " have no way out" : ", whose default route is via " + holder + ": this traffic would leave"
                + " through " + holder) + "; set rdomain " + uplink.rdomain() + "'s default-route-via to "
                + uplink.name() + ", or say via-rdomain " + uplink.rdomain();
        }
        if (family == Family.INET6 && !(uplink.kind() instanceof Pppoe pppoe && pppoe.ipv6())) {
            return "the uplink " + uplink.name() + " adds no IPv6 default route"
                + " (only PPPoE with ipv6 does): inet6 traffic in rdomain " + uplink.rdomain()
                + " would not leave through it";
        }
        return null;
    }

    /** The intent's resolution and its problems; {@code fullPath} turns a relative element path into a full one. */
    static Checked check(final RouterIntent intent, final UnaryOperator<String> fullPath) {
        final Checker checker = new Checker(new Resolution(intent), fullPath);
        checker.run();
        return new Checked(checker.resolution, List.copyOf(checker.errors));
    }

    /** A resolution and the problems found while building it. */
    record Checked(Resolution resolution, List<IntentError> errors) {
        // result holder
    }

    /** One validation run. */
    private static final class Checker {
        private final Resolution resolution;
        private final UnaryOperator<String> fullPath;
        private final List<IntentError> errors = new ArrayList<>();

        Checker(final Resolution resolution, final UnaryOperator<String> fullPath) {
            this.resolution = resolution;
            this.fullPath = fullPath;
        }

        private void error(final String path, final String message) {
            errors.add(new IntentError(fullPath.apply(path), message));
        }

        void run() {
            checkUplinks();
            checkRdomains();
            checkInterfaces();
            checkPolicyRoutes();
            checkNat();
            checkInboundServices();
            checkServices();
            checkIpv6();
            FailoverChecks.check(resolution, this::error);
        }

        /**
         * Native IPv6 for the LAN: each uplink's prefix delegation (its prefix, dhcp6leased's split of it, the
         * interfaces that get a part), then each interface's router advertisements (see the class comment).
         */
        private void checkIpv6() {
            for (Uplink uplink : resolution.intent.uplinks()) {
                if (uplink.ipv6() != null) {
                    checkUplinkIpv6(uplink);
                }
            }
            for (Interface iface : resolution.intent.interfaces()) {
                if (iface.routerAdvertisement() != null) {
                    checkRouterAdvertisement(iface);
                }
            }
        }

        private void checkUplinkIpv6(final Uplink uplink) {
            final String at = Uplink.path(uplink.name()) + "/" + Ipv6Uplink.PATH;
            if (uplink.kind() instanceof Pppoe pppoe && !pppoe.ipv6()) {
                error(at, "IPv6 through the PPPoE uplink " + uplink.name() + " needs pppoe/ipv6 (inet6 eui64 and the"
                    + " IPv6 default route on " + pppoe.iface() + ")");
                return;
            }
            final Ipv6Uplink.PrefixDelegation pd = uplink.ipv6().prefixDelegation();
            if (pd == null) {
                return;
            }
            final String pdAt = Uplink.path(uplink.name()) + "/" + Ipv6Uplink.PrefixDelegation.PATH;
            // the assigned interfaces first: each gets its part even when the prefix is wrong, which is reported
            // once, at the prefix, and not again at every interface's router advertisements
            final PrefixPlan plan = PrefixPlan.of(pd);
            boolean usable = true;
            for (PrefixPlan.Part part : plan.parts()) {
                final Ipv6Uplink.Assignment assignment = part.assignment();
                if (!assignment.reserve()) {
                    usable &= checkAssigned(uplink, Uplink.path(uplink.name()) + "/"
                        + Ipv6Uplink.Assignment.path(assignment.slot()) + "/interface", assignment.iface());
                }
            }
            final String prefix = delegatedPrefix(uplink, pd, pdAt);
            if (prefix == null) {
                return;
            }
            if (plan.requestedLength() < Syntax.prefixLength(prefix)) {
                error(pdAt + "/assign", "the assignments need a /" + plan.requestedLength() + " (dhcp6leased places"
                    + " them in slot order, each on a boundary of its size, and requests the prefix that covers"
                    + " them): the delegated " + prefix + " is too small; remove or shrink assignments, or move the"
                    + " larger ones first");
            } else if (usable) {
                resolution.delegations.put(uplink.name(), new Resolution.Delegation(uplink, prefix, plan));
            }
        }

        /** The prefix a delegation splits, or null when the intent gets it wrong (reported). */
        private String delegatedPrefix(final Uplink uplink, final Ipv6Uplink.PrefixDelegation pd, final String pdAt) {
            if (uplink.kind() instanceof MapE mapE) {
                if (pd.delegatedPrefix() != null && !Addresses.networkKey(pd.delegatedPrefix())
                        .equals(Addresses.networkKey(mapE.delegatedPrefix()))) {
                    error(pdAt + "/delegated-prefix", "the MAP-E uplink " + uplink.name() + " derives its CE"
                        + " address and IPv4 address from map-e/delegated-prefix " + mapE.delegatedPrefix()
                        + ": the LAN's prefix delegation is that prefix (leave this out, or give the same)");
                    return null;
                }
                // a MAP-E prefix the calculator refused is reported at map-e
                return resolution.mapE.containsKey(uplink.name()) ? mapE.delegatedPrefix() : null;
            }
            if (pd.delegatedPrefix() == null) {
                error(pdAt + "/delegated-prefix", "missing: pf drops traffic to the unassigned parts of the delegated"
                    + " prefix (dhcp6leased installs no reject route), so the intent names it");
            }
            return pd.delegatedPrefix();
        }

        /** An interface that gets a part of {@code uplink}'s delegated prefix; whether it can. */
        private boolean checkAssigned(final Uplink uplink, final String at, final String name) {
            final Interface iface = resolution.interfaces.get(name);
            if (iface == null) {
                error(at, "no interface " + name + " in this router's intent");
                return false;
            }
            if (iface.kind() == Interface.Kind.VEB) {
                error(at, name + " is a bridge and holds no address: assign the prefix to its vport");
                return false;
            }
            if (resolution.facesIsp(name)) {
                error(at, name + " faces the ISP (" + resolution.ispFacing.get(name).appendRoles(new StringBuilder())
                    + "): a delegated prefix is for the LAN");
                return false;
            }
            // IPv6 leaves where the uplink's IPv6 interface is: for MAP-E the WAN, which may sit in another rdomain
            // than the tunnel (tunneldomain)
            final Interface carrier = resolution.interfaces.get(uplink.ipv6InterfaceName());
            final int v6Rdomain = carrier != null ? carrier.rdomain() : uplink.rdomain();
            if (iface.rdomain() != v6Rdomain) {
                error(at, name + " is in rdomain " + iface.rdomain() + " but the uplink " + uplink.name() + "'s IPv6"
                    + " runs on " + uplink.ipv6InterfaceName() + " in rdomain " + v6Rdomain + ": the LAN's IPv6"
                    + " would find no default route in its table");
                return false;
            }
            final Uplink other = resolution.delegatedTo.putIfAbsent(name, uplink);
            if (other != null) {
                error(at, name + " already gets a part of the prefix delegated through " + other.name()
                    + (other == uplink ? " (dhcp6leased refuses an interface listed twice)" : ""));
                return false;
            }
            return true;
        }

        private void checkRouterAdvertisement(final Interface iface) {
            final String at = Interface.path(iface.name()) + "/" + RouterAdvertisement.PATH;
            if (iface.kind() == Interface.Kind.VEB) {
                error(at, iface.name() + " is a bridge and holds no address: rad advertises on its vport");
                return;
            }
            if (resolution.facesIsp(iface.name())) {
                error(at, iface.name() + " faces the ISP (" + resolution.ispFacing.get(iface.name()).appendRoles(
                    new StringBuilder()) + "): router advertisements there would offer the router to the ISP's"
                    + " network as its default router");
                return;
            }
            if (iface.ipv6Addresses().isEmpty() && !resolution.delegatedTo.containsKey(iface.name())) {
                error(at, iface.name() + " has no IPv6: no ipv6-address and no part of a delegated prefix"
                    + " (uplink ipv6/prefix-delegation/assign), so rad has no prefix to announce and the LAN no"
                    + " IPv6 to use");
            }
            final List<String> servers = iface.routerAdvertisement().dnsServers();
            for (String server : servers) {
                if (Addresses.same(server, "::1") || RouteLines.holdsAddress(resolution, iface.rdomain(), server)
                        || isRouterAddress(server)) {
                    error(at + "/dns-server", server + " is the router itself, where only unwind runs, and unwind"
                        + " listens on localhost only: it cannot serve the LAN; announce a resolver that does");
                }
            }
        }

        /** Whether an IPv6 address is one of the router's own (an interface's, or a MAP-E CE address). */
        private boolean isRouterAddress(final String address) {
            for (Interface iface : resolution.intent.interfaces()) {
                for (String own : iface.ipv6Addresses()) {
                    if (Addresses.same(Syntax.addressPart(own), address)) {
                        return true;
                    }
                }
            }
            for (var result : resolution.mapE.values()) {
                if (Addresses.same(MapEResults.ceAddress(result), address)) {
                    return true;
                }
            }
            return false;
        }

        // Element paths are built only when there is an error to report, and kinds are tested with instanceof rather
        // than pattern switches (see PfRenderer): this runs on every render.
        private void checkUplinks() {
            final Map<String, Uplink> byInterface = HashMap.newHashMap(resolution.intent.uplinks().size());
            for (Uplink uplink : resolution.intent.uplinks()) {
                final UplinkKind kind = uplink.kind();
                final Uplink other = byInterface.putIfAbsent(uplink.interfaceName(), uplink);
                if (other != null) {
                    error(kindPath(uplink, "interface"), "interface " + uplink.interfaceName() + " is already the"
                        + " uplink " + other.name() + "'s: one uplink per interface");
                }
                if (kind instanceof Pppoe pppoe) {
                    checkPppoe(uplink, pppoe);
                } else if (kind instanceof MapE mapE) {
                    checkMapE(uplink, mapE);
                } else {
                    checkOwnInterface(uplink);
                }
            }
        }

        /** {@code uplink[name=N]/CASE/LEAF}. */
        private static String kindPath(final Uplink uplink, final String leaf) {
            return Uplink.path(uplink.name()) + "/" + uplink.kind().caseName() + "/" + leaf;
        }

        private void checkPppoe(final Uplink uplink, final Pppoe pppoe) {
            final Interface parent = resolution.interfaces.get(pppoe.parent());
            if (parent == null) {
                error(kindPath(uplink, "parent"), "no interface " + pppoe.parent() + " in this router's intent");
            } else if (parent.kind() == Interface.Kind.VEB) {
                error(kindPath(uplink, "parent"),
                    "PPPoE runs on an Ethernet interface, not on the bridge " + parent.name());
            } else if (parent.mtu() != null && parent.mtu() < pppoe.mtu() + PPPOE_HEADER) {
                error(kindPath(uplink, "mtu"), "a PPPoE MTU of " + pppoe.mtu() + " needs the parent's MTU at least "
                    + (pppoe.mtu() + PPPOE_HEADER) + " (the 8-byte PPPoE header, RFC 4638); " + parent.name()
                    + " has " + parent.mtu());
            }
            if (pppoe.ipv6() && pppoe.mtu() < IPV6_MIN_MTU) {
                error(kindPath(uplink, "mtu"), "IPv6 needs an MTU of at least 1280 (RFC 8200); this PPPoE session has "
                    + pppoe.mtu());
            }
            if (pppoe.secret() == null) {
                error(kindPath(uplink, "secret"), "missing: hostname." + pppoe.iface() + " needs the PPPoE secret");
            }
        }

        private void checkMapE(final Uplink uplink, final MapE mapE) {
            final Interface wan = resolution.interfaces.get(mapE.wanInterface());
            if (wan == null) {
                error(kindPath(uplink, "wan-interface"),
                    "no interface " + mapE.wanInterface() + " in this router's intent");
            } else if (wan.kind() == Interface.Kind.VEB) {
                error(kindPath(uplink, "wan-interface"),
                    "the CE address goes on an interface with an address, not on the bridge "
                    + wan.name());
            } else {
                final int wanMtu = effectiveMtu(wan);
                if (mapE.mtu() > wanMtu - IPV6_HEADER) {
                    error(kindPath(uplink, "mtu"),
                        "a MAP-E tunnel MTU of " + mapE.mtu() + " needs the WAN's MTU at least "
                        + (mapE.mtu() + IPV6_HEADER) + " (the 40-byte outer IPv6 header); " + wan.name() + " has "
                        + wanMtu);
                }
            }
            try {
                resolution.mapE.put(uplink.name(), MapEResults.of(mapE));
            } catch (MapEException e) {
                error(kindPath(uplink, mapEPath(e.parameter())), e.detail());
            }
        }

        private void checkOwnInterface(final Uplink uplink) {
            final Interface iface = resolution.interfaces.get(uplink.interfaceName());
            if (iface == null) {
                error(kindPath(uplink, "interface"),
                    "no interface " + uplink.interfaceName() + " in this router's intent");
            } else if (iface.rdomain() != uplink.rdomain()) {
                error(Uplink.path(uplink.name()) + "/rdomain", "the uplink is in rdomain " + uplink.rdomain()
                    + " but its interface " + iface.name() + " is in rdomain " + iface.rdomain());
            } else if (iface.kind() == Interface.Kind.VEB) {
                error(kindPath(uplink, "interface"), "an uplink needs an interface with an address, not the bridge "
                    + iface.name());
            }
        }

        private void checkRdomains() {
            for (Rdomain rdomain : resolution.intent.rdomains()) {
                if (rdomain.loopbackAddress() != null) {
                    if (rdomain.id() == 0) {
                        error(Rdomain.path(rdomain.id()) + "/loopback-address",
                            "lo0 is configured by netstart itself; only an rdomain"
                            + " above 0 gets a loopback address here");
                    } else if (resolution.interfaces.containsKey("lo" + rdomain.id())) {
                        error(Rdomain.path(rdomain.id()) + "/loopback-address", "interface lo" + rdomain.id()
                            + " is also listed; keep one of them");
                    }
                }
                if (rdomain.defaultRouteVia() != null) {
                    final Uplink uplink = resolution.uplinks.get(rdomain.defaultRouteVia());
                    if (uplink == null) {
                        error(Rdomain.path(rdomain.id()) + "/default-route-via",
                            "no uplink " + rdomain.defaultRouteVia());
                    } else if (uplink.rdomain() != rdomain.id()) {
                        error(Rdomain.path(rdomain.id()) + "/default-route-via",
                            "the uplink " + uplink.name() + " is in rdomain "
                            + uplink.rdomain() + ", not in rdomain " + rdomain.id());
                    } else {
                        resolution.defaultRoute(rdomain.id(), uplink);
                    }
                }
                if (rdomain.staticRoutes().isEmpty()) {
                    continue;
                }
                final Map<String, String> networks = new HashMap<>();
                for (StaticRoute route : rdomain.staticRoutes()) {
                    final String routeAt = Rdomain.path(rdomain.id()) + "/" + StaticRoute.path(route.destination());
                    checkStaticRoute(rdomain, routeAt, route);
                    final String other = networks.putIfAbsent(Addresses.networkKey(route.destination()),
                        route.destination());
                    if (other != null) {
                        error(routeAt + "/destination", "the same network as the static route to " + other
                            + ": route(8) refuses the second one (File exists)");
                    }
                    checkStaticDefault(rdomain, routeAt, route);
                }
            }
        }

        /** A static default route where the rdomain's default-route-via uplink adds one of that family already. */
        private void checkStaticDefault(final Rdomain rdomain, final String at, final StaticRoute route) {
            if (Syntax.prefixLength(route.destination()) != 0 || rdomain.defaultRouteVia() == null) {
                return;
            }
            final Uplink uplink = resolution.uplinks.get(rdomain.defaultRouteVia());
            if (uplink == null || uplink.rdomain() != rdomain.id()) {
                return;
            }
            final boolean v6 = Syntax.isV6(route.destination());
            if (!v6 || uplink.kind() instanceof Pppoe pppoe && pppoe.ipv6()) {
                error(at + "/destination", "rdomain " + rdomain.id() + " gets its " + (v6 ? "IPv6" : "IPv4")
                    + " default route from the uplink " + uplink.name() + " (default-route-via): a second default"
                    + " route fails (route(8): File exists); drop this static route or default-route-via");
            }
        }

        private void checkStaticRoute(final Rdomain rdomain, final String at, final StaticRoute route) {
            if (route.nextHop() instanceof StaticRoute.ViaInterface via) {
                final Interface iface = resolution.interfaces.get(via.iface());
                if (iface == null) {
                    error(at + "/interface", "no interface " + via.iface() + " in this router's intent");
                } else if (iface.rdomain() != rdomain.id()) {
                    error(at + "/interface", "interface " + via.iface() + " is in rdomain " + iface.rdomain());
                } else if (RouteLines.ownAddress(iface, Syntax.isV6(route.destination())) == null) {
                    error(at + "/interface", "interface " + via.iface() + " has no address of the destination's"
                        + " family to route through");
                }
            } else if (route.nextHop() instanceof StaticRoute.ViaGateway via
                    && RouteLines.gatewayInterface(resolution, rdomain.id(), via.address()) == null) {
                error(at + "/gateway", "no interface in rdomain " + rdomain.id() + " has a network that holds "
                    + via.address());
            }
        }

        private void checkInterfaces() {
            final Map<String, String> bridgeOf = new HashMap<>();
            for (Interface iface : resolution.intent.interfaces()) {
                for (String member : iface.members()) {
                    final String at = Interface.path(iface.name());
                    final Interface port = resolution.interfaces.get(member);
                    if (port == null) {
                        error(at + "/member", "no interface " + member + " in this router's intent");
                    } else if (port.kind() == Interface.Kind.VEB || port.kind() == Interface.Kind.LOOPBACK) {
                        error(at + "/member", member + " cannot be a port of a bridge");
                    } else if (resolution.uplinkByInterface.get(member) != null) {
                        error(at + "/member", member + " is an uplink's interface");
                    }
                    final String other = bridgeOf.putIfAbsent(member, iface.name());
                    if (other != null && !other.equals(iface.name())) {
                        error(at + "/member", member + " is already a port of " + other);
                    } else if (other != null) {
                        error(at + "/member", member + " is listed twice");
                    }
                }
                if (iface.kind() == Interface.Kind.LOOPBACK && iface.name().equals("lo0")) {
                    error(Interface.path(iface.name()) + "/name", "lo0 is configured by netstart itself");
                }
                if (iface.mtu() != null && iface.mtu() < IPV6_MIN_MTU && carriesIpv6(iface)) {
                    error(Interface.path(iface.name()) + "/mtu",
                        "IPv6 needs an MTU of at least 1280 (RFC 8200); " + iface.name()
                        + " carries IPv6 with " + iface.mtu());
                }
            }
        }

        /** Whether the interface gets an IPv6 address: its own, or the MAP-E CE address on a WAN. */
        private boolean carriesIpv6(final Interface iface) {
            if (!iface.ipv6Addresses().isEmpty()) {
                return true;
            }
            final Resolution.IspFacing facing = resolution.ispFacing.get(iface.name());
            return facing != null && facing.v6;
        }

        /**
         * The MTU the interface runs with: its own, else what the renderer raises it to for PPPoE sessions on it
         * (the largest session + 8), else Ethernet's 1500.
         */
        private int effectiveMtu(final Interface iface) {
            if (iface.mtu() != null) {
                return iface.mtu();
            }
            int mtu = ETHERNET_MTU;
            for (Uplink uplink : resolution.intent.uplinks()) {
                if (uplink.kind() instanceof Pppoe pppoe && pppoe.parent().equals(iface.name())) {
                    mtu = Math.max(mtu, pppoe.mtu() + PPPOE_HEADER);
                }
            }
            return mtu;
        }

        private void checkPolicyRoutes() {
            final RouteSection section = resolution.routeSection;
            if (section == null) {
                // no routes, or routes seen for the first time: nothing kept
                checkEachPolicyRoute();
                return;
            }
            // the routes' checks ran before for a router with the same routes and the same facts: none failed
            final int[] facts = section.validatorFacts(resolution);
            resolution.routeFacts = facts;
            if (section.reuseValidation(resolution, facts)) {
                return;
            }
            final int before = errors.size();
            checkEachPolicyRoute();
            if (errors.size() == before) {
                section.validated(resolution, facts);
            }
        }

        private void checkEachPolicyRoute() {
            // policy routes are in sequence order: a duplicate sequence follows the route it repeats
            PolicyRoute previous = null;
            final int[] rtables = resolution.routeRtables;
            int index = 0;
            for (PolicyRoute route : resolution.shared.policyRoutes()) {
                final int at = index++;
                if (previous != null && previous.sequence() == route.sequence()) {
                    error(routePath(route, "sequence"), "sequence " + route.sequence() + " is also the policy route "
                        + previous.name() + "'s");
                }
                previous = route;
                if (!resolution.interfaces.containsKey(route.ingressInterface())) {
                    error(routePath(route, "ingress-interface"), "no interface " + route.ingressInterface()
                        + " in this router's intent");
                } else if (resolution.facesIsp(route.ingressInterface())) {
                    error(routePath(route, "ingress-interface"), route.ingressInterface() + " faces the ISP ("
                        + resolution.ispFacing.get(route.ingressInterface()).appendRoles(new StringBuilder())
                        + "): its pass rule would let the Internet in past the interface's default-deny; a policy"
                        + " route belongs on the LAN side");
                }
                // instanceof rather than pattern switches in the per-route checks: see PfRenderer
                if (route.via() instanceof Via.ViaUplink via) {
                    final Uplink uplink = resolution.uplinks.get(via.uplink());
                    if (uplink == null) {
                        error(routePath(route, "via-uplink"), "no uplink " + via.uplink());
                    } else {
                        rtables[at] = uplink.rdomain();
                        checkLeavesThrough(route, uplink);
                    }
                } else if (route.via() instanceof Via.ViaRdomain via) {
                    rtables[at] = via.rdomain();
                    if (!resolution.exists(via.rdomain())) {
                        error(routePath(route, "via-rdomain"), "rdomain " + via.rdomain()
                            + " holds no interface or uplink");
                    }
                }
                final Protocol protocol = route.protocol();
                if (protocol == Protocol.ICMP && route.family() == Family.INET6
                        || protocol == Protocol.ICMP6 && route.family() == Family.INET) {
                    error(routePath(route, "protocol"), protocol.keyword() + " does not go with family "
                        + route.family().keyword());
                }
                checkEndpoint(route, "source", route.source(), 2 * at);
                checkEndpoint(route, "destination", route.destination(), 2 * at + 1);
            }
        }

        /**
         * {@code via-uplink X} renders {@code rtable N} for X's rdomain: the traffic leaves by table N's default route,
         * which must be X's (see the class comment).
         */
        private void checkLeavesThrough(final PolicyRoute route, final Uplink uplink) {
            final String problem = leavesThrough(resolution, uplink, route.family());
            if (problem != null) {
                error(routePath(route, "via-uplink"), problem);
            }
        }

        /** A policy route's element path, built only when there is an error to report. */
        private static String routePath(final PolicyRoute route, final String leaf) {
            return PolicyRoute.path(route.name()) + "/" + leaf;
        }

        /**
         * One side of a policy route; records what it names at {@code ref} of {@link Resolution#routeRefs}, so that
         * the lints and the renderer look no name up again.
         */
        private void checkEndpoint(final PolicyRoute route, final String side, final Endpoint endpoint,
                final int ref) {
            if (!endpoint.ports().isEmpty() && (route.protocol() == null || !route.protocol().hasPorts())) {
                error(routePath(route, side + "/port"), "ports need protocol tcp or udp");
            }
            final Endpoint.Match match = endpoint.match();
            if (match instanceof Endpoint.TableRef table) {
                final int index = resolution.tableIndex(table.table());
                resolution.routeRefs[ref] = index;
                if (index < 0 && !Resolution.MARTIANS.equals(table.table())) {
                    error(routePath(route, side + "/table"), "no table " + table.table());
                }
            } else if (match instanceof Endpoint.InterfaceNetwork network) {
                final boolean v6 = route.family() == Family.INET6;
                final int bits = resolution.network(network.value());
                if ((bits & Resolution.NETWORK_EXISTS) == 0) {
                    error(routePath(route, side + "/interface-network"), "no interface "
                        + network.interfaceName() + " in this router's intent");
                } else if ((bits & (v6 ? Resolution.NETWORK_STATIC_V6 : Resolution.NETWORK_STATIC_V4)) == 0) {
                    error(routePath(route, side + "/interface-network"), noAddress(network.interfaceName(), v6));
                }
            } else if (match instanceof Endpoint.HostGroupRef group) {
                final int index = resolution.groupIndex(group.hostGroup());
                if (index < 0) {
                    error(routePath(route, side + "/host-group"), "no host group " + group.hostGroup());
                    return;
                }
                resolution.routeRefs[ref] = -2 - index;
                if (endpoint.negate()) {
                    error(routePath(route, side + "/negate"), "pf cannot negate a host group (a list); use a table");
                } else if ((resolution.groupFamilies[index] & bit(route.family())) == 0) {
                    error(routePath(route, side + "/host-group"), "the host group " + group.hostGroup()
                        + " has no " + route.family().keyword() + " address: pfctl refuses the rule (rule expands to"
                        + " no valid combination)");
                }
            } else if (match == Endpoint.Internet.INSTANCE) {
                // !<martians>: the intent's own table martians when it defines one
                resolution.routeRefs[ref] = resolution.martiansIndex;
                if (endpoint.negate()) {
                    error(routePath(route, side + "/negate"), "'not internet' is not offered: name the table"
                        + " martians to mean the special-purpose ranges");
                }
            } else if (match instanceof Endpoint.Networks networks) {
                if (endpoint.negate() && networks.networks().size() > 1) {
                    error(routePath(route, side + "/negate"), "pf cannot negate a list; put the networks in a table");
                }
                for (String network : networks.networks()) {
                    if (Syntax.isV6(network) != (route.family() == Family.INET6)) {
                        error(routePath(route, side + "/network"), network + " is not of family "
                            + route.family().keyword());
                    }
                }
            } else if (endpoint.negate()) {
                error(routePath(route, side + "/negate"), "'not any' matches nothing");
            }
        }

        private void checkInterfaceNetwork(final String at, final String network) {
            final int bits = resolution.network(network);
            if ((bits & Resolution.NETWORK_EXISTS) == 0) {
                error(at, "no interface " + network.substring(0, network.indexOf(':')) + " in this router's intent");
            } else if ((bits & Resolution.NETWORK_STATIC_V4) == 0) {
                error(at, noAddress(network.substring(0, network.indexOf(':')), false));
            }
        }

        private static String noAddress(final String iface, final boolean v6) {
            return iface + " has no " + (v6 ? "IPv6" : "IPv4") + " address in the intent (a bridge, an unnumbered"
                + " interface, or one whose address comes from DHCP, PPPoE or router advertisements): pfctl resolves "
                + iface + ":network when it loads pf.conf and fails with \"no IP address found\"";
        }

        private static int bit(final Family family) {
            return family == Family.INET6 ? Resolution.INET6 : Resolution.INET;
        }

        private static boolean hasFamily(final List<String> addresses, final Family family) {
            final boolean v6 = family == Family.INET6;
            for (String address : addresses) {
                if (Syntax.isV6(address) == v6) {
                    return true;
                }
            }
            return false;
        }

        private void checkNat() {
            for (NatRule rule : resolution.shared.nat()) {
                final String at = NatRule.path(rule.uplink());
                if (!resolution.uplinks.containsKey(rule.uplink())) {
                    error(at + "/uplink", "no uplink " + rule.uplink());
                }
                for (String source : rule.sources()) {
                    // the record checked each source's syntax: an address or prefix never ends so
                    if (source.endsWith(Resolution.NETWORK)) {
                        checkInterfaceNetwork(at + "/source", source);
                    }
                }
            }
        }

        private void checkInboundServices() {
            for (InboundService service : resolution.shared.inboundServices()) {
                final Uplink uplink = resolution.uplinks.get(service.uplink());
                if (uplink == null) {
                    error(InboundService.path(service.name()) + "/uplink", "no uplink " + service.uplink());
                } else if (hasFamily(service.sources(), Family.INET6)
                        && !resolution.ispFacing.get(uplink.interfaceName()).v6) {
                    error(InboundService.path(service.name()) + "/source", "IPv6 sources, but the uplink "
                        + uplink.name() + " (" + uplink.interfaceName() + ") carries no IPv6: the inet rule would"
                        + " drop them without a word");
                }
            }
        }

        private void checkServices() {
            final DnsResolver resolver = resolution.shared.dnsResolver();
            if (resolver != null && !resolution.exists(resolver.rtable())) {
                error(DnsResolver.PATH + "/rtable", "rdomain " + resolver.rtable() + " holds no interface: no"
                    + " routing table " + resolver.rtable() + " exists for unwind to run in");
            }
            final Sshd sshd = resolution.shared.sshd();
            if (sshd == null) {
                return;
            }
            for (Sshd.Listen listen : sshd.listeners()) {
                if (!resolution.exists(listen.rdomain())) {
                    error(listen.path() + "/rdomain", "rdomain " + listen.rdomain() + " holds no interface: sshd"
                        + " cannot listen there");
                } else if (!Addresses.isUnspecified(listen.address())
                        && !RouteLines.holdsAddress(resolution, listen.rdomain(), listen.address())) {
                    error(listen.path() + "/address", "no interface in rdomain " + listen.rdomain()
                        + " has the address " + listen.address() + " in the intent: sshd cannot bind it (listen on "
                        + (listen.isV6() ? "::" : "0.0.0.0") + ", or on an address an interface of rdomain "
                        + listen.rdomain() + " holds)");
                }
            }
        }
    }


    /** The YANG path below {@code map-e} of a MAP-E calculator parameter. */
    private static String mapEPath(final String parameter) {
        return switch (parameter) {
            case MapEParameters.RULE_IPV6_PREFIX -> "rule/ipv6-prefix";
            case MapEParameters.RULE_IPV4_PREFIX -> "rule/ipv4-prefix";
            case MapEParameters.EA_BITS_LENGTH -> "rule/ea-bits-length";
            case MapEParameters.PSID_OFFSET -> "rule/psid-offset";
            case MapEParameters.LAYOUT -> "ce-layout";
            default -> parameter;
        };
    }
}

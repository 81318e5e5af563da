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
import org.opendaylight.openbsdpbr.api.intent.Endpoint;
import org.opendaylight.openbsdpbr.api.intent.Family;
import org.opendaylight.openbsdpbr.api.intent.InboundService;
import org.opendaylight.openbsdpbr.api.intent.IntentError;
import org.opendaylight.openbsdpbr.api.intent.Interface;
import org.opendaylight.openbsdpbr.api.intent.MapE;
import org.opendaylight.openbsdpbr.api.intent.NatRule;
import org.opendaylight.openbsdpbr.api.intent.PolicyRoute;
import org.opendaylight.openbsdpbr.api.intent.Pppoe;
import org.opendaylight.openbsdpbr.api.intent.Protocol;
import org.opendaylight.openbsdpbr.api.intent.Rdomain;
import org.opendaylight.openbsdpbr.api.intent.RouterIntent;
import org.opendaylight.openbsdpbr.api.intent.StaticRoute;
import org.opendaylight.openbsdpbr.api.intent.Syntax;
import org.opendaylight.openbsdpbr.api.intent.Uplink;
import org.opendaylight.openbsdpbr.api.intent.UplinkKind;
import org.opendaylight.openbsdpbr.api.intent.Via;
import org.opendaylight.openbsdpbr.impl.mape.CeLayout;
import org.opendaylight.openbsdpbr.impl.mape.MapECalculator;
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
 */
public final class IntentValidator {
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
        }

        private void checkUplinks() {
            final Map<String, Uplink> byInterface = new HashMap<>();
            for (Uplink uplink : resolution.intent.uplinks()) {
                final String at = Uplink.path(uplink.name());
                final UplinkKind kind = uplink.kind();
                final String kindAt = at + "/" + kind.caseName();
                final Uplink other = byInterface.putIfAbsent(uplink.interfaceName(), uplink);
                if (other != null) {
                    error(kindAt + "/interface", "interface " + uplink.interfaceName() + " is already the uplink "
                        + other.name() + "'s: one uplink per interface");
                }
                switch (kind) {
                    case Pppoe pppoe -> checkPppoe(kindAt, pppoe);
                    case MapE mapE -> checkMapE(uplink, kindAt, mapE);
                    default -> checkOwnInterface(uplink, kindAt);
                }
            }
        }

        private void checkPppoe(final String at, final Pppoe pppoe) {
            final Interface parent = resolution.interfaces.get(pppoe.parent());
            if (parent == null) {
                error(at + "/parent", "no interface " + pppoe.parent() + " in this router's intent");
            } else if (parent.kind() == Interface.Kind.VEB) {
                error(at + "/parent", "PPPoE runs on an Ethernet interface, not on the bridge " + parent.name());
            } else if (parent.mtu() != null && pppoe.mtu() > 1492 && parent.mtu() < pppoe.mtu() + 8) {
                error(at + "/mtu", "a PPPoE MTU of " + pppoe.mtu() + " needs the parent's MTU at least "
                    + (pppoe.mtu() + 8) + " (RFC 4638); " + parent.name() + " has " + parent.mtu());
            }
            if (pppoe.secret() == null) {
                error(at + "/secret", "missing: hostname." + pppoe.iface() + " needs the PPPoE secret");
            }
        }

        private void checkMapE(final Uplink uplink, final String at, final MapE mapE) {
            final Interface wan = resolution.interfaces.get(mapE.wanInterface());
            if (wan == null) {
                error(at + "/wan-interface", "no interface " + mapE.wanInterface() + " in this router's intent");
            } else if (wan.kind() == Interface.Kind.VEB) {
                error(at + "/wan-interface", "the CE address goes on an interface with an address, not on the bridge "
                    + wan.name());
            }
            try {
                final MapEParameters params = new MapEParameters(mapE.delegatedPrefix(), mapE.ruleIpv6Prefix(),
                    mapE.ruleIpv4Prefix(), mapE.eaBitsLength(), mapE.psidOffset(), layout(mapE.ceLayout()));
                resolution.mapE.put(uplink.name(), MapECalculator.compute(params));
            } catch (MapEException e) {
                error(at + "/" + mapEPath(e.parameter()), e.detail());
            }
        }

        private void checkOwnInterface(final Uplink uplink, final String at) {
            final Interface iface = resolution.interfaces.get(uplink.interfaceName());
            if (iface == null) {
                error(at + "/interface", "no interface " + uplink.interfaceName() + " in this router's intent");
            } else if (iface.rdomain() != uplink.rdomain()) {
                error(Uplink.path(uplink.name()) + "/rdomain", "the uplink is in rdomain " + uplink.rdomain()
                    + " but its interface " + iface.name() + " is in rdomain " + iface.rdomain());
            } else if (iface.kind() == Interface.Kind.VEB) {
                error(at + "/interface", "an uplink needs an interface with an address, not the bridge "
                    + iface.name());
            }
        }

        private void checkRdomains() {
            for (Rdomain rdomain : resolution.intent.rdomains()) {
                final String at = Rdomain.path(rdomain.id());
                if (rdomain.loopbackAddress() != null) {
                    if (rdomain.id() == 0) {
                        error(at + "/loopback-address", "lo0 is configured by netstart itself; only an rdomain"
                            + " above 0 gets a loopback address here");
                    } else if (resolution.interfaces.containsKey("lo" + rdomain.id())) {
                        error(at + "/loopback-address", "interface lo" + rdomain.id()
                            + " is also listed; keep one of them");
                    }
                }
                if (rdomain.defaultRouteVia() != null) {
                    final Uplink uplink = resolution.uplinks.get(rdomain.defaultRouteVia());
                    if (uplink == null) {
                        error(at + "/default-route-via", "no uplink " + rdomain.defaultRouteVia());
                    } else if (uplink.rdomain() != rdomain.id()) {
                        error(at + "/default-route-via", "the uplink " + uplink.name() + " is in rdomain "
                            + uplink.rdomain() + ", not in rdomain " + rdomain.id());
                    } else {
                        resolution.defaultRoutes.put(rdomain.id(), uplink);
                    }
                }
                for (StaticRoute route : rdomain.staticRoutes()) {
                    checkStaticRoute(rdomain, at + "/" + StaticRoute.path(route.destination()), route);
                }
            }
        }

        private void checkStaticRoute(final Rdomain rdomain, final String at, final StaticRoute route) {
            switch (route.nextHop()) {
                case StaticRoute.ViaInterface via -> {
                    final Interface iface = resolution.interfaces.get(via.iface());
                    if (iface == null) {
                        error(at + "/interface", "no interface " + via.iface() + " in this router's intent");
                    } else if (iface.rdomain() != rdomain.id()) {
                        error(at + "/interface", "interface " + via.iface() + " is in rdomain " + iface.rdomain());
                    } else if (RouteLines.ownAddress(iface, Syntax.isV6(route.destination())) == null) {
                        error(at + "/interface", "interface " + via.iface() + " has no address of the destination's"
                            + " family to route through");
                    }
                }
                case StaticRoute.ViaGateway via -> {
                    if (RouteLines.gatewayInterface(resolution, rdomain.id(), via.address()) == null) {
                        error(at + "/gateway", "no interface in rdomain " + rdomain.id()
                            + " has a network that holds " + via.address());
                    }
                }
            }
        }

        private void checkInterfaces() {
            final Map<String, String> bridgeOf = new HashMap<>();
            for (Interface iface : resolution.intent.interfaces()) {
                final String at = Interface.path(iface.name());
                for (String member : iface.members()) {
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
                    error(at + "/name", "lo0 is configured by netstart itself");
                }
            }
        }

        private void checkPolicyRoutes() {
            // policy routes are in sequence order: a duplicate sequence follows the route it repeats
            PolicyRoute previous = null;
            for (PolicyRoute route : resolution.shared.policyRoutes()) {
                if (previous != null && previous.sequence() == route.sequence()) {
                    error(routePath(route, "sequence"), "sequence " + route.sequence() + " is also the policy route "
                        + previous.name() + "'s");
                }
                previous = route;
                if (!resolution.interfaces.containsKey(route.ingressInterface())) {
                    error(routePath(route, "ingress-interface"), "no interface " + route.ingressInterface()
                        + " in this router's intent");
                }
                // instanceof rather than pattern switches in the per-route checks: see PfRenderer
                if (route.via() instanceof Via.ViaUplink via) {
                    if (!resolution.uplinks.containsKey(via.uplink())) {
                        error(routePath(route, "via-uplink"), "no uplink " + via.uplink());
                    }
                } else if (route.via() instanceof Via.ViaRdomain via
                        && !resolution.existingRdomains.contains(via.rdomain())) {
                    error(routePath(route, "via-rdomain"), "rdomain " + via.rdomain()
                        + " holds no interface or uplink");
                }
                final Protocol protocol = route.protocol();
                if (protocol == Protocol.ICMP && route.family() == Family.INET6
                        || protocol == Protocol.ICMP6 && route.family() == Family.INET) {
                    error(routePath(route, "protocol"), protocol.keyword() + " does not go with family "
                        + route.family().keyword());
                }
                checkEndpoint(route, "source", route.source());
                checkEndpoint(route, "destination", route.destination());
            }
        }

        /** A policy route's element path, built only when there is an error to report. */
        private static String routePath(final PolicyRoute route, final String leaf) {
            return PolicyRoute.path(route.name()) + "/" + leaf;
        }

        private void checkEndpoint(final PolicyRoute route, final String side, final Endpoint endpoint) {
            if (!endpoint.ports().isEmpty() && (route.protocol() == null || !route.protocol().hasPorts())) {
                error(routePath(route, side + "/port"), "ports need protocol tcp or udp");
            }
            final Endpoint.Match match = endpoint.match();
            if (match instanceof Endpoint.TableRef table) {
                if (!resolution.hasTable(table.table())) {
                    error(routePath(route, side + "/table"), "no table " + table.table());
                }
            } else if (match instanceof Endpoint.InterfaceNetwork network) {
                if (!resolution.interfaceNetworks.contains(network.value())) {
                    error(routePath(route, side + "/interface-network"), "no interface "
                        + network.interfaceName() + " in this router's intent");
                }
            } else if (match instanceof Endpoint.HostGroupRef group) {
                if (!resolution.hostGroups.containsKey(group.hostGroup())) {
                    error(routePath(route, side + "/host-group"), "no host group " + group.hostGroup());
                } else if (endpoint.negate()) {
                    error(routePath(route, side + "/negate"), "pf cannot negate a host group (a list); use a table");
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

        private void checkInterfaceNetwork(final String at, final String iface) {
            if (!resolution.interfaces.containsKey(iface) && !resolution.uplinkByInterface.containsKey(iface)) {
                error(at, "no interface " + iface + " in this router's intent");
            }
        }

        private void checkNat() {
            for (NatRule rule : resolution.shared.nat()) {
                final String at = NatRule.path(rule.uplink());
                if (!resolution.uplinks.containsKey(rule.uplink())) {
                    error(at + "/uplink", "no uplink " + rule.uplink());
                }
                for (String source : rule.sources()) {
                    if (Syntax.isInterfaceNetwork(source)) {
                        checkInterfaceNetwork(at + "/source", source.substring(0, source.indexOf(':')));
                    }
                }
            }
        }

        private void checkInboundServices() {
            for (InboundService service : resolution.shared.inboundServices()) {
                if (!resolution.uplinks.containsKey(service.uplink())) {
                    error(InboundService.path(service.name()) + "/uplink", "no uplink " + service.uplink());
                }
            }
        }
    }

    static CeLayout layout(final MapE.CeLayout layout) {
        return switch (layout) {
            case RFC7597 -> CeLayout.RFC7597;
            case DRAFT03 -> CeLayout.DRAFT03;
        };
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

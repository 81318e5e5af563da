/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.render;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.opendaylight.openbsdpbr.api.intent.Dhcp;
import org.opendaylight.openbsdpbr.api.intent.DnsResolver;
import org.opendaylight.openbsdpbr.api.intent.InboundService;
import org.opendaylight.openbsdpbr.api.intent.Interface;
import org.opendaylight.openbsdpbr.api.intent.MapE;
import org.opendaylight.openbsdpbr.api.intent.NatRule;
import org.opendaylight.openbsdpbr.api.intent.PolicyRoute;
import org.opendaylight.openbsdpbr.api.intent.Pppoe;
import org.opendaylight.openbsdpbr.api.intent.Sshd;
import org.opendaylight.openbsdpbr.api.intent.Uplink;
import org.opendaylight.openbsdpbr.api.intent.Via;
import org.opendaylight.openbsdpbr.impl.mape.MapEResult;
import org.opendaylight.openbsdpbr.impl.mape.PortRange;
import org.opendaylight.openbsdpbr.impl.render.Lint.Severity;

/**
 * Lints of a valid effective intent. Codes:
 * <ul>
 *   <li>{@code rtable-ingress-uplink}: a policy route enters on an uplink's interface. pf applies {@code rtable} only
 *       to inbound traffic, so a policy route is meant for the LAN side; on an uplink it re-routes Internet traffic.
 *       (The model cannot put rtable on an outbound rule, where it would do nothing.)</li>
 *   <li>{@code no-default-route}: a policy route sends traffic to an rdomain whose table has no default route: it is
 *       dropped unless a static route matches.</li>
 *   <li>{@code rdomain-no-loopback}: unwind runs in, or sshd listens in, an rdomain above 0 without a loopback
 *       address: unwind cannot listen on 127.0.0.1 there, local clients in that rdomain cannot reach sshd.</li>
 *   <li>{@code unwind-serve-lan}: unwind only listens on localhost; LAN hosts cannot use it.</li>
 *   <li>{@code sshd-listener-no-rdomain} (error): sshd listens in an rdomain that holds no interface; sshd cannot
 *       bind there. {@code sshd-listener-no-route}: the rdomain has neither a default route nor an interface
 *       address, so nothing can reach the listener.</li>
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
    /** Routing domains whose table gets a default route. */
    private final Set<Integer> withDefaultRoute = new HashSet<>();
    /** The uplink each interface carries: its own, as PPPoE parent or as MAP-E WAN (the first one wins). */
    private final Map<String, String> uplinkOn = new HashMap<>();

    private Lints(final Resolution resolution, final List<Lint> lints) {
        this.resolution = resolution;
        this.lints = lints;
        // default-route-via, or dhcpleased on a DHCP uplink
        withDefaultRoute.addAll(resolution.defaultRoutes.keySet());
        for (Uplink uplink : resolution.intent.uplinks()) {
            if (uplink.kind() instanceof Dhcp) {
                withDefaultRoute.add(uplink.rdomain());
            }
            final String carrier = switch (uplink.kind()) {
                case Pppoe pppoe -> pppoe.parent();
                case MapE mapE -> mapE.wanInterface();
                default -> uplink.interfaceName();
            };
            uplinkOn.putIfAbsent(carrier, uplink.name());
        }
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
        return withDefaultRoute.contains(rdomain);
    }

    private void policyRoutes() {
        for (PolicyRoute route : resolution.shared.policyRoutes()) {
            final String uplink = uplinkOn.get(route.ingressInterface());
            if (uplink != null) {
                add(PolicyRoute.path(route.name()) + "/ingress-interface", "rtable-ingress-uplink", Severity.WARNING,
                    route.ingressInterface() + " carries the uplink " + uplink + ": rtable acts on traffic entering"
                    + " there, i.e. traffic from the Internet; a policy route belongs on the LAN side");
            }
            final int rtable;
            final String viaPath;
            // instanceof rather than a pattern switch in the per-route loop: see PfRenderer
            if (route.via() instanceof Via.ViaUplink via) {
                rtable = resolution.uplinks.get(via.uplink()).rdomain();
                viaPath = "via-uplink";
            } else {
                rtable = ((Via.ViaRdomain) route.via()).rdomain();
                viaPath = "via-rdomain";
            }
            if (!hasDefaultRoute(rtable)) {
                add(PolicyRoute.path(route.name()) + "/" + viaPath, "no-default-route", Severity.WARNING,
                    "rdomain " + rtable + " has no default route (no default-route-via): this traffic is dropped");
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
            if (!resolution.existingRdomains.contains(rdomain)) {
                add(listen.path(), "sshd-listener-no-rdomain", Severity.ERROR, "rdomain " + rdomain
                    + " holds no interface: sshd cannot listen there");
                continue;
            }
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
            if (uplink.kind() instanceof Dhcp && resolution.defaultRoutes.get(uplink.rdomain()) != uplink) {
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

/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.render;

import java.util.List;
import org.opendaylight.openbsdpbr.api.intent.DnsResolver;
import org.opendaylight.openbsdpbr.api.intent.Endpoint;
import org.opendaylight.openbsdpbr.api.intent.Family;
import org.opendaylight.openbsdpbr.api.intent.HostGroup;
import org.opendaylight.openbsdpbr.api.intent.InboundService;
import org.opendaylight.openbsdpbr.api.intent.Interface;
import org.opendaylight.openbsdpbr.api.intent.Interface.Kind;
import org.opendaylight.openbsdpbr.api.intent.MapE;
import org.opendaylight.openbsdpbr.api.intent.NatRule;
import org.opendaylight.openbsdpbr.api.intent.PfTable;
import org.opendaylight.openbsdpbr.api.intent.PolicyRoute;
import org.opendaylight.openbsdpbr.api.intent.Pppoe;
import org.opendaylight.openbsdpbr.api.intent.Rdomain;
import org.opendaylight.openbsdpbr.api.intent.RouterIntent;
import org.opendaylight.openbsdpbr.api.intent.Secret;
import org.opendaylight.openbsdpbr.api.intent.SharedIntent;
import org.opendaylight.openbsdpbr.api.intent.Sshd;
import org.opendaylight.openbsdpbr.api.intent.Uplink;
import org.opendaylight.openbsdpbr.api.intent.Via;

/**
 * The intents of the golden cases, built in Java. {@link #seedRouter()} equals {@code examples/seed-router/intent.json}
 * (RESTCONF) value for value.
 */
final class GoldenFixtures {
    private GoldenFixtures() {
        // fixtures
    }

    static Interface iface(final String name, final Kind kind, final String description, final int rdomain,
            final List<String> ipv4, final List<String> members) {
        return new Interface(name, kind, description, rdomain, ipv4, List.of(), null, members, true);
    }

    static PolicyRoute route(final String name, final long sequence, final String description, final String ingress,
            final Endpoint source, final Endpoint destination, final Via via) {
        return new PolicyRoute(name, sequence, description, ingress, Family.INET, null, source, destination, via);
    }

    /** The seed router (shared/seed, examples/seed-router/intent.json). */
    static RouterIntent seedRouter() {
        final List<Rdomain> rdomains = List.of(
            new Rdomain(0, "IPoE (MAP-E) and the LAN", null, "ipoe", List.of()),
            new Rdomain(1, "PPPoE", "127.0.0.1/8", "pppoe", List.of()));
        final List<Interface> interfaces = List.of(
            iface("em0", Kind.PHYSICAL, "ONU: PPPoE and IPv6 (IPoE)", 0, List.of(), List.of()),
            iface("em1", Kind.PHYSICAL, "LAN port", 0, List.of(), List.of()),
            iface("em2", Kind.PHYSICAL, "LAN port", 0, List.of(), List.of()),
            iface("veb0", Kind.VEB, "LAN bridge", 0, List.of(), List.of("em1", "em2", "vport0")),
            iface("vport0", Kind.VPORT, "the router on the LAN", 0, List.of("192.168.1.1/24"), List.of()));
        final List<Uplink> uplinks = List.of(
            new Uplink("pppoe", "IPv4 PPPoE: slower, every port", 1, null,
                new Pppoe("pppoe0", "em0", Pppoe.AuthProtocol.CHAP, "username", new Secret("secret"), 1454, false)),
            new Uplink("ipoe", "IPv4 over IPoE (MAP-E, v6plus): faster, 240 ports", 0, null,
                new MapE("gif0", "em0", "240b:10:af40:3c00::/56", "2404:9200:225:100::64", "240b:10::/31",
                    "106.72.0.0/15", 25, 4, MapE.CeLayout.DRAFT03, MapE.NatMode.PORT_BLOCKS, 1460)));
        final List<PfTable> tables = List.of(
            new PfTable("via_pppoe", "destinations that leave through PPPoE", true, false,
                List.of("8.8.8.8/32", "1.0.0.1/32")),
            new PfTable("martians", "special-purpose ranges (RFC 6890) never routed to the Internet", true, false,
                List.of("0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
                    "192.0.0.0/24", "192.0.2.0/24", "192.88.99.0/24", "192.168.0.0/16", "198.18.0.0/15",
                    "198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/3")));
        final List<HostGroup> hostGroups = List.of(new HostGroup("pppoe_hosts",
            "LAN hosts whose traffic leaves through PPPoE", List.of("192.168.1.20", "192.168.1.21")));
        final List<PolicyRoute> routes = List.of(
            route("to-via-pppoe", 10, "packets to specific hosts route via rtable 1", "vport0",
                Endpoint.of(new Endpoint.InterfaceNetwork("vport0:network")),
                Endpoint.of(new Endpoint.TableRef("via_pppoe")), new Via.ViaUplink("pppoe")),
            route("from-pppoe-hosts", 20, "packets from specific hosts route via rtable 1", "vport0",
                Endpoint.of(new Endpoint.HostGroupRef("pppoe_hosts")),
                new Endpoint(new Endpoint.TableRef("martians"), true, List.of()), new Via.ViaUplink("pppoe")));
        final List<NatRule> nat = List.of(
            new NatRule("pppoe", List.of("vport0:network")),
            new NatRule("ipoe", List.of("vport0:network")));
        final List<InboundService> services = List.of(
            new InboundService("ssh-via-pppoe", "pppoe", null, 22, List.of()));
        final DnsResolver resolver = new DnsResolver(1, List.of("8.8.8.8", "1.1.1.1"), false);
        final Sshd sshd = new Sshd(List.of(new Sshd.Listen("0.0.0.0", 0), new Sshd.Listen("0.0.0.0", 1),
            new Sshd.Listen("::", 0)), Sshd.DEFAULT_PORT, false, null);
        return new RouterIntent("seed-router", "7.8", rdomains, interfaces, uplinks,
            new SharedIntent(tables, hostGroups, routes, nat, services, resolver, sshd));
    }
}

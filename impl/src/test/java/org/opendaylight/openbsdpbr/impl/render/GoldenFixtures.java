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
import org.opendaylight.openbsdpbr.api.intent.Interface.Kind;
import org.opendaylight.openbsdpbr.api.intent.Ipv6Uplink;
import org.opendaylight.openbsdpbr.api.intent.MapE;
import org.opendaylight.openbsdpbr.api.intent.NatRule;
import org.opendaylight.openbsdpbr.api.intent.PfTable;
import org.opendaylight.openbsdpbr.api.intent.PolicyRoute;
import org.opendaylight.openbsdpbr.api.intent.Pppoe;
import org.opendaylight.openbsdpbr.api.intent.Protocol;
import org.opendaylight.openbsdpbr.api.intent.Rdomain;
import org.opendaylight.openbsdpbr.api.intent.RouterAdvertisement;
import org.opendaylight.openbsdpbr.api.intent.RouterIntent;
import org.opendaylight.openbsdpbr.api.intent.Secret;
import org.opendaylight.openbsdpbr.api.intent.SharedIntent;
import org.opendaylight.openbsdpbr.api.intent.Sshd;
import org.opendaylight.openbsdpbr.api.intent.StaticRoute;
import org.opendaylight.openbsdpbr.api.intent.StaticUplink;
import org.opendaylight.openbsdpbr.api.intent.Uplink;
import org.opendaylight.openbsdpbr.api.intent.Via;

/**
 * The intents of the golden cases, built in Java. {@link #seedRouter()} equals {@code examples/seed-router/intent.json}
 * (RESTCONF) value for value.
 */
public final class GoldenFixtures {
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
    public static RouterIntent seedRouter() {
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

    /** PPPoE in rdomain 0 with IPv6, PAP and a 1500-byte MTU (RFC 4638); NAT to the built-in martians. */
    static RouterIntent pppoeIpv6Rfc4638() {
        return new RouterIntent("pppoe-only", null, List.of(new Rdomain(0, null, null, "isp", List.of())),
            List.of(Interface.physical("em0"), iface("em1", Kind.PHYSICAL, null, 0, List.of("192.168.10.1/24"),
                List.of())),
            List.of(new Uplink("isp", null, 0, null, new Pppoe("pppoe0", "em0", Pppoe.AuthProtocol.PAP,
                "user@isp.example", new Secret("pa$$w0rd!"), 1500, true))),
            new SharedIntent(null, null, null, List.of(new NatRule("isp", List.of("em1:network"))), null, null,
                null));
    }

    /** MAP-E with RFC 7597 Appendix A's example 1, patched-kernel NAT, inbound services in and outside the set. */
    static RouterIntent mapEPortset() {
        return new RouterIntent("map-e-portset", "7.8", List.of(new Rdomain(0, null, null, "ipoe", List.of())),
            List.of(new Interface("em0", Kind.PHYSICAL, null, 0, null, List.of("2001:db8:0:1::2/64"), null, null,
                true)),
            List.of(new Uplink("ipoe", null, 0, null, new MapE("gif0", "em0", "2001:db8:12:3400::/56",
                "2001:db8:ffff::1", "2001:db8::/40", "192.0.2.0/24", 16, 6, MapE.CeLayout.RFC7597,
                MapE.NatMode.MAP_E_PORTSET, 1460))),
            new SharedIntent(null, null, null, null, List.of(
                new InboundService("ssh-mapped", "ipoe", null, 1232, List.of("198.51.100.0/24", "203.0.113.7")),
                new InboundService("ssh-legacy", "ipoe", null, 22, null)), null,
                new Sshd(List.of(new Sshd.Listen("0.0.0.0", 0)), 2222, true, Sshd.PermitRootLogin.NO)));
    }

    /** DHCP and static uplinks, static routes, a disabled port, and an intent that earns most lints. */
    static RouterIntent branchDhcp() {
        final List<Rdomain> rdomains = List.of(
            new Rdomain(0, null, null, "cable", List.of(
                new StaticRoute("10.0.0.0/8", new StaticRoute.ViaGateway("192.168.1.254")),
                new StaticRoute("2001:db8:ff::/48", new StaticRoute.ViaInterface("em1")))),
            new Rdomain(2, "fiber", null, "fiber", List.of(
                new StaticRoute("198.18.0.0/15", new StaticRoute.ViaGateway("203.0.113.1")))));
        final List<Interface> interfaces = List.of(
            Interface.physical("em0"),
            new Interface("em1", Kind.PHYSICAL, "LAN", 0, List.of("192.168.1.1/24"), List.of("2001:db8:1::1/64"),
                9000, null, true),
            new Interface("em2", Kind.PHYSICAL,
                "spare port in the rack, patched to the old switch; keep it down until the new VLAN plan", 0, null,
                null, null, null, false),
            new Interface("em3", Kind.PHYSICAL, null, 2, null, null, null, null, true),
            new Interface("em4", Kind.PHYSICAL, null, 4, List.of("10.4.0.1/24"), null, null, null, true),
            new Interface("em5", Kind.PHYSICAL, null, 5, null, null, null, null, true));
        final List<Uplink> uplinks = List.of(
            new Uplink("cable", null, 0, null, new Dhcp("em0")),
            new Uplink("fiber", null, 2, null, new StaticUplink("em3", "203.0.113.2/30", "203.0.113.1")),
            new Uplink("lte", null, 5, null, new Dhcp("em5")));
        final List<PolicyRoute> routes = List.of(
            new PolicyRoute("web-via-fiber", 100, null, "em1", Family.INET, Protocol.TCP,
                Endpoint.of(new Endpoint.InterfaceNetwork("em1:network")),
                new Endpoint(Endpoint.Internet.INSTANCE, false, List.of(80, 443)), new Via.ViaRdomain(2)),
            new PolicyRoute("lab-via-rdomain4", 200, "lab hosts use the lab uplink", "em1", null, null,
                Endpoint.of(new Endpoint.Networks(List.of("192.168.1.128/25"))),
                new Endpoint(new Endpoint.Networks(List.of("10.0.0.0/8")), true, null), new Via.ViaRdomain(4)),
            new PolicyRoute("ping-via-fiber", 300, "any destination, on purpose", "em1", null, Protocol.ICMP, null,
                Endpoint.ANY, new Via.ViaUplink("fiber")));
        final List<NatRule> nat = List.of(
            new NatRule("cable", List.of("192.168.1.0/24", "10.4.0.0/24")),
            new NatRule("fiber", List.of("em1:network")));
        final List<InboundService> services = List.of(
            new InboundService("ssh-fiber", "fiber", Protocol.TCP, 22, List.of("198.51.100.10")),
            new InboundService("dns-lte", "lte", Protocol.UDP, 53, null));
        final Sshd sshd = new Sshd(List.of(new Sshd.Listen("::", 0), new Sshd.Listen("10.4.0.1", 4),
            new Sshd.Listen("0.0.0.0", 2), new Sshd.Listen("0.0.0.0", 0)), 22, false, null);
        return new RouterIntent("branch-dhcp", "7.8", rdomains, interfaces, uplinks, new SharedIntent(null, null,
            routes, nat, services, new DnsResolver(2, List.of("2001:4860:4860::8888", "9.9.9.9"), true), sshd));
    }

    /** One interface and nothing else: pf.conf keeps its options and the stock defaults. */
    static RouterIntent minimal() {
        return new RouterIntent("minimal", null, null,
            List.of(iface("em0", Kind.PHYSICAL, null, 0, List.of("192.0.2.10/24"), List.of())), null, null);
    }

    /** An assignment of a delegated prefix: an interface, or a reserve when {@code iface} is null. */
    static Ipv6Uplink.Assignment assign(final int slot, final String iface, final int length) {
        return new Ipv6Uplink.Assignment(slot, iface, length);
    }

    /**
     * The seed router with LAN IPv6 ({@code examples/seed-router-ipv6/intent.json}): the MAP-E uplink's delegated
     * /56 split by dhcp6leased on em0, its first /64 kept as a reserve (the CE address lies in it, on em0) and the
     * second for vport0; rad on vport0 announcing two public resolvers (unwind cannot serve the LAN).
     */
    static RouterIntent seedRouterIpv6() {
        final RouterIntent seed = seedRouter();
        final List<Interface> interfaces = seed.interfaces().stream().map(iface -> !"vport0".equals(iface.name())
            ? iface : new Interface(iface.name(), iface.kind(), iface.description(), iface.rdomain(),
                iface.ipv4Addresses(), iface.ipv6Addresses(), iface.mtu(), iface.members(), iface.enabled(),
                new RouterAdvertisement(List.of("2001:4860:4860::8888", "2001:4860:4860::8844")))).toList();
        final List<Uplink> uplinks = seed.uplinks().stream().map(uplink -> !"ipoe".equals(uplink.name()) ? uplink
            : new Uplink(uplink.name(), uplink.description(), uplink.rdomain(), uplink.mss(), uplink.kind(),
                new Ipv6Uplink(new Ipv6Uplink.PrefixDelegation(null, false,
                    List.of(assign(0, null, 64), assign(1, "vport0", 64)))))).toList();
        return new RouterIntent(seed.name(), seed.openbsdRelease(), seed.rdomains(), interfaces, uplinks,
            seed.shared());
    }

    /**
     * A DHCP uplink with native IPv6 (inet6 autoconf) delegating a /56 over two LANs with a reserve between them
     * and rapid commit: dhcp6leased.conf(5)'s own example of a gap (a /64, then a /60 on the next /60 boundary).
     */
    static RouterIntent ipv6SplitReserve() {
        return new RouterIntent("ipv6-split", "7.8", List.of(new Rdomain(0, null, null, "cable", List.of())),
            List.of(Interface.physical("em0"),
                new Interface("em1", Kind.PHYSICAL, "office", 0, List.of("192.168.1.1/24"), null, null, null, true,
                    new RouterAdvertisement(null)),
                new Interface("em2", Kind.PHYSICAL, "lab", 0, List.of("192.168.2.1/24"), null, null, null, true,
                    new RouterAdvertisement(null))),
            List.of(new Uplink("cable", null, 0, null, new Dhcp("em0"),
                new Ipv6Uplink(new Ipv6Uplink.PrefixDelegation("2001:db8:aa00::/56", true,
                    List.of(assign(0, "em1", 64), assign(1, null, 64), assign(2, "em2", 60)))))),
            new SharedIntent(null, null, null, List.of(new NatRule("cable", List.of("em1:network", "em2:network"))),
                null, null, null));
    }

    /** PPPoE with IPv6 where the ISP delegates a /48 there, one LAN, a LAN resolver announced. */
    static RouterIntent ipv6PppoePd() {
        return new RouterIntent("ipv6-pppoe", null, List.of(new Rdomain(0, null, null, "isp", List.of())),
            List.of(Interface.physical("em0"),
                new Interface("em1", Kind.PHYSICAL, null, 0, List.of("192.168.10.1/24"), null, null, null, true,
                    new RouterAdvertisement(List.of("2001:db8:4400::53")))),
            List.of(new Uplink("isp", null, 0, null, new Pppoe("pppoe0", "em0", Pppoe.AuthProtocol.CHAP,
                "user@isp.example", new Secret("secret"), 1454, true),
                new Ipv6Uplink(new Ipv6Uplink.PrefixDelegation("2001:db8:4400::/48", false,
                    List.of(assign(0, "em1", 64)))))),
            new SharedIntent(null, null, null, List.of(new NatRule("isp", List.of("em1:network"))), null, null,
                null));
    }

    /** Two LANs with unique local addresses only (RFC 4193): rad announces them, the router routes between them. */
    static RouterIntent ipv6Ula() {
        return new RouterIntent("ipv6-ula", null, List.of(new Rdomain(0, null, null, "cable", List.of())),
            List.of(Interface.physical("em0"),
                new Interface("em1", Kind.PHYSICAL, null, 0, List.of("192.168.1.1/24"),
                    List.of("fd12:3456:789a:1::1/64"), null, null, true,
                    new RouterAdvertisement(List.of("fd12:3456:789a:2::53"))),
                new Interface("em2", Kind.PHYSICAL, null, 0, List.of("192.168.2.1/24"),
                    List.of("fd12:3456:789a:2::1/64"), null, null, true, new RouterAdvertisement(null))),
            List.of(new Uplink("cable", null, 0, null, new Dhcp("em0"))),
            new SharedIntent(null, null, null, List.of(new NatRule("cable", List.of("em1:network", "em2:network"))),
                null, null, null));
    }
}

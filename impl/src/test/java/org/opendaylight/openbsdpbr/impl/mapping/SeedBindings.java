/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.mapping;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.IetfInetUtil;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.Ipv4AddressNoZone;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.Ipv4Prefix;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.Ipv6AddressNoZone;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.Ipv6Prefix;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.endpoint.match.InterfaceNetworkBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.profiles.Profile;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.profiles.ProfileBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.router.intent.Interface;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.router.intent.InterfaceBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.router.intent.RdomainBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.router.intent.Uplink;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.router.intent.UplinkBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.router.intent.uplink.type.MapEBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.router.intent.uplink.type.PppoeBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.router.intent.uplink.type.map.e.MapE;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.router.intent.uplink.type.map.e.map.e.RuleBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.router.intent.uplink.type.pppoe.Pppoe;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.routers.Router;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.routers.RouterBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.routers.router.Intent;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.routers.router.IntentBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.shared.intent.DnsResolver;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.shared.intent.DnsResolverBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.shared.intent.HostGroupBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.shared.intent.InboundService;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.shared.intent.InboundServiceBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.shared.intent.NatBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.shared.intent.PolicyRouteBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.shared.intent.Sshd;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.shared.intent.SshdBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.shared.intent.TableBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.shared.intent.policy.route.DestinationBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.shared.intent.policy.route.SourceBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.shared.intent.policy.route.action.ViaUplinkBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.shared.intent.sshd.ListenBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.types.rev261124.AddressFamily;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.types.rev261124.DescriptionText;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.types.rev261124.InterfaceName;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.types.rev261124.InterfaceNetwork;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.types.rev261124.NatSource;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.types.rev261124.NetworkOrAddress;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.types.rev261124.ObjectName;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.types.rev261124.OpenbsdRelease;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.types.rev261124.PfName;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.types.rev261124.PortNumber;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.types.rev261124.PppoeSecret;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.types.rev261124.PppoeUsername;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.types.rev261124.RdomainId;
import org.opendaylight.yangtools.binding.util.BindingMap;
import org.opendaylight.yangtools.yang.common.Uint16;
import org.opendaylight.yangtools.yang.common.Uint32;
import org.opendaylight.yangtools.yang.common.Uint8;

/**
 * The seed router ({@code examples/seed-router/intent.json}) built with the generated Builders, value for value, so
 * that mapping it must give the render tests' {@code GoldenFixtures.seedRouter()}.
 */
public final class SeedBindings {
    private SeedBindings() {
        // fixtures
    }

    public static ObjectName name(final String value) {
        return new ObjectName(value);
    }

    static DescriptionText text(final String value) {
        return new DescriptionText(value);
    }

    static InterfaceName ifname(final String value) {
        return new InterfaceName(value);
    }

    static RdomainId rdomain(final int id) {
        return new RdomainId(Uint8.valueOf(id));
    }

    /** A network-or-address union value from its text. */
    static NetworkOrAddress net(final String value) {
        if (value.contains("/")) {
            return value.contains(":") ? new NetworkOrAddress(new Ipv6Prefix(value))
                : new NetworkOrAddress(new Ipv4Prefix(value));
        }
        return value.contains(":") ? new NetworkOrAddress(new Ipv6AddressNoZone(value))
            : new NetworkOrAddress(new Ipv4AddressNoZone(value));
    }

    static Set<NetworkOrAddress> nets(final String... values) {
        final Set<NetworkOrAddress> result = new LinkedHashSet<>();
        for (String value : values) {
            result.add(net(value));
        }
        return result;
    }

    /** Values of an ordered-by user leaf-list (table entries, host-group addresses), in the order given. */
    static List<NetworkOrAddress> netList(final String... values) {
        return List.copyOf(nets(values));
    }

    /** A leaf-list's values in the order given (Set.of has no order). */
    @SafeVarargs
    static <T> Set<T> ordered(final T... values) {
        return new LinkedHashSet<>(List.of(values));
    }

    static Interface iface(final String name, final Interface.Kind kind, final String description) {
        return new InterfaceBuilder().setName(ifname(name)).setKind(kind).setDescription(text(description)).build();
    }

    public static Uplink pppoeUplink() {
        return new UplinkBuilder().setName(name("pppoe")).setDescription(text("IPv4 PPPoE: slower, every port"))
            .setRdomain(rdomain(1))
            .setType(new PppoeBuilder().setPppoe(new org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124
                .router.intent.uplink.type.pppoe.PppoeBuilder()
                .setInterface(ifname("pppoe0")).setParent(ifname("em0")).setAuthProtocol(Pppoe.AuthProtocol.Chap)
                .setUsername(new PppoeUsername("username")).setSecret(new PppoeSecret("secret"))
                .setMtu(Uint16.valueOf(1454)).build()).build())
            .build();
    }

    public static Uplink mapEUplink() {
        return new UplinkBuilder().setName(name("ipoe"))
            .setDescription(text("IPv4 over IPoE (MAP-E, v6plus): faster, 240 ports")).setRdomain(rdomain(0))
            .setType(new MapEBuilder().setMapE(new org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124
                .router.intent.uplink.type.map.e.MapEBuilder()
                .setInterface(ifname("gif0")).setWanInterface(ifname("em0"))
                .setDelegatedPrefix(new Ipv6Prefix("240b:10:af40:3c00::/56"))
                .setBrAddress(new Ipv6AddressNoZone("2404:9200:225:100::64"))
                .setRule(new RuleBuilder().setIpv6Prefix(new Ipv6Prefix("240b:10::/31"))
                    .setIpv4Prefix(new Ipv4Prefix("106.72.0.0/15")).setEaBitsLength(Uint8.valueOf(25))
                    .setPsidOffset(Uint8.valueOf(4)).build())
                .setCeLayout(MapE.CeLayout.Draft03).setNatMode(MapE.NatMode.PortBlocks).setMtu(Uint16.valueOf(1460))
                .build()).build())
            .build();
    }

    static IntentBuilder sharedInto(final IntentBuilder builder) {
        return builder
            .setTable(BindingMap.of(
                new TableBuilder().setName(new PfName("via_pppoe"))
                    .setDescription(text("destinations that leave through PPPoE")).setConst(true)
                    .setEntry(netList("8.8.8.8/32", "1.0.0.1/32")).build(),
                new TableBuilder().setName(new PfName("martians"))
                    .setDescription(text("special-purpose ranges (RFC 6890) never routed to the Internet"))
                    .setConst(true).setEntry(netList("0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8",
                        "169.254.0.0/16", "172.16.0.0/12", "192.0.0.0/24", "192.0.2.0/24", "192.88.99.0/24",
                        "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/3"))
                    .build()))
            .setHostGroup(BindingMap.of(new HostGroupBuilder().setName(new PfName("pppoe_hosts"))
                .setDescription(text("LAN hosts whose traffic leaves through PPPoE"))
                .setAddress(netList("192.168.1.20", "192.168.1.21")).build()))
            .setPolicyRoute(BindingMap.of(
                new PolicyRouteBuilder().setName(name("to-via-pppoe")).setSequence(Uint32.valueOf(10))
                    .setDescription(text("packets to specific hosts route via rtable 1"))
                    .setIngressInterface(ifname("vport0")).setFamily(AddressFamily.Inet)
                    .setSource(new SourceBuilder().setMatch(new InterfaceNetworkBuilder()
                        .setInterfaceNetwork(new InterfaceNetwork("vport0:network")).build()).build())
                    .setDestination(new DestinationBuilder().setMatch(new org.opendaylight.yang.gen.v1.urn.opendaylight
                        .openbsd.pbr.rev261124.endpoint.match.TableBuilder().setTable(new PfName("via_pppoe")).build())
                        .build())
                    .setAction(new ViaUplinkBuilder().setViaUplink(name("pppoe")).build()).build(),
                new PolicyRouteBuilder().setName(name("from-pppoe-hosts")).setSequence(Uint32.valueOf(20))
                    .setDescription(text("packets from specific hosts route via rtable 1"))
                    .setIngressInterface(ifname("vport0")).setFamily(AddressFamily.Inet)
                    .setSource(new SourceBuilder().setMatch(new org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd
                        .pbr.rev261124.endpoint.match.HostGroupBuilder().setHostGroup(new PfName("pppoe_hosts"))
                        .build()).build())
                    .setDestination(new DestinationBuilder().setMatch(new org.opendaylight.yang.gen.v1.urn.opendaylight
                        .openbsd.pbr.rev261124.endpoint.match.TableBuilder().setTable(new PfName("martians")).build())
                        .setNegate(true).build())
                    .setAction(new ViaUplinkBuilder().setViaUplink(name("pppoe")).build()).build()))
            .setNat(BindingMap.of(
                new NatBuilder().setUplink(name("pppoe"))
                    .setSource(Set.of(new NatSource(new InterfaceNetwork("vport0:network")))).build(),
                new NatBuilder().setUplink(name("ipoe"))
                    .setSource(Set.of(new NatSource(new InterfaceNetwork("vport0:network")))).build()))
            .setInboundService(BindingMap.of(inboundSsh()))
            .setDnsResolver(dnsResolver())
            .setSshd(sshd());
    }

    static InboundService inboundSsh() {
        return new InboundServiceBuilder().setName(name("ssh-via-pppoe")).setUplink(name("pppoe"))
            .setProtocol(InboundService.Protocol.Tcp).setPort(new PortNumber(Uint16.valueOf(22))).build();
    }

    static DnsResolver dnsResolver() {
        return new DnsResolverBuilder().setRtable(rdomain(1))
            .setForwarder(List.of(IetfInetUtil.ipAddressNoZoneFor("8.8.8.8"),
                IetfInetUtil.ipAddressNoZoneFor("1.1.1.1")))
            .build();
    }

    static Sshd sshd() {
        return new SshdBuilder().setListen(BindingMap.of(
            new ListenBuilder().setAddress(IetfInetUtil.ipAddressNoZoneFor("0.0.0.0")).setRdomain(rdomain(0)).build(),
            new ListenBuilder().setAddress(IetfInetUtil.ipAddressNoZoneFor("0.0.0.0")).setRdomain(rdomain(1)).build(),
            new ListenBuilder().setAddress(IetfInetUtil.ipAddressNoZoneFor("::")).setRdomain(rdomain(0)).build()))
            .build();
    }

    /** The router-only parts of the seed's intent (rdomains, interfaces, uplinks). */
    static IntentBuilder routerPartsInto(final IntentBuilder builder) {
        return builder
            .setRdomain(BindingMap.of(
                new RdomainBuilder().setId(rdomain(0)).setDescription(text("IPoE (MAP-E) and the LAN"))
                    .setDefaultRouteVia(name("ipoe")).build(),
                new RdomainBuilder().setId(rdomain(1)).setDescription(text("PPPoE"))
                    .setLoopbackAddress(new Ipv4Prefix("127.0.0.1/8")).setDefaultRouteVia(name("pppoe")).build()))
            .setInterface(BindingMap.of(
                iface("em0", Interface.Kind.Physical, "ONU: PPPoE and IPv6 (IPoE)"),
                iface("em1", Interface.Kind.Physical, "LAN port"),
                iface("em2", Interface.Kind.Physical, "LAN port"),
                new InterfaceBuilder(iface("veb0", Interface.Kind.Veb, "LAN bridge"))
                    .setMember(ordered(ifname("em1"), ifname("em2"), ifname("vport0"))).build(),
                new InterfaceBuilder(iface("vport0", Interface.Kind.Vport, "the router on the LAN"))
                    .setIpv4Address(List.of(new Ipv4Prefix("192.168.1.1/24"))).build()))
            .setUplink(BindingMap.of(pppoeUplink(), mapEUplink()));
    }

    /** The seed router with its whole intent in its own intent container. */
    public static Router seedRouter() {
        final Intent intent = sharedInto(routerPartsInto(new IntentBuilder())).build();
        return new RouterBuilder().setName(name("seed-router"))
            .setDescription(text("The seed router: PPPoE in rdomain 1, MAP-E in rdomain 0, pf policy routing"))
            .setOpenbsdRelease(new OpenbsdRelease("7.8")).setIntent(intent).build();
    }

    /** The seed's shared pieces as a profile. */
    public static Profile seedProfile(final String name) {
        final Intent shared = sharedInto(new IntentBuilder()).build();
        return new ProfileBuilder().setName(name(name)).setDescription(text("shared pieces of the seed"))
            .setTable(shared.getTable()).setHostGroup(shared.getHostGroup()).setPolicyRoute(shared.getPolicyRoute())
            .setNat(shared.getNat()).setInboundService(shared.getInboundService())
            .setDnsResolver(shared.getDnsResolver()).setSshd(shared.getSshd()).build();
    }

    /** The seed router with only its router-only parts, listing {@code profiles}. */
    public static Router seedRouterWithProfiles(final String... profiles) {
        final Intent intent = routerPartsInto(new IntentBuilder()).build();
        return new RouterBuilder().setName(name("seed-router")).setIntent(intent)
            .setProfile(Arrays.stream(profiles).map(SeedBindings::name).toList()).build();
    }
}

/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.opendaylight.openbsdpbr.impl.mapping.SeedBindings.ifname;
import static org.opendaylight.openbsdpbr.impl.mapping.SeedBindings.name;
import static org.opendaylight.openbsdpbr.impl.mapping.SeedBindings.netList;
import static org.opendaylight.openbsdpbr.impl.mapping.SeedBindings.rdomain;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.opendaylight.openbsdpbr.api.files.ManagedFile;
import org.opendaylight.openbsdpbr.api.intent.DnsResolver;
import org.opendaylight.openbsdpbr.api.intent.Endpoint;
import org.opendaylight.openbsdpbr.api.intent.Family;
import org.opendaylight.openbsdpbr.api.intent.InboundService;
import org.opendaylight.openbsdpbr.api.intent.IntentException;
import org.opendaylight.openbsdpbr.api.intent.MapE;
import org.opendaylight.openbsdpbr.api.intent.PfTable;
import org.opendaylight.openbsdpbr.api.intent.PolicyRoute;
import org.opendaylight.openbsdpbr.api.intent.Pppoe;
import org.opendaylight.openbsdpbr.api.intent.Profile;
import org.opendaylight.openbsdpbr.api.intent.Protocol;
import org.opendaylight.openbsdpbr.api.intent.RouterIntent;
import org.opendaylight.openbsdpbr.api.intent.SharedIntent;
import org.opendaylight.openbsdpbr.api.intent.Sshd;
import org.opendaylight.openbsdpbr.api.intent.StaticRoute;
import org.opendaylight.openbsdpbr.api.intent.Uplink;
import org.opendaylight.openbsdpbr.api.intent.Via;
import org.opendaylight.openbsdpbr.impl.render.GoldenListing;
import org.opendaylight.openbsdpbr.impl.render.IntentMerger;
import org.opendaylight.openbsdpbr.impl.render.Lint;
import org.opendaylight.openbsdpbr.impl.render.RenderResult;
import org.opendaylight.openbsdpbr.impl.render.Renderer;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.IetfInetUtil;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.Ipv4Prefix;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.Ipv6AddressNoZone;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.Ipv6Prefix;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.endpoint.match.AnyBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.endpoint.match.InternetBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.endpoint.match.NetworkBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.profiles.ProfileBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.router.intent.InterfaceBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.router.intent.RdomainBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.router.intent.UplinkBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.router.intent.rdomain.StaticRouteBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.router.intent.uplink.type.MapEBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.router.intent.uplink.type.PppoeBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.router.intent.uplink.type.map.e.map.e.RuleBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.routers.Router;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.routers.RouterBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.routers.router.IntentBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.shared.intent.DnsResolverBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.shared.intent.HostGroupBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.shared.intent.InboundServiceBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.shared.intent.PolicyRouteBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.shared.intent.SshdBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.shared.intent.TableBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.shared.intent.policy.route.DestinationBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.shared.intent.policy.route.SourceBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.shared.intent.policy.route.action.ViaRdomainBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.types.rev261124.PfName;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.types.rev261124.PortNumber;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.types.rev261124.PppoeSecret;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.types.rev261124.PppoeUsername;
import org.opendaylight.yangtools.binding.util.BindingMap;
import org.opendaylight.yangtools.yang.common.Empty;
import org.opendaylight.yangtools.yang.common.Uint32;
import org.opendaylight.yangtools.yang.common.Uint8;

class IntentMappingTest {
    /**
     * The render tests' seed intent ({@code GoldenFixtures.seedRouter()}, package-private in the render tests):
     * reused, not copied, so the two cannot drift apart.
     */
    static RouterIntent renderSeed() {
        try {
            final Method seed = Class.forName("org.opendaylight.openbsdpbr.impl.render.GoldenFixtures")
                .getDeclaredMethod("seedRouter");
            seed.setAccessible(true);
            return (RouterIntent) seed.invoke(null);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("the render tests' GoldenFixtures.seedRouter() is gone", e);
        }
    }

    /**
     * The render tests' seed with its one {@code ordered-by system} leaf-list that is not in canonical order put in
     * it: the seed lists table via_pppoe as {@code 8.8.8.8/32, 1.0.0.1/32}; the mapping orders such values (see
     * {@link Order}). A no-op once the fixture lists them in that order.
     */
    /** A golden file of the seed. */
    private static String golden(final String path) throws IOException {
        try (InputStream in = IntentMappingTest.class.getResourceAsStream("/render/seed-router/" + path)) {
            assertThat(in).as("golden file render/seed-router/%s", path).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void theSeedRouterMapsToTheRenderTestsSeed() {
        assertThat(IntentMapping.routerIntent(SeedBindings.seedRouter())).isEqualTo(renderSeed());
    }

    @Test
    void systemOrderedLeafListsGetOneOrderUserOrderedKeepTheirs() {
        final var table = new TableBuilder().setName(new PfName("t"))
            .setEntry(netList("2001:db8::/32", "10.0.0.0/16", "9.9.9.9", "10.0.0.1", "::1", "10.0.0.0/8")).build();
        final var resolver = new DnsResolverBuilder().setForwarder(List.of(IetfInetUtil.ipAddressNoZoneFor("9.9.9.9"),
            IetfInetUtil.ipAddressNoZoneFor("1.1.1.1"))).build();
        final Router router = new RouterBuilder().setName(name("r1")).setIntent(new IntentBuilder()
            .setInterface(BindingMap.of(new InterfaceBuilder().setName(ifname("veb0"))
                .setKind(org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.router.intent.Interface
                    .Kind.Veb)
                .setMember(SeedBindings.ordered(ifname("vport10"), ifname("em10"), ifname("em2"))).build()))
            .setTable(BindingMap.of(table))
            .setPolicyRoute(BindingMap.of(new PolicyRouteBuilder().setName(name("p")).setSequence(Uint32.ONE)
                .setIngressInterface(ifname("em2")).setProtocol(
                    org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.types.rev261124.IpProtocol.Tcp)
                .setSource(new SourceBuilder().setPort(SeedBindings.ordered(port(443), port(80), port(22))).build())
                .setAction(new ViaRdomainBuilder().setViaRdomain(rdomain(0)).build()).build()))
            .setDnsResolver(resolver)
            .build()).build();
        final RouterIntent intent = IntentMapping.routerIntent(router);
        assertThat(intent.shared().tables().get(0).entries())
            .containsExactly("2001:db8::/32", "10.0.0.0/16", "9.9.9.9", "10.0.0.1", "::1", "10.0.0.0/8");
        assertThat(intent.interfaces().get(0).members()).containsExactly("em2", "em10", "vport10");
        assertThat(intent.shared().policyRoutes().get(0).source().ports()).containsExactly(22, 80, 443);
        assertThat(intent.shared().dnsResolver().forwarders()).containsExactly("9.9.9.9", "1.1.1.1");

        // the same system-ordered values given in another order: the same intent
        final Router again = new RouterBuilder(router).setIntent(new IntentBuilder(router.getIntent())
            .setInterface(BindingMap.of(new InterfaceBuilder(router.getIntent().nonnullInterface().values().iterator()
                .next()).setMember(SeedBindings.ordered(ifname("em2"), ifname("vport10"), ifname("em10"))).build()))
            .build()).build();
        assertThat(IntentMapping.routerIntent(again)).isEqualTo(intent);
    }

    private static PortNumber port(final int port) {
        return new PortNumber(org.opendaylight.yangtools.yang.common.Uint16.valueOf(port));
    }

    @Test
    void theMappedSeedRendersToTheSeedGoldenFiles() throws IOException {
        final RenderResult result = Renderer.render(IntentMapping.routerIntent(SeedBindings.seedRouter()));
        final List<String> listing = new ArrayList<>();
        for (ManagedFile file : result.files().files().values()) {
            listing.add(GoldenListing.line(file));
            assertThat(file.content()).as(file.path()).isEqualTo(golden(file.path().substring(1)));
        }
        assertThat(String.join("\n", listing) + "\n").isEqualTo(golden("files.txt"));
        final StringBuilder lints = new StringBuilder();
        for (Lint lint : result.lints()) {
            lints.append(lint).append('\n');
        }
        assertThat(lints.toString()).isEqualTo(golden("lints.txt"));
    }

    @Test
    void aProfileMapsTheSharedPiecesLikeARoutersIntent() {
        final Profile profile = IntentMapping.profile(SeedBindings.seedProfile("home"));
        assertThat(profile.name()).isEqualTo("home");
        assertThat(profile.description()).isEqualTo("shared pieces of the seed");
        assertThat(profile.intent()).isEqualTo(renderSeed().shared());

        final Router router = SeedBindings.seedRouterWithProfiles("home", "extra");
        assertThat(IntentMapping.profileNames(router)).containsExactly("home", "extra");
        final RouterIntent own = IntentMapping.routerIntent(router);
        assertThat(own.shared()).isEqualTo(SharedIntent.EMPTY);
        assertThat(IntentMerger.merge(List.of(profile), own)).isEqualTo(renderSeed());
    }

    @Test
    void aRouterWithoutIntentOrProfilesIsEmpty() {
        final Router router = new RouterBuilder().setName(name("bare")).build();
        assertThat(IntentMapping.routerIntent(router))
            .isEqualTo(new RouterIntent("bare", RouterIntent.DEFAULT_RELEASE, null, null, null, null));
        assertThat(IntentMapping.profileNames(router)).isEmpty();
    }

    @Test
    void absentLeavesTakeTheirYangDefaults() {
        final Router router = new RouterBuilder().setName(name("r1")).setIntent(new IntentBuilder()
            .setInterface(BindingMap.of(new InterfaceBuilder().setName(ifname("em0")).build()))
            .setUplink(BindingMap.of(
                new UplinkBuilder().setName(name("isp")).setType(new PppoeBuilder().setPppoe(pppoe()
                    .setParent(ifname("em0")).setUsername(new PppoeUsername("u")).build()).build()).build(),
                new UplinkBuilder().setName(name("v6")).setType(new MapEBuilder().setMapE(mapE()
                    .setWanInterface(ifname("em0")).setDelegatedPrefix(new Ipv6Prefix("2001:db8:12:3400::/56"))
                    .setBrAddress(new Ipv6AddressNoZone("2001:db8:ffff::1"))
                    .setRule(new RuleBuilder().setIpv6Prefix(new Ipv6Prefix("2001:db8::/40"))
                        .setIpv4Prefix(new Ipv4Prefix("192.0.2.0/24")).setEaBitsLength(Uint8.valueOf(16)).build())
                    .build()).build()).build()))
            .setTable(BindingMap.of(new TableBuilder().setName(new PfName("t")).build()))
            .setPolicyRoute(BindingMap.of(new PolicyRouteBuilder().setName(name("p")).setSequence(Uint32.ONE)
                .setIngressInterface(ifname("em0")).setSource(new SourceBuilder().build())
                .setAction(new ViaRdomainBuilder().setViaRdomain(rdomain(0)).build()).build()))
            .setInboundService(BindingMap.of(new InboundServiceBuilder().setName(name("s")).setUplink(name("isp"))
                .setPort(new PortNumber(org.opendaylight.yangtools.yang.common.Uint16.valueOf(22))).build()))
            .setDnsResolver(new DnsResolverBuilder().build())
            .setSshd(new SshdBuilder().build())
            .build()).build();

        final RouterIntent intent = IntentMapping.routerIntent(router);
        assertThat(intent.openbsdRelease()).isEqualTo("7.8");
        assertThat(intent.interfaces()).containsExactly(
            new org.opendaylight.openbsdpbr.api.intent.Interface("em0", null, null, 0, null, null, null, null, true));
        assertThat(intent.uplinks()).containsExactly(
            new Uplink("isp", null, 0, null,
                new Pppoe("pppoe0", "em0", Pppoe.AuthProtocol.CHAP, "u", null, Pppoe.DEFAULT_MTU, false)),
            new Uplink("v6", null, 0, null, new MapE("gif0", "em0", "2001:db8:12:3400::/56", "2001:db8:ffff::1",
                "2001:db8::/40", "192.0.2.0/24", 16, MapE.DEFAULT_PSID_OFFSET, MapE.CeLayout.RFC7597,
                MapE.NatMode.PORT_BLOCKS, MapE.DEFAULT_MTU)));
        final SharedIntent shared = intent.shared();
        assertThat(shared.tables()).containsExactly(new PfTable("t", null, true, false, null));
        // the source's choice defaults to any, the destination's (refined) to internet
        assertThat(shared.policyRoutes()).containsExactly(new PolicyRoute("p", 1, null, "em0", Family.INET, null,
            Endpoint.ANY, Endpoint.INTERNET, new Via.ViaRdomain(0)));
        assertThat(shared.inboundServices()).containsExactly(new InboundService("s", "isp", Protocol.TCP, 22, null));
        assertThat(shared.dnsResolver()).isEqualTo(new DnsResolver(0, null, false));
        assertThat(shared.sshd()).isEqualTo(new Sshd(null, Sshd.DEFAULT_PORT, false,
            Sshd.PermitRootLogin.PROHIBIT_PASSWORD));
    }

    @Test
    void aDestinationWithoutMatchIsInternetAndAnyMustBeSaid() {
        final var route = new PolicyRouteBuilder().setName(name("p")).setSequence(Uint32.ONE)
            .setIngressInterface(ifname("em0")).setAction(new ViaRdomainBuilder().setViaRdomain(rdomain(0)).build());
        final Function<PolicyRouteBuilder, PolicyRoute> mapped = builder -> IntentMapping.routerIntent(
            new RouterBuilder().setName(name("r1")).setIntent(new IntentBuilder()
                .setPolicyRoute(BindingMap.of(builder.build())).build()).build()).shared().policyRoutes().get(0);

        assertThat(mapped.apply(route.setDestination(new DestinationBuilder().setPort(SeedBindings.ordered(port(443)))
            .build())).destination()).isEqualTo(new Endpoint(Endpoint.Internet.INSTANCE, false, List.of(443)));
        assertThat(mapped.apply(route.setDestination(new DestinationBuilder().setMatch(new AnyBuilder()
            .setAny(Empty.value()).build()).build())).destination()).isEqualTo(Endpoint.ANY);
        assertThat(mapped.apply(route.setDestination(new DestinationBuilder().setMatch(new InternetBuilder()
            .setInternet(Empty.value()).build()).build())).destination()).isEqualTo(Endpoint.INTERNET);
        assertThat(mapped.apply(route.setDestination(null).setSource(new SourceBuilder().setMatch(
            new InternetBuilder().setInternet(Empty.value()).build()).build())).source())
            .isEqualTo(Endpoint.INTERNET);
    }

    @Test
    void staticRoutesMapBothNextHops() {
        final Router router = new RouterBuilder().setName(name("r1")).setIntent(new IntentBuilder()
            .setRdomain(BindingMap.of(new RdomainBuilder().setId(rdomain(2)).setStaticRoute(BindingMap.of(
                new StaticRouteBuilder().setDestination(IetfInetUtil.ipPrefixFor("10.0.0.0/8"))
                    .setNextHop(new org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.router.intent
                        .rdomain._static.route.next.hop.GatewayBuilder()
                        .setGateway(IetfInetUtil.ipAddressNoZoneFor("192.168.1.254")).build()).build(),
                new StaticRouteBuilder().setDestination(IetfInetUtil.ipPrefixFor("2001:db8:ff::/48"))
                    .setNextHop(new org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.router.intent
                        .rdomain._static.route.next.hop.InterfaceBuilder().setInterface(ifname("em1")).build())
                    .build())).build()))
            .build()).build();
        assertThat(IntentMapping.routerIntent(router).rdomains().get(0).staticRoutes()).containsExactly(
            new StaticRoute("10.0.0.0/8", new StaticRoute.ViaGateway("192.168.1.254")),
            new StaticRoute("2001:db8:ff::/48", new StaticRoute.ViaInterface("em1")));
    }

    private static org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.router.intent.uplink.type.pppoe
            .PppoeBuilder pppoe() {
        return new org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.router.intent.uplink.type.pppoe
            .PppoeBuilder();
    }

    private static org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.router.intent.uplink.type.map.e
            .MapEBuilder mapE() {
        return new org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.router.intent.uplink.type.map.e
            .MapEBuilder();
    }

    /** A router whose intent is the seed's with one change. */
    private static Router seedWith(final UnaryOperator<IntentBuilder> change) {
        final Router seed = SeedBindings.seedRouter();
        return new RouterBuilder(seed).setIntent(change.apply(new IntentBuilder(seed.getIntent())).build()).build();
    }

    static Stream<Arguments> badRouters() {
        return Stream.of(
            Arguments.of("a PPPoE uplink without user name", seedWith(intent -> intent.setUplink(BindingMap.of(
                new UplinkBuilder().setName(name("isp")).setType(new PppoeBuilder().setPppoe(pppoe()
                    .setParent(ifname("em0")).build()).build()).build()))),
                "intent/uplink[name=isp]/pppoe/username", "missing"),
            Arguments.of("an uplink without a type", seedWith(intent -> intent.setUplink(BindingMap.of(
                new UplinkBuilder().setName(name("isp")).build()))),
                "intent/uplink[name=isp]/type", "missing"),
            Arguments.of("a MAP-E uplink without its rule", seedWith(intent -> intent.setUplink(BindingMap.of(
                new UplinkBuilder().setName(name("v6")).setType(new MapEBuilder().setMapE(mapE()
                    .setWanInterface(ifname("em0")).setDelegatedPrefix(new Ipv6Prefix("2001:db8:12:3400::/56"))
                    .setBrAddress(new Ipv6AddressNoZone("2001:db8:ffff::1")).build()).build()).build()))),
                "intent/uplink[name=v6]/map-e/rule/ipv6-prefix", "missing"),
            Arguments.of("a PPPoE uplink on a non-pppoe interface", seedWith(intent -> intent.setUplink(
                BindingMap.of(new UplinkBuilder().setName(name("isp")).setType(new PppoeBuilder().setPppoe(pppoe()
                    .setInterface(ifname("em7")).setParent(ifname("em0")).setUsername(new PppoeUsername("u"))
                    .setSecret(new PppoeSecret("Sup3r-s3cret")).build()).build()).build()))),
                "intent/uplink[name=isp]/pppoe/interface", "pppoeN"),
            Arguments.of("a veb named like a network card", seedWith(intent -> intent.setInterface(BindingMap.of(
                new InterfaceBuilder().setName(ifname("em0"))
                    .setKind(org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.router.intent
                        .Interface.Kind.Veb).build()))),
                "intent/interface[name=em0]/kind", "vebN"),
            Arguments.of("a policy route without action", seedWith(intent -> intent.setPolicyRoute(BindingMap.of(
                new PolicyRouteBuilder().setName(name("p")).setSequence(Uint32.ONE)
                    .setIngressInterface(ifname("vport0")).build()))),
                "intent/policy-route[name=p]/via-uplink", "missing"),
            Arguments.of("a policy route without sequence", seedWith(intent -> intent.setPolicyRoute(BindingMap.of(
                new PolicyRouteBuilder().setName(name("p")).setIngressInterface(ifname("vport0"))
                    .setAction(new ViaRdomainBuilder().setViaRdomain(rdomain(0)).build()).build()))),
                "intent/policy-route[name=p]/sequence", "missing"),
            Arguments.of("a policy route source with an empty network list", seedWith(intent -> intent
                .setPolicyRoute(BindingMap.of(new PolicyRouteBuilder().setName(name("p")).setSequence(Uint32.ONE)
                    .setIngressInterface(ifname("vport0"))
                    .setSource(new SourceBuilder().setMatch(new NetworkBuilder().setNetwork(Set.of()).build())
                        .build())
                    .setAction(new ViaRdomainBuilder().setViaRdomain(rdomain(0)).build()).build()))),
                "intent/policy-route[name=p]/source/network", "at least one"),
            Arguments.of("a static route without next hop", seedWith(intent -> intent.setRdomain(BindingMap.of(
                new RdomainBuilder().setId(rdomain(0)).setStaticRoute(BindingMap.of(new StaticRouteBuilder()
                    .setDestination(IetfInetUtil.ipPrefixFor("10.0.0.0/8")).build())).build()))),
                "intent/rdomain[id=0]/static-route[destination=10.0.0.0/8]/gateway", "missing"),
            Arguments.of("a static route by gateway of the other family", seedWith(intent -> intent.setRdomain(
                BindingMap.of(new RdomainBuilder().setId(rdomain(0)).setStaticRoute(BindingMap.of(
                    new StaticRouteBuilder().setDestination(IetfInetUtil.ipPrefixFor("10.0.0.0/8"))
                        .setNextHop(new org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.router
                            .intent.rdomain._static.route.next.hop.GatewayBuilder()
                            .setGateway(IetfInetUtil.ipAddressNoZoneFor("2001:db8::1")).build()).build())).build()))),
                "intent/rdomain[id=0]/static-route[destination=10.0.0.0/8]/gateway", "family"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRouters")
    void errorsNameTheElementInYangTerms(final String what, final Router router, final String path,
            final String detail) {
        assertThatThrownBy(() -> IntentMapping.routerIntent(router))
            .isInstanceOfSatisfying(IntentException.class, e -> {
                assertThat(e.path()).isEqualTo(path);
                assertThat(e.detail()).contains(detail);
                assertThat(e.getMessage()).startsWith(path + ": ").doesNotContain("Sup3r-s3cret");
            });
    }

    @Test
    void profileErrorsNameTheProfile() {
        final var profile = new ProfileBuilder().setName(name("base")).setHostGroup(BindingMap.of(
            new HostGroupBuilder().setName(new PfName("g")).setAddress(List.of()).build())).build();
        assertThatThrownBy(() -> IntentMapping.profile(profile))
            .isInstanceOfSatisfying(IntentException.class, e -> assertThat(e.path())
                .isEqualTo("profiles/profile[name=base]/host-group[name=g]/address"));

        final var good = new ProfileBuilder().setName(name("base")).setHostGroup(BindingMap.of(
            new HostGroupBuilder().setName(new PfName("g")).setAddress(netList("192.0.2.1", "2001:db8::/64")).build()))
            .build();
        assertThat(IntentMapping.profile(good).intent().hostGroups().get(0).addresses())
            .containsExactly("192.0.2.1", "2001:db8::/64");
    }

    @Test
    void theSecretReachesOnlyItsRecord() {
        final Router router = seedWith(intent -> intent.setUplink(BindingMap.of(new UplinkBuilder()
            .setName(name("isp")).setType(new PppoeBuilder().setPppoe(pppoe().setParent(ifname("em0"))
                .setUsername(new PppoeUsername("u")).setSecret(new PppoeSecret("Sup3r-s3cret")).build()).build())
            .build())));
        final RouterIntent intent = IntentMapping.routerIntent(router);
        final Pppoe pppoe = (Pppoe) intent.uplinks().get(0).kind();
        assertThat(pppoe.secret().value()).isEqualTo("Sup3r-s3cret");
        assertThat(intent.toString()).doesNotContain("Sup3r-s3cret");
    }
}

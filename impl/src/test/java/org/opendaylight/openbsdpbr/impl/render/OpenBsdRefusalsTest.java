/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opendaylight.openbsdpbr.api.intent.Dhcp;
import org.opendaylight.openbsdpbr.api.intent.DnsResolver;
import org.opendaylight.openbsdpbr.api.intent.Endpoint;
import org.opendaylight.openbsdpbr.api.intent.Family;
import org.opendaylight.openbsdpbr.api.intent.HostGroup;
import org.opendaylight.openbsdpbr.api.intent.InboundService;
import org.opendaylight.openbsdpbr.api.intent.IntentError;
import org.opendaylight.openbsdpbr.api.intent.Interface;
import org.opendaylight.openbsdpbr.api.intent.Interface.Kind;
import org.opendaylight.openbsdpbr.api.intent.MapE;
import org.opendaylight.openbsdpbr.api.intent.NatRule;
import org.opendaylight.openbsdpbr.api.intent.PolicyRoute;
import org.opendaylight.openbsdpbr.api.intent.Pppoe;
import org.opendaylight.openbsdpbr.api.intent.Rdomain;
import org.opendaylight.openbsdpbr.api.intent.RouterIntent;
import org.opendaylight.openbsdpbr.api.intent.Secret;
import org.opendaylight.openbsdpbr.api.intent.SharedIntent;
import org.opendaylight.openbsdpbr.api.intent.Sshd;
import org.opendaylight.openbsdpbr.api.intent.StaticRoute;
import org.opendaylight.openbsdpbr.api.intent.Uplink;
import org.opendaylight.openbsdpbr.api.intent.Via;

/**
 * Intents whose files would load here but fail on the router, or do something else than the intent says: each test
 * is one behaviour, written from the manual page that says why (pf.conf(5), sshd_config(5), route(8), ifconfig(8),
 * pppoe(4), RFC 8200, RFC 7597). Each starts from the seed, which is valid, and changes one thing.
 */
class OpenBsdRefusalsTest {
    private static final RouterIntent SEED = GoldenFixtures.seedRouter();

    private static RouterIntent shared(final SharedIntent shared) {
        return SEED.withShared(shared);
    }

    private static RouterIntent withRoutes(final PolicyRoute... routes) {
        final SharedIntent shared = SEED.shared();
        return shared(new SharedIntent(shared.tables(), shared.hostGroups(), List.of(routes), shared.nat(),
            shared.inboundServices(), shared.dnsResolver(), shared.sshd()));
    }

    private static RouterIntent with(final List<Rdomain> rdomains, final List<Interface> interfaces,
            final List<Uplink> uplinks) {
        return new RouterIntent(SEED.name(), SEED.openbsdRelease(), rdomains, interfaces, uplinks, SEED.shared());
    }

    private static <T> List<T> plus(final List<T> list, final T more) {
        final List<T> copy = new ArrayList<>(list);
        copy.add(more);
        return copy;
    }

    private static <T> List<T> replaced(final List<T> list, final int index, final T value) {
        final List<T> copy = new ArrayList<>(list);
        copy.set(index, value);
        return copy;
    }

    private static PolicyRoute route(final String name, final Family family, final Endpoint source,
            final Endpoint destination, final Via via) {
        return new PolicyRoute(name, 10, null, "vport0", family, null, source, destination, via);
    }

    private static PolicyRoute route(final String name, final Endpoint source, final Via via) {
        return route(name, Family.INET, source, null, via);
    }

    private static Interface iface(final String name, final int rdomain, final List<String> ipv4,
            final List<String> ipv6, final Integer mtu) {
        return new Interface(name, Kind.PHYSICAL, null, rdomain, ipv4, ipv6, mtu, null, true);
    }

    private static List<IntentError> errors(final RouterIntent intent) {
        return IntentValidator.validate(intent);
    }

    // ---- class 2: via-uplink X leaving through Y ---------------------------------------------------------------

    @Test
    void viaUplinkNeedsTheUplinkToHoldItsRdomainsDefaultRoute() {
        // a DHCP uplink beside the MAP-E one in rdomain 0, whose default route is the MAP-E uplink's
        final RouterIntent intent = with(SEED.rdomains(),
            plus(SEED.interfaces(), iface("em3", 0, null, null, null)),
            plus(SEED.uplinks(), new Uplink("cable", null, 0, null, new Dhcp("em3"))));
        final SharedIntent shared = intent.shared();
        assertThat(errors(intent.withShared(new SharedIntent(shared.tables(), shared.hostGroups(), List.of(
            route("via-cable", Endpoint.of(new Endpoint.InterfaceNetwork("vport0:network")),
                new Via.ViaUplink("cable"))), shared.nat(), shared.inboundServices(), shared.dnsResolver(),
            shared.sshd())))).containsExactly(new IntentError("intent/policy-route[name=via-cable]/via-uplink",
                "the uplink cable is in rdomain 0, whose default route is via ipoe: this traffic would leave through"
                    + " ipoe; set rdomain 0's default-route-via to cable, or say via-rdomain 0"));
    }

    @Test
    void viaUplinkIntoAnRdomainWithoutDefaultRouteIsRefused() {
        final RouterIntent intent = with(List.of(SEED.rdomains().get(0),
            new Rdomain(1, "PPPoE", "127.0.0.1/8", null, List.of())), SEED.interfaces(), SEED.uplinks());
        assertThat(errors(intent)).containsExactly(
            new IntentError("intent/policy-route[name=to-via-pppoe]/via-uplink", "the uplink pppoe is in rdomain 1,"
                + " which has no default-route-via: this traffic would have no way out; set rdomain 1's"
                + " default-route-via to pppoe, or say via-rdomain 1"),
            new IntentError("intent/policy-route[name=from-pppoe-hosts]/via-uplink", "the uplink pppoe is in rdomain"
                + " 1, which has no default-route-via: this traffic would have no way out; set rdomain 1's"
                + " default-route-via to pppoe, or say via-rdomain 1"));
    }

    @Test
    void anInet6PolicyRouteNeedsAnUplinkThatRoutesIpv6() {
        final PolicyRoute v6 = route("v6", Family.INET6, Endpoint.ANY, null, new Via.ViaUplink("pppoe"));
        assertThat(errors(withRoutes(v6))).containsExactly(new IntentError("intent/policy-route[name=v6]/via-uplink",
            "the uplink pppoe adds no IPv6 default route (only PPPoE with ipv6 does): inet6 traffic in rdomain 1"
                + " would not leave through it"));
        final List<Uplink> uplinks = replaced(SEED.uplinks(), 1, new Uplink("pppoe", null, 1, null,
            new Pppoe("pppoe0", "em0", null, "user", new Secret("s"), 1454, true)));
        final RouterIntent withIpv6 = new RouterIntent(SEED.name(), null, SEED.rdomains(), SEED.interfaces(), uplinks,
            withRoutes(v6).shared());
        assertThat(errors(withIpv6)).isEmpty();
    }

    // ---- class 1: a policy route must not open an interface that faces the ISP ------------------------------------

    @Test
    void aPolicyRouteOnAnInterfaceThatFacesTheIspIsRefused() {
        final PolicyRoute onWan = new PolicyRoute("on-wan", 10, null, "em0", null, null, null, null,
            new Via.ViaUplink("pppoe"));
        assertThat(errors(withRoutes(onWan))).containsExactly(new IntentError(
            "intent/policy-route[name=on-wan]/ingress-interface", "em0 faces the ISP (MAP-E WAN of ipoe, PPPoE parent"
                + " of pppoe): its pass rule would let the Internet in past the interface's default-deny; a policy"
                + " route belongs on the LAN side"));
    }

    // ---- class 4: families ------------------------------------------------------------------------------------

    @Test
    void aHostGroupWithoutAnAddressOfTheRulesFamilyIsRefused() {
        final SharedIntent seed = SEED.shared();
        final RouterIntent intent = shared(new SharedIntent(seed.tables(), List.of(new HostGroup("v6_hosts", null,
            List.of("2001:db8:1::20"))), List.of(route("g", Endpoint.of(new Endpoint.HostGroupRef("v6_hosts")),
                new Via.ViaUplink("pppoe"))), seed.nat(), seed.inboundServices(), seed.dnsResolver(), seed.sshd()));
        assertThat(errors(intent)).containsExactly(new IntentError("intent/policy-route[name=g]/source/host-group",
            "the host group v6_hosts has no inet address: pfctl refuses the rule (rule expands to no valid"
                + " combination)"));
    }

    @Test
    void inboundServiceSourcesOfAFamilyTheUplinkDoesNotCarryAreRefused() {
        final SharedIntent seed = SEED.shared();
        final RouterIntent intent = shared(new SharedIntent(seed.tables(), seed.hostGroups(), seed.policyRoutes(),
            seed.nat(), List.of(new InboundService("ssh", "pppoe", null, 22, List.of("192.0.2.7", "2001:db8::7"))),
            seed.dnsResolver(), seed.sshd()));
        assertThat(errors(intent)).containsExactly(new IntentError("intent/inbound-service[name=ssh]/source",
            "IPv6 sources, but the uplink pppoe (pppoe0) carries no IPv6: the inet rule would drop them without a"
                + " word"));
    }

    // ---- class 5: <if>:network needs an address when pf.conf loads ---------------------------------------------

    @Test
    void anInterfaceNetworkWithoutAnAddressIsRefused() {
        final String noAddress = " address in the intent (a bridge, an unnumbered interface, or one whose address"
            + " comes from DHCP, PPPoE or router advertisements): pfctl resolves ";
        final SharedIntent seed = SEED.shared();
        final RouterIntent intent = shared(new SharedIntent(seed.tables(), seed.hostGroups(), List.of(
            route("bridge", Endpoint.of(new Endpoint.InterfaceNetwork("veb0:network")), new Via.ViaUplink("pppoe")),
            new PolicyRoute("v6", 20, null, "vport0", Family.INET6, null,
                Endpoint.of(new Endpoint.InterfaceNetwork("vport0:network")), null, new Via.ViaRdomain(0))),
            List.of(new NatRule("pppoe", List.of("em1:network")), new NatRule("ipoe", List.of("vport0:network"))),
            seed.inboundServices(), seed.dnsResolver(), seed.sshd()));
        assertThat(errors(intent)).containsExactly(
            new IntentError("intent/policy-route[name=bridge]/source/interface-network", "veb0 has no IPv4"
                + noAddress + "veb0:network when it loads pf.conf and fails with \"no IP address found\""),
            new IntentError("intent/policy-route[name=v6]/source/interface-network", "vport0 has no IPv6"
                + noAddress + "vport0:network when it loads pf.conf and fails with \"no IP address found\""),
            new IntentError("intent/nat[uplink=pppoe]/source", "em1 has no IPv4" + noAddress
                + "em1:network when it loads pf.conf and fails with \"no IP address found\""));
    }

    @Test
    void theMapEAddressesCountAsInterfaceAddresses() {
        final SharedIntent seed = SEED.shared();
        final RouterIntent intent = shared(new SharedIntent(seed.tables(), seed.hostGroups(), List.of(
            route("gif", Endpoint.of(new Endpoint.InterfaceNetwork("vport0:network")), new Via.ViaUplink("pppoe"))),
            List.of(new NatRule("pppoe", List.of("gif0:network"))), seed.inboundServices(), seed.dnsResolver(),
            seed.sshd()));
        assertThat(errors(intent)).isEmpty();
    }

    // ---- class 6: values the daemons refuse or cannot use ---------------------------------------------------------

    @Test
    void anSshdListenerNeedsAnAddressOfItsRdomain() {
        final SharedIntent seed = SEED.shared();
        final RouterIntent intent = shared(new SharedIntent(seed.tables(), seed.hostGroups(), seed.policyRoutes(),
            seed.nat(), seed.inboundServices(), seed.dnsResolver(), new Sshd(List.of(
                new Sshd.Listen("0.0.0.0", 1), new Sshd.Listen("::", 0), new Sshd.Listen("127.0.0.1", 1),
                new Sshd.Listen("192.168.1.1", 0), new Sshd.Listen("106.72.175.64", 0),
                new Sshd.Listen("240b:10:af40:3c00:6a:48af:4000:3c00", 0),
                new Sshd.Listen("192.168.1.1", 1), new Sshd.Listen("192.0.2.1", 0), new Sshd.Listen("0.0.0.0", 7)),
                22, false, null)));
        assertThat(errors(intent)).containsExactly(
            new IntentError("intent/sshd/listen[address=0.0.0.0][rdomain=7]/rdomain",
                "rdomain 7 holds no interface: sshd cannot listen there"),
            new IntentError("intent/sshd/listen[address=192.0.2.1][rdomain=0]/address", "no interface in rdomain 0"
                + " has the address 192.0.2.1 in the intent: sshd cannot bind it (listen on 0.0.0.0, or on an address"
                + " an interface of rdomain 0 holds)"),
            new IntentError("intent/sshd/listen[address=192.168.1.1][rdomain=1]/address", "no interface in rdomain 1"
                + " has the address 192.168.1.1 in the intent: sshd cannot bind it (listen on 0.0.0.0, or on an"
                + " address an interface of rdomain 1 holds)"));
    }

    @Test
    void unwindNeedsAnRtableThatExists() {
        final SharedIntent seed = SEED.shared();
        assertThat(errors(shared(new SharedIntent(seed.tables(), seed.hostGroups(), seed.policyRoutes(), seed.nat(),
            seed.inboundServices(), new DnsResolver(5, List.of("9.9.9.9"), false), seed.sshd()))))
            .containsExactly(new IntentError("intent/dns-resolver/rtable",
                "rdomain 5 holds no interface: no routing table 5 exists for unwind to run in"));
    }

    @Test
    void aDefaultRouteDeclaredTwiceInOneRdomainIsRefused() {
        final RouterIntent intent = with(List.of(
            new Rdomain(0, null, null, "ipoe", List.of(
                new StaticRoute("0.0.0.0/0", new StaticRoute.ViaGateway("192.168.1.254")),
                new StaticRoute("::/0", new StaticRoute.ViaInterface("vport0")),
                new StaticRoute("10.0.0.0/8", new StaticRoute.ViaGateway("192.168.1.254")),
                new StaticRoute("10.1.2.3/8", new StaticRoute.ViaGateway("192.168.1.253")))),
            SEED.rdomains().get(1)),
            replaced(SEED.interfaces(), 4, new Interface("vport0", Kind.VPORT, null, 0, List.of("192.168.1.1/24"),
                List.of("2001:db8:1::1/64"), null, null, true)), SEED.uplinks());
        // ::/0 is fine: the MAP-E uplink adds an IPv4 default route only (slaacd's IPv6 one has its own priority)
        assertThat(errors(intent)).containsExactly(
            new IntentError("intent/rdomain[id=0]/static-route[destination=0.0.0.0/0]/destination", "rdomain 0 gets"
                + " its IPv4 default route from the uplink ipoe (default-route-via): a second default route fails"
                + " (route(8): File exists); drop this static route or default-route-via"),
            new IntentError("intent/rdomain[id=0]/static-route[destination=10.1.2.3/8]/destination", "the same"
                + " network as the static route to 10.0.0.0/8: route(8) refuses the second one (File exists)"));
    }

    @Test
    void aPppoeSessionNeedsItsParentToCarryItsMtuPlusEight() {
        final List<Interface> interfaces = replaced(SEED.interfaces(), 0, iface("em0", 0, null, null, 1460));
        assertThat(errors(with(SEED.rdomains(), interfaces, SEED.uplinks()))).containsExactly(
            new IntentError("intent/uplink[name=ipoe]/map-e/mtu", "a MAP-E tunnel MTU of 1460 needs the WAN's MTU at"
                + " least 1500 (the 40-byte outer IPv6 header); em0 has 1460"),
            new IntentError("intent/uplink[name=pppoe]/pppoe/mtu", "a PPPoE MTU of 1454 needs the parent's MTU at"
                + " least 1462 (the 8-byte PPPoE header, RFC 4638); em0 has 1460"));
    }

    @Test
    void aMapETunnelNeedsItsWanToCarryItsMtuPlusForty() {
        final List<Uplink> uplinks = replaced(SEED.uplinks(), 0, new Uplink("ipoe", null, 0, null, new MapE("gif0",
            "em0", "240b:10:af40:3c00::/56", "2404:9200:225:100::64", "240b:10::/31", "106.72.0.0/15", 25, 4,
            MapE.CeLayout.DRAFT03, MapE.NatMode.PORT_BLOCKS, 1480)));
        assertThat(errors(with(SEED.rdomains(), SEED.interfaces(), uplinks))).containsExactly(new IntentError(
            "intent/uplink[name=ipoe]/map-e/mtu", "a MAP-E tunnel MTU of 1480 needs the WAN's MTU at least 1520 (the"
                + " 40-byte outer IPv6 header); em0 has 1500"));
        // a jumbo PPPoE session raises em0 to 1508, which carries 1468
        final List<Uplink> jumbo = List.of(new Uplink("ipoe", null, 0, null, new MapE("gif0", "em0",
            "240b:10:af40:3c00::/56", "2404:9200:225:100::64", "240b:10::/31", "106.72.0.0/15", 25, 4,
            MapE.CeLayout.DRAFT03, MapE.NatMode.PORT_BLOCKS, 1468)),
            new Uplink("pppoe", null, 1, null, new Pppoe("pppoe0", "em0", null, "user", new Secret("s"), 1500, false)));
        assertThat(errors(with(SEED.rdomains(), SEED.interfaces(), jumbo))).isEmpty();
    }

    @Test
    void ipv6NeedsAnMtuOfAtLeast1280() {
        final List<Interface> interfaces = replaced(SEED.interfaces(), 4, new Interface("vport0", Kind.VPORT, null,
            0, List.of("192.168.1.1/24"), List.of("2001:db8:1::1/64"), 1200, null, true));
        final List<Uplink> uplinks = replaced(SEED.uplinks(), 1, new Uplink("pppoe", null, 1, null,
            new Pppoe("pppoe0", "em0", null, "user", new Secret("s"), 1200, true)));
        assertThat(errors(with(SEED.rdomains(), interfaces, uplinks))).containsExactly(
            new IntentError("intent/uplink[name=pppoe]/pppoe/mtu",
                "IPv6 needs an MTU of at least 1280 (RFC 8200); this PPPoE session has 1200"),
            new IntentError("intent/interface[name=vport0]/mtu",
                "IPv6 needs an MTU of at least 1280 (RFC 8200); vport0 carries IPv6 with 1200"));
    }

    // ---- class 7: the internet destination ----------------------------------------------------------------------

    @Test
    void notInternetIsRefused() {
        assertThat(errors(withRoutes(route("x", Family.INET, Endpoint.ANY,
            new Endpoint(Endpoint.Internet.INSTANCE, true, List.of()), new Via.ViaUplink("pppoe")))))
            .containsExactly(new IntentError("intent/policy-route[name=x]/destination/negate",
                "'not internet' is not offered: name the table martians to mean the special-purpose ranges"));
    }
}

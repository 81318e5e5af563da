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
import org.opendaylight.openbsdpbr.api.intent.Endpoint;
import org.opendaylight.openbsdpbr.api.intent.Family;
import org.opendaylight.openbsdpbr.api.intent.InboundService;
import org.opendaylight.openbsdpbr.api.intent.IntentError;
import org.opendaylight.openbsdpbr.api.intent.Interface;
import org.opendaylight.openbsdpbr.api.intent.Interface.Kind;
import org.opendaylight.openbsdpbr.api.intent.MapE;
import org.opendaylight.openbsdpbr.api.intent.NatRule;
import org.opendaylight.openbsdpbr.api.intent.PolicyRoute;
import org.opendaylight.openbsdpbr.api.intent.Pppoe;
import org.opendaylight.openbsdpbr.api.intent.Protocol;
import org.opendaylight.openbsdpbr.api.intent.Rdomain;
import org.opendaylight.openbsdpbr.api.intent.RouterIntent;
import org.opendaylight.openbsdpbr.api.intent.SharedIntent;
import org.opendaylight.openbsdpbr.api.intent.StaticRoute;
import org.opendaylight.openbsdpbr.api.intent.StaticUplink;
import org.opendaylight.openbsdpbr.api.intent.Uplink;
import org.opendaylight.openbsdpbr.api.intent.Via;

class IntentValidatorTest {
    private static final RouterIntent SEED = GoldenFixtures.seedRouter();
    private static final String PPPOE_NO_IPV6 = "the uplink pppoe adds no IPv6 default route (only PPPoE with ipv6"
        + " does): inet6 traffic in rdomain 1 would not leave through it";

    private static RouterIntent with(final List<Rdomain> rdomains, final List<Interface> interfaces,
            final List<Uplink> uplinks) {
        return new RouterIntent(SEED.name(), SEED.openbsdRelease(), rdomains, interfaces, uplinks, SEED.shared());
    }

    private static RouterIntent withRoutes(final PolicyRoute... routes) {
        final SharedIntent shared = SEED.shared();
        return SEED.withShared(new SharedIntent(shared.tables(), shared.hostGroups(), List.of(routes), shared.nat(),
            shared.inboundServices(), shared.dnsResolver(), shared.sshd()));
    }

    private static <T> List<T> plus(final List<T> list, final T more) {
        final List<T> copy = new ArrayList<>(list);
        copy.add(more);
        return copy;
    }

    private static PolicyRoute route(final String name, final long sequence, final Protocol protocol,
            final Family family, final Endpoint source, final Endpoint destination) {
        return new PolicyRoute(name, sequence, null, "vport0", family, protocol, source, destination,
            new Via.ViaUplink("pppoe"));
    }

    @Test
    void theSeedIsValid() {
        assertThat(IntentValidator.validate(SEED)).isEmpty();
    }

    @Test
    void everyDanglingReferenceIsReportedAtOnce() {
        final SharedIntent shared = new SharedIntent(SEED.shared().tables(), SEED.shared().hostGroups(), List.of(
            new PolicyRoute("a", 1, null, "em9", null, null,
                Endpoint.of(new Endpoint.HostGroupRef("nobody")), Endpoint.of(new Endpoint.TableRef("none")),
                new Via.ViaUplink("lte")),
            new PolicyRoute("b", 2, null, "vport0", null, null,
                Endpoint.of(new Endpoint.InterfaceNetwork("vport9:network")), null, new Via.ViaRdomain(7))),
            List.of(new NatRule("lte", List.of("vport0:network")), new NatRule("pppoe", List.of("em7:network"))),
            List.of(new InboundService("web", "wan", null, 443, List.of())), null, null);

        assertThat(IntentValidator.validate(SEED.withShared(shared))).containsExactly(
            new IntentError("intent/policy-route[name=a]/ingress-interface",
                "no interface em9 in this router's intent"),
            new IntentError("intent/policy-route[name=a]/via-uplink", "no uplink lte"),
            new IntentError("intent/policy-route[name=a]/source/host-group", "no host group nobody"),
            new IntentError("intent/policy-route[name=a]/destination/table", "no table none"),
            new IntentError("intent/policy-route[name=b]/via-rdomain", "rdomain 7 holds no interface or uplink"),
            new IntentError("intent/policy-route[name=b]/source/interface-network",
                "no interface vport9 in this router's intent"),
            new IntentError("intent/nat[uplink=lte]/uplink", "no uplink lte"),
            new IntentError("intent/nat[uplink=pppoe]/source", "no interface em7 in this router's intent"),
            new IntentError("intent/inbound-service[name=web]/uplink", "no uplink wan"));
    }

    @Test
    void martiansIsAlwaysATable() {
        final RouterIntent intent = withRoutes(route("m", 1, null, null, null,
            new Endpoint(new Endpoint.TableRef("martians"), true, List.of())));
        final SharedIntent shared = intent.shared();
        final SharedIntent withoutMartians = new SharedIntent(shared.tables().stream()
            .filter(table -> !table.name().equals("martians")).toList(), shared.hostGroups(), shared.policyRoutes(),
            shared.nat(), shared.inboundServices(), shared.dnsResolver(), shared.sshd());
        assertThat(IntentValidator.validate(intent.withShared(withoutMartians))).isEmpty();
    }

    @Test
    void duplicateSequenceNamesTheLaterRoute() {
        assertThat(IntentValidator.validate(withRoutes(
            route("first", 10, null, null, null, null),
            route("second", 10, null, null, null, null)))).containsExactly(
                new IntentError("intent/policy-route[name=second]/sequence",
                    "sequence 10 is also the policy route first's"));
    }

    @Test
    void rulePiecesPfCannotExpressAreRefused() {
        assertThat(IntentValidator.validate(withRoutes(
            route("ports", 1, null, null, null, new Endpoint(null, false, List.of(80))),
            route("icmp", 2, Protocol.ICMP, Family.INET6, null, null),
            route("list", 3, null, null,
                new Endpoint(new Endpoint.Networks(List.of("10.0.0.0/8", "172.16.0.0/12")), true, List.of()), null),
            route("group", 4, null, null, new Endpoint(new Endpoint.HostGroupRef("pppoe_hosts"), true, List.of()),
                null),
            route("family", 5, null, Family.INET6, Endpoint.of(new Endpoint.Networks(List.of("10.0.0.0/8"))), null),
            route("nothing", 6, null, null, new Endpoint(null, true, List.of()), null)))).containsExactly(
                new IntentError("intent/policy-route[name=ports]/destination/port", "ports need protocol tcp or udp"),
                new IntentError("intent/policy-route[name=icmp]/via-uplink", PPPOE_NO_IPV6),
                new IntentError("intent/policy-route[name=icmp]/protocol", "icmp does not go with family inet6"),
                new IntentError("intent/policy-route[name=list]/source/negate",
                    "pf cannot negate a list; put the networks in a table"),
                new IntentError("intent/policy-route[name=group]/source/negate",
                    "pf cannot negate a host group (a list); use a table"),
                new IntentError("intent/policy-route[name=family]/via-uplink", PPPOE_NO_IPV6),
                new IntentError("intent/policy-route[name=family]/source/network",
                    "10.0.0.0/8 is not of family inet6"),
                new IntentError("intent/policy-route[name=nothing]/source/negate", "'not any' matches nothing"));
    }

    @Test
    void defaultRouteMustNameAnUplinkOfThatRdomain() {
        assertThat(IntentValidator.validate(with(List.of(
            new Rdomain(0, null, null, "pppoe", List.of()),
            new Rdomain(1, null, "127.0.0.1/8", "lte", List.of())), SEED.interfaces(), SEED.uplinks())))
            .containsExactly(
                new IntentError("intent/rdomain[id=0]/default-route-via",
                    "the uplink pppoe is in rdomain 1, not in rdomain 0"),
                new IntentError("intent/rdomain[id=1]/default-route-via", "no uplink lte"));
    }

    @Test
    void loopbackOnlyAboveRdomainZeroAndOnlyOnce() {
        final RouterIntent intent = with(List.of(
            new Rdomain(0, null, "127.0.0.1/8", null, List.of()),
            new Rdomain(1, null, "127.0.0.1/8", "pppoe", List.of())),
            plus(SEED.interfaces(), new Interface("lo1", Kind.LOOPBACK, null, 1, List.of("127.0.0.1/8"), null,
                null, null, true)), SEED.uplinks());
        assertThat(IntentValidator.validate(intent)).containsExactly(
                new IntentError("intent/rdomain[id=0]/loopback-address",
                    "lo0 is configured by netstart itself; only an rdomain above 0 gets a loopback address here"),
                new IntentError("intent/rdomain[id=1]/loopback-address",
                    "interface lo1 is also listed; keep one of them"));
    }

    @Test
    void uplinksMustFitTheirInterfaces() {
        final List<Interface> interfaces = plus(SEED.interfaces(),
            new Interface("em3", Kind.PHYSICAL, null, 0, null, null, null, null, true));
        final List<Uplink> uplinks = new ArrayList<>(SEED.uplinks());
        uplinks.add(new Uplink("dhcp", null, 2, null, new Dhcp("em3")));
        uplinks.add(new Uplink("fixed", null, 0, null, new StaticUplink("em3", "203.0.113.2/30", "203.0.113.1")));
        uplinks.add(new Uplink("lte", null, 0, null, new Dhcp("em8")));
        uplinks.add(new Uplink("second-pppoe", null, 1, null,
            new Pppoe("pppoe0", "em9", null, "user", null, 1500, false)));
        assertThat(IntentValidator.validate(with(SEED.rdomains(), interfaces, uplinks))).containsExactly(
            new IntentError("intent/uplink[name=dhcp]/rdomain",
                "the uplink is in rdomain 2 but its interface em3 is in rdomain 0"),
            new IntentError("intent/uplink[name=fixed]/static/interface",
                "interface em3 is already the uplink dhcp's: one uplink per interface"),
            new IntentError("intent/uplink[name=lte]/dhcp/interface", "no interface em8 in this router's intent"),
            new IntentError("intent/uplink[name=second-pppoe]/pppoe/interface",
                "interface pppoe0 is already the uplink pppoe's: one uplink per interface"),
            new IntentError("intent/uplink[name=second-pppoe]/pppoe/parent",
                "no interface em9 in this router's intent"),
            new IntentError("intent/uplink[name=second-pppoe]/pppoe/secret",
                "missing: hostname.pppoe0 needs the PPPoE secret"));
    }

    @Test
    void pppoeMtuAbove1492NeedsAParentMtuForRfc4638() {
        final List<Interface> interfaces = new ArrayList<>(SEED.interfaces());
        interfaces.set(0, new Interface("em0", Kind.PHYSICAL, null, 0, null, null, 1500, null, true));
        final List<Uplink> uplinks = List.of(new Uplink("pppoe", null, 1, null,
            new Pppoe("pppoe0", "em0", null, "user", new org.opendaylight.openbsdpbr.api.intent.Secret("s"), 1500,
                false)), SEED.uplinks().get(0));
        assertThat(IntentValidator.validate(with(SEED.rdomains(), interfaces, uplinks))).containsExactly(
            new IntentError("intent/uplink[name=pppoe]/pppoe/mtu",
                "a PPPoE MTU of 1500 needs the parent's MTU at least 1508 (the 8-byte PPPoE header, RFC 4638);"
                    + " em0 has 1500"));
    }

    @Test
    void mapEParametersAreCheckedWithTheirYangPaths() {
        final List<Uplink> uplinks = List.of(new Uplink("ipoe", null, 0, null,
            new MapE("gif0", "em0", "240b:10:af00::/40", "2404:9200:225:100::64", "240b:10::/31", "106.72.0.0/15",
                25, 4, null, null, 1460)), SEED.uplinks().get(1));
        assertThat(IntentValidator.validate(with(SEED.rdomains(), SEED.interfaces(), uplinks))).containsExactly(
            new IntentError("intent/uplink[name=ipoe]/map-e/delegated-prefix",
                "delegated-prefix /40 is shorter than rule-ipv6-prefix + ea-bits-length (/31 + 25 = /56)"));
    }

    @Test
    void vebMembersMustExistAndBelongToOneBridge() {
        final List<Interface> interfaces = plus(SEED.interfaces(),
            new Interface("veb1", Kind.VEB, null, 0, null, null, null, List.of("em1", "em5", "veb0"), true));
        assertThat(IntentValidator.validate(with(SEED.rdomains(), interfaces, SEED.uplinks()))).containsExactly(
            new IntentError("intent/interface[name=veb1]/member", "em1 is already a port of veb0"),
            new IntentError("intent/interface[name=veb1]/member", "no interface em5 in this router's intent"),
            new IntentError("intent/interface[name=veb1]/member", "veb0 cannot be a port of a bridge"));
    }

    @Test
    void staticRoutesNeedAReachableNextHop() {
        final List<Rdomain> rdomains = List.of(
            new Rdomain(0, null, null, "ipoe", List.of(
                new StaticRoute("10.0.0.0/8", new StaticRoute.ViaGateway("192.168.1.254")),
                new StaticRoute("172.16.0.0/12", new StaticRoute.ViaGateway("192.168.2.254")),
                new StaticRoute("198.18.0.0/15", new StaticRoute.ViaInterface("em1")),
                new StaticRoute("203.0.113.0/24", new StaticRoute.ViaInterface("em9")))),
            SEED.rdomains().get(1));
        assertThat(IntentValidator.validate(with(rdomains, SEED.interfaces(), SEED.uplinks()))).containsExactly(
            new IntentError("intent/rdomain[id=0]/static-route[destination=172.16.0.0/12]/gateway",
                "no interface in rdomain 0 has a network that holds 192.168.2.254"),
            new IntentError("intent/rdomain[id=0]/static-route[destination=198.18.0.0/15]/interface",
                "interface em1 has no address of the destination's family to route through"),
            new IntentError("intent/rdomain[id=0]/static-route[destination=203.0.113.0/24]/interface",
                "no interface em9 in this router's intent"));
    }
}

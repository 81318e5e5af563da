/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.opendaylight.openbsdpbr.api.intent.Endpoint;
import org.opendaylight.openbsdpbr.api.intent.Family;
import org.opendaylight.openbsdpbr.api.intent.HostGroup;
import org.opendaylight.openbsdpbr.api.intent.Interface;
import org.opendaylight.openbsdpbr.api.intent.Interface.Kind;
import org.opendaylight.openbsdpbr.api.intent.PfTable;
import org.opendaylight.openbsdpbr.api.intent.PolicyRoute;
import org.opendaylight.openbsdpbr.api.intent.RouterIntent;
import org.opendaylight.openbsdpbr.api.intent.SharedIntent;
import org.opendaylight.openbsdpbr.api.intent.Via;

/** One lint per test, each from the seed with one change: the silent cases of issue 9 (classes 4, 7 and 11). */
class LintsTest {
    private static final RouterIntent SEED = GoldenFixtures.seedRouter();

    private static List<String> lints(final RouterIntent intent) {
        return Renderer.render(intent).lints().stream().map(Lint::toString).toList();
    }

    private static RouterIntent with(final List<PfTable> tables, final List<HostGroup> groups,
            final PolicyRoute... routes) {
        final SharedIntent shared = SEED.shared();
        return SEED.withShared(new SharedIntent(tables, groups, List.of(routes), shared.nat(),
            shared.inboundServices(), shared.dnsResolver(), shared.sshd()));
    }

    private static PolicyRoute route(final String name, final long sequence, final Family family,
            final Endpoint source, final Endpoint destination, final Via via) {
        return new PolicyRoute(name, sequence, null, "vport0", family, null, source, destination, via);
    }

    @Test
    void theSeedEarnsNoLint() {
        assertThat(lints(SEED)).isEmpty();
    }

    @Test
    void destinationAnyIsLintedAndInternetIsNot() {
        final Endpoint lan = Endpoint.of(new Endpoint.InterfaceNetwork("vport0:network"));
        assertThat(lints(with(SEED.shared().tables(), SEED.shared().hostGroups(),
            route("all", 10, Family.INET, lan, Endpoint.ANY, new Via.ViaUplink("pppoe")),
            route("web", 20, Family.INET, lan, null, new Via.ViaUplink("pppoe"))))).containsExactly(
                "warning destination-any at intent/policy-route[name=all]/destination: destination any also moves LAN"
                    + " traffic to the router itself and to the other local networks into rtable 1; leave the"
                    + " destination out (internet: !<martians>, the default) or name the destinations");
    }

    @Test
    void aPublicLanIsNotExcludedByTheInternetDestination() {
        final List<Interface> interfaces = SEED.interfaces().stream().map(iface -> !iface.name().equals("vport0")
            ? iface : new Interface("vport0", Kind.VPORT, null, 0, List.of("192.168.1.1/24", "198.18.0.1/24",
                "203.0.114.1/28"), null, null, null, true)).toList();
        final RouterIntent intent = new RouterIntent(SEED.name(), null, SEED.rdomains(), interfaces, SEED.uplinks(),
            SEED.shared()).withShared(with(List.of(), List.of(), route("web", 10, Family.INET,
                Endpoint.ANY, null, new Via.ViaUplink("pppoe"))).shared());
        // 198.18.0.0/24 lies in the benchmarking range, 203.0.114.0/28 is a public network on the LAN
        assertThat(lints(intent)).containsExactly("warning local-network-not-excluded at"
            + " intent/policy-route[name=web]/destination: the destination internet (!<martians>) leaves out only"
            + " special-purpose ranges: traffic to vport0's network 203.0.114.1/28 moves into rtable 1 too");
    }

    @Test
    void aConstTableWithoutTheRulesFamilyIsLinted() {
        final PfTable v6only = new PfTable("v6_dst", null, true, false, List.of("2001:db8:9::/48"));
        assertThat(lints(with(List.of(v6only), List.of(), route("t", 10, Family.INET,
            Endpoint.of(new Endpoint.InterfaceNetwork("vport0:network")),
            Endpoint.of(new Endpoint.TableRef("v6_dst")), new Via.ViaUplink("pppoe"))))).containsExactly(
                "warning family-mismatch at intent/policy-route[name=t]/destination: the table v6_dst has no inet"
                    + " entry: this inet rule matches no destination",
                "warning family-mismatch at intent/table[name=v6_dst]/entry: the table v6_dst holds inet6 addresses"
                    + " (2001:db8:9::/48) but every rule that names it is inet: pf leaves them out of those"
                    + " rules without a word");
    }

    @Test
    void hostGroupAddressesNoRuleOfTheirFamilyUsesAreLinted() {
        final HostGroup mixed = new HostGroup("pppoe_hosts", null, List.of("192.168.1.20", "2001:db8:1::20"));
        assertThat(lints(with(SEED.shared().tables(), List.of(mixed), route("h", 10, Family.INET,
            Endpoint.of(new Endpoint.HostGroupRef("pppoe_hosts")), null, new Via.ViaUplink("pppoe")))))
            .containsExactly("warning family-mismatch at intent/host-group[name=pppoe_hosts]/address: the host group"
                + " pppoe_hosts holds inet6 addresses (2001:db8:1::20, ...) but every rule that names it is"
                + " inet: pf leaves them out of those rules without a word");
    }

    @Test
    void anInet6RouteIntoAnRdomainWithoutIpv6DefaultIsLinted() {
        // the built-in martians (no table of that name in the intent) holds IPv6 ranges too
        assertThat(lints(with(List.of(), SEED.shared().hostGroups(), route("v6", 10, Family.INET6,
            Endpoint.ANY, null, new Via.ViaRdomain(1))))).containsExactly("warning no-default-route at"
                + " intent/policy-route[name=v6]/via-rdomain: rdomain 1 has no IPv6 default route: this traffic is"
                + " dropped unless a static route matches");
        // rdomain 0 has the MAP-E WAN, whose router advertisements give slaacd an IPv6 default route
        assertThat(lints(with(List.of(), SEED.shared().hostGroups(), route("v6", 10, Family.INET6,
            Endpoint.ANY, null, new Via.ViaRdomain(0))))).isEmpty();
    }

    @Test
    void anIntentsOwnMartiansWithoutIpv6ExcludesNothingFromAnInet6Route() {
        // the seed defines its own martians table, IPv4 only: !<martians> in an inet6 rule matches everything
        assertThat(lints(with(SEED.shared().tables(), SEED.shared().hostGroups(), route("v6", 10, Family.INET6,
            Endpoint.ANY, null, new Via.ViaRdomain(0))))).containsExactly("warning family-mismatch at"
                + " intent/policy-route[name=v6]/destination: the table martians has no inet6 entry: this inet6 rule"
                + " matches every destination there");
    }
}

/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opendaylight.openbsdpbr.impl.render.GoldenFixtures.assign;

import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.opendaylight.openbsdpbr.api.files.FileSet;
import org.opendaylight.openbsdpbr.api.files.ManagedFile;
import org.opendaylight.openbsdpbr.api.intent.IntentError;
import org.opendaylight.openbsdpbr.api.intent.Interface;
import org.opendaylight.openbsdpbr.api.intent.Ipv6Uplink;
import org.opendaylight.openbsdpbr.api.intent.RouterAdvertisement;
import org.opendaylight.openbsdpbr.api.intent.RouterIntent;
import org.opendaylight.openbsdpbr.api.intent.Uplink;

/**
 * IPv6 for the LAN beyond the golden files: dhcp6leased's split of a delegated prefix, the validator's refusals (each
 * naming its element) and the apply plan that restarts only the daemon whose file changed.
 */
class Ipv6Test {
    private static final RouterIntent SEED6 = GoldenFixtures.seedRouterIpv6();
    private static final String IPOE = "intent/uplink[name=ipoe]/ipv6";
    private static final String VPORT0_RA = "intent/interface[name=vport0]/router-advertisement";

    private static Ipv6Uplink.PrefixDelegation pd(final String prefix, final Ipv6Uplink.Assignment... parts) {
        return new Ipv6Uplink.PrefixDelegation(prefix, false, List.of(parts));
    }

    /** The seed with LAN IPv6, its interfaces and uplinks edited. */
    private static RouterIntent edit(final UnaryOperator<Interface> interfaces, final UnaryOperator<Uplink> uplinks) {
        return new RouterIntent(SEED6.name(), SEED6.openbsdRelease(), SEED6.rdomains(),
            SEED6.interfaces().stream().map(interfaces).toList(), SEED6.uplinks().stream().map(uplinks).toList(),
            SEED6.shared());
    }

    private static Interface withRa(final Interface iface, final RouterAdvertisement ra) {
        return new Interface(iface.name(), iface.kind(), iface.description(), iface.rdomain(), iface.ipv4Addresses(),
            iface.ipv6Addresses(), iface.mtu(), iface.members(), iface.enabled(), ra);
    }

    private static Uplink withIpv6(final Uplink uplink, final Ipv6Uplink ipv6) {
        return new Uplink(uplink.name(), uplink.description(), uplink.rdomain(), uplink.mss(), uplink.kind(), ipv6);
    }

    /** The seed with LAN IPv6 whose ipoe uplink delegates {@code pd}. */
    private static RouterIntent ipoeDelegates(final Ipv6Uplink.PrefixDelegation pd) {
        return edit(UnaryOperator.identity(),
            uplink -> "ipoe".equals(uplink.name()) ? withIpv6(uplink, new Ipv6Uplink(pd)) : uplink);
    }

    /** The seed with LAN IPv6 whose interface {@code name} advertises {@code ra}. */
    private static RouterIntent advertises(final RouterIntent intent, final String name, final RouterAdvertisement ra) {
        return new RouterIntent(intent.name(), intent.openbsdRelease(), intent.rdomains(), intent.interfaces().stream()
            .map(iface -> name.equals(iface.name()) ? withRa(iface, ra) : iface).toList(), intent.uplinks(),
            intent.shared());
    }

    private static List<IntentError> errors(final RouterIntent intent) {
        return IntentValidator.validate(intent);
    }

    @Test
    void dhcp6leasedSplitsAsItsManualSays() {
        // dhcp6leased.conf(5): "if a /64 and /60 prefix are to be assigned ... dhcp6leased requests a /59 prefix ...
        // the first /64 out of the first /60 ... The second /60 prefix from the delegated /59 is assigned to the
        // second interface"
        final PrefixPlan plan = PrefixPlan.of(pd(null, assign(0, "em1", 64), assign(1, "em2", 60)));
        assertThat(plan.requestedLength()).isEqualTo(59);
        assertThat(plan.parts()).extracting(part -> part.prefixIn("2001:db8:aa00::/56"))
            .containsExactly("2001:db8:aa00::/64", "2001:db8:aa00:10::/60");
        // one part: its own length; a larger part first leaves no gap before the smaller ones
        assertThat(PrefixPlan.of(pd(null, assign(0, "em1", 64))).requestedLength()).isEqualTo(64);
        final PrefixPlan larger = PrefixPlan.of(pd(null, assign(0, "em2", 60), assign(1, "em1", 64),
            assign(2, null, 64)));
        assertThat(larger.requestedLength()).isEqualTo(59);
        assertThat(larger.parts()).extracting(part -> part.prefixIn("2001:db8:aa00::/56"))
            .containsExactly("2001:db8:aa00::/60", "2001:db8:aa00:10::/64", "2001:db8:aa00:11::/64");
        // host bits of the delegated prefix never leak into a part
        assertThat(PrefixPlan.of(pd(null, assign(0, null, 64), assign(1, "em1", 64))).parts().get(1)
            .prefixIn("240b:10:af40:3c00::/56")).isEqualTo("240b:10:af40:3c01::/64");
    }

    @Test
    void theSeedWithLanIpv6IsValid() {
        assertThat(errors(SEED6)).isEmpty();
    }

    @Test
    void aSplitLargerThanTheDelegatedPrefixIsRefusedAtItsAssignments() {
        // a /64 then a reserved /56: the /56 starts on the next /56 boundary, dhcp6leased asks for a /55
        final List<IntentError> errors = errors(ipoeDelegates(pd(null, assign(0, "vport0", 64),
            assign(1, null, 56))));
        assertThat(errors).singleElement().satisfies(error -> {
            assertThat(error.path()).isEqualTo(IPOE + "/prefix-delegation/assign");
            assertThat(error.message()).contains("need a /55").contains("240b:10:af40:3c00::/56 is too small");
        });
        assertThatRenderRefuses(ipoeDelegates(pd(null, assign(0, "vport0", 48))), IPOE + "/prefix-delegation/assign");
    }

    @Test
    void routerAdvertisementsOnAnInterfaceWithoutIpv6AreRefused() {
        final RouterIntent noDelegation = edit(UnaryOperator.identity(),
            uplink -> withIpv6(uplink, null));
        assertThat(errors(noDelegation)).singleElement().satisfies(error -> {
            assertThat(error.path()).isEqualTo(VPORT0_RA);
            assertThat(error.message()).contains("vport0 has no IPv6");
        });
        // a ULA is IPv6 enough
        final RouterIntent ula = new RouterIntent(noDelegation.name(), null, noDelegation.rdomains(),
            noDelegation.interfaces().stream().map(iface -> !"vport0".equals(iface.name()) ? iface
                : new Interface(iface.name(), iface.kind(), null, 0, iface.ipv4Addresses(),
                    List.of("fd00:1:2:3::1/64"), null, null, true, iface.routerAdvertisement())).toList(),
            noDelegation.uplinks(), noDelegation.shared());
        assertThat(errors(ula)).isEmpty();
    }

    @Test
    void unwindOrAnyOtherAddressOfTheRouterIsNeverAnnouncedAsTheLansResolver() {
        for (String server : List.of("::1", "240b:10:af40:3c00:6a:48af:4000:3c00")) {
            assertThat(errors(advertises(SEED6, "vport0", new RouterAdvertisement(List.of("2001:4860:4860::8888",
                server))))).as(server).singleElement().satisfies(error -> {
                    assertThat(error.path()).isEqualTo(VPORT0_RA + "/dns-server");
                    assertThat(error.message()).contains(server + " is the router itself")
                        .contains("unwind listens on localhost only");
                });
        }
        // a LAN host's address in the delegated part is a resolver that serves the LAN
        assertThat(errors(advertises(SEED6, "vport0", new RouterAdvertisement(List.of("240b:10:af40:3c01::53")))))
            .isEmpty();
    }

    @Test
    void delegationsAndAdvertisementsGoWhereTheyCanWork() {
        // a bridge holds no address; em0 faces the ISP; em0 cannot advertise either
        assertThat(errors(ipoeDelegates(pd(null, assign(0, "veb0", 64))))).extracting(IntentError::path)
            .containsExactly(IPOE + "/prefix-delegation/assign[slot=0]/interface", VPORT0_RA);
        assertThat(errors(ipoeDelegates(pd(null, assign(0, "em0", 64), assign(1, "vport0", 64)))))
            .singleElement().satisfies(error -> {
                assertThat(error.path()).isEqualTo(IPOE + "/prefix-delegation/assign[slot=0]/interface");
                assertThat(error.message()).contains("em0 faces the ISP");
            });
        assertThat(errors(advertises(SEED6, "em0", new RouterAdvertisement(null)))).singleElement()
            .satisfies(error -> assertThat(error.path()).isEqualTo("intent/interface[name=em0]/router-advertisement"));
        // another prefix than the one MAP-E derives its addresses from
        assertThat(errors(ipoeDelegates(pd("2001:db8::/56", assign(0, "vport0", 64))))).singleElement()
            .satisfies(error -> assertThat(error.path()).isEqualTo(IPOE + "/prefix-delegation/delegated-prefix"));
        // PPPoE without ipv6 carries none; elsewhere the intent names the delegated prefix
        final RouterIntent pppoe = edit(UnaryOperator.identity(), uplink -> "pppoe".equals(uplink.name())
            ? withIpv6(uplink, new Ipv6Uplink(pd("2001:db8::/56", assign(0, "lo1", 64)))) : uplink);
        assertThat(errors(pppoe)).extracting(IntentError::path).containsExactly("intent/uplink[name=pppoe]/ipv6");
        final RouterIntent noPrefix = GoldenFixtures.ipv6SplitReserve();
        final RouterIntent missing = new RouterIntent(noPrefix.name(), null, noPrefix.rdomains(),
            noPrefix.interfaces(), noPrefix.uplinks().stream().map(uplink -> withIpv6(uplink, new Ipv6Uplink(
                pd(null, assign(0, "em1", 64))))).toList(), noPrefix.shared());
        // reported once, at the prefix: em1 still counts as getting a part; em2 gets none and says so
        assertThat(errors(missing)).extracting(IntentError::path).containsExactly(
            "intent/uplink[name=cable]/ipv6/prefix-delegation/delegated-prefix",
            "intent/interface[name=em2]/router-advertisement");
    }

    @Test
    void anInterfaceInAnotherRdomainThanTheUplinkGetsNoPart() {
        final RouterIntent intent = GoldenFixtures.ipv6SplitReserve();
        final RouterIntent moved = new RouterIntent(intent.name(), null, intent.rdomains(), intent.interfaces()
            .stream().map(iface -> !"em2".equals(iface.name()) ? iface : new Interface(iface.name(), iface.kind(),
                null, 3, iface.ipv4Addresses(), null, null, null, true, null)).toList(), intent.uplinks(),
            intent.shared());
        assertThat(errors(moved)).singleElement().satisfies(error -> {
            assertThat(error.path()).isEqualTo("intent/uplink[name=cable]/ipv6/prefix-delegation/assign[slot=2]"
                + "/interface");
            assertThat(error.message()).contains("em2 is in rdomain 3 but the uplink cable's IPv6 runs on em0 in"
                + " rdomain 0");
        });
    }

    @Test
    void aMapETunnelInAnotherRdomainThanItsWanDelegatesToTheWansRdomain() {
        // gif0 in rdomain 2 (tunneldomain 0): the LAN's IPv6 follows em0's IPv6 default route in rdomain 0
        final RouterIntent tunnelElsewhere = new RouterIntent(SEED6.name(), SEED6.openbsdRelease(), List.of(
            new org.opendaylight.openbsdpbr.api.intent.Rdomain(0, null, null, null, List.of()),
            new org.opendaylight.openbsdpbr.api.intent.Rdomain(1, null, "127.0.0.1/8", "pppoe", List.of()),
            new org.opendaylight.openbsdpbr.api.intent.Rdomain(2, null, "127.0.0.1/8", "ipoe", List.of())),
            SEED6.interfaces(), SEED6.uplinks().stream().map(uplink -> !"ipoe".equals(uplink.name()) ? uplink
                : new Uplink(uplink.name(), null, 2, null, uplink.kind(), uplink.ipv6())).toList(),
            SEED6.shared());
        assertThat(errors(tunnelElsewhere)).isEmpty();
    }

    @Test
    void aStaticIpv6LanBehindAnIpv6UplinkIsForwardedToo() {
        // the PPPoE golden router (IPv6 over PPPoE, the rdomain's default) with a global IPv6 address on its LAN
        final RouterIntent pppoe = GoldenFixtures.pppoeIpv6Rfc4638();
        final RouterIntent lan = new RouterIntent(pppoe.name(), null, pppoe.rdomains(), pppoe.interfaces().stream()
            .map(iface -> !"em1".equals(iface.name()) ? iface : new Interface(iface.name(), iface.kind(), null, 0,
                iface.ipv4Addresses(), List.of("2001:db8:1::1/64"), null, null, true)).toList(), pppoe.uplinks(),
            pppoe.shared());
        assertThat(Renderer.render(lan).files().get(ApplyPlanner.SYSCTL_CONF).orElseThrow().content())
            .isEqualTo("net.inet.ip.forwarding=1\nnet.inet6.ip6.forwarding=1\n");
        // without the LAN address, or where IPv6 has no way out (branch-dhcp's em1: no IPv6 default), IPv4 only
        assertThat(Renderer.render(pppoe).files().get(ApplyPlanner.SYSCTL_CONF).orElseThrow().content())
            .isEqualTo("net.inet.ip.forwarding=1\n");
        assertThat(Renderer.render(GoldenFixtures.branchDhcp()).files().get(ApplyPlanner.SYSCTL_CONF).orElseThrow()
            .content()).isEqualTo("net.inet.ip.forwarding=1\n");
    }

    private static void assertThatRenderRefuses(final RouterIntent intent, final String path) {
        try {
            Renderer.render(intent);
            throw new AssertionError("rendered");
        } catch (InvalidIntentException e) {
            assertThat(e.errors()).extracting(IntentError::path).contains(path);
        }
    }

    // ---- the apply plan ----

    private static FileSet rendered(final RouterIntent intent) {
        return Renderer.render(intent).files();
    }

    private static FileSet replacing(final FileSet files, final String path, final String content) {
        return FileSet.of(files.files().values().stream().map(file -> !file.path().equals(path) ? file
            : new ManagedFile(path, file.owner(), file.group(), file.mode(), content, false)).toList());
    }

    @Test
    void turningLanIpv6OnLoadsPfThenForwardsThenStartsBothDaemons() {
        assertThat(ApplyPlanner.plan(rendered(GoldenFixtures.seedRouter()), rendered(SEED6)).commands())
            .containsExactly("pfctl -f /etc/pf.conf", "sysctl net.inet6.ip6.forwarding=1", "rcctl start dhcp6leased",
                "rcctl start rad");
    }

    @Test
    void turningItOffStopsThemAndForwarding() {
        assertThat(ApplyPlanner.plan(rendered(SEED6), rendered(GoldenFixtures.seedRouter())).commands())
            .containsExactly("pfctl -f /etc/pf.conf", "sysctl net.inet6.ip6.forwarding=0", "rcctl stop dhcp6leased",
                "rcctl stop rad");
    }

    @Test
    void aChangedAdvertisementReloadsRadAlone() {
        final RouterIntent other = advertises(SEED6, "vport0",
            new RouterAdvertisement(List.of("2606:4700:4700::1111")));
        assertThat(ApplyPlanner.plan(rendered(SEED6), rendered(other)).commands()).containsExactly("rcctl reload rad");
    }

    @Test
    void aChangedSplitRestartsDhcp6leasedAloneAndReloadsPf() {
        final FileSet before = rendered(SEED6);
        assertThat(ApplyPlanner.plan(before, replacing(before, ApplyPlanner.DHCP6LEASED_CONF,
            "request prefix delegation on em0 for { vport0/64 }\n")).commands())
            .containsExactly("rcctl restart dhcp6leased");
        // a new split of another delegated prefix changes pf.conf's drop of it too, and nothing of rad
        final RouterIntent split = GoldenFixtures.ipv6SplitReserve();
        final RouterIntent bigger = new RouterIntent(split.name(), null, split.rdomains(), split.interfaces(),
            split.uplinks().stream().map(uplink -> withIpv6(uplink, new Ipv6Uplink(pd("2001:db8:aa00::/48",
                assign(0, "em1", 64), assign(1, "em2", 64))))).toList(), split.shared());
        assertThat(ApplyPlanner.plan(rendered(split), rendered(bigger)).commands())
            .containsExactly("pfctl -f /etc/pf.conf", "rcctl restart dhcp6leased");
    }
}

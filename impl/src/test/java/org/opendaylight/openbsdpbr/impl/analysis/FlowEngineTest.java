/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.opendaylight.openbsdpbr.impl.analysis.FlowAnswer.Disposition;
import org.opendaylight.openbsdpbr.impl.analysis.FlowQuestion.Protocol;

/** What the engine does not model is answered as unknown with the reason, never guessed. */
class FlowEngineTest {
    private static FlowAnswer ask(final String pf, final FlowQuestion question) {
        final Map<String, String> files = new TreeMap<>(Fixtures.files("last-match"));
        files.put(RouterModel.PF_CONF, pf);
        return new FlowEngine(RouterModel.of(files)).answer(question);
    }

    private static final FlowQuestion WEB = new FlowQuestion("em1", Fixtures.address("192.168.1.10"),
        Fixtures.address("8.8.8.8"), Protocol.TCP, -1, 443, Map.of());

    @Test
    void aRuleThatRedirectsOrRoutesElsewhereIsUnknown() {
        assertThat(ask("pass in on em1 rdr-to 192.168.1.5\n", WEB)).satisfies(answer -> {
            assertThat(answer.disposition()).isEqualTo(Disposition.UNKNOWN);
            assertThat(answer.reason()).contains("/etc/pf.conf:1").contains("rdr-to");
        });
        assertThat(ask("pass in on em1 route-to (em0 203.0.113.1)\n", WEB).reason()).contains("route-to");
    }

    @Test
    void aLaterSureMatchOverridesAnUnknownOne() {
        // line 1 needs a user check the model cannot do; line 2 surely matches and decides anyway
        assertThat(ask("block in on em1 proto tcp user root\npass in on em1\n", WEB).disposition())
            .isEqualTo(Disposition.FORWARDED);
        assertThat(ask("pass in on em1\nblock in on em1 proto tcp user root\n", WEB)).satisfies(answer -> {
            assertThat(answer.disposition()).isEqualTo(Disposition.UNKNOWN);
            assertThat(answer.reason()).contains("user root");
        });
    }

    @Test
    void aRandomDecisionIsUnknown() {
        assertThat(ask("block in on em1 probability 50%\n", WEB).reason()).contains("at random");
    }

    @Test
    void anAnchorWhoseFileIsMissingIsUnknown() {
        assertThat(ask("anchor \"failover\"\nload anchor \"failover\" from \"/etc/pf/failover.conf\"\n", WEB))
            .satisfies(answer -> {
                assertThat(answer.disposition()).isEqualTo(Disposition.UNKNOWN);
                assertThat(answer.reason()).contains("anchor \"failover\"");
            });
    }

    @Test
    void aTableLoadedFromAFileIsUnknown() {
        assertThat(ask("table <t> persist file \"/etc/t\"\nblock in on em1 to <t>\npass\n", WEB).disposition())
            .isEqualTo(Disposition.FORWARDED);
        assertThat(ask("table <t> persist file \"/etc/t\"\npass\nblock in on em1 to <t>\n", WEB).reason())
            .contains("loads [/etc/t]");
    }

    @Test
    void anUndefinedTableIsEmptyAndSaidSo() {
        final FlowAnswer answer = ask("pass\nblock in on em1 to <nowhere>\n", WEB);
        assertThat(answer.disposition()).isEqualTo(Disposition.FORWARDED);
        assertThat(answer.assumptions()).anySatisfy(text -> assertThat(text).contains("<nowhere> is not defined"));
    }

    @Test
    void anAssumptionForAStaticInterfaceIsRefused() {
        final FlowQuestion question = new FlowQuestion("em1", Fixtures.address("192.168.1.10"),
            Fixtures.address("8.8.8.8"), Protocol.TCP, -1, 443, Map.of("em0",
                org.opendaylight.openbsdpbr.impl.analysis.ip.IpPrefix.parse("203.0.113.9")));
        assertThat(ask("pass\n", question).reason()).contains("em0 has no dynamic IPv4 address");
    }

    @Test
    void anUnknownInterface() {
        final FlowQuestion question = new FlowQuestion("em9", Fixtures.address("192.168.1.10"),
            Fixtures.address("8.8.8.8"), Protocol.TCP, -1, 443, Map.of());
        assertThat(ask("pass\n", question).reason()).isEqualTo("em9 is not an interface in the router's files");
    }

    @Test
    void anIpv6FlowTakesTheLinkLocalDefaultRoute() {
        // the PPPoE golden router with an IPv6 LAN: inet6 default via fe80::%pppoe0 (hostname.pppoe0)
        final Map<String, String> files = new TreeMap<>();
        Fixtures.read(Fixtures.resource("render/pppoe-ipv6-rfc4638"), files);
        files.put("/etc/hostname.em1", files.get("/etc/hostname.em1").replace("up", "inet6 2001:db8:1::1/64\nup"));
        // and IPv6 forwarding on, which the renderer writes for such a LAN (without it the kernel forwards no IPv6)
        files.put("/etc/sysctl.conf", "net.inet6.ip6.forwarding=1\n");
        final FlowAnswer answer = new FlowEngine(RouterModel.of(files)).answer(new FlowQuestion("em1",
            Fixtures.address("2001:db8:1::10"), Fixtures.address("2001:4860:4860::8888"), Protocol.TCP, -1, 443,
            Map.of()));
        assertThat(answer.disposition()).as(answer.reason()).isEqualTo(Disposition.FORWARDED);
        assertThat(answer.egressInterface()).isEqualTo("pppoe0");
        assertThat(answer.nextHop()).isEqualTo("fe80::%pppoe0");
        // pf.conf has no IPv6 NAT: it leaves with its own address
        assertThat(answer.nat()).isNull();
    }

    @Test
    void twoDefaultRoutesLearntAtRunTimeAreUnknown() {
        // two DHCP uplinks in rdomain 1: each dhcpleased installs a default route there
        final Map<String, String> files = new TreeMap<>(Fixtures.files("last-match"));
        files.put("/etc/hostname.em4", "rdomain 1\ninet autoconf\nup\n");
        files.put("/etc/hostname.em5", "rdomain 1\ninet autoconf\nup\n");
        files.put("/etc/hostname.em2", "rdomain 1\ninet 198.51.100.2/24\nup\n");
        files.put(RouterModel.PF_CONF, "pass\npass in on em1 rtable 1\n");
        final FlowAnswer answer = new FlowEngine(RouterModel.of(files)).answer(WEB);
        assertThat(answer.disposition()).isEqualTo(Disposition.UNKNOWN);
        assertThat(answer.reason()).isEqualTo("rtable 1 (set by /etc/pf.conf:2) has 2 routes to 0.0.0.0/0 learnt at"
            + " run time (em4, em5): which one the kernel uses is not in the files");
    }
}

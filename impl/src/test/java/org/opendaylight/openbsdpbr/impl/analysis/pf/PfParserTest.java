/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.analysis.pf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opendaylight.openbsdpbr.impl.analysis.ip.IpPrefix;
import org.opendaylight.openbsdpbr.impl.analysis.source.ModelException;

/** The strict parser reads every rendered pf.conf and refuses the rest with file and line. */
class PfParserTest {
    private static String golden(final String name) throws IOException, URISyntaxException {
        return Files.readString(Path.of(PfParserTest.class.getResource("/render/" + name + "/etc/pf.conf").toURI()),
            StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(strings = { "seed-router", "pppoe-ipv6-rfc4638", "map-e-portset", "branch-dhcp", "minimal" })
    void everyGoldenPfConfParses(final String name) throws Exception {
        final String text = golden(name);
        final PfRuleset ruleset = PfParser.parse("/etc/pf.conf", text);
        final long statements = text.lines().filter(line -> !line.isBlank() && !line.startsWith("#")
            && !line.startsWith("table") && !line.startsWith("set") && !line.contains(" = ")).count();
        assertThat(ruleset.rules()).hasSize((int) statements);
        assertThat(ruleset.options().skip()).containsExactly("lo");
    }

    @Test
    void aPolicyRouteOfTheSeed() throws Exception {
        final PfRuleset ruleset = PfParser.parse("/etc/pf.conf", golden("seed-router"));
        final PfRule route = ruleset.rules().stream().filter(rule -> rule.source().line() == 61).findFirst()
            .orElseThrow();
        assertThat(route.action()).isEqualTo(PfRule.Action.PASS);
        assertThat(route.criteria().direction()).isEqualTo(PfRule.Direction.IN);
        assertThat(route.criteria().on()).containsExactly(new PfRule.OnInterface("vport0", false));
        assertThat(route.criteria().af()).isEqualTo(PfRule.Af.INET);
        assertThat(route.criteria().from().terms()).containsExactly(new PfHosts.Term(false,
            new PfAddress.Interface("vport0", PfAddress.Modifier.NETWORK, false, false)));
        assertThat(route.criteria().to().terms()).containsExactly(new PfHosts.Term(false,
            new PfAddress.Table("via_pppoe")));
        assertThat(route.actions().rtable()).isEqualTo(1);
        assertThat(route.actions().state()).isEqualTo(PfRule.State.KEEP);
        assertThat(route.comments()).containsExactly("Policy routes, in sequence order (the last matching rule wins)",
            "10 to-via-pppoe: packets to specific hosts route via rtable 1");
        assertThat(route.source().text()).isEqualTo("pass in on vport0 inet from vport0:network to <via_pppoe>"
            + " rtable 1");
        assertThat(ruleset.table("via_pppoe").set().matches(IpPrefix.parse("8.8.8.8").address())).isTrue();
        assertThat(ruleset.table("via_pppoe").fixed()).isTrue();
        assertThat(ruleset.macros()).containsEntry("pppoe_hosts", "{ 192.168.1.20, 192.168.1.21 }");
    }

    @Test
    void natRulesKeepTheirPortRangeProbabilityAndPortset() throws Exception {
        final PfRuleset seed = PfParser.parse("/etc/pf.conf", golden("seed-router"));
        final PfRule second = seed.rules().stream().filter(rule -> rule.source().line() == 22).findFirst()
            .orElseThrow();
        assertThat(second.actions().nat().portLow()).isEqualTo(9152);
        assertThat(second.actions().nat().portHigh()).isEqualTo(9167);
        assertThat(second.actions().probability()).isEqualTo(0.5);
        final PfRuleset patched = PfParser.parse("/etc/pf.conf", golden("map-e-portset"));
        assertThat(patched.rules().stream().filter(rule -> rule.actions().nat() != null).findFirst().orElseThrow()
            .actions().nat().mapE()).isEqualTo(new PfRule.MapEPortset(6, 8, 52));
    }

    @Test
    void anInlineAnchorHoldsItsRules() {
        final PfRuleset ruleset = PfParser.parse("/etc/pf.conf", """
            anchor "uplink/pppoe" in on em1 {
              pass in quick from 192.168.1.50 rtable 1 label "pppoe"
            }
            anchor "failover"
            load anchor "failover" from "/etc/pf/failover.conf"
            """);
        assertThat(ruleset.rules()).hasSize(2);
        assertThat(ruleset.rules().get(0).anchor().name()).isEqualTo("uplink/pppoe");
        assertThat(ruleset.rules().get(0).anchor().rules()).singleElement().satisfies(rule -> {
            assertThat(rule.quick()).isTrue();
            assertThat(rule.actions().label()).isEqualTo("pppoe");
            assertThat(rule.source().line()).isEqualTo(2);
        });
        assertThat(ruleset.rules().get(1).anchor().rules()).isNull();
        assertThat(ruleset.anchorFiles()).containsEntry("failover", "/etc/pf/failover.conf");
    }

    @Test
    void macroNamesStartWithALetterADigitOrAnUnderscore() {
        final PfRuleset ruleset = PfParser.parse("/etc/pf.conf", "_private = \"10.0.0.1\"\n2nd = \"10.0.0.2\"\n"
            + "pass from { $_private, $2nd }\n");
        assertThat(ruleset.rules().get(0).criteria().from().terms()).hasSize(2);
        assertThatThrownBy(() -> PfParser.parse("/etc/pf.conf", "bad-name = \"1\"\n"))
            .hasMessage("/etc/pf.conf:1: bad macro name 'bad-name'");
    }

    @Test
    void unmodelledButValidOptionsAreKeptForTheEngine() {
        final PfRuleset ruleset = PfParser.parse("/etc/pf.conf",
            "pass in on em1 proto tcp from any to any port ssh user root route-to (em2 10.0.0.1)\n");
        final PfRule rule = ruleset.rules().get(0);
        assertThat(rule.criteria().unmodelled()).containsExactly("user root");
        assertThat(rule.actions().unmodelled()).containsExactly("route-to");
        assertThat(rule.criteria().to().ports()).containsExactly(new PfHosts.PortOp(PfHosts.Op.EQ, 22, 22));
    }

    @Test
    void anythingElseIsAnErrorNamingFileAndLine() {
        assertThatThrownBy(() -> PfParser.parse("/etc/pf.conf", "pass\n\nfrobnicate all\n"))
            .isInstanceOf(ModelException.class).hasMessage("/etc/pf.conf:3: unknown statement 'frobnicate'");
        assertThatThrownBy(() -> PfParser.parse("/etc/pf.conf", "pass in on em0 fastroute\n"))
            .hasMessage("/etc/pf.conf:1: unknown rule option 'fastroute'");
        assertThatThrownBy(() -> PfParser.parse("/etc/pf.conf", "pass in on em0 from www.example.org\n"))
            .hasMessageContaining("/etc/pf.conf:1: 'www.example.org' is neither an address nor an interface");
        assertThatThrownBy(() -> PfParser.parse("/etc/pf.conf", "match in on em0 nat-to (em0)\n"))
            .hasMessage("/etc/pf.conf:1: nat-to can only be used outbound");
        assertThatThrownBy(() -> PfParser.parse("/etc/pf.conf", "set frobnicate yes\n"))
            .hasMessage("/etc/pf.conf:1: unknown option 'set frobnicate'");
        assertThatThrownBy(() -> PfParser.parse("/etc/pf.conf", "pass in on em0 to port 80\n"))
            .hasMessage("/etc/pf.conf:1: ports need proto tcp or udp");
        assertThatThrownBy(() -> PfParser.parse("/etc/pf.conf", "h = \"{ 10.0.0.1\"\npass from $h to any\n"))
            .hasMessage("/etc/pf.conf:2: unexpected 'to', expected an address");
        assertThatThrownBy(() -> PfParser.parse("/etc/pf.conf", "table <t> { 10.0.0.0/8 }\ntable <t> { }\n"))
            .hasMessage("/etc/pf.conf:2: table <t> defined twice");
    }
}

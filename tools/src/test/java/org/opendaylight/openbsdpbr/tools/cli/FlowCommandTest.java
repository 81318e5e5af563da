/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.tools.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

/** {@code openbsd-pbr flow} on the seed example: the walk-through of the README. */
class FlowCommandTest {
    @Test
    void aHostOfViaPppoeLeavesThroughPppoe() {
        final Seed.Run run = Seed.run("flow", Seed.EXAMPLE.toString(), "--in", "vport0", "--src", "192.168.1.10",
            "--dst", "8.8.8.8", "--proto", "tcp", "--dport", "443");
        assertThat(run.status()).isZero();
        assertThat(run.error()).isEmpty();
        assertThat(run.out()).startsWith("""
            seed-router: 192.168.1.10 -> 8.8.8.8 tcp/443, in on vport0
            forwarded: leaves through pppoe0 to 0.0.0.1 (rtable 1, set by /etc/pf.conf:61)
              rule        /etc/pf.conf:61  pass in on vport0 inet from vport0:network to <via_pppoe> rtable 1
              rtable      1
              egress      pppoe0, next hop 0.0.0.1
              nat         (pppoe0:0)
                          ports 50001-65535 (pf's default range), /etc/pf.conf:36
            """);
        assertThat(run.out()).contains("  in on vport0     /etc/pf.conf:61      pass\n")
            .contains("pppoe0's IPv4 address comes from PPP");
    }

    @Test
    void jsonHasTheKeysTheIssueNames() {
        final Seed.Run run = Seed.run("flow", Seed.EXAMPLE.toString(), "--router", "seed-router", "--in", "vport0",
            "--src", "192.168.1.10", "--dst", "1.1.1.1", "--proto", "udp", "--dport", "53", "--json");
        assertThat(run.status()).isZero();
        final JsonObject json = JsonParser.parseString(run.out()).getAsJsonObject();
        assertThat(json.keySet()).containsExactly("disposition", "reason", "rule", "matched", "rtable",
            "egress-interface", "next-hop", "nat", "delivery", "reply", "assumptions");
        assertThat(json.get("disposition").getAsString()).isEqualTo("forwarded");
        assertThat(json.getAsJsonObject("rule").get("line").getAsInt()).isEqualTo(41);
        assertThat(json.get("egress-interface").getAsString()).isEqualTo("gif0");
        assertThat(json.getAsJsonObject("nat").get("address").getAsString()).isEqualTo("106.72.175.64");
        assertThat(json.getAsJsonObject("nat").getAsJsonArray("choices")).hasSize(15);
        assertThat(json.get("delivery").isJsonNull()).isTrue();
        assertThat(json.getAsJsonObject("reply").get("leaves").getAsString()).isEqualTo("vport0");
    }

    @Test
    void sshToTheRouterOverPppoeWithAnAssumedAddress() {
        final Seed.Run run = Seed.run("flow", Seed.EXAMPLE.toString(), "--in", "pppoe0", "--src", "198.51.100.7",
            "--dst", "203.0.113.9", "--proto", "tcp", "--dport", "22", "--assume", "pppoe0=203.0.113.9");
        assertThat(run.status()).isZero();
        assertThat(run.out()).contains("delivered: ").contains("listener    sshd on 0.0.0.0:22 rdomain 1");
    }

    @Test
    void usageErrors() {
        assertThat(Seed.run("flow", Seed.EXAMPLE.toString(), "--src", "1.1.1.1", "--dst", "2.2.2.2"))
            .satisfies(run -> {
                assertThat(run.status()).isEqualTo(2);
                assertThat(run.error()).startsWith("flow: missing --in (usage: openbsd-pbr flow");
            });
        assertThat(Seed.run("flow", Seed.EXAMPLE.toString(), "--in", "vport0", "--src", "1.1.1.1", "--dst",
            "2.2.2.2", "--assume", "pppoe0")).satisfies(run -> {
                assertThat(run.status()).isEqualTo(2);
                assertThat(run.error()).contains("--assume takes IF=ADDRESS[/LENGTH], not 'pppoe0'");
            });
        assertThat(Seed.run("flow", Seed.EXAMPLE.toString(), "--in", "vport0", "--src", "1.1.1.1", "--dst",
            "2.2.2.2", "--dport", "80")).satisfies(run -> {
                assertThat(run.status()).isEqualTo(2);
                assertThat(run.error()).contains("ports need the protocol tcp or udp");
            });
    }

    /**
     * The seed with failover (examples/seed-router-failover): with PPPoE down, the via_pppoe destination leaves
     * through MAP-E by the rule of the anchor file ifstated's state down-pppoe loads; the uplink may be named by its
     * intent name or its interface.
     */
    @Test
    void withPppoeDownAViaPppoeDestinationLeavesThroughMapE() {
        final String example = java.nio.file.Path.of("..", "examples", "seed-router-failover").toString();
        final Seed.Run up = Seed.run("flow", example, "--in", "vport0", "--src", "192.168.1.10", "--dst", "8.8.8.8",
            "--proto", "tcp", "--dport", "443");
        assertThat(up.out()).contains("forwarded: leaves through pppoe0 to 0.0.0.1 (rtable 1, set by"
            + " /etc/pf/failover.conf:");
        for (String name : new String[] { "pppoe", "pppoe0" }) {
            final Seed.Run down = Seed.run("flow", example, "--in", "vport0", "--src", "192.168.1.10", "--dst",
                "8.8.8.8", "--proto", "tcp", "--dport", "443", "--down", name);
            assertThat(down.status()).as(down.error()).isZero();
            assertThat(down.out()).contains("forwarded: leaves through gif0 to 0.0.0.1 (rtable 0, set by"
                + " /etc/pf/failover-down-pppoe.conf:9)")
                .contains("failover state down-pppoe (pppoe0 down): anchor failover from"
                    + " /etc/pf/failover-down-pppoe.conf");
        }
        final Seed.Run wrong = Seed.run("flow", example, "--in", "vport0", "--src", "192.168.1.10", "--dst",
            "8.8.8.8", "--down", "em1");
        assertThat(wrong.status()).isEqualTo(2);
        assertThat(wrong.error()).isEqualTo("flow: --down: em1 is not an uplink the router's failover probes (it"
            + " probes gif0, pppoe0)\n");
    }
}

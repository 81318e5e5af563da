/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opendaylight.openbsdpbr.impl.analysis.FlowAnswer.Disposition;
import org.opendaylight.openbsdpbr.impl.analysis.FlowQuestion.Protocol;
import org.opendaylight.openbsdpbr.impl.analysis.ip.IpAddress;

/**
 * Flow answers per failure state and the failover's checks, on the renderer's golden files of the seed with failover
 * (render/failover-seed-router): the answers are pf.conf(5)'s and ifstated.conf(5)'s, worked out by hand from those
 * files (which anchor file each state loads, which rule of it matches, which table routes it).
 */
class FailoverStatesTest {
    private static Map<String, String> seedFailover() {
        final Map<String, String> files = new TreeMap<>();
        Fixtures.read(Fixtures.resource("render/failover-seed-router"), files);
        return files;
    }

    private static FlowAnswer answer(final Map<String, String> files, final String src, final String dst,
            final String... down) {
        return new FlowEngine(RouterModel.of(files)).answer(new FlowQuestion("vport0", IpAddress.parse(src),
            IpAddress.parse(dst), Protocol.TCP, -1, 443, Map.of(), Set.of(down)));
    }

    @Test
    void aViaPppoeDestinationMovesToMapEWhilePppoeIsDown() {
        final Map<String, String> files = seedFailover();
        // 8.8.8.8 is in <via_pppoe>: policy route to-via-pppoe, rtable 1, pppoe0
        assertThat(answer(files, "192.168.1.10", "8.8.8.8").egressInterface()).isEqualTo("pppoe0");
        // pppoe0 down: ifstated's state down-pppoe loads failover-down-pppoe.conf, whose rule says rtable 0: gif0,
        // with the MAP-E NAT of rtable 0 (the port blocks)
        final FlowAnswer down = answer(files, "192.168.1.10", "8.8.8.8", "pppoe0");
        assertThat(down.disposition()).isEqualTo(Disposition.FORWARDED);
        assertThat(down.egressInterface()).isEqualTo("gif0");
        assertThat(down.rtable()).isZero();
        assertThat(down.rule().file()).isEqualTo("/etc/pf/failover-down-pppoe.conf");
        assertThat(down.rule().text()).isEqualTo("pass in on vport0 inet from vport0:network to <via_pppoe> rtable 0"
            + " label \"route:to-via-pppoe@ipoe\"");
        assertThat(down.nat()).isNotNull();
        assertThat(down.assumptions().get(0)).isEqualTo("failover state down-pppoe (pppoe0 down): anchor failover"
            + " from /etc/pf/failover-down-pppoe.conf");
    }

    @Test
    void theLanMovesToPppoeWhileMapEIsDownAndEverythingDownIsThePlainPolicy() {
        final Map<String, String> files = seedFailover();
        assertThat(answer(files, "192.168.1.10", "1.1.1.1").egressInterface()).isEqualTo("gif0");
        final FlowAnswer down = answer(files, "192.168.1.10", "1.1.1.1", "gif0");
        assertThat(down.egressInterface()).isEqualTo("pppoe0");
        assertThat(down.rtable()).isEqualTo(1);
        // both down: state all-down loads the plain policy again instead of black-holing
        final FlowAnswer both = answer(files, "192.168.1.10", "1.1.1.1", "gif0", "pppoe0");
        assertThat(both.egressInterface()).isEqualTo("gif0");
        assertThat(both.assumptions().get(0)).startsWith("failover state all-down (gif0, pppoe0 down)");
        assertThat(answer(files, "192.168.1.10", "8.8.8.8", "gif0", "pppoe0").egressInterface())
            .isEqualTo("pppoe0");
    }

    @Test
    void onlyProbedUplinksCanBeDown() {
        final FlowEngine engine = new FlowEngine(RouterModel.of(seedFailover()));
        assertThat(engine.failover().probed()).containsExactly("gif0", "pppoe0");
        assertThatThrownBy(() -> engine.answer(new FlowQuestion("vport0", IpAddress.parse("192.168.1.10"),
            IpAddress.parse("1.1.1.1"), Protocol.TCP, -1, 443, Map.of(), Set.of("em1"))))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("em1 is not an uplink the router's failover probes (it probes gif0, pppoe0)");
    }

    @ParameterizedTest
    @ValueSource(strings = { "failover-seed-router", "failover-single-uplink", "failover-keep-kill",
        "failover-three-tiers" })
    void theRenderedFailoverHasNoProblem(final String name) {
        final Map<String, String> files = new TreeMap<>();
        Fixtures.read(Fixtures.resource("render/" + name), files);
        assertThat(FailoverStates.of(RouterModel.of(files)).problems()).isEmpty();
    }

    @Test
    void aKilledLabelNoRuleCarriesAndAStateWithoutWayInOrOutAreProblems() {
        final Map<String, String> files = seedFailover();
        files.put("/etc/pf.conf", files.get("/etc/pf.conf").replace(" label \"uplink:pppoe\"", ""));
        files.put("/etc/ifstated.conf", files.get("/etc/ifstated.conf") + "\nstate orphan {\n}\n");
        assertThat(FailoverStates.of(RouterModel.of(files)).problems()).contains(
            "/etc/ifstated.conf:10: state normal kills the states of label uplink:pppoe, which no pass rule carries:"
                + " pfctl would kill nothing",
            "/etc/ifstated.conf:86: state orphan cannot be reached from normal");
    }
}

/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The flow-path RPC over RESTCONF on the seed router (issue 12), as the README's walk-through asks it: the answers are
 * the seed's golden flows ({@code impl/src/test/resources/analysis/seed-router/flows.txt}, derived from pf.conf(5)),
 * with the keys the issue names; a bad question is a 400 naming the input leaf. The router is registered without
 * credentials on an unused port (13): the answer comes from its compiled intent, no router is asked.
 */
class FlowPathE2E {
    private static final String ROUTER = "/data/openbsd-pbr:routers/router=flow-seed";
    private static final String FLOW_PATH = "/operations/openbsd-pbr:flow-path";
    private static final Restconf RESTCONF = Restconf.admin();

    @BeforeAll
    static void putTheSeed() {
        RESTCONF.putSeed("flow-seed", 13);
    }

    @AfterAll
    static void deleteRouter() {
        RESTCONF.delete(ROUTER);
    }

    private static JsonObject ask(final String input) {
        final var reply = RESTCONF.post(FLOW_PATH, "{\"input\":{\"router\":\"flow-seed\"," + input + "}}");
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.json().getAsJsonObject().getAsJsonObject("openbsd-pbr:output");
    }

    @Test
    void aHostOfPppoeHostsLeavesThroughPppoe() {
        final JsonObject output = ask("\"in-interface\":\"vport0\",\"source\":\"192.168.1.20\","
            + "\"destination\":\"1.1.1.1\",\"protocol\":\"tcp\",\"destination-port\":443");
        assertThat(output.get("disposition").getAsString()).isEqualTo("forwarded");
        final JsonObject rule = output.getAsJsonObject("rule");
        assertThat(rule.get("file").getAsString()).isEqualTo("/etc/pf.conf");
        assertThat(rule.get("line").getAsInt()).isEqualTo(63);
        assertThat(rule.get("text").getAsString()).isEqualTo("pass in on vport0 inet from $pppoe_hosts to"
            + " !<martians> rtable 1");
        assertThat(output.get("rtable").getAsInt()).isEqualTo(1);
        assertThat(output.get("egress-interface").getAsString()).isEqualTo("pppoe0");
        assertThat(output.get("next-hop").getAsString()).isEqualTo("0.0.0.1");
        assertThat(output.getAsJsonObject("nat").get("form").getAsString()).isEqualTo("(pppoe0:0)");
        final JsonArray matched = output.getAsJsonArray("matched");
        assertThat(matched.get(matched.size() - 1).getAsJsonObject().get("stage").getAsString())
            .startsWith("out on pppoe0");
        assertThat(output.getAsJsonArray("assumptions").toString()).contains("pppoe0");
    }

    @Test
    void anotherHostLeavesThroughMapEWithItsPortBlocks() {
        final JsonObject output = ask("\"in-interface\":\"vport0\",\"source\":\"192.168.1.10\","
            + "\"destination\":\"1.1.1.1\",\"protocol\":\"tcp\",\"destination-port\":443");
        assertThat(output.get("egress-interface").getAsString()).isEqualTo("gif0");
        assertThat(output.get("rtable").getAsInt()).isZero();
        final JsonObject nat = output.getAsJsonObject("nat");
        assertThat(nat.get("address").getAsString()).isEqualTo("106.72.175.64");
        assertThat(nat.getAsJsonArray("choice")).hasSize(15);
    }

    @Test
    void sshFromTheInternetIsDeliveredToSshdInRdomainOne() {
        final JsonObject output = ask("\"in-interface\":\"pppoe0\",\"source\":\"198.51.100.7\","
            + "\"destination\":\"203.0.113.9\",\"protocol\":\"tcp\",\"destination-port\":22,"
            + "\"assume\":[{\"interface\":\"pppoe0\",\"address\":\"203.0.113.9\"}]");
        assertThat(output.get("disposition").getAsString()).isEqualTo("delivered");
        assertThat(output.getAsJsonObject("delivery").get("service").getAsString()).isEqualTo("sshd");
        assertThat(output.getAsJsonObject("delivery").get("listener").getAsString())
            .isEqualTo("0.0.0.0:22 rdomain 1");
    }

    @Test
    void aBadQuestionIsRefusedNamingTheInputLeaf() {
        final var reply = RESTCONF.post(FLOW_PATH, "{\"input\":{\"router\":\"flow-seed\",\"in-interface\":\"em9\","
            + "\"source\":\"192.168.1.20\",\"destination\":\"1.1.1.1\"}}");
        assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
        assertThat(reply.body()).contains("input/in-interface: em9 is not an interface of the router");

        final var ports = RESTCONF.post(FLOW_PATH, "{\"input\":{\"router\":\"flow-seed\",\"in-interface\":\"vport0\","
            + "\"source\":\"192.168.1.20\",\"destination\":\"1.1.1.1\",\"destination-port\":443}}");
        assertThat(ports.status()).as(ports.toString()).isEqualTo(400);
        assertThat(ports.body()).contains("input/destination-port: a port needs the protocol tcp or udp");
    }
}

/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.mdsal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.opendaylight.openbsdpbr.impl.compile.Compilations;
import org.opendaylight.openbsdpbr.impl.compile.CompileInputs;
import org.opendaylight.openbsdpbr.impl.compile.Compiled;
import org.opendaylight.openbsdpbr.impl.compile.IntentCompiler;
import org.opendaylight.openbsdpbr.impl.mapping.IntentMapping;
import org.opendaylight.openbsdpbr.impl.mapping.SeedBindings;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.IpAddressNoZone;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.Ipv4AddressNoZone;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.Ipv4Prefix;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.Ipv6AddressNoZone;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.PortNumber;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.FlowPathInput;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.FlowPathInputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.FlowPathOutput;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.flow.path.input.AssumeBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.types.rev261124.InterfaceName;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.types.rev261124.NetworkOrAddress;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.types.rev261124.ObjectName;
import org.opendaylight.yangtools.binding.util.BindingMap;
import org.opendaylight.yangtools.yang.common.ErrorTag;
import org.opendaylight.yangtools.yang.common.RpcError;
import org.opendaylight.yangtools.yang.common.RpcResult;
import org.opendaylight.yangtools.yang.common.Uint16;

/**
 * The flow-path RPC on the seed router's compiled intent. Expected answers are the seed's golden flows
 * ({@code analysis/seed-router/flows.txt}, derived from pf.conf(5)), here as the RPC's output; bad questions are 400s
 * naming the input leaf; the router is compiled once, however many questions it gets.
 */
class FlowPathRpcTest {
    private final Compilations compilations = new Compilations(IntentCompiler.standard());
    private final CompileInputs seed = CompileInputs.of("seed-router", Optional.of(IntentMapping.routerIntent(
        SeedBindings.seedRouter())), null, List.of(), name -> null, Optional.empty());
    private final FlowPathRpc rpc = new FlowPathRpc(name -> switch (name) {
        case "seed-router" -> new FlowPathRpc.Router(true, () -> compilations.compile(seed));
        case "observed" -> new FlowPathRpc.Router(false, () -> compilations.compile(seed));
        default -> null;
    });

    private static FlowPathInputBuilder question(final String in, final String source, final String destination) {
        return new FlowPathInputBuilder().setRouter(new ObjectName("seed-router"))
            .setInInterface(new InterfaceName(in))
            .setSource(new IpAddressNoZone(new Ipv4AddressNoZone(source)))
            .setDestination(new IpAddressNoZone(new Ipv4AddressNoZone(destination)));
    }

    private static FlowPathInputBuilder tcp(final FlowPathInputBuilder question, final int port) {
        return question.setProtocol(FlowPathInput.Protocol.Tcp).setDestinationPort(new PortNumber(Uint16.valueOf(
            port)));
    }

    private FlowPathOutput answer(final FlowPathInputBuilder question) throws Exception {
        final RpcResult<FlowPathOutput> result = rpc.invoke(question.build()).get();
        assertThat(result.isSuccessful()).as(result.getErrors().toString()).isTrue();
        return result.getResult();
    }

    private RpcError refusal(final UnaryOperator<FlowPathInputBuilder> change) throws Exception {
        final RpcResult<FlowPathOutput> result = rpc.invoke(change.apply(tcp(question("vport0", "192.168.1.10",
            "8.8.8.8"), 443)).build()).get();
        assertThat(result.isSuccessful()).as("refused").isFalse();
        return result.getErrors().iterator().next();
    }

    @Test
    void aHostOfViaPppoeLeavesThroughPppoeWithItsNat() throws Exception {
        final FlowPathOutput output = answer(tcp(question("vport0", "192.168.1.10", "8.8.8.8"), 443));
        assertThat(output.getDisposition()).isEqualTo(FlowPathOutput.Disposition.Forwarded);
        assertThat(output.getRule().getFile()).isEqualTo("/etc/pf.conf");
        assertThat(output.getRule().getLine().longValue()).isEqualTo(61);
        assertThat(output.getRule().getText()).isEqualTo("pass in on vport0 inet from vport0:network to <via_pppoe>"
            + " rtable 1");
        assertThat(output.getMatched()).extracting(matched -> matched.getStage() + " " + matched.getLine())
            .containsExactly("in on vport0 40", "in on vport0 41", "in on vport0 61", "out on pppoe0 18",
                "out on pppoe0 36", "out on pppoe0 40", "out on pppoe0 41", "out on pppoe0 53");
        assertThat(output.getRtable().getValue().intValue()).isEqualTo(1);
        assertThat(output.getEgressInterface()).isEqualTo("pppoe0");
        assertThat(output.getNextHop()).isEqualTo("0.0.0.1");
        assertThat(output.getNat().getForm()).isEqualTo("(pppoe0:0)");
        assertThat(output.getNat().getChoice()).singleElement().satisfies(choice -> {
            assertThat(choice.getPortRange()).containsExactly("50001-65535");
            assertThat(choice.getRule().getLine().longValue()).isEqualTo(36);
        });
        assertThat(output.getReply().getLeaves()).isEqualTo("vport0");
        assertThat(output.getAssumptions()).anySatisfy(assumption -> assertThat(assumption).contains("pppoe0"));
    }

    @Test
    void anotherHostLeavesThroughMapEOneOfFifteenPortBlocks() throws Exception {
        final FlowPathOutput output = answer(tcp(question("vport0", "192.168.1.10", "1.1.1.1"), 443));
        assertThat(output.getRule().getLine().longValue()).isEqualTo(41);
        assertThat(output.getRtable().getValue().intValue()).isZero();
        assertThat(output.getEgressInterface()).isEqualTo("gif0");
        assertThat(output.getNat().getAddress()).isEqualTo("106.72.175.64");
        assertThat(output.getNat().getChoice()).hasSize(15).allSatisfy(choice -> assertThat(choice.getProbability()
            .toString()).isEqualTo("0.0667"));
        // one block of 16 ports per connection
        assertThat(output.getNat().getChoice()).extracting(choice -> String.join(" ", choice.getPortRange()))
            .startsWith("5056-5071", "9152-9167").endsWith("62400-62415");
    }

    @Test
    void sshFromTheInternetIsDeliveredToSshdInRdomainOne() throws Exception {
        final FlowPathOutput output = answer(tcp(question("pppoe0", "198.51.100.7", "203.0.113.9"), 22)
            .setAssume(BindingMap.of(new AssumeBuilder().setInterface(new InterfaceName("pppoe0"))
                .setAddress(new NetworkOrAddress(new Ipv4AddressNoZone("203.0.113.9"))).build())));
        assertThat(output.getDisposition()).isEqualTo(FlowPathOutput.Disposition.Delivered);
        assertThat(output.getDelivery().getService()).isEqualTo("sshd");
        assertThat(output.getDelivery().getListener()).isEqualTo("0.0.0.0:22 rdomain 1");
        assertThat(output.getDelivery().getRdomain().getValue().intValue()).isEqualTo(1);
        assertThat(output.getDelivery().getSource().getFile()).isEqualTo("/etc/ssh/sshd_config");
    }

    @Test
    void theRouterIsCompiledOnceForAnyNumberOfQuestions() throws Exception {
        for (int i = 0; i < 5; i++) {
            answer(tcp(question("vport0", "192.168.1." + (10 + i), "8.8.8.8"), 443));
        }
        assertThat(compilations.compiles()).isEqualTo(1);
    }

    @Test
    void badQuestionsAreRefusedNamingTheInputLeaf() throws Exception {
        RpcError error = refusal(question -> question.setInInterface(new InterfaceName("em9")));
        assertThat(error.getTag()).isEqualTo(ErrorTag.INVALID_VALUE);
        assertThat(error.getMessage()).startsWith("input/in-interface: em9 is not an interface of the router");

        error = refusal(question -> question.setDestination(new IpAddressNoZone(new Ipv6AddressNoZone(
            "2001:db8::1"))));
        assertThat(error.getTag()).isEqualTo(ErrorTag.INVALID_VALUE);
        assertThat(error.getMessage()).startsWith("input/destination: 2001:db8::1 is not of the source's family");

        error = refusal(question -> question.setProtocol(FlowPathInput.Protocol.Icmp));
        assertThat(error.getMessage()).startsWith("input/destination-port: a port needs the protocol tcp or udp");

        error = refusal(question -> question.setAssume(BindingMap.of(new AssumeBuilder()
            .setInterface(new InterfaceName("pppoe9")).setAddress(new NetworkOrAddress(new Ipv4Prefix(
                "203.0.113.9/32"))).build())));
        assertThat(error.getMessage()).startsWith("input/assume[interface=pppoe9]/interface: pppoe9 is not an"
            + " interface of the router");

        error = refusal(question -> question.setRouter(new ObjectName("nowhere")));
        assertThat(error.getTag()).isEqualTo(ErrorTag.DATA_MISSING);
        assertThat(error.getMessage()).startsWith("input/router: no router named nowhere");

        error = refusal(question -> question.setRouter(new ObjectName("observed")));
        assertThat(error.getTag()).isEqualTo(ErrorTag.DATA_MISSING);
        assertThat(error.getMessage()).contains("has no intent");
    }

    @Test
    void aRouterWhoseIntentDoesNotCompileHasNoFilesToAsk() throws Exception {
        final FlowPathRpc invalid = new FlowPathRpc(name -> new FlowPathRpc.Router(true,
            () -> new Compiled.Invalid(name, Compiled.Stage.VALIDATE, List.of(
                new org.opendaylight.openbsdpbr.api.intent.IntentError("intent", "broken")))));
        final RpcResult<FlowPathOutput> result = invalid.invoke(tcp(question("vport0", "192.168.1.10", "8.8.8.8"),
            443).build()).get();
        assertThat(result.isSuccessful()).isFalse();
        assertThat(result.getErrors().iterator().next().getTag()).isEqualTo(ErrorTag.DATA_MISSING);
        assertThat(result.getErrors().iterator().next().getMessage()).contains("does not compile");
    }

    /** A down uplink on a router without failover is a 400 naming the input leaf, not a silent all-up answer. */
    @Test
    void aDownUplinkWithoutFailoverIsRefused() throws Exception {
        final RpcError error = refusal(question -> question.setDown(java.util.Set.of(new ObjectName("pppoe"))));
        assertThat(error.getMessage()).isEqualTo("input/down: the router runs no failover (no /etc/ifstated.conf):"
            + " no uplink can be assumed down");
    }
}

/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.mdsal;

import static java.util.Objects.requireNonNull;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import com.google.common.util.concurrent.ListenableFuture;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.function.Supplier;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.openbsdpbr.api.intent.RouterIntent;
import org.opendaylight.openbsdpbr.impl.analysis.FailoverStates;
import org.opendaylight.openbsdpbr.impl.analysis.FlowAnswer;
import org.opendaylight.openbsdpbr.impl.analysis.FlowEngine;
import org.opendaylight.openbsdpbr.impl.analysis.FlowQuestion;
import org.opendaylight.openbsdpbr.impl.analysis.RouterModel;
import org.opendaylight.openbsdpbr.impl.analysis.ip.IpAddress;
import org.opendaylight.openbsdpbr.impl.analysis.ip.IpPrefix;
import org.opendaylight.openbsdpbr.impl.analysis.source.ModelException;
import org.opendaylight.openbsdpbr.impl.analysis.source.SourceLine;
import org.opendaylight.openbsdpbr.impl.compile.Compiled;
import org.opendaylight.openbsdpbr.impl.mape.PortRange;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.FlowPath;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.FlowPathInput;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.FlowPathOutput;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.FlowPathOutputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.flow.path.input.Assume;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.flow.path.output.DeliveryBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.flow.path.output.Matched;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.flow.path.output.MatchedBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.flow.path.output.NatBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.flow.path.output.ReplyBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.flow.path.output.RuleBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.flow.path.output.delivery.SourceBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.flow.path.output.nat.Choice;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.flow.path.output.nat.ChoiceBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.types.rev261124.RdomainId;
import org.opendaylight.yangtools.yang.common.Decimal64;
import org.opendaylight.yangtools.yang.common.ErrorTag;
import org.opendaylight.yangtools.yang.common.ErrorType;
import org.opendaylight.yangtools.yang.common.RpcResult;
import org.opendaylight.yangtools.yang.common.RpcResultBuilder;
import org.opendaylight.yangtools.yang.common.Uint32;
import org.opendaylight.yangtools.yang.common.Uint8;

/**
 * The flow-path RPC: "where does this flow go, and why", answered by the flow engine ({@link FlowEngine}) on the
 * files of the router's compiled intent, the result the cohort computed when the intent was written (nothing is
 * rendered again per question). Pure: every member answers alike, whichever manages the router, and no router is
 * contacted. The model of a compiled result is read once and kept while that result is the router's (weak keys: it
 * goes with the result).
 *
 * <p>Refusals name the input leaf: a question the router's files cannot answer (an interface it does not have,
 * addresses of two families, ports without tcp or udp, an assumed address that is not one) is {@code invalid-value}
 * (400); a router that is not configured or has no intent, or whose intent does not compile, is {@code data-missing}
 * (409).
 */
final class FlowPathRpc implements FlowPath {
    /**
     * A router as the RPC sees it.
     *
     * @param hasIntent whether it has intent (else it is only observed: its files are not the controller's)
     * @param compiled its compiled intent
     */
    record Router(boolean hasIntent, Supplier<Compiled> compiled) {
        Router {
            requireNonNull(compiled, "compiled");
        }
    }

    private final Function<String, @Nullable Router> routers;
    private final Cache<Compiled.Ready, FlowEngine> engines = CacheBuilder.newBuilder().weakKeys().build();

    /**
     * The RPC.
     *
     * @param routers a router by name, or null when none is configured
     */
    FlowPathRpc(final Function<String, @Nullable Router> routers) {
        this.routers = requireNonNull(routers);
    }

    @Override
    public ListenableFuture<RpcResult<FlowPathOutput>> invoke(final FlowPathInput input) {
        final String name = input.getRouter() == null ? null : input.getRouter().getValue();
        if (name == null) {
            return failed(ErrorTag.INVALID_VALUE, "input/router: the router to ask is missing");
        }
        final Router router = routers.apply(name);
        if (router == null) {
            return failed(ErrorTag.DATA_MISSING, "input/router: no router named " + name + " is configured");
        }
        if (!router.hasIntent()) {
            return failed(ErrorTag.DATA_MISSING, "input/router: " + name + " has no intent (it is only observed):"
                + " there are no files of the controller's to ask");
        }
        final Compiled.Ready ready = switch (router.compiled().get()) {
            case Compiled.Ready found -> found;
            case Compiled.Invalid invalid -> null;
        };
        if (ready == null) {
            return failed(ErrorTag.DATA_MISSING, "input/router: " + name + "'s intent does not compile, so there"
                + " are no files to ask (the render RPC shows why)");
        }
        final FlowEngine engine;
        try {
            engine = engines.get(ready, () -> new FlowEngine(RouterModel.of(ready.files())));
        } catch (ExecutionException e) {
            final Throwable cause = e.getCause();
            return failed(ErrorTag.OPERATION_FAILED, name + "'s files are outside what the analysis reads: "
                + (cause instanceof ModelException ? cause.getMessage() : cause.getClass().getSimpleName()));
        }
        final FlowQuestion question;
        final FlowAnswer answer;
        try {
            question = question(input, engine.model());
            answer = engine.answer(question.withDown(down(input, ready.merged().effective())));
        } catch (BadQuestion e) {
            return failed(ErrorTag.INVALID_VALUE, e.getMessage());
        } catch (IllegalArgumentException | ModelException e) {
            return failed(ErrorTag.INVALID_VALUE, "input/down: " + e.getMessage());
        }
        return RpcResultBuilder.success(output(answer)).buildFuture();
    }

    /** The uplink interfaces the input takes as down ({@code down}: uplink names or interfaces). */
    private static Set<String> down(final FlowPathInput input, final RouterIntent intent) {
        final var names = input.getDown();
        if (names == null || names.isEmpty()) {
            return Set.of();
        }
        return FailoverStates.interfaces(intent, names.stream().map(name -> name.getValue()).toList());
    }

    /** A question the router's files cannot answer; the message starts with the input leaf. */
    static final class BadQuestion extends Exception {
        private static final long serialVersionUID = 1L;

        BadQuestion(final String message) {
            super(message);
        }
    }

    /**
     * The RPC's input as a flow question on a router's files.
     *
     * @param input the input
     * @param model the router's files
     * @return the question
     * @throws BadQuestion naming the input leaf
     */
    static FlowQuestion question(final FlowPathInput input, final RouterModel model) throws BadQuestion {
        final String in = required(input.getInInterface() == null ? null : input.getInInterface().getValue(),
            "in-interface", "the interface the flow enters on");
        if (model.iface(in) == null) {
            throw new BadQuestion("input/in-interface: " + in + " is not an interface of the router (it has "
                + String.join(", ", model.interfaces().keySet()) + ")");
        }
        final IpAddress source = IpAddress.parse(required(input.getSource() == null ? null
            : input.getSource().stringValue(), "source", "the flow's source address"));
        final IpAddress destination = IpAddress.parse(required(input.getDestination() == null ? null
            : input.getDestination().stringValue(), "destination", "the flow's destination address"));
        if (source.v6() != destination.v6()) {
            throw new BadQuestion("input/destination: " + destination + " is not of the source's family ("
                + source + ")");
        }
        final FlowQuestion.Protocol protocol = input.getProtocol() == null ? null : switch (input.getProtocol()) {
            case Tcp -> FlowQuestion.Protocol.TCP;
            case Udp -> FlowQuestion.Protocol.UDP;
            case Icmp -> FlowQuestion.Protocol.ICMP;
        };
        final int sourcePort = port(input.getSourcePort(), "source-port", protocol);
        final int destinationPort = port(input.getDestinationPort(), "destination-port", protocol);
        final Map<String, IpPrefix> assume = new LinkedHashMap<>();
        if (input.getAssume() != null) {
            for (Assume assumed : input.getAssume().values()) {
                final String iface = assumed.getInterface().getValue();
                final String leaf = "input/assume[interface=" + iface + "]";
                if (model.iface(iface) == null) {
                    throw new BadQuestion(leaf + "/interface: " + iface + " is not an interface of the router");
                }
                final String text = required(assumed.getAddress() == null ? null
                    : assumed.getAddress().stringValue(), "assume[interface=" + iface + "]/address",
                    "the address to reason with");
                final IpPrefix prefix = IpPrefix.tryParse(text);
                if (prefix == null) {
                    throw new BadQuestion(leaf + "/address: '" + text + "' is not an address or a network");
                }
                assume.put(iface, prefix);
            }
        }
        return new FlowQuestion(in, source, destination, protocol, sourcePort, destinationPort, assume);
    }

    private static String required(final @Nullable String value, final String leaf, final String what)
            throws BadQuestion {
        if (value == null) {
            throw new BadQuestion("input/" + leaf + ": " + what + " is missing");
        }
        return value;
    }

    private static int port(final org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715
            .@Nullable PortNumber port, final String leaf, final FlowQuestion.@Nullable Protocol protocol)
            throws BadQuestion {
        if (port == null) {
            return -1;
        }
        if (protocol != FlowQuestion.Protocol.TCP && protocol != FlowQuestion.Protocol.UDP) {
            throw new BadQuestion("input/" + leaf + ": a port needs the protocol tcp or udp");
        }
        return port.getValue().toJava();
    }

    /**
     * An answer as the RPC's output: the keys of {@code openbsd-pbr flow --json}.
     *
     * @param answer the engine's answer
     * @return the output
     */
    static FlowPathOutput output(final FlowAnswer answer) {
        final FlowPathOutputBuilder output = new FlowPathOutputBuilder()
            .setDisposition(switch (answer.disposition()) {
                case FORWARDED -> FlowPathOutput.Disposition.Forwarded;
                case DELIVERED -> FlowPathOutput.Disposition.Delivered;
                case BLOCKED -> FlowPathOutput.Disposition.Blocked;
                case NO_ROUTE -> FlowPathOutput.Disposition.NoRoute;
                case NOT_FORWARDED -> FlowPathOutput.Disposition.NotForwarded;
                case UNKNOWN -> FlowPathOutput.Disposition.Unknown;
            })
            .setReason(answer.reason())
            .setRtable(answer.rtable() == null ? null : rdomain(answer.rtable()))
            .setEgressInterface(answer.egressInterface())
            .setNextHop(answer.nextHop());
        final SourceLine rule = answer.rule();
        if (rule != null) {
            output.setRule(new RuleBuilder().setFile(rule.file()).setLine(Uint32.valueOf(rule.line()))
                .setText(rule.text()).build());
        }
        final List<Matched> matched = new ArrayList<>(answer.matched().size());
        for (FlowAnswer.Matched one : answer.matched()) {
            matched.add(new MatchedBuilder().setStage(one.stage()).setFile(one.rule().file())
                .setLine(Uint32.valueOf(one.rule().line())).setText(one.rule().text()).setEffect(one.effect())
                .build());
        }
        output.setMatched(matched.isEmpty() ? null : matched);
        final FlowAnswer.Nat nat = answer.nat();
        if (nat != null) {
            final List<Choice> choices = new ArrayList<>(nat.choices().size());
            for (FlowAnswer.Nat.Choice choice : nat.choices()) {
                choices.add(new ChoiceBuilder()
                    .setPortRange(choice.ports().isEmpty() ? null : choice.ports().stream().map(PortRange::toString)
                        .toList())
                    .setNote(choice.portNote())
                    .setProbability(Decimal64.valueOf(BigDecimal.valueOf(choice.probability())
                        .setScale(4, RoundingMode.HALF_EVEN)))
                    .setRule(new org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.flow.path.output
                        .nat.choice.RuleBuilder().setFile(choice.rule().file())
                        .setLine(Uint32.valueOf(choice.rule().line())).setText(choice.rule().text()).build())
                    .build());
            }
            output.setNat(new NatBuilder().setAddress(nat.address()).setForm(nat.form())
                .setChoice(choices.isEmpty() ? null : choices).build());
        }
        final FlowAnswer.Delivery delivery = answer.delivery();
        if (delivery != null) {
            final SourceLine opened = delivery.source();
            output.setDelivery(new DeliveryBuilder().setService(delivery.service()).setListener(delivery.listener())
                .setRdomain(rdomain(delivery.rdomain())).setNote(delivery.note())
                .setSource(opened == null ? null : new SourceBuilder().setFile(opened.file())
                    .setLine(Uint32.valueOf(opened.line())).setText(opened.text()).build())
                .build());
        }
        final FlowAnswer.Reply reply = answer.reply();
        if (reply != null) {
            output.setReply(new ReplyBuilder().setKnown(reply.known()).setEnters(reply.enters())
                .setLeaves(reply.leaves()).setNextHop(reply.nextHop()).setRdomain(rdomain(reply.rdomain()))
                .setNote(reply.note()).build());
        }
        return output.setAssumptions(answer.assumptions().isEmpty() ? null : answer.assumptions()).build();
    }

    private static RdomainId rdomain(final int id) {
        return new RdomainId(Uint8.valueOf(id));
    }

    private static ListenableFuture<RpcResult<FlowPathOutput>> failed(final ErrorTag tag, final String message) {
        return RpcResultBuilder.<FlowPathOutput>failed().withError(ErrorType.APPLICATION, tag, message)
            .buildFuture();
    }
}

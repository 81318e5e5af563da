/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.tools.cli;

import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.openbsdpbr.impl.analysis.FailoverStates;
import org.opendaylight.openbsdpbr.impl.analysis.FlowAnswer;
import org.opendaylight.openbsdpbr.impl.analysis.FlowEngine;
import org.opendaylight.openbsdpbr.impl.analysis.FlowQuestion;
import org.opendaylight.openbsdpbr.impl.analysis.RouterModel;
import org.opendaylight.openbsdpbr.impl.analysis.ip.IpAddress;
import org.opendaylight.openbsdpbr.impl.analysis.ip.IpPrefix;
import org.opendaylight.openbsdpbr.impl.analysis.source.ModelException;
import org.opendaylight.openbsdpbr.impl.analysis.source.SourceLine;
import org.opendaylight.openbsdpbr.impl.mape.PortRange;
import org.opendaylight.openbsdpbr.impl.render.RenderResult;
import org.opendaylight.openbsdpbr.tools.cli.Inputs.CommandLine;
import org.opendaylight.openbsdpbr.tools.cli.Inputs.UsageException;
import org.opendaylight.openbsdpbr.tools.intentjson.IntentDocument;
import org.opendaylight.openbsdpbr.tools.intentjson.IntentJsonException;

/**
 * {@code openbsd-pbr flow}: where does this flow go, and why? Renders a router's intent offline, reads the files as
 * OpenBSD would ({@link RouterModel}) and follows one flow through pf and the routing tables ({@link FlowEngine}).
 * <pre>
 * openbsd-pbr flow INTENT.json|DIR [--router NAME] --in IF --src ADDR --dst ADDR [--proto tcp|udp|icmp]
 *     [--sport N] [--dport N] [--assume IF=ADDR[/LEN]]... [--down UPLINK]... [--json]
 * </pre>
 * The answer: the disposition (forwarded, delivered, blocked, no-route, not-forwarded, unknown), the deciding rule
 * and every rule that matched, the routing table, egress interface and next hop, the NAT source, the local listener,
 * the way the replies come back and every assumption. {@code --json} prints the same as one object with the keys
 * {@code disposition}, {@code reason}, {@code rule} ({@code file}, {@code line}, {@code text}), {@code matched},
 * {@code rtable}, {@code egress-interface}, {@code next-hop}, {@code nat}, {@code delivery}, {@code reply},
 * {@code assumptions}. {@code --down UPLINK} (an uplink's name or interface, repeatable) answers in the failure state
 * the router's own failover reaches with those uplinks down ({@code FailoverStates}); the first assumption names the
 * state and the anchor file it loads. Exit status 0 with an answer (whatever the disposition), 1 when the intent is
 * invalid or its files are outside the model, 2 on a usage error.
 */
public final class FlowCommand {
    static final String USAGE = "usage: openbsd-pbr flow INTENT.json|DIR [--router NAME] --in IF --src ADDR --dst ADDR"
        + " [--proto tcp|udp|icmp] [--sport N] [--dport N] [--assume IF=ADDR]... [--down UPLINK]..."
        + " [--json]";
    private static final String ROUTER = "--router";
    private static final String IN = "--in";
    private static final String SRC = "--src";
    private static final String DST = "--dst";
    private static final String PROTO = "--proto";
    private static final String SPORT = "--sport";
    private static final String DPORT = "--dport";
    private static final String ASSUME = "--assume";
    private static final String JSON = "--json";
    private static final String DOWN = "--down";
    private static final String HELP = USAGE + "\n"
        + "Follows one flow (its first packet) through the router's rendered pf.conf and routing tables.\n"
        + "  INTENT.json|DIR   intent as RESTCONF accepts it (see 'openbsd-pbr render --help')\n"
        + "  --router NAME     the router (needed when the intent holds several)\n"
        + "  --in IF           the interface the flow enters on, e.g. vport0\n"
        + "  --src, --dst      its source and destination addresses\n"
        + "  --proto P         tcp, udp or icmp (echo request); rules that name a protocol need it\n"
        + "  --sport, --dport  its ports; rules that name a port need them\n"
        + "  --assume IF=ADDR  reason with this address on an interface whose address is dynamic (pppoe0, DHCP);\n"
        + "                    may be repeated\n"
        + "  --down UPLINK     answer as if this uplink (name or interface) were down: the failure state the\n"
        + "                    router's ifstated reaches then; may be repeated\n"
        + "  --json            print a JSON object instead of text\n";

    private FlowCommand() {
        // static only
    }

    /**
     * Runs the command.
     *
     * @param args the arguments after {@code flow}
     * @param out where the answer goes
     * @param error where problems go
     * @return 0 with an answer, 1 on invalid intent or files outside the model, 2 on a usage error
     */
    public static int run(final List<String> args, final PrintStream out, final PrintStream error) {
        final var parsed = CommandLine.parse("flow", args, Set.of(ROUTER, IN, SRC, DST, PROTO, SPORT, DPORT),
            Set.of(JSON), Set.of(ASSUME, DOWN), given -> {
                if (given.positional().size() != 1) {
                    throw new UsageException(given.positional().isEmpty() ? "missing the intent file or directory"
                        : "one intent file or directory, got " + given.positional().size());
                }
                for (String required : List.of(IN, SRC, DST)) {
                    if (given.option(required) == null) {
                        throw new UsageException("missing " + required);
                    }
                }
            }, HELP, out, error);
        final CommandLine line = parsed.line();
        if (line == null) {
            return parsed.exit();
        }
        final FlowQuestion question;
        try {
            question = question(line);
        } catch (UsageException e) {
            error.println("flow: " + e.getMessage() + " (" + USAGE + ")");
            return 2;
        }
        final IntentDocument document = Inputs.load(Path.of(line.positional().get(0)), line.option(ROUTER), "",
            error);
        if (document == null) {
            return 1;
        }
        final String router = line.option(ROUTER) != null ? line.option(ROUTER) : onlyRouter(document, error);
        if (router == null) {
            return 2;
        }
        final RenderResult rendered = Inputs.render(document, router, "", error);
        if (rendered == null) {
            return 1;
        }
        final FlowAnswer answer;
        try {
            final FlowQuestion asked = line.all(DOWN).isEmpty() ? question
                : question.withDown(FailoverStates.interfaces(document.effective(router), line.all(DOWN)));
            answer = new FlowEngine(RouterModel.of(rendered.files())).answer(asked);
        } catch (ModelException e) {
            error.println("error: " + router + "'s rendered files are outside what the analysis reads: "
                + e.getMessage());
            return 1;
        } catch (IntentJsonException e) {
            error.println("error: " + e.getMessage());
            return 1;
        } catch (IllegalArgumentException e) {
            error.println("flow: --down: " + e.getMessage());
            return 2;
        }
        out.print(line.has(JSON) ? json(answer) : text(router, question, answer));
        return 0;
    }

    private static @Nullable String onlyRouter(final IntentDocument document, final PrintStream error) {
        final List<String> routers = document.routerNames();
        if (routers.size() == 1) {
            return routers.get(0);
        }
        error.println("flow: " + (routers.isEmpty() ? "the intent holds no router" : "the intent holds "
            + routers.size() + " routers: give --router NAME") + " (" + USAGE + ")");
        return null;
    }

    static FlowQuestion question(final CommandLine line) throws UsageException {
        final IpAddress src = address(SRC, line.option(SRC));
        final IpAddress dst = address(DST, line.option(DST));
        FlowQuestion.Protocol protocol = null;
        if (line.option(PROTO) != null) {
            try {
                protocol = FlowQuestion.Protocol.of(line.option(PROTO));
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage(), e);
            }
        }
        final Map<String, IpPrefix> assume = new LinkedHashMap<>();
        for (String value : line.all(ASSUME)) {
            final int equals = value.indexOf('=');
            final IpPrefix prefix = equals > 0 ? IpPrefix.tryParse(value.substring(equals + 1)) : null;
            if (prefix == null) {
                throw new UsageException("--assume takes IF=ADDRESS[/LENGTH], not '" + value + "'");
            }
            if (assume.put(value.substring(0, equals), prefix) != null) {
                throw new UsageException("--assume names " + value.substring(0, equals) + " twice");
            }
        }
        try {
            return new FlowQuestion(line.option(IN), src, dst, protocol, port(SPORT, line.option(SPORT)),
                port(DPORT, line.option(DPORT)), assume);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage(), e);
        }
    }

    private static IpAddress address(final String option, final String value) throws UsageException {
        final IpAddress address = IpAddress.tryParse(value);
        if (address == null) {
            throw new UsageException(option + " takes an IPv4 or IPv6 address, not '" + value + "'");
        }
        return address;
    }

    private static int port(final String option, final @Nullable String value) throws UsageException {
        if (value == null) {
            return -1;
        }
        try {
            final int port = Integer.parseInt(value);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(option + " takes a port 0..65535, not '" + value + "'");
    }

    // --- text -----------------------------------------------------------------------------------------------------

    /** The answer in the operator's words. */
    static String text(final String router, final FlowQuestion question, final FlowAnswer answer) {
        final StringBuilder sb = new StringBuilder();
        sb.append(router).append(": ").append(question.source()).append(" -> ").append(question.destination());
        if (question.protocol() != null) {
            sb.append(' ').append(question.protocol().keyword());
            if (question.destinationPort() >= 0) {
                sb.append('/').append(question.destinationPort());
            }
        }
        sb.append(", in on ").append(question.inInterface()).append('\n');
        sb.append(answer.disposition().keyword()).append(": ").append(answer.reason()).append('\n');
        if (answer.rule() != null) {
            row(sb, "rule", answer.rule().where() + "  " + answer.rule().text());
        }
        if (answer.rtable() != null) {
            row(sb, "rtable", answer.rtable().toString());
        }
        if (answer.egressInterface() != null) {
            row(sb, "egress", answer.egressInterface() + (answer.nextHop() == null ? ""
                : ", next hop " + answer.nextHop()));
        }
        final FlowAnswer.Nat nat = answer.nat();
        if (nat != null) {
            row(sb, "nat", (nat.address() == null ? nat.form() : nat.address() + " " + nat.form()));
            if (nat.choices().size() > 4) {
                // stock pf's MAP-E port blocks: one block per connection
                final List<FlowAnswer.Nat.Choice> choices = nat.choices();
                sb.append("              one of ").append(choices.size()).append(" port blocks per connection: ")
                    .append(ports(choices.stream().flatMap(choice -> choice.ports().stream()).toList()))
                    .append(", each for about ").append(String.format(Locale.ROOT, "%.2f%%",
                        100.0 / choices.size())).append(" of connections (").append(choices.get(0).rule().where())
                    .append(" to line ").append(choices.get(choices.size() - 1).rule().line()).append(")\n");
            }
            for (FlowAnswer.Nat.Choice choice : nat.choices().size() > 4 ? List.<FlowAnswer.Nat.Choice>of()
                    : nat.choices()) {
                sb.append("              ").append(ports(choice.ports())).append(" (").append(choice.portNote());
                if (choice.probability() < 1) {
                    sb.append(", ").append(String.format(Locale.ROOT, "%.2f%%", choice.probability() * 100))
                        .append(" of connections");
                }
                sb.append("), ").append(choice.rule().where()).append('\n');
            }
        } else if (answer.disposition() == FlowAnswer.Disposition.FORWARDED) {
            row(sb, "nat", "none: it leaves with its own source address");
        }
        final FlowAnswer.Delivery delivery = answer.delivery();
        if (delivery != null) {
            row(sb, "listener", delivery.service() == null ? "none (" + delivery.note() + ")"
                : delivery.service() + (delivery.listener() == null ? "" : " on " + delivery.listener())
                    + (delivery.source() == null ? "" : ", " + delivery.source().where()));
        }
        final FlowAnswer.Reply reply = answer.reply();
        if (reply != null) {
            row(sb, "replies", (reply.known() ? (reply.enters() == null ? "" : "enter on " + reply.enters() + ", ")
                + (reply.leaves() == null ? "lost" : "leave through " + reply.leaves()
                    + (reply.nextHop() == null ? "" : " to " + reply.nextHop())) + ": " : "unknown: ") + reply.note());
        }
        if (!answer.matched().isEmpty()) {
            sb.append("matched:\n");
            for (FlowAnswer.Matched matched : answer.matched()) {
                sb.append(String.format(Locale.ROOT, "  %-16s %-20s %s%n", matched.stage(), matched.rule().where(),
                    matched.effect()));
            }
        }
        if (!answer.assumptions().isEmpty()) {
            sb.append("assumptions:\n");
            for (String assumption : answer.assumptions()) {
                sb.append("  - ").append(assumption).append('\n');
            }
        }
        return sb.toString();
    }

    private static void row(final StringBuilder sb, final String label, final String value) {
        sb.append(String.format(Locale.ROOT, "  %-11s %s%n", label, value));
    }

    private static String ports(final List<PortRange> ports) {
        if (ports.isEmpty()) {
            return "source port kept";
        }
        if (ports.size() > 4) {
            return "ports " + ports.get(0) + ", " + ports.get(1) + ", ... " + ports.get(ports.size() - 1) + " ("
                + ports.size() + " ranges)";
        }
        return "ports " + String.join(", ", ports.stream().map(PortRange::toString).toList());
    }

    // --- JSON -----------------------------------------------------------------------------------------------------

    /** The answer as one JSON object. */
    static String json(final FlowAnswer answer) {
        final StringWriter text = new StringWriter();
        try (JsonWriter json = new JsonWriter(text)) {
            json.setIndent("  ");
            json.beginObject();
            json.name("disposition").value(answer.disposition().keyword());
            json.name("reason").value(answer.reason());
            json.name("rule");
            source(json, answer.rule());
            json.name("matched").beginArray();
            for (FlowAnswer.Matched matched : answer.matched()) {
                json.beginObject().name("stage").value(matched.stage());
                json.name("file").value(matched.rule().file()).name("line").value(matched.rule().line());
                json.name("text").value(matched.rule().text()).name("effect").value(matched.effect());
                json.endObject();
            }
            json.endArray();
            json.name("rtable").value(answer.rtable());
            json.name("egress-interface").value(answer.egressInterface());
            json.name("next-hop").value(answer.nextHop());
            json.name("nat");
            nat(json, answer.nat());
            json.name("delivery");
            delivery(json, answer.delivery());
            json.name("reply");
            reply(json, answer.reply());
            json.name("assumptions").beginArray();
            for (String assumption : answer.assumptions()) {
                json.value(assumption);
            }
            json.endArray();
            json.endObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to a string", e);
        }
        return text + "\n";
    }

    private static void source(final JsonWriter json, final @Nullable SourceLine source) throws IOException {
        if (source == null) {
            json.nullValue();
            return;
        }
        json.beginObject().name("file").value(source.file()).name("line").value(source.line()).name("text")
            .value(source.text()).endObject();
    }

    private static void nat(final JsonWriter json, final FlowAnswer.@Nullable Nat nat) throws IOException {
        if (nat == null) {
            json.nullValue();
            return;
        }
        json.beginObject().name("address").value(nat.address()).name("form").value(nat.form());
        json.name("choices").beginArray();
        for (FlowAnswer.Nat.Choice choice : nat.choices()) {
            json.beginObject().name("ports").beginArray();
            for (PortRange range : choice.ports()) {
                json.value(range.toString());
            }
            json.endArray().name("note").value(choice.portNote()).name("probability").value(choice.probability());
            json.name("rule");
            source(json, choice.rule());
            json.endObject();
        }
        json.endArray().endObject();
    }

    private static void delivery(final JsonWriter json, final FlowAnswer.@Nullable Delivery delivery)
            throws IOException {
        if (delivery == null) {
            json.nullValue();
            return;
        }
        json.beginObject().name("service").value(delivery.service()).name("listener").value(delivery.listener())
            .name("rdomain").value(delivery.rdomain()).name("note").value(delivery.note());
        json.name("source");
        source(json, delivery.source());
        json.endObject();
    }

    private static void reply(final JsonWriter json, final FlowAnswer.@Nullable Reply reply) throws IOException {
        if (reply == null) {
            json.nullValue();
            return;
        }
        json.beginObject().name("known").value(reply.known()).name("enters").value(reply.enters())
            .name("leaves").value(reply.leaves()).name("next-hop").value(reply.nextHop())
            .name("rdomain").value(reply.rdomain()).name("note").value(reply.note()).endObject();
    }
}

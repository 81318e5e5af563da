/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.analysis;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.openbsdpbr.impl.analysis.FlowAnswer.Delivery;
import org.opendaylight.openbsdpbr.impl.analysis.FlowAnswer.Disposition;
import org.opendaylight.openbsdpbr.impl.analysis.FlowAnswer.Matched;
import org.opendaylight.openbsdpbr.impl.analysis.FlowAnswer.Nat;
import org.opendaylight.openbsdpbr.impl.analysis.FlowAnswer.Reply;
import org.opendaylight.openbsdpbr.impl.analysis.FlowQuestion.Protocol;
import org.opendaylight.openbsdpbr.impl.analysis.host.InterfaceConfig;
import org.opendaylight.openbsdpbr.impl.analysis.host.Route;
import org.opendaylight.openbsdpbr.impl.analysis.host.RoutingTable;
import org.opendaylight.openbsdpbr.impl.analysis.host.SshdConfig;
import org.opendaylight.openbsdpbr.impl.analysis.ip.IpAddress;
import org.opendaylight.openbsdpbr.impl.analysis.ip.IpPrefix;
import org.opendaylight.openbsdpbr.impl.analysis.pf.PfAddress;
import org.opendaylight.openbsdpbr.impl.analysis.pf.PfHosts;
import org.opendaylight.openbsdpbr.impl.analysis.pf.PfRule;
import org.opendaylight.openbsdpbr.impl.analysis.pf.PfRuleset;
import org.opendaylight.openbsdpbr.impl.analysis.pf.PfTable;
import org.opendaylight.openbsdpbr.impl.analysis.source.SourceLine;
import org.opendaylight.openbsdpbr.impl.mape.MapECalculator;
import org.opendaylight.openbsdpbr.impl.mape.PortRange;

/**
 * Answers "where does this flow go?" on a {@link RouterModel}, with pf.conf(5)'s semantics:
 * <ol>
 *   <li><b>In.</b> pf evaluates the rules for the packet entering the interface (unless {@code set skip} names it):
 *       the last matching {@code pass}/{@code block} rule decides, a matching {@code quick} rule ends the evaluation,
 *       {@code match} rules apply their options as they match and later ones override earlier ones (sticky), the
 *       deciding rule's own options apply last, and a packet no rule matches passes without state. Anchors are
 *       evaluated where they stand.</li>
 *   <li><b>Route.</b> {@code rtable N} from the inbound evaluation picks the routing table ("only effective before the
 *       route lookup happened, i.e. when filtering inbound"); otherwise the ingress interface's rdomain. A local
 *       address of that rdomain means delivery to a listener bound in it (sshd's ListenAddress, unwind on localhost);
 *       otherwise the longest prefix decides the egress interface and next hop.</li>
 *   <li><b>Out.</b> pf evaluates the rules again for the packet leaving the egress interface; {@code nat-to} applies
 *       there. Stock pf picks one of several {@code probability} rules per connection: the answer lists each choice
 *       with its probability (the MAP-E port blocks).</li>
 *   <li><b>Replies.</b> A pass that keeps state lets the replies through without rules: they enter on the egress
 *       interface, match the outbound state (NAT reversed), and the inbound state takes them back into the ingress
 *       rdomain, where the route to the source decides where they leave (OpenBSD's pf moves a reply across rdomains
 *       through the state the rtable rule created; it routes it in the uplink's rdomain first, so that rdomain needs
 *       some route to the source, usually its default).</li>
 * </ol>
 * The answer is {@link Disposition#UNKNOWN} with the reason when a rule that could decide uses something the model
 * does not cover (route-to, rdr-to, af-to, user, tagged, a table loaded from a file, a random decision), or when the
 * question lacks what a rule needs (a protocol, a port). A dynamic address (PPP, DHCP, SLAAC) the question does not
 * assume is taken to differ from the flow's addresses, and the answer says so.
 *
 * <p>Pure and thread-safe: one engine per model, any number of questions in parallel.
 */
public final class FlowEngine {
    private static final IpAddress V4_LOOPBACK = IpAddress.parse("127.0.0.1");
    private static final IpAddress V6_LOOPBACK = IpAddress.parse("::1");
    /** pf's default NAT port range (pfvar.h PF_NAT_PROXY_PORT_LOW/HIGH). */
    private static final PortRange NAT_PORTS = new PortRange(50001, 65535);

    private final RouterModel model;
    /** What matching each rule does, as text: built once, so that an answer only points at it. */
    private final Map<PfRule, String> effects = new IdentityHashMap<>();
    /** Each translation as pf.conf writes it. */
    private final Map<PfRule.Translation, String> forms = new IdentityHashMap<>();
    /** Engines of the failure states' models, by state name. */
    private final Map<String, FlowEngine> stateEngines = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile @Nullable FailoverStates failover;
    private volatile boolean failoverRead;

    public FlowEngine(final RouterModel model) {
        this.model = requireNonNull(model);
        final PfRuleset pf = model.pf();
        if (pf != null) {
            describe(pf.rules());
        }
    }

    private void describe(final List<PfRule> rules) {
        for (PfRule rule : rules) {
            effects.put(rule, effect(rule));
            final PfRule.Translation nat = rule.actions().nat();
            if (nat != null) {
                forms.put(nat, nat.pool().size() == 1 ? nat.pool().get(0).toString() : nat.pool().toString());
            }
            if (rule.anchor() != null) {
                final List<PfRule> inner = rule.anchor().rules() != null ? rule.anchor().rules()
                    : model.anchor(rule.anchor().name());
                if (inner != null) {
                    describe(inner);
                }
            }
        }
    }

    /** The text an answer shows for a matched rule. */
    private static String effect(final PfRule rule) {
        final PfRule.Actions actions = rule.actions();
        if (rule.action() == PfRule.Action.ANCHOR) {
            return "anchor";
        }
        if (rule.action() != PfRule.Action.MATCH) {
            return rule.action().keyword() + (rule.quick() ? " quick" : "");
        }
        if (actions.probability() != null && actions.nat() != null) {
            return "match: nat-to " + actions.nat() + " (probability " + percent(actions.probability()) + ")";
        }
        final List<String> parts = new ArrayList<>(3);
        if (actions.rtable() != null) {
            parts.add("rtable " + actions.rtable() + (rule.criteria().direction() == PfRule.Direction.OUT
                ? " (no effect: rtable acts only inbound)" : ""));
        }
        if (actions.nat() != null) {
            parts.add("nat-to " + actions.nat());
        }
        if (actions.scrub() != null) {
            parts.add("scrub (" + actions.scrub() + ")");
        }
        if (actions.label() != null) {
            parts.add("label \"" + actions.label() + "\"");
        }
        return "match: " + (parts.isEmpty() ? "no option" : String.join(", ", parts));
    }

    private String effectOf(final PfRule rule) {
        final String known = effects.get(rule);
        return known != null ? known : effect(rule);
    }

    /** The model it answers on. */
    public RouterModel model() {
        return model;
    }

    /**
     * Answers one question.
     *
     * @param question the flow
     * @return what the router does with it
     */
    public FlowAnswer answer(final FlowQuestion question) {
        if (!question.down().isEmpty()) {
            return inState(question);
        }
        return new Evaluation(question).run();
    }

    /**
     * A question with down uplinks: the router's own failover ({@link FailoverStates}) decides which rules pf runs
     * then, so the answer comes from a model of the files with the anchors that state loads. Models per state are
     * read once.
     *
     * @throws IllegalArgumentException when the router has no failover or a down interface is not one it probes
     */
    private FlowAnswer inState(final FlowQuestion question) {
        final FailoverStates states = failover();
        if (states == null) {
            throw new IllegalArgumentException("the router runs no failover (no /etc/ifstated.conf): no uplink can be"
                + " assumed down");
        }
        final FailoverStates.Reached state = states.reach(question.down());
        final FlowEngine engine = stateEngines.computeIfAbsent(state.name(),
            name -> new FlowEngine(RouterModel.of(states.filesIn(state))));
        final FlowAnswer answer = engine.answer(question.withDown(Set.of()));
        final List<String> assumptions = new ArrayList<>(answer.assumptions());
        assumptions.add(0, "failover state " + state.name() + " (" + String.join(", ", question.down())
            + " down): " + state.describe());
        return new FlowAnswer(answer.disposition(), answer.reason(), answer.rule(), answer.matched(),
            answer.rtable(), answer.rtableRule(), answer.egressInterface(), answer.nextHop(), answer.nat(),
            answer.delivery(), answer.reply(), assumptions);
    }

    /** The router's failover, read once, or null when it runs none. */
    public @Nullable FailoverStates failover() {
        FailoverStates found = failover;
        if (found == null && !failoverRead) {
            found = FailoverStates.of(model);
            failover = found;
            failoverRead = true;
        }
        return found;
    }

    /** Three-valued matching: a rule matches, does not, or the model cannot tell. */
    private enum Tri {
        TRUE, FALSE, UNKNOWN;

        static Tri of(final boolean value) {
            return value ? TRUE : FALSE;
        }
    }

    /** One NAT alternative: a translation (null: none) with its weight. */
    private record NatAlternative(PfRule.@Nullable Translation translation, double weight,
            @Nullable SourceLine rule) {
    }

    /** The outcome of one pf evaluation (one direction on one interface). */
    private static final class PfPass {
        final String stage;
        @Nullable PfRule deciding;
        @Nullable String unknown;
        @Nullable String pending;
        @Nullable Integer rtable;
        @Nullable SourceLine rtableRule;
        @Nullable List<NatAlternative> nat;
        boolean skipped;

        PfPass(final String stage) {
            this.stage = stage;
        }

        boolean blocked() {
            return deciding != null && deciding.action() == PfRule.Action.BLOCK;
        }

        /** Whether the packet passed with a state that carries the replies. */
        boolean stateful() {
            return deciding != null && deciding.action() == PfRule.Action.PASS
                && deciding.actions().state() != PfRule.State.NONE;
        }
    }

    /** One question's evaluation. */
    private final class Evaluation {
        final FlowQuestion question;
        final boolean v6;
        final int protocol;
        final Set<String> assumptions = new LinkedHashSet<>();
        final List<Matched> matched = new ArrayList<>();
        final List<Object[]> dynamicNoted = new ArrayList<>(2);
        @Nullable String unknownReason;
        @Nullable SourceLine rtableRule;

        Evaluation(final FlowQuestion question) {
            this.question = question;
            v6 = question.v6();
            protocol = question.protocol() == null ? -1 : question.protocol().number(v6);
        }

        FlowAnswer run() {
            for (String name : question.assume().keySet()) {
                final InterfaceConfig iface = model.iface(name);
                final IpPrefix assumed = question.assume().get(name);
                if (iface == null) {
                    return unknown("--assume names " + name + ", which is not an interface in the router's files",
                        null, null);
                }
                if (!iface.dynamic(assumed.v6())) {
                    return unknown("--assume " + name + "=" + assumed + ": " + name + " has no dynamic "
                        + (assumed.v6() ? "IPv6" : "IPv4") + " address to assume", null, null);
                }
                assumptions.add(name + " has the address " + assumed + " (assumed; its address comes from "
                    + dynamicKind(iface, assumed.v6()) + ")");
            }
            final InterfaceConfig in = model.iface(question.inInterface());
            if (in == null) {
                return unknown(question.inInterface() + " is not an interface in the router's files", null, null);
            }
            final String bridge = model.bridgeOf(in.name());
            if (bridge != null && !"vport".equals(in.driver())) {
                // veb(4): member ports switch; a vport(4) is where the bridge meets the router's IP stack
                return unknown(in.name() + " is a port of " + bridge + ": routed traffic enters the router on its vport"
                    + " (ask with --in " + vportOf(bridge) + ")", null, null);
            }
            if (!in.up()) {
                return answer(Disposition.BLOCKED, in.name() + " is down: nothing enters on it", null, null, null,
                    null, null, null, null);
            }
            final PfRuleset pf = model.pf();
            if (pf == null) {
                return unknown("pf.conf is not among the router's files", null, null);
            }
            final PfPass inbound = filter(pf, PfRule.Direction.IN, in, "in on " + in.name());
            if (inbound.unknown != null) {
                return unknown(inbound.unknown, null, null);
            }
            if (inbound.blocked()) {
                return answer(Disposition.BLOCKED, "blocked entering " + in.name() + " by "
                    + inbound.deciding.where(), inbound.deciding.source(), null, null, null, null, null, null);
            }
            final int rtable = inbound.rtable != null ? inbound.rtable : in.rdomain();
            rtableRule = inbound.rtableRule;
            final RoutingTable table = model.tables().get(rtable);
            if (table == null) {
                return answer(Disposition.NO_ROUTE, "rtable " + rtable + " (set by " + inbound.rtableRule.where()
                    + ") does not exist: no interface is in rdomain " + rtable, decidingSource(inbound), rtable, null,
                    null, null, null, null);
            }
            final Route route = route(table, question.destination());
            if (route == null) {
                return answer(Disposition.NO_ROUTE, "rtable " + rtable + " has no route to "
                    + question.destination() + rtableBy(inbound), decidingSource(inbound), rtable, null, null, null,
                    null, null);
            }
            if (route.kind() == Route.Kind.REJECT || route.kind() == Route.Kind.BLACKHOLE) {
                return answer(Disposition.NO_ROUTE, "rtable " + rtable + " " + route.kind().name()
                    .toLowerCase(Locale.ROOT) + "s " + route.destination() + " (" + route.source().where() + ")",
                    decidingSource(inbound), rtable, null, null, null, null, null);
            }
            if (route.kind() == Route.Kind.LOCAL) {
                return delivered(inbound, in, rtable, route);
            }
            if (v6 && !model.forwardsIpv6()) {
                // ip6_input(): a packet for another host is dropped unless ip6_forwarding is on
                return answer(Disposition.NOT_FORWARDED, "the router does not forward IPv6: /etc/sysctl.conf does not"
                    + " set net.inet6.ip6.forwarding=1 (OpenBSD's default is 0), so the kernel drops it after pf let it"
                    + " in on " + in.name(), decidingSource(inbound), rtable, null, null, null, null, null);
            }
            final List<Route> ties = table.ties(route);
            if (!ties.isEmpty()) {
                final StringBuilder via = new StringBuilder(route.iface());
                for (Route tie : ties) {
                    via.append(", ").append(tie.iface());
                }
                return unknown("rtable " + rtable + (inbound.rtableRule == null ? "" : " (set by "
                    + inbound.rtableRule.where() + ")") + " has " + (ties.size() + 1) + " routes to "
                    + route.destination() + " learnt at run time (" + via + "): which one the kernel uses is not in"
                    + " the files", rtable, null);
            }
            final InterfaceConfig out = model.iface(route.iface());
            if (out == null) {
                return unknown("the route leaves through " + route.iface() + ", which has no file", rtable, null);
            }
            final PfPass outbound = filter(pf, PfRule.Direction.OUT, out, "out on " + out.name());
            final String nextHop = route.nextHop(question.destination());
            if (outbound.unknown != null) {
                return unknown(outbound.unknown, rtable, out.name());
            }
            if (outbound.blocked()) {
                return answer(Disposition.BLOCKED, "blocked leaving " + out.name() + " by "
                    + outbound.deciding.where(), outbound.deciding.source(), rtable, out.name(), nextHop, null, null,
                    null);
            }
            final Nat nat = nat(outbound);
            final Reply reply = forwardedReply(inbound, outbound, in, out);
            final SourceLine deciding = inbound.deciding != null ? inbound.deciding.source()
                : outbound.deciding != null ? outbound.deciding.source() : null;
            return answer(Disposition.FORWARDED, "leaves through " + out.name() + " to " + nextHop + " (rtable "
                + rtable + rtableBy(inbound) + ")", deciding, rtable, out.name(), nextHop, nat, null, reply);
        }

        private String vportOf(final String bridge) {
            final InterfaceConfig veb = model.iface(bridge);
            if (veb != null) {
                for (String member : veb.members()) {
                    if (member.startsWith("vport")) {
                        return member;
                    }
                }
            }
            return "the vport of " + bridge;
        }

        private @Nullable SourceLine decidingSource(final PfPass pass) {
            return pass.deciding == null ? null : pass.deciding.source();
        }

        private String rtableBy(final PfPass inbound) {
            return inbound.rtableRule == null ? "" : ", set by " + inbound.rtableRule.where();
        }

        private FlowAnswer unknown(final String reason, final @Nullable Integer rtable, final @Nullable String egress) {
            return answer(Disposition.UNKNOWN, reason, null, rtable, egress, null, null, null, null);
        }

        private FlowAnswer answer(final Disposition disposition, final String reason, final @Nullable SourceLine rule,
                final @Nullable Integer rtable, final @Nullable String egress, final @Nullable String nextHop,
                final @Nullable Nat nat, final @Nullable Delivery delivery, final @Nullable Reply reply) {
            return new FlowAnswer(disposition, reason, rule, matched, rtable, rtable == null ? null : rtableRule,
                egress, nextHop, nat, delivery, reply, List.copyOf(assumptions));
        }

        // --- routing ----------------------------------------------------------------------------------------------

        /** The route to an address in a table, with what the question assumes about dynamic addresses. */
        private @Nullable Route route(final RoutingTable table, final IpAddress destination) {
            return route(table, destination, true);
        }

        private @Nullable Route route(final RoutingTable table, final IpAddress destination, final boolean note) {
            Route best = table.lookup(destination);
            if (best != null && best.kind() == Route.Kind.LOCAL) {
                return best;
            }
            for (InterfaceConfig iface : model.inRdomain(table.id())) {
                if (!iface.up() || !iface.dynamic(destination.v6())) {
                    continue;
                }
                final IpPrefix assumed = question.assume().get(iface.name());
                final SourceLine where = new SourceLine(iface.file() == null ? "(assumed)" : iface.file(), 1,
                    "--assume " + iface.name() + "=" + assumed);
                if (assumed != null && assumed.v6() == destination.v6()) {
                    if (assumed.address().equals(destination)) {
                        return new Route(IpPrefix.host(destination), Route.Kind.LOCAL, iface.name(), null, where);
                    }
                    if (assumed.contains(destination) && (best == null
                            || best.destination().length() < assumed.length())) {
                        best = new Route(assumed.network(), Route.Kind.CONNECTED, iface.name(), null, where);
                    }
                } else if (assumed == null && note) {
                    noteDynamic(iface, destination);
                }
            }
            return best;
        }

        /** Notes (once) that a dynamic address is taken to differ from an address of the flow. */
        private void noteDynamic(final InterfaceConfig iface, final IpAddress address) {
            for (Object[] noted : dynamicNoted) {
                if (noted[0] == iface && noted[1].equals(address)) {
                    return;
                }
            }
            dynamicNoted.add(new Object[] { iface, address });
            assumptions.add(dynamicNote(iface, address));
        }

        private String dynamicNote(final InterfaceConfig iface, final IpAddress address) {
            return iface.name() + "'s " + (address.v6() ? "IPv6" : "IPv4") + " address comes from "
                + dynamicKind(iface, address.v6()) + ": taken to differ from " + address + " (--assume " + iface.name()
                + "=ADDRESS to reason with one)";
        }

        // --- local delivery ---------------------------------------------------------------------------------------

        private FlowAnswer delivered(final PfPass inbound, final InterfaceConfig in, final int rtable,
                final Route local) {
            final int rdomain = rtable;
            final Delivery delivery = listener(rdomain, question.destination());
            Reply reply = null;
            final RoutingTable table = model.tables().get(rdomain);
            if (table != null) {
                final Route back = route(table, question.source());
                if (back == null || back.kind() == Route.Kind.REJECT || back.kind() == Route.Kind.BLACKHOLE) {
                    reply = new Reply(true, null, null, null, rdomain, "the router's replies have no route to "
                        + question.source() + " in rdomain " + rdomain);
                } else {
                    final String note = (inbound.stateful() ? "the state of " + inbound.deciding.where()
                        + " passes them" : inbound.skipped ? "pf skips " + in.name() : "no state: pf filters them as"
                        + " new packets") + (back.iface().equals(in.name()) ? "" : "; they leave through "
                        + back.iface() + ", not " + in.name() + " where the flow entered");
                    reply = new Reply(inbound.stateful() || inbound.skipped, null, back.iface(),
                        back.kind() == Route.Kind.LOCAL ? null : back.nextHop(question.source()), rdomain, note);
                }
            }
            return answer(Disposition.DELIVERED, "delivered to the router (" + question.destination() + " is "
                + local.iface() + "'s address in rdomain " + rdomain + ")" + rtableBy(inbound) + ": "
                + delivery.note(), decidingSource(inbound), rtable, null, null, null, delivery, reply);
        }

        private Delivery listener(final int rdomain, final IpAddress destination) {
            final Protocol proto = question.protocol();
            if (proto == null) {
                return new Delivery(null, null, rdomain, null, "give --proto (and --dport) to find the listener");
            }
            if (proto == Protocol.ICMP) {
                return new Delivery("kernel", null, rdomain, null, "the kernel answers the echo request");
            }
            final int port = question.destinationPort();
            if (port < 0) {
                return new Delivery(null, null, rdomain, null, "give --dport to find the listener");
            }
            if (proto == Protocol.TCP && model.rc().enabled("sshd", true)) {
                final SshdConfig sshd = model.sshd();
                if (sshd == null) {
                    return new Delivery(null, null, rdomain, null, "sshd_config is not among the router's files:"
                        + " whether sshd listens on port " + port + " is unknown");
                }
                for (SshdConfig.Listener listener : sshd.listeners()) {
                    if (listener.accepts(destination, port, rdomain)) {
                        return new Delivery("sshd", listener.toString(), rdomain, listener.source(),
                            "sshd accepts it on " + listener);
                    }
                }
            }
            if (port == 53 && model.rc().enabled("unwind", false)) {
                final int unwindRdomain = model.rc().rtable("unwind");
                final IpAddress loopback = destination.v6() ? V6_LOOPBACK : V4_LOOPBACK;
                if (unwindRdomain == rdomain && destination.equals(loopback)) {
                    return new Delivery("unwind", loopback + ":53" + (rdomain == 0 ? "" : " rtable " + rdomain),
                        rdomain, model.rc().line("unwind_flags"), "unwind answers it (it listens on localhost only)");
                }
            }
            return new Delivery(null, null, rdomain, null, "nothing listens on " + proto.keyword() + "/" + port
                + " at " + destination + " in rdomain " + rdomain + ": the router answers with "
                + (proto == Protocol.TCP ? "a TCP reset" : "an ICMP port unreachable"));
        }

        // --- replies ----------------------------------------------------------------------------------------------

        private Reply forwardedReply(final PfPass inbound, final PfPass outbound, final InterfaceConfig in,
                final InterfaceConfig out) {
            if (!(inbound.stateful() || inbound.skipped) || !(outbound.stateful() || outbound.skipped)) {
                final PfPass stateless = inbound.stateful() || inbound.skipped ? outbound : inbound;
                return new Reply(false, out.name(), null, null, in.rdomain(), "no state on " + stateless.stage
                    + (stateless.deciding == null ? " (no rule matched: pf passes without state)"
                        : " (" + stateless.deciding.where() + " keeps no state)")
                    + ": pf filters the replies as new packets, which is not modelled");
            }
            final StringBuilder note = new StringBuilder();
            note.append(outbound.skipped ? "pf skips " + out.name() : "they match the state of "
                + outbound.deciding.where());
            if (outbound.nat != null && !outbound.nat.isEmpty()) {
                note.append(" (NAT reversed: to ").append(question.source()).append(')');
            }
            if (out.rdomain() != in.rdomain()) {
                final RoutingTable uplink = model.tables().get(out.rdomain());
                if (uplink == null || route(uplink, question.source(), false) == null) {
                    return new Reply(false, out.name(), null, null, in.rdomain(), note + "; rdomain "
                        + out.rdomain() + " has no route to " + question.source() + ", and OpenBSD routes the reply"
                        + " there before the state of " + where(inbound) + " moves it into rdomain " + in.rdomain()
                        + ": not modelled");
                }
                note.append("; the state of ").append(where(inbound)).append(" moves them back into rdomain ")
                    .append(in.rdomain());
            } else {
                note.append("; then the state of ").append(where(inbound));
            }
            final RoutingTable home = model.tables().get(in.rdomain());
            final Route back = home == null ? null : route(home, question.source());
            if (back == null || back.kind() == Route.Kind.REJECT || back.kind() == Route.Kind.BLACKHOLE) {
                return new Reply(true, out.name(), null, null, in.rdomain(), note + "; rdomain " + in.rdomain()
                    + " has no route to " + question.source() + ": the replies are lost");
            }
            if (!back.iface().equals(in.name())) {
                note.append("; they leave through ").append(back.iface()).append(", not ").append(in.name())
                    .append(" where the flow entered");
            }
            return new Reply(true, out.name(), back.iface(), back.kind() == Route.Kind.LOCAL ? null
                : back.nextHop(question.source()), in.rdomain(), note.toString());
        }

        private String where(final PfPass pass) {
            return pass.skipped ? "(pf skips " + pass.stage + ")" : pass.deciding.where();
        }

        // --- NAT --------------------------------------------------------------------------------------------------

        private @Nullable Nat nat(final PfPass outbound) {
            if (outbound.nat == null) {
                return null;
            }
            String address = null;
            String form = null;
            final List<Nat.Choice> choices = new ArrayList<>();
            for (NatAlternative alternative : outbound.nat) {
                if (alternative.translation() == null || alternative.weight() <= 0) {
                    continue;
                }
                final PfRule.Translation translation = alternative.translation();
                final String cached = forms.get(translation);
                final String thisForm = cached != null ? cached : translation.pool().size() == 1
                    ? translation.pool().get(0).toString() : translation.pool().toString();
                if (form == null) {
                    form = thisForm;
                    address = resolve(translation.pool().get(0).address());
                } else if (!form.equals(thisForm)) {
                    form = form + " or " + thisForm;
                }
                final List<PortRange> ports;
                final String note;
                if (question.protocol() == Protocol.ICMP) {
                    ports = List.of();
                    note = "ICMP: pf rewrites the query id, not a port (it stays outside a MAP-E port set)";
                } else if (translation.mapE() != null) {
                    final PfRule.MapEPortset set = translation.mapE();
                    ports = MapECalculator.portRanges(set.psidOffset(), set.psidLength(), set.psid());
                    note = "the MAP-E port set " + set;
                } else if (translation.portLow() >= 0) {
                    ports = List.of(new PortRange(translation.portLow(), translation.portHigh()));
                    note = "the rule's port range";
                } else if (translation.staticPort()) {
                    ports = List.of();
                    note = "static-port: the source port is kept";
                } else {
                    ports = List.of(NAT_PORTS);
                    note = "pf's default range";
                }
                choices.add(new Nat.Choice(ports, note, alternative.weight(), alternative.rule()));
            }
            if (form == null) {
                return null;
            }
            return new Nat(address, form, choices);
        }

        /** The address a translation term stands for, or null when it is dynamic and not assumed. */
        private @Nullable String resolve(final PfAddress term) {
            if (term instanceof PfAddress.Literal literal) {
                return literal.prefix().address().toString();
            }
            if (term instanceof PfAddress.Interface iface) {
                for (InterfaceConfig candidate : model.group(iface.name())) {
                    final IpPrefix assumed = question.assume().get(candidate.name());
                    if (assumed != null && assumed.v6() == v6) {
                        return assumed.address().toString();
                    }
                    for (InterfaceConfig.Address own : candidate.addresses()) {
                        if (own.prefix().v6() == v6) {
                            return own.prefix().address().toString();
                        }
                    }
                }
            }
            return null;
        }

        // --- pf ---------------------------------------------------------------------------------------------------

        private PfPass filter(final PfRuleset pf, final PfRule.Direction direction, final InterfaceConfig iface,
                final String stage) {
            final PfPass pass = new PfPass(stage);
            for (String skip : pf.options().skip()) {
                if (inGroup(skip, iface)) {
                    pass.skipped = true;
                    return pass;
                }
            }
            evaluate(pf.rules(), direction, iface, pass);
            if (pass.unknown == null && pass.pending != null) {
                pass.unknown = pass.pending;
            }
            if (pass.unknown == null && pass.deciding != null && pass.deciding.action() == PfRule.Action.PASS) {
                apply(pass.deciding, pass);
            }
            return pass;
        }

        /** Evaluates rules in order; returns true when a quick match ends the whole evaluation. */
        private boolean evaluate(final List<PfRule> rules, final PfRule.Direction direction,
                final InterfaceConfig iface, final PfPass pass) {
            for (PfRule rule : rules) {
                unknownReason = null;
                final Tri match = matches(rule, direction, iface);
                if (match == Tri.FALSE) {
                    continue;
                }
                if (rule.action() == PfRule.Action.ANCHOR) {
                    if (match == Tri.UNKNOWN) {
                        pass.unknown = unknownReason;
                        return true;
                    }
                    final PfRule.Anchor anchor = rule.anchor();
                    final List<PfRule> inner = anchor.rules() != null ? anchor.rules() : model.anchor(anchor.name());
                    if (inner == null) {
                        pass.unknown = rule.where() + ": the rules of anchor \"" + anchor.name() + "\" are not among"
                            + " the router's files";
                        return true;
                    }
                    matched.add(new Matched(pass.stage, rule.source(), effectOf(rule)));
                    final int before = matched.size();
                    if (evaluate(inner, direction, iface, pass) || pass.unknown != null) {
                        return true;
                    }
                    if (rule.quick() && matched.size() > before) {
                        return true;
                    }
                    continue;
                }
                if (match == Tri.UNKNOWN) {
                    if (rule.action().decides() && !rule.quick() && rule.actions().probability() == null) {
                        // a later rule that surely matches overrides it; else the answer is unknown
                        if (pass.pending == null) {
                            pass.pending = unknownReason;
                        }
                        continue;
                    }
                    pass.unknown = unknownReason;
                    return true;
                }
                if (!rule.actions().unmodelled().isEmpty()) {
                    pass.unknown = rule.where() + " matches and uses " + String.join(", ",
                        rule.actions().unmodelled()) + ", which the model does not follow";
                    return true;
                }
                final Double probability = rule.actions().probability();
                if (probability != null) {
                    final PfRule.Actions actions = rule.actions();
                    if (rule.action() == PfRule.Action.MATCH && !rule.quick() && actions.nat() != null
                            && actions.rtable() == null && actions.rdr() == null) {
                        addNat(pass, actions.nat(), probability, rule.source());
                        matched.add(new Matched(pass.stage, rule.source(), effectOf(rule)));
                        continue;
                    }
                    pass.unknown = rule.where() + " matches at random (probability " + percent(probability)
                        + "): which way it decides cannot be told";
                    return true;
                }
                if (rule.action() == PfRule.Action.MATCH) {
                    apply(rule, pass);
                } else {
                    pass.deciding = rule;
                    pass.pending = null;
                }
                matched.add(new Matched(pass.stage, rule.source(), effectOf(rule)));
                if (pass.unknown != null) {
                    return true;
                }
                if (rule.quick()) {
                    return true;
                }
            }
            return false;
        }

        /** Applies a rule's options to the evaluation. */
        private void apply(final PfRule rule, final PfPass pass) {
            final PfRule.Actions actions = rule.actions();
            if (actions.rtable() != null) {
                pass.rtable = actions.rtable();
                pass.rtableRule = rule.source();
            }
            if (actions.nat() != null) {
                addNat(pass, actions.nat(), 1, rule.source());
            }
            if (actions.rdr() != null) {
                pass.unknown = rule.where() + " redirects with rdr-to, which the model does not follow";
            }
        }

        /** A later nat-to overrides; a probabilistic one wins with its probability, else the earlier ones stand. */
        private void addNat(final PfPass pass, final PfRule.Translation translation, final double probability,
                final SourceLine rule) {
            final List<NatAlternative> next = new ArrayList<>();
            if (probability < 1) {
                if (pass.nat == null) {
                    next.add(new NatAlternative(null, 1 - probability, null));
                } else {
                    for (NatAlternative earlier : pass.nat) {
                        next.add(new NatAlternative(earlier.translation(), earlier.weight() * (1 - probability),
                            earlier.rule()));
                    }
                }
            }
            next.add(new NatAlternative(translation, probability, rule));
            pass.nat = next;
        }

        private Tri matches(final PfRule rule, final PfRule.Direction direction, final InterfaceConfig iface) {
            final PfRule.Criteria criteria = rule.criteria();
            if (criteria.direction() != PfRule.Direction.BOTH && criteria.direction() != direction) {
                return Tri.FALSE;
            }
            if (!criteria.on().isEmpty() && !onMatches(criteria.on(), iface)) {
                return Tri.FALSE;
            }
            if (criteria.onRdomain() != null && criteria.onRdomain() != iface.rdomain()) {
                return Tri.FALSE;
            }
            if (criteria.af() != null && (criteria.af() == PfRule.Af.INET6) != v6) {
                return Tri.FALSE;
            }
            if (!criteria.protocols().isEmpty()) {
                if (protocol < 0) {
                    return unsure(rule.where() + " names a protocol and the question gives none (--proto)");
                }
                if (!criteria.protocols().contains(protocol)) {
                    return Tri.FALSE;
                }
            }
            if (!criteria.icmpTypes().isEmpty()) {
                if (question.protocol() != Protocol.ICMP) {
                    return Tri.FALSE;
                }
                if (!criteria.icmpTypes().contains(v6 ? 128 : 8)) {
                    return Tri.FALSE;
                }
            }
            if (protocol == 6 && criteria.flags() != null && !"any".equals(criteria.flags())
                    && !synMatches(criteria.flags())) {
                return Tri.FALSE;
            }
            Tri result = hosts(rule, criteria.from(), question.source(), question.sourcePort(), "--sport");
            if (result == Tri.FALSE) {
                return result;
            }
            final Tri to = hosts(rule, criteria.to(), question.destination(), question.destinationPort(), "--dport");
            if (to == Tri.FALSE) {
                return to;
            }
            if (to == Tri.UNKNOWN) {
                result = Tri.UNKNOWN;
            }
            if (!criteria.unmodelled().isEmpty()) {
                return unsure(rule.where() + " also needs " + String.join(", ", criteria.unmodelled())
                    + ", which the model does not follow");
            }
            return result;
        }

        private Tri unsure(final String reason) {
            if (unknownReason == null) {
                unknownReason = reason;
            }
            return Tri.UNKNOWN;
        }

        /** Whether a TCP SYN satisfies {@code flags F/M}: (SYN AND M) == F. */
        private boolean synMatches(final String flags) {
            final int slash = flags.indexOf('/');
            final String set = flags.substring(0, slash);
            final String mask = flags.substring(slash + 1);
            final boolean synInMask = mask.indexOf('S') >= 0;
            // the packet has SYN only: F must be exactly the SYN bit if it is in the mask, else empty
            return synInMask ? "S".equals(set) : set.isEmpty();
        }

        private boolean onMatches(final List<PfRule.OnInterface> on, final InterfaceConfig iface) {
            for (PfRule.OnInterface term : on) {
                final boolean in = "any".equals(term.name()) || inGroup(term.name(), iface);
                if (term.negated() != in) {
                    return true;
                }
            }
            return false;
        }

        private boolean inGroup(final String name, final InterfaceConfig iface) {
            return model.inGroup(name, iface);
        }

        private Tri hosts(final PfRule rule, final PfHosts hosts, final IpAddress address, final int port,
                final String portOption) {
            Tri result = Tri.TRUE;
            if (!hosts.terms().isEmpty()) {
                result = Tri.FALSE;
                for (PfHosts.Term term : hosts.terms()) {
                    Tri one = address(rule, term.address(), address);
                    if (term.negated() && one != Tri.UNKNOWN) {
                        one = one == Tri.TRUE ? Tri.FALSE : Tri.TRUE;
                    }
                    if (one == Tri.TRUE) {
                        result = Tri.TRUE;
                        break;
                    }
                    if (one == Tri.UNKNOWN) {
                        result = Tri.UNKNOWN;
                    }
                }
                if (result == Tri.FALSE) {
                    return result;
                }
            }
            if (hosts.ports().isEmpty()) {
                return result;
            }
            if (port < 0) {
                return unsure(rule.where() + " names a port and the question gives none (" + portOption + ")");
            }
            for (PfHosts.PortOp op : hosts.ports()) {
                if (op.matches(port)) {
                    return result;
                }
            }
            return Tri.FALSE;
        }

        private Tri address(final PfRule rule, final PfAddress term, final IpAddress address) {
            if (term == PfAddress.Any.INSTANCE) {
                return Tri.TRUE;
            }
            if (term instanceof PfAddress.Literal literal) {
                return Tri.of(literal.prefix().contains(address));
            }
            if (term instanceof PfAddress.Table table) {
                return table(rule, table.name(), address);
            }
            if (term instanceof PfAddress.Interface iface) {
                return interfaceAddress(rule, iface, address);
            }
            return unsure(rule.where() + " uses '" + term + "', which the model does not follow");
        }

        private Tri table(final PfRule rule, final String name, final IpAddress address) {
            final PfTable table = model.pf().table(name);
            if (table == null) {
                assumptions.add("table <" + name + "> is not defined in pf.conf: taken as empty (pfctl creates it"
                    + " empty; pfctl -t can fill it at run time)");
                return Tri.FALSE;
            }
            Boolean hit = table.set().lookup(address);
            if (hit == null && !table.interfaces().isEmpty()) {
                for (String ifName : table.interfaces()) {
                    final Tri own = interfaceAddress(rule, new PfAddress.Interface(ifName, PfAddress.Modifier.ADDRESS,
                        false, false), address);
                    if (own != Tri.FALSE) {
                        return own;
                    }
                }
            }
            if (!table.files().isEmpty()) {
                return unsure("table <" + name + "> (" + table.source().where() + ") loads " + table.files()
                    + ", whose content is not among the router's files");
            }
            if (!table.constant()) {
                assumptions.add("table <" + name + "> holds what pf.conf lists (it is not const: pfctl -t can change"
                    + " it at run time)");
            }
            return Tri.of(Boolean.TRUE.equals(hit));
        }

        private Tri interfaceAddress(final PfRule rule, final PfAddress.Interface term, final IpAddress address) {
            final boolean self = "self".equals(term.name());
            final List<InterfaceConfig> interfaces = self ? List.copyOf(model.interfaces().values())
                : model.group(term.name());
            if (interfaces.isEmpty()) {
                if (term.dynamic()) {
                    return Tri.FALSE;
                }
                return unsure(rule.where() + " names " + term.name() + ", which is not an interface in the router's"
                    + " files (pfctl refuses a bare name it cannot resolve)");
            }
            for (InterfaceConfig iface : interfaces) {
                boolean hasOwn = false;
                for (InterfaceConfig.Address candidate : iface.addresses()) {
                    if (candidate.prefix().v6() != address.v6() || term.firstOnly() && hasOwn) {
                        continue;
                    }
                    hasOwn = true;
                    if (holds(term.modifier(), candidate.prefix(), candidate.peer(), address)) {
                        return Tri.TRUE;
                    }
                }
                if (iface.dynamic(address.v6()) && !(term.firstOnly() && hasOwn)) {
                    final IpPrefix assumed = question.assume().get(iface.name());
                    if (assumed != null && assumed.v6() == address.v6()) {
                        if (holds(term.modifier(), assumed, null, address)) {
                            return Tri.TRUE;
                        }
                    } else if (iface.up()) {
                        noteDynamic(iface, address);
                    }
                }
            }
            return Tri.FALSE;
        }

        private boolean holds(final PfAddress.Modifier modifier, final IpPrefix prefix, final @Nullable IpAddress peer,
                final IpAddress address) {
            return switch (modifier) {
                case ADDRESS -> prefix.address().equals(address);
                case NETWORK -> prefix.network().contains(address);
                case BROADCAST -> !address.v6() && prefix.last().equals(address)
                    && prefix.length() < 31;
                case PEER -> address.equals(peer);
            };
        }
    }

    private static String dynamicKind(final InterfaceConfig iface, final boolean v6) {
        final InterfaceConfig.Dynamic kind = v6 ? iface.dynamic6() : iface.dynamic4();
        return kind == null ? "nowhere" : kind.label();
    }

    /** A probability as pf.conf writes it: {@code 50%}, {@code 33.333333%}. */
    static String percent(final double probability) {
        final String text = String.format(Locale.ROOT, "%.6f", probability * 100).replaceAll("0+$", "");
        return (text.endsWith(".") ? text.substring(0, text.length() - 1) : text) + "%";
    }
}

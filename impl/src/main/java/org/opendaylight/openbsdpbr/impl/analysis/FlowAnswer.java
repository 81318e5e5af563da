/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.analysis;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.openbsdpbr.impl.analysis.source.SourceLine;
import org.opendaylight.openbsdpbr.impl.mape.PortRange;

/**
 * What the router does with a flow, and why: the disposition, the rule that decided (file, line, text), every rule
 * that matched on the way, the routing table used, the egress interface and next hop, the NAT source, the local
 * listener, the replies' way back, and every assumption made. An answer the model cannot give is
 * {@link Disposition#UNKNOWN} with the reason, never a guess.
 *
 * @param disposition what happens
 * @param reason one sentence in the operator's words
 * @param rule the rule that decided (the deciding pass or block rule), or null (no rule matched, or pf skipped)
 * @param matched every rule that matched, in evaluation order, inbound then outbound
 * @param rtable the routing table of the lookup, or null when the packet was not routed
 * @param rtableRule the rule whose {@code rtable} chose that table, or null (the ingress interface's rdomain)
 * @param egressInterface the interface it leaves through, or null
 * @param nextHop the next hop, or null
 * @param nat the source translation on the way out, or null for none
 * @param delivery for {@link Disposition#DELIVERED}: who receives it
 * @param reply how the replies come back, or null when the flow does not get through
 * @param assumptions what the answer assumes (dynamic addresses, table contents), each as a sentence
 */
public record FlowAnswer(Disposition disposition, String reason, @Nullable SourceLine rule, List<Matched> matched,
        @Nullable Integer rtable, @Nullable SourceLine rtableRule, @Nullable String egressInterface,
        @Nullable String nextHop, @Nullable Nat nat,
        @Nullable Delivery delivery, @Nullable Reply reply, List<String> assumptions) {
    public FlowAnswer {
        requireNonNull(disposition, "disposition");
        requireNonNull(reason, "reason");
        matched = List.copyOf(matched);
        assumptions = List.copyOf(assumptions);
    }

    /** What happens to a flow. */
    public enum Disposition {
        /** It leaves the router through {@link FlowAnswer#egressInterface()}. */
        FORWARDED("forwarded"),
        /** It is for the router itself: {@link FlowAnswer#delivery()} says who takes it. */
        DELIVERED("delivered"),
        /** A pf rule blocks it. */
        BLOCKED("blocked"),
        /** The routing table has no (usable) route for it. */
        NO_ROUTE("no-route"),
        /**
         * It is for another host, and the router does not forward its family: IPv6 with
         * {@code net.inet6.ip6.forwarding} not set to 1 in /etc/sysctl.conf (OpenBSD's default is 0); the kernel drops
         * it after pf let it in.
         */
        NOT_FORWARDED("not-forwarded"),
        /** The model cannot tell; {@link FlowAnswer#reason()} says why. */
        UNKNOWN("unknown");

        private final String keyword;

        Disposition(final String keyword) {
            this.keyword = keyword;
        }

        /** The word the CLI, JSON and RPC use. */
        public String keyword() {
            return keyword;
        }
    }

    /**
     * A rule that matched.
     *
     * @param stage {@code in on IF} or {@code out on IF}
     * @param rule the rule
     * @param effect what matching it did: {@code pass}, {@code block}, {@code match: rtable 1}, ...
     */
    public record Matched(String stage, SourceLine rule, String effect) {
        public Matched {
            requireNonNull(stage, "stage");
            requireNonNull(rule, "rule");
            requireNonNull(effect, "effect");
        }
    }

    /**
     * The source translation of a flow leaving the router.
     *
     * @param address the address it is translated to, or null when it is dynamic and not assumed
     * @param form the address as pf.conf writes it: {@code (pppoe0:0)}, {@code (gif0)}, {@code 203.0.113.5}
     * @param choices the port ranges pf picks from, with how likely each is (several when {@code probability}
     *     rules spread connections over MAP-E port blocks)
     */
    public record Nat(@Nullable String address, String form, List<Choice> choices) {
        public Nat {
            requireNonNull(form, "form");
            choices = List.copyOf(choices);
        }

        /**
         * One way pf translates.
         *
         * @param ports the source ports pf chooses from; empty when it keeps the source port ({@code static-port})
         * @param portNote how the ports are chosen, e.g. "pf's default range"
         * @param probability how likely this choice is, in (0, 1]
         * @param rule the rule that sets it
         */
        public record Choice(List<PortRange> ports, String portNote, double probability, SourceLine rule) {
            public Choice {
                ports = List.copyOf(ports);
                requireNonNull(portNote, "portNote");
                requireNonNull(rule, "rule");
            }
        }
    }

    /**
     * Who on the router receives a delivered flow.
     *
     * @param service {@code sshd}, {@code unwind}, {@code kernel} (ICMP echo), or null when nothing listens
     * @param listener the socket, e.g. {@code 0.0.0.0:22 rdomain 1}, or null
     * @param rdomain the routing domain it is delivered in
     * @param source the line that opens the listener, or null
     * @param note what happens, in the operator's words
     */
    public record Delivery(@Nullable String service, @Nullable String listener, int rdomain,
            @Nullable SourceLine source, String note) {
        public Delivery {
            requireNonNull(note, "note");
        }
    }

    /**
     * How the replies come back.
     *
     * @param known whether the model can follow them
     * @param enters the interface the replies enter on (for a delivered flow: none, they start on the router)
     * @param leaves the interface they leave through towards the flow's source, or null
     * @param nextHop their next hop, or null
     * @param rdomain the routing domain of their route lookup
     * @param note how they get there (the states they match, the NAT reversed), or why it is unknown
     */
    public record Reply(boolean known, @Nullable String enters, @Nullable String leaves, @Nullable String nextHop,
            int rdomain, String note) {
        public Reply {
            requireNonNull(note, "note");
        }
    }
}

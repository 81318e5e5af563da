/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.analysis.pf;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.openbsdpbr.impl.analysis.source.SourceLine;

/**
 * One filter rule of pf.conf ({@code pass}, {@code block}, {@code match}) or an {@code anchor}: where it stands, the
 * comment lines right above it, what a packet must be to match it, and what it does then.
 *
 * @param source the rule's file, line and text
 * @param comments the comment lines right above the rule, without {@code #}, top to bottom
 * @param action pass, block, match or anchor
 * @param quick whether a match ends the evaluation ({@code quick})
 * @param criteria what a packet must be
 * @param actions what the rule does to a packet it matches
 * @param anchor the anchor's name and inline rules, for {@link Action#ANCHOR}
 */
public record PfRule(SourceLine source, List<String> comments, Action action, boolean quick, Criteria criteria,
        Actions actions, @Nullable Anchor anchor) {
    public PfRule {
        requireNonNull(source, "source");
        comments = List.copyOf(comments);
        requireNonNull(action, "action");
        requireNonNull(criteria, "criteria");
        requireNonNull(actions, "actions");
        if (action == Action.ANCHOR && anchor == null) {
            throw new IllegalArgumentException("an anchor rule needs its anchor");
        }
    }

    /** The kind of rule. */
    public enum Action {
        /** {@code pass}: the last matching pass or block rule decides. */
        PASS("pass"),
        /** {@code block}. */
        BLOCK("block"),
        /** {@code match}: applies its options (nat-to, rtable, scrub) and decides nothing. */
        MATCH("match"),
        /** {@code anchor}: evaluates the anchor's rules where it stands. */
        ANCHOR("anchor");

        private final String keyword;

        Action(final String keyword) {
            this.keyword = keyword;
        }

        public String keyword() {
            return keyword;
        }

        /** Whether a match of such a rule decides pass or block. */
        public boolean decides() {
            return this == PASS || this == BLOCK;
        }
    }

    /** {@code in}, {@code out} or neither. */
    public enum Direction {
        IN, OUT, BOTH
    }

    /** {@code inet}, {@code inet6} or neither. */
    public enum Af {
        INET, INET6
    }

    /**
     * One element of {@code on IF} or {@code on { IF ... }}.
     *
     * @param name an interface, a group ({@code lo}, {@code egress}, a driver name) or {@code any}
     * @param negated {@code on !IF}
     */
    public record OnInterface(String name, boolean negated) {
        public OnInterface {
            requireNonNull(name, "name");
        }

        @Override
        public String toString() {
            return negated ? "!" + name : name;
        }
    }

    /**
     * What a packet must be for the rule to match.
     *
     * @param direction in, out or both
     * @param on the interfaces (any of them), empty for every interface
     * @param onRdomain {@code on rdomain N}: packets in that routing domain, or null
     * @param af the address family, or null for both
     * @param protocols IP protocol numbers (any of them), empty for every protocol
     * @param from the source
     * @param to the destination
     * @param flags TCP flags as written ({@code S/SA}), null for pf's default on stateful rules, {@code any} for none
     * @param icmpTypes ICMP or ICMPv6 types (any of them), empty for every type
     * @param unmodelled criteria read but not modelled ({@code user}, {@code tagged}, {@code received-on}, ...):
     *     whether a packet matches them is unknown
     */
    public record Criteria(Direction direction, List<OnInterface> on, @Nullable Integer onRdomain, @Nullable Af af,
            List<Integer> protocols, PfHosts from, PfHosts to, @Nullable String flags, List<Integer> icmpTypes,
            List<String> unmodelled) {
        public Criteria {
            requireNonNull(direction, "direction");
            on = List.copyOf(on);
            protocols = List.copyOf(protocols);
            requireNonNull(from, "from");
            requireNonNull(to, "to");
            icmpTypes = List.copyOf(icmpTypes);
            unmodelled = List.copyOf(unmodelled);
        }
    }

    /** How a rule keeps state. */
    public enum State {
        /** {@code keep state}: pf's default for pass rules. */
        KEEP,
        /** {@code modulate state}. */
        MODULATE,
        /** {@code synproxy state}. */
        SYNPROXY,
        /** {@code no state}. */
        NONE
    }

    /**
     * What a rule does to a packet it matches.
     *
     * @param blockReturn for block rules: {@code return}, {@code drop} or null for {@code set block-policy}
     * @param rtable {@code rtable N}, or null
     * @param nat {@code nat-to}, or null
     * @param rdr {@code rdr-to}, or null
     * @param scrub the scrub options as written ({@code no-df random-id max-mss 1414}), or null
     * @param maxMss the {@code max-mss} of the scrub, or null
     * @param state how the rule keeps state
     * @param stateOptions the state options as written ({@code if-bound}, ...), or null
     * @param probability {@code probability P%} as a fraction in (0, 1), or null for always
     * @param label the label, or null
     * @param tag the tag it sets, or null
     * @param unmodelled actions read but not modelled that change where a packet goes ({@code route-to},
     *     {@code af-to}, {@code divert-to}, ...): a decision by such a rule is unknown
     */
    public record Actions(@Nullable String blockReturn, @Nullable Integer rtable, @Nullable Translation nat,
            @Nullable Translation rdr, @Nullable String scrub, @Nullable Integer maxMss, State state,
            @Nullable String stateOptions, @Nullable Double probability, @Nullable String label, @Nullable String tag,
            List<String> unmodelled) {
        public Actions {
            requireNonNull(state, "state");
            unmodelled = List.copyOf(unmodelled);
        }
    }

    /**
     * {@code nat-to} or {@code rdr-to}: the addresses to translate to and the port range or MAP-E port set.
     *
     * @param pool the addresses, one or more
     * @param portLow the first port of {@code port A[:B]}, or -1
     * @param portHigh the last port, or -1
     * @param staticPort {@code static-port}
     * @param poolType {@code round-robin} and the like, or null
     * @param mapE {@code map-e-portset A/PSIDLEN/PSID} (the MAP-E kernel patch), or null
     */
    public record Translation(List<PfHosts.Term> pool, int portLow, int portHigh, boolean staticPort,
            @Nullable String poolType, @Nullable MapEPortset mapE) {
        public Translation {
            pool = List.copyOf(pool);
            if (pool.isEmpty()) {
                throw new IllegalArgumentException("a translation needs an address");
            }
        }

        @Override
        public String toString() {
            final StringBuilder sb = new StringBuilder();
            sb.append(pool.size() == 1 ? pool.get(0).toString() : pool.toString());
            if (portLow >= 0) {
                sb.append(" port ").append(portLow);
                if (portHigh != portLow) {
                    sb.append(':').append(portHigh);
                }
            }
            if (mapE != null) {
                sb.append(" map-e-portset ").append(mapE);
            }
            if (staticPort) {
                sb.append(" static-port");
            }
            return sb.toString();
        }
    }

    /**
     * The MAP-E kernel patch's {@code map-e-portset A/PSIDLEN/PSID}.
     *
     * @param psidOffset a, the PSID offset
     * @param psidLength the PSID length
     * @param psid the PSID
     */
    public record MapEPortset(int psidOffset, int psidLength, int psid) {
        @Override
        public String toString() {
            return psidOffset + "/" + psidLength + "/" + psid;
        }
    }

    /**
     * An anchor: a named ruleset evaluated where the anchor rule stands, written inline in braces or loaded from a
     * file ({@code load anchor NAME from FILE}).
     *
     * @param name the anchor's name, empty for an unnamed inline anchor
     * @param rules the inline rules, or null when they come from elsewhere
     */
    public record Anchor(String name, @Nullable List<PfRule> rules) {
        public Anchor {
            requireNonNull(name, "name");
            rules = rules == null ? null : List.copyOf(rules);
        }
    }

    /** {@code file:line}. */
    public String where() {
        return source.where();
    }

    @Override
    public String toString() {
        return source.toString();
    }
}

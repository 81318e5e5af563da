/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.api.intent;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One side of a pf rule (YANG grouping {@code endpoint}): what it matches, whether that is negated, and ports.
 * Errors are reported relative to the endpoint ({@code network}, {@code table}, {@code port}); build it inside
 * {@code IntentException.at("policy-route[name=x]/source", ...)}.
 *
 * @param match what the side matches; null is {@link Any}
 * @param negate pf's {@code !}: everything but the match
 * @param ports ports (0..65535); they need protocol tcp or udp on the rule; null is none
 */
public record Endpoint(Match match, boolean negate, List<Integer> ports) {
    /** {@code any}, no ports: the YANG default of a source. */
    public static final Endpoint ANY = new Endpoint(Any.INSTANCE, false, List.of());
    /** {@code !<martians>}, no ports: the YANG default of a policy route's destination. */
    public static final Endpoint INTERNET = new Endpoint(Internet.INSTANCE, false, List.of());

    public Endpoint {
        match = match == null ? Any.INSTANCE : match;
        ports = ports == null ? List.of() : List.copyOf(ports);
        for (Integer port : ports) {
            Syntax.checkPort("port", port);
        }
    }

    /** An endpoint without negation or ports. */
    public static Endpoint of(final Match match) {
        return new Endpoint(match, false, List.of());
    }

    /** What one side of a rule matches (YANG choice {@code match}). */
    public sealed interface Match permits Any, Internet, Networks, TableRef, HostGroupRef, InterfaceNetwork {
        // a closed set of cases
    }

    /** pf's {@code any} (the YANG default of a source). */
    public enum Any implements Match {
        /** The only instance. */
        INSTANCE;

        @Override
        public String toString() {
            return "any";
        }
    }

    /**
     * Every address but the special-purpose ones: pf's {@code !<martians>}, the seed's exclusion (YANG case
     * {@code internet}, the default of a policy route's destination). It cannot be negated: the renderer writes the
     * negation itself.
     */
    public enum Internet implements Match {
        /** The only instance. */
        INSTANCE;

        @Override
        public String toString() {
            return "internet";
        }
    }

    /**
     * Addresses and networks, rendered as one host or a pf list {@code { a, b }}.
     *
     * @param networks IPv4/IPv6 addresses or prefixes, at least one, in the given order
     */
    public record Networks(List<String> networks) implements Match {
        public Networks {
            networks = Syntax.checkAll("network", networks, Syntax::checkNetworkOrAddress);
            if (networks.isEmpty()) {
                throw new IntentException("network", "at least one network");
            }
        }
    }

    /**
     * A pf table of the merged intent, rendered as {@code <name>}.
     *
     * @param table the table's name
     */
    public record TableRef(String table) implements Match {
        public TableRef {
            Syntax.checkPfName("table", table);
        }
    }

    /**
     * A host group of the merged intent, rendered as the pf macro {@code $name}.
     *
     * @param hostGroup the host group's name
     */
    public record HostGroupRef(String hostGroup) implements Match {
        public HostGroupRef {
            Syntax.checkPfName("host-group", hostGroup);
        }
    }

    /**
     * An interface's networks, pf's {@code <if>:network}.
     *
     * @param value the YANG value, e.g. {@code vport0:network}
     */
    public record InterfaceNetwork(String value) implements Match {
        public InterfaceNetwork {
            requireNonNull(value, "value");
            if (!Syntax.isInterfaceNetwork(value)) {
                throw new IntentException("interface-network", Syntax.show(value)
                    + ": an interface network is written <interface>:network, e.g. vport0:network");
            }
        }

        /** The interface, e.g. {@code vport0}. */
        public String interfaceName() {
            return value.substring(0, value.length() - ":network".length());
        }
    }
}

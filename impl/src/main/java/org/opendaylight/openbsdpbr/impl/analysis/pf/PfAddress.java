/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.analysis.pf;

import static java.util.Objects.requireNonNull;

import org.opendaylight.openbsdpbr.impl.analysis.ip.IpPrefix;

/**
 * One address term of a pf rule (pf.conf(5) PARAMETERS, "from"/"to"): what a packet's address is compared with.
 */
public sealed interface PfAddress {
    /** {@code any}. */
    enum Any implements PfAddress {
        INSTANCE;

        @Override
        public String toString() {
            return "any";
        }
    }

    /**
     * An address or network written as a literal: {@code 192.168.1.20}, {@code 10.0.0.0/8}, {@code 10/8}.
     *
     * @param prefix the network (a host has its full length)
     */
    record Literal(IpPrefix prefix) implements PfAddress {
        public Literal {
            requireNonNull(prefix, "prefix");
        }

        @Override
        public String toString() {
            return prefix.toString();
        }
    }

    /**
     * A table, {@code <name>}.
     *
     * @param name the table's name
     */
    record Table(String name) implements PfAddress {
        public Table {
            requireNonNull(name, "name");
        }

        @Override
        public String toString() {
            return "<" + name + ">";
        }
    }

    /** What an interface term means: its addresses, or a network, broadcast or peer address derived from them. */
    enum Modifier {
        /** The interface's addresses. */
        ADDRESS(""),
        /** {@code :network}: the networks of its addresses. */
        NETWORK(":network"),
        /** {@code :broadcast}: their broadcast addresses. */
        BROADCAST(":broadcast"),
        /** {@code :peer}: the point-to-point peers. */
        PEER(":peer");

        private final String suffix;

        Modifier(final String suffix) {
            this.suffix = suffix;
        }

        /** As written after the interface name. */
        public String suffix() {
            return suffix;
        }
    }

    /**
     * The addresses of an interface or interface group ({@code lo}, {@code egress}, a driver name): bare
     * ({@code em0}: resolved when the rules are loaded) or in parentheses ({@code (em0)}: followed as they change);
     * {@code :0} keeps only the first address (no aliases).
     *
     * @param name an interface or group name, or {@code self}
     * @param modifier {@code :network} and the like
     * @param dynamic whether it is in parentheses
     * @param firstOnly whether it ends in {@code :0}
     */
    record Interface(String name, Modifier modifier, boolean dynamic, boolean firstOnly) implements PfAddress {
        public Interface {
            requireNonNull(name, "name");
            requireNonNull(modifier, "modifier");
        }

        @Override
        public String toString() {
            final String inner = name + modifier.suffix() + (firstOnly ? ":0" : "");
            return dynamic ? "(" + inner + ")" : inner;
        }
    }

    /**
     * A term the analysis reads but does not model ({@code no-route}, {@code urpf-failed}, {@code route LABEL},
     * address ranges): a packet's match against it is unknown.
     *
     * @param text the term as written
     */
    record Unmodelled(String text) implements PfAddress {
        public Unmodelled {
            requireNonNull(text, "text");
        }

        @Override
        public String toString() {
            return text;
        }
    }
}

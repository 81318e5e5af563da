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

/**
 * A rule's {@code from} or {@code to}: a list of address terms, each optionally negated, and optionally ports.
 *
 * <p>pfctl expands a list into one rule per element (pf.conf(5): "lists ... are expanded"), so a packet matches the
 * list when it matches any element, each element's {@code !} applying to that element alone ({@code { !a, b }} matches
 * nearly everything: a famous pitfall). Ports are expanded the same way.
 *
 * @param terms the address terms, empty for {@code any}
 * @param ports the port operations, empty for any port
 */
public record PfHosts(List<Term> terms, List<PortOp> ports) {
    /** {@code any} with any port. */
    public static final PfHosts ANY = new PfHosts(List.of(), List.of());

    public PfHosts {
        terms = List.copyOf(terms);
        ports = List.copyOf(ports);
    }

    /** Whether any address matches (no terms, or a lone {@code any}). */
    public boolean anyAddress() {
        return terms.isEmpty() || terms.size() == 1 && !terms.get(0).negated()
            && terms.get(0).address() == PfAddress.Any.INSTANCE;
    }

    /**
     * One element of the list.
     *
     * @param negated whether it is written {@code !term}
     * @param address the term
     */
    public record Term(boolean negated, PfAddress address) {
        public Term {
            requireNonNull(address, "address");
        }

        @Override
        public String toString() {
            return negated ? "!" + address : address.toString();
        }
    }

    /** A port comparison of pf.conf(5) ({@code port 80}, {@code port != 80}, {@code port 1:1024}, ...). */
    public enum Op {
        /** {@code = N} or {@code N}. */
        EQ,
        /** {@code != N}. */
        NE,
        /** {@code < N}. */
        LT,
        /** {@code <= N}. */
        LE,
        /** {@code > N}. */
        GT,
        /** {@code >= N}. */
        GE,
        /** {@code A:B}: A to B inclusive. */
        RANGE,
        /** {@code A >< B}: strictly between. */
        BETWEEN,
        /** {@code A <> B}: outside A to B. */
        OUTSIDE
    }

    /**
     * One port comparison.
     *
     * @param op the comparison
     * @param low its number (the first of a range)
     * @param high the second number of a range, else equal to {@code low}
     */
    public record PortOp(Op op, int low, int high) {
        public PortOp {
            requireNonNull(op, "op");
            if (low < 0 || low > 65535 || high < 0 || high > 65535) {
                throw new IllegalArgumentException("ports are 0 to 65535");
            }
        }

        /** Whether a port satisfies it. */
        public boolean matches(final int port) {
            return switch (op) {
                case EQ -> port == low;
                case NE -> port != low;
                case LT -> port < low;
                case LE -> port <= low;
                case GT -> port > low;
                case GE -> port >= low;
                case RANGE -> port >= low && port <= high;
                case BETWEEN -> port > low && port < high;
                case OUTSIDE -> port < low || port > high;
            };
        }

        @Override
        public String toString() {
            return switch (op) {
                case EQ -> Integer.toString(low);
                case NE -> "!= " + low;
                case LT -> "< " + low;
                case LE -> "<= " + low;
                case GT -> "> " + low;
                case GE -> ">= " + low;
                case RANGE -> low + ":" + high;
                case BETWEEN -> low + " >< " + high;
                case OUTSIDE -> low + " <> " + high;
            };
        }
    }
}

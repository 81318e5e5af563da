/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.analysis;

import static java.util.Objects.requireNonNull;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.opendaylight.openbsdpbr.impl.analysis.ip.IpAddress;
import org.opendaylight.openbsdpbr.impl.analysis.ip.IpPrefix;

/**
 * A set of first packets: every combination of a protocol, a source, a source port, a destination and a destination
 * port from five sets. A pf rule matches exactly such a box (pfctl expands its lists into one rule per combination,
 * so a rule is the product of its lists), which lets the lints subtract rules from rules exactly.
 *
 * <p>Numbering: addresses are IPv4 in [0, 2^32), IPv6 in [2^32, 2^32 + 2^128), and one number past those per
 * interface for the address it gets at run time (PPP, DHCP), so that {@code (pppoe0)} is one point of its own; ports
 * are [0, 65535] and -1 for packets that have none (neither TCP nor UDP); protocols [0, 255].
 */
record FlowBox(RangeSet protocols, RangeSet sources, RangeSet sourcePorts, RangeSet destinations,
        RangeSet destinationPorts) {
    static final BigInteger V6_BASE = BigInteger.ONE.shiftLeft(32);
    static final BigInteger DYNAMIC_BASE = V6_BASE.add(BigInteger.ONE.shiftLeft(128));
    static final RangeSet PROTOCOLS = RangeSet.of(0, 255);
    static final RangeSet PORTS = RangeSet.of(-1, 65535);
    static final RangeSet V4 = RangeSet.of(BigInteger.ZERO, V6_BASE.subtract(BigInteger.ONE));
    static final RangeSet V6 = RangeSet.of(V6_BASE, DYNAMIC_BASE.subtract(BigInteger.ONE));
    static final RangeSet DYNAMIC = RangeSet.of(DYNAMIC_BASE, DYNAMIC_BASE.add(BigInteger.valueOf(65535)));
    static final RangeSet ADDRESSES = V4.union(V6).union(DYNAMIC);
    static final FlowBox ALL = new FlowBox(PROTOCOLS, ADDRESSES, PORTS, ADDRESSES, PORTS);
    /** Past this many pieces a subtraction gives up (the lints then say nothing rather than guess). */
    static final int LIMIT = 20_000;

    FlowBox {
        requireNonNull(protocols);
        requireNonNull(sources);
        requireNonNull(sourcePorts);
        requireNonNull(destinations);
        requireNonNull(destinationPorts);
    }

    /** An address's number. */
    static BigInteger key(final IpAddress address) {
        if (!address.v6()) {
            return BigInteger.valueOf(address.lo());
        }
        return V6_BASE.add(new BigInteger(1, new byte[] {
            (byte) (address.hi() >>> 56), (byte) (address.hi() >>> 48), (byte) (address.hi() >>> 40),
            (byte) (address.hi() >>> 32), (byte) (address.hi() >>> 24), (byte) (address.hi() >>> 16),
            (byte) (address.hi() >>> 8), (byte) address.hi(), (byte) (address.lo() >>> 56),
            (byte) (address.lo() >>> 48), (byte) (address.lo() >>> 40), (byte) (address.lo() >>> 32),
            (byte) (address.lo() >>> 24), (byte) (address.lo() >>> 16), (byte) (address.lo() >>> 8),
            (byte) address.lo() }));
    }

    /** The address of a number in the IPv4 or IPv6 range. */
    static IpAddress address(final BigInteger key) {
        if (key.compareTo(V6_BASE) < 0) {
            return IpAddress.v4(key.longValue());
        }
        final BigInteger value = key.subtract(V6_BASE);
        return new IpAddress(true, value.shiftRight(64).longValue(), value.longValue());
    }

    /** A network's numbers. */
    static RangeSet prefix(final IpPrefix prefix) {
        return RangeSet.of(key(prefix.address().masked(prefix.length())), key(prefix.last()));
    }

    /** The number standing for an interface's run-time address. */
    static RangeSet dynamic(final int index) {
        final BigInteger key = DYNAMIC_BASE.add(BigInteger.valueOf(index));
        return RangeSet.of(key, key);
    }

    boolean isEmpty() {
        return protocols.isEmpty() || sources.isEmpty() || sourcePorts.isEmpty() || destinations.isEmpty()
            || destinationPorts.isEmpty();
    }

    FlowBox intersect(final FlowBox other) {
        return new FlowBox(protocols.intersect(other.protocols), sources.intersect(other.sources),
            sourcePorts.intersect(other.sourcePorts), destinations.intersect(other.destinations),
            destinationPorts.intersect(other.destinationPorts));
    }

    /** This box minus another, as disjoint boxes (at most one per dimension). */
    List<FlowBox> minus(final FlowBox other) {
        if (intersect(other).isEmpty()) {
            return List.of(this);
        }
        final List<FlowBox> pieces = new ArrayList<>(5);
        final RangeSet[] mine = { protocols, sources, sourcePorts, destinations, destinationPorts };
        final RangeSet[] theirs = { other.protocols, other.sources, other.sourcePorts, other.destinations,
            other.destinationPorts };
        final RangeSet[] current = mine.clone();
        for (int dim = 0; dim < 5; dim++) {
            final RangeSet outside = mine[dim].minus(theirs[dim]);
            if (!outside.isEmpty()) {
                final RangeSet[] piece = current.clone();
                piece[dim] = outside;
                pieces.add(new FlowBox(piece[0], piece[1], piece[2], piece[3], piece[4]));
            }
            current[dim] = mine[dim].intersect(theirs[dim]);
        }
        return pieces;
    }

    /** Boxes minus a box; null when the pieces grow past {@link #LIMIT}. */
    static List<FlowBox> minus(final List<FlowBox> boxes, final FlowBox other) {
        final List<FlowBox> result = new ArrayList<>();
        for (FlowBox box : boxes) {
            result.addAll(box.minus(other));
            if (result.size() > LIMIT) {
                return null;
            }
        }
        return result;
    }
}

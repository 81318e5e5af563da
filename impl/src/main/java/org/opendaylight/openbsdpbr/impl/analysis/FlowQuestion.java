/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.analysis;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.openbsdpbr.impl.analysis.ip.IpAddress;
import org.opendaylight.openbsdpbr.impl.analysis.ip.IpPrefix;

/**
 * "Where does this flow go?": the first packet of a connection (a TCP SYN, a UDP datagram, an ICMP echo request)
 * entering the router on an interface.
 *
 * @param inInterface the interface it enters on, e.g. {@code vport0}
 * @param source its source address
 * @param destination its destination address, of the same family
 * @param protocol tcp, udp or icmp, or null when not given (a rule that names protocols then makes the answer unknown)
 * @param sourcePort the source port, or -1 when not given
 * @param destinationPort the destination port, or -1 when not given
 * @param assume addresses to reason with for interfaces whose address is dynamic (PPP, DHCP, SLAAC), by interface
 * @param down the uplink interfaces to take as down (their health monitors failed): the flow is answered in the
 *     failure state the router's ifstated reaches then ({@link FailoverStates}); empty for every uplink up
 */
public record FlowQuestion(String inInterface, IpAddress source, IpAddress destination, @Nullable Protocol protocol,
        int sourcePort, int destinationPort, Map<String, IpPrefix> assume, Set<String> down) {
    public FlowQuestion {
        requireNonNull(inInterface, "inInterface");
        requireNonNull(source, "source");
        requireNonNull(destination, "destination");
        if (source.v6() != destination.v6()) {
            throw new IllegalArgumentException("the source " + source + " and destination " + destination
                + " are of different address families");
        }
        if (sourcePort < -1 || sourcePort > 65535 || destinationPort < -1 || destinationPort > 65535) {
            throw new IllegalArgumentException("ports are 0 to 65535");
        }
        if ((sourcePort >= 0 || destinationPort >= 0) && protocol != Protocol.TCP && protocol != Protocol.UDP) {
            throw new IllegalArgumentException("ports need the protocol tcp or udp");
        }
        assume = Map.copyOf(new LinkedHashMap<>(assume));
        down = down == null ? Set.of() : Collections.unmodifiableSet(new TreeSet<>(down));
    }

    /** A question with every uplink up. */
    public FlowQuestion(final String inInterface, final IpAddress source, final IpAddress destination,
            final @Nullable Protocol protocol, final int sourcePort, final int destinationPort,
            final Map<String, IpPrefix> assume) {
        this(inInterface, source, destination, protocol, sourcePort, destinationPort, assume, Set.of());
    }

    /** The same flow with these uplink interfaces down. */
    public FlowQuestion withDown(final Set<String> newDown) {
        return new FlowQuestion(inInterface, source, destination, protocol, sourcePort, destinationPort, assume,
            newDown);
    }

    /** A question without ports or assumptions. */
    public static FlowQuestion of(final String in, final String source, final String destination,
            final @Nullable Protocol protocol) {
        return new FlowQuestion(in, IpAddress.parse(source), IpAddress.parse(destination), protocol, -1, -1,
            Map.of());
    }

    /** The transport protocols a question can name. */
    public enum Protocol {
        TCP("tcp", 6, 6),
        UDP("udp", 17, 17),
        /** ICMP echo request (ICMPv6 for an IPv6 flow). */
        ICMP("icmp", 1, 58);

        private final String keyword;
        private final int v4;
        private final int v6;

        Protocol(final String keyword, final int v4, final int v6) {
            this.keyword = keyword;
            this.v4 = v4;
            this.v6 = v6;
        }

        public String keyword() {
            return keyword;
        }

        /** The IP protocol number for a flow of this family. */
        public int number(final boolean ipv6) {
            return ipv6 ? v6 : v4;
        }

        /** By keyword ({@code tcp}, {@code udp}, {@code icmp}). */
        public static Protocol of(final String keyword) {
            for (Protocol protocol : values()) {
                if (protocol.keyword.equals(keyword)) {
                    return protocol;
                }
            }
            throw new IllegalArgumentException("the protocol is tcp, udp or icmp, not '" + keyword + "'");
        }
    }

    /** Whether it is an IPv6 flow. */
    public boolean v6() {
        return source.v6();
    }

    /** The same flow with other ports. */
    public FlowQuestion withPorts(final int newSourcePort, final int newDestinationPort) {
        return new FlowQuestion(inInterface, source, destination, protocol, newSourcePort, newDestinationPort,
            assume, down);
    }
}

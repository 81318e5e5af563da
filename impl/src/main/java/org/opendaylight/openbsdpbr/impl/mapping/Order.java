/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.mapping;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Comparator;
import org.opendaylight.openbsdpbr.api.intent.Interface;
import org.opendaylight.openbsdpbr.api.intent.Syntax;

/**
 * Canonical orders for the values of {@code ordered-by system} leaf-lists. YANG gives such a leaf-list no order and
 * MD-SAL keeps its values in a hash map, so the order a binding iterates them in depends on how the data was written
 * (one PUT, several PATCHes, a restart). The rendered files, and the revision that identifies them, must not: these
 * values are put in one fixed order. Leaf-lists that are {@code ordered-by user} keep the order given.
 */
final class Order {
    /**
     * Addresses and networks: IPv4 before IPv6 before anything else ({@code <if>:network}), each by address as a
     * number, then a host before a network, then by prefix length.
     */
    static final Comparator<String> ADDRESS = Comparator.comparingInt(Order::familyRank)
        .thenComparing(Order::addressBytes, Arrays::compareUnsigned)
        .thenComparingInt(Order::prefixRank)
        .thenComparing(Comparator.naturalOrder());

    /** Interface names: by driver, then by unit number ({@code em2} before {@code em10}). */
    static final Comparator<String> INTERFACE = Comparator.comparing(Interface::driverOf)
        .thenComparingInt(Order::unit)
        .thenComparing(Comparator.naturalOrder());

    private static final byte[] NONE = new byte[0];

    private Order() {
        // utility
    }

    private static int familyRank(final String value) {
        final String address = Syntax.addressPart(value);
        if (Syntax.isIpv4Address(address)) {
            return 0;
        }
        return Syntax.isIpv6Address(address) ? 1 : 2;
    }

    /** The address as bytes; empty for a value that is not an address (those then compare by text). */
    private static byte[] addressBytes(final String value) {
        final String address = Syntax.addressPart(value);
        if (!Syntax.isIpAddress(address)) {
            return NONE;
        }
        try {
            // a literal, checked above: no name service is asked
            return InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException e) {
            return NONE;
        }
    }

    /** A host (no prefix length) first, then networks by prefix length. */
    private static int prefixRank(final String value) {
        final int length = Syntax.prefixLength(value);
        return length < 0 ? -1 : length;
    }

    private static int unit(final String name) {
        try {
            return Interface.unitOf(name);
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            return -1;
        }
    }
}

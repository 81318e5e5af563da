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
 * An ordered policy route (YANG list {@code policy-route}, key {@code name}): traffic entering on the ingress
 * interface that matches leaves through another routing table, pf's {@code pass in on IF ... rtable N}.
 *
 * @param name the key
 * @param sequence order among policy routes, 1..4294967295, unique per router after the merge
 * @param description free text ("" when absent)
 * @param ingressInterface the LAN-side interface the traffic enters on
 * @param family inet or inet6; null is inet
 * @param protocol tcp, udp, icmp, icmp6, or null for any
 * @param source the source side; null is any
 * @param destination the destination side; null is {@link Endpoint#INTERNET} (the YANG default: LAN traffic to the
 *     router and to private networks stays in its own routing table)
 * @param via where the traffic leaves
 * @param fallback where it leaves while that uplink is down, by tier; empty for none
 */
public record PolicyRoute(String name, long sequence, String description, String ingressInterface, Family family,
        Protocol protocol, Endpoint source, Endpoint destination, Via via, List<FallbackTier> fallback) {
    /** The largest sequence number (uint32). */
    public static final long MAX_SEQUENCE = 0xFFFF_FFFFL;

    public PolicyRoute {
        Syntax.checkObjectName("policy-route/name", name);
        final String at = path(name);
        if (sequence < 1 || sequence > MAX_SEQUENCE) {
            throw new IntentException(at + "/sequence", sequence + " is out of range 1..4294967295");
        }
        description = Syntax.checkDescription(at + "/description", description);
        Syntax.checkInterfaceName(at + "/ingress-interface", ingressInterface);
        family = family == null ? Family.INET : family;
        source = source == null ? Endpoint.ANY : source;
        destination = destination == null ? Endpoint.INTERNET : destination;
        requireNonNull(via, () -> at + ": via-uplink or via-rdomain is missing");
        fallback = FallbackTier.sorted(fallback, at);
    }

    /** A policy route without a fallback. */
    public PolicyRoute(final String name, final long sequence, final String description,
            final String ingressInterface, final Family family, final Protocol protocol, final Endpoint source,
            final Endpoint destination, final Via via) {
        this(name, sequence, description, ingressInterface, family, protocol, source, destination, via, null);
    }

    /** The element path of a policy route, relative to its intent: {@code policy-route[name=NAME]}. */
    public static String path(final String name) {
        return "policy-route[name=" + name + "]";
    }
}

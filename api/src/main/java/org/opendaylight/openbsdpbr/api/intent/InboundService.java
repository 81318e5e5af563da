/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.api.intent;

import java.util.List;

/**
 * A service on the router reachable from an uplink (YANG list {@code inbound-service}, key {@code name}), rendered as
 * {@code pass in on IF inet proto tcp from any to (IF) port N}.
 *
 * @param name the key
 * @param uplink the uplink it is reachable on
 * @param protocol tcp or udp; null is tcp
 * @param port the port, 0..65535
 * @param sources allowed sources (addresses or networks); empty means any
 */
public record InboundService(String name, String uplink, Protocol protocol, int port, List<String> sources) {
    public InboundService {
        Syntax.checkObjectName("inbound-service/name", name);
        final String at = path(name);
        Syntax.checkObjectName(at + "/uplink", uplink);
        protocol = protocol == null ? Protocol.TCP : protocol;
        if (!protocol.hasPorts()) {
            throw new IntentException(at + "/protocol", "an inbound service is tcp or udp");
        }
        Syntax.checkPort(at + "/port", port);
        sources = Syntax.checkAll(at + "/source", sources, Syntax::checkNetworkOrAddress);
    }

    /** The element path of an inbound service, relative to its intent: {@code inbound-service[name=NAME]}. */
    public static String path(final String name) {
        return "inbound-service[name=" + name + "]";
    }
}

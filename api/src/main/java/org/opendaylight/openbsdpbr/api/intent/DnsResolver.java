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
 * unwind(8), the router's own validating resolver (YANG container {@code dns-resolver}). It listens on localhost
 * only.
 *
 * @param rtable the routing table unwind runs in (rc.conf.local {@code unwind_rtable}), 0..255
 * @param forwarders unwind.conf {@code forwarder { ... }}, IPv4 or IPv6 addresses, in the given order
 * @param serveLan whether LAN hosts are expected to use it (only a lint: unwind cannot serve them)
 */
public record DnsResolver(int rtable, List<String> forwarders, boolean serveLan) {
    /** The element path, relative to its intent. */
    public static final String PATH = "dns-resolver";

    public DnsResolver {
        Syntax.checkRdomain(PATH + "/rtable", rtable);
        forwarders = Syntax.checkAll(PATH + "/forwarder", forwarders, Syntax::checkIpAddress);
    }
}

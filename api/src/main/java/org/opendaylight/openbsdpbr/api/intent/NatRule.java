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
 * Source NAT on an uplink (YANG list {@code nat}, key {@code uplink}).
 *
 * @param uplink the key: the uplink whose address the sources are translated to
 * @param sources IPv4 prefixes or {@code <if>:network}, at least one, in the given order
 */
public record NatRule(String uplink, List<String> sources) {
    public NatRule {
        Syntax.checkObjectName("nat/uplink", uplink);
        final String at = path(uplink) + "/source";
        sources = Syntax.checkAll(at, sources, NatRule::checkSource);
        if (sources.isEmpty()) {
            throw new IntentException(at, "a NAT rule has at least one source");
        }
    }

    /** The element path of a NAT rule, relative to its intent: {@code nat[uplink=NAME]}. */
    public static String path(final String uplink) {
        return "nat[uplink=" + uplink + "]";
    }

    private static String checkSource(final String path, final String value) {
        if (!Syntax.isIpv4Prefix(value) && !Syntax.isInterfaceNetwork(value)) {
            throw new IntentException(path, Syntax.show(value)
                + ": a NAT source is an IPv4 prefix or <interface>:network");
        }
        return value;
    }
}

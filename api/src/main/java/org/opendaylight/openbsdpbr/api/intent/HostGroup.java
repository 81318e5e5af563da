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
 * A named group of LAN hosts (YANG list {@code host-group}, key {@code name}), rendered as the pf macro
 * {@code name = "{ a, b }"} and referred to as {@code $name}.
 *
 * @param name the key, a pf name
 * @param description free text ("" when absent)
 * @param addresses addresses and networks, at least one, in the given order
 */
public record HostGroup(String name, String description, List<String> addresses) {
    public HostGroup {
        Syntax.checkPfName("host-group/name", name);
        final String at = path(name);
        description = Syntax.checkDescription(at + "/description", description);
        addresses = Syntax.checkAll(at + "/address", addresses, Syntax::checkNetworkOrAddress);
        if (addresses.isEmpty()) {
            throw new IntentException(at + "/address", "a host group has at least one address");
        }
    }

    /** The element path of a host group, relative to its intent: {@code host-group[name=NAME]}. */
    public static String path(final String name) {
        return "host-group[name=" + name + "]";
    }
}

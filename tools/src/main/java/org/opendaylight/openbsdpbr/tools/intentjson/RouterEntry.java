/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.tools.intentjson;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.opendaylight.openbsdpbr.api.intent.RouterIntent;

/**
 * One router as read from JSON: its own intent (before its profiles are merged) and its profiles in the order listed.
 *
 * @param own the router's own intent; its name is the router's name
 * @param profiles the names of its profiles, in the order listed
 */
public record RouterEntry(RouterIntent own, List<String> profiles) {
    public RouterEntry {
        requireNonNull(own, "own");
        profiles = List.copyOf(profiles);
    }

    /** The router's name. */
    public String name() {
        return own.name();
    }

    /** The element path of this router, e.g. {@code routers/router[name=r]}. */
    public String path() {
        return path(own.name());
    }

    /** The element path of a router, e.g. {@code routers/router[name=r]}. */
    public static String path(final String name) {
        return "routers/router[name=" + name + "]";
    }
}

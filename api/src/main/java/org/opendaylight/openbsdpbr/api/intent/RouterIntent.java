/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.api.intent;

import java.util.Comparator;
import java.util.List;

/**
 * One router's intent (YANG {@code routers/router/intent}: groupings {@code router-intent} and {@code shared-intent}),
 * with the router's name and release. Before rendering it is merged with the router's profiles
 * ({@code IntentMerger}) and validated ({@code IntentValidator}).
 *
 * <p>Keyed lists are kept in key order; two entries with one key are refused with the entry's path under
 * {@code intent/}.
 *
 * @param name the router's name (YANG {@code routers/router/name})
 * @param openbsdRelease the router's OpenBSD release, e.g. {@code 7.8}
 * @param rdomains routing domains, by id
 * @param interfaces managed interfaces, by name
 * @param uplinks uplinks, by name
 * @param shared the router's own shared-intent pieces; null is none
 */
public record RouterIntent(String name, String openbsdRelease, List<Rdomain> rdomains, List<Interface> interfaces,
        List<Uplink> uplinks, SharedIntent shared) {
    /** The element path of a router's intent container. */
    public static final String PATH = "intent";
    /** The YANG default release. */
    public static final String DEFAULT_RELEASE = "7.8";

    public RouterIntent {
        Syntax.checkObjectName("name", name);
        openbsdRelease = openbsdRelease == null ? DEFAULT_RELEASE : openbsdRelease;
        if (!Syntax.isRelease(openbsdRelease)) {
            throw new IntentException("openbsd-release", Syntax.show(openbsdRelease)
                + ": an OpenBSD release is written like 7.8");
        }
        rdomains = Keyed.sorted(rdomains, Rdomain::id, rdomain -> PATH + "/" + Rdomain.path(rdomain.id()),
            Comparator.comparingInt(Rdomain::id));
        interfaces = Keyed.byName(interfaces, Interface::name, iface -> PATH + "/" + Interface.path(iface.name()));
        uplinks = Keyed.byName(uplinks, Uplink::name, uplink -> PATH + "/" + Uplink.path(uplink.name()));
        shared = shared == null ? SharedIntent.EMPTY : shared;
    }

    /** A copy with other shared pieces (what {@code IntentMerger} produces). */
    public RouterIntent withShared(final SharedIntent newShared) {
        return new RouterIntent(name, openbsdRelease, rdomains, interfaces, uplinks, newShared);
    }
}

/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.compile;

import java.util.ArrayList;
import java.util.List;
import org.opendaylight.openbsdpbr.api.intent.PfTable;
import org.opendaylight.openbsdpbr.api.intent.SharedIntent;

/** Changes of shared intent that tests make: one that touches pf.conf only. */
public final class SharedIntents {
    private SharedIntents() {
        // utility
    }

    /** {@code shared} with its first table's entries replaced by {@code entry}. */
    public static SharedIntent withFirstTable(final SharedIntent shared, final String entry) {
        final List<PfTable> tables = new ArrayList<>(shared.tables());
        final PfTable first = tables.get(0);
        tables.set(0, new PfTable(first.name(), first.description(), first.constant(), first.persist(),
            List.of(entry)));
        return new SharedIntent(tables, shared.hostGroups(), shared.policyRoutes(), shared.nat(),
            shared.inboundServices(), shared.dnsResolver(), shared.sshd());
    }
}

/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.mdsal;

import java.util.List;
import java.util.function.Function;
import org.eclipse.jdt.annotation.NonNullByDefault;
import org.opendaylight.mdsal.binding.api.DataObjectDeleted;
import org.opendaylight.mdsal.binding.api.DataObjectModified;
import org.opendaylight.mdsal.binding.api.DataObjectWritten;
import org.opendaylight.mdsal.binding.api.DataTreeChangeListener;
import org.opendaylight.mdsal.binding.api.DataTreeModification;
import org.opendaylight.openbsdpbr.impl.controller.Fleet;
import org.opendaylight.openbsdpbr.impl.controller.RouterSpec;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.routers.Router;

/** Routers added, changed or removed in the configuration datastore become snapshots for the fleet. */
@NonNullByDefault
record RouterListener(Fleet fleet, Function<Router, RouterSpec> specs) implements DataTreeChangeListener<Router> {
    @Override
    public void onDataTreeChanged(final List<DataTreeModification<Router>> changes) {
        for (var change : changes) {
            switch (change.getRootNode()) {
                case DataObjectDeleted<Router> deleted ->
                    fleet.routerRemoved(deleted.dataBefore().getName().getValue());
                case DataObjectWritten<Router> written -> fleet.routerChanged(specs.apply(written.dataAfter()));
                case DataObjectModified<Router> modified -> fleet.routerChanged(specs.apply(modified.dataAfter()));
            }
        }
    }
}

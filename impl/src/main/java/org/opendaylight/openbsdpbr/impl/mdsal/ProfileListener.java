/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.mdsal;

import java.util.List;
import org.eclipse.jdt.annotation.NonNullByDefault;
import org.opendaylight.mdsal.binding.api.DataObjectDeleted;
import org.opendaylight.mdsal.binding.api.DataObjectModification;
import org.opendaylight.mdsal.binding.api.DataTreeChangeListener;
import org.opendaylight.mdsal.binding.api.DataTreeModification;
import org.opendaylight.openbsdpbr.api.intent.IntentException;
import org.opendaylight.openbsdpbr.impl.controller.Fleet;
import org.opendaylight.openbsdpbr.impl.mapping.IntentMapping;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.profiles.Profile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Profiles added, changed or removed: every router that uses one reconciles. */
@NonNullByDefault
record ProfileListener(Fleet fleet) implements DataTreeChangeListener<Profile> {
    private static final Logger LOG = LoggerFactory.getLogger(ProfileListener.class);

    @Override
    public void onDataTreeChanged(final List<DataTreeModification<Profile>> changes) {
        for (var change : changes) {
            final DataObjectModification<Profile> root = change.getRootNode();
            if (root instanceof DataObjectDeleted<Profile> deleted) {
                fleet.profileRemoved(deleted.dataBefore().getName().getValue());
                continue;
            }
            final Profile after = root.dataAfter();
            try {
                fleet.profileChanged(IntentMapping.profile(after));
            } catch (IntentException e) {
                // the commit cohort refuses such profiles; one stored before it ran is ignored, loudly
                LOG.warn("profile {} cannot be used: {}", after.getName().getValue(), e.getMessage());
                fleet.profileRemoved(after.getName().getValue());
            }
        }
    }
}

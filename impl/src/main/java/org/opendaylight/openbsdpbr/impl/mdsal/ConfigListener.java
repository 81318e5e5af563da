/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.mdsal;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.opendaylight.mdsal.dom.api.DOMDataTreeChangeListener;
import org.opendaylight.openbsdpbr.impl.controller.Fleet;
import org.opendaylight.yangtools.yang.data.api.schema.MapEntryNode;
import org.opendaylight.yangtools.yang.data.tree.api.DataTreeCandidate;
import org.opendaylight.yangtools.yang.data.tree.api.DataTreeCandidateNode;
import org.opendaylight.yangtools.yang.data.tree.api.ModificationType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routers or profiles added, changed or removed in the configuration become snapshots for the fleet. Registered at
 * {@code /routers} or {@code /profiles} on the DOM broker, so that entries arrive as the data tree's own nodes and
 * {@link Snapshots} finds the ones the commit cohort already mapped.
 */
final class ConfigListener implements DOMDataTreeChangeListener {
    /** Which tree a listener follows. */
    enum Kind { ROUTERS, PROFILES }

    private static final Logger LOG = LoggerFactory.getLogger(ConfigListener.class);

    private final Kind kind;
    private final Fleet fleet;
    private final Snapshots snapshots;

    ConfigListener(final Kind kind, final Fleet fleet, final Snapshots snapshots) {
        this.kind = requireNonNull(kind);
        this.fleet = requireNonNull(fleet);
        this.snapshots = requireNonNull(snapshots);
    }

    @Override
    public void onDataTreeChanged(final List<DataTreeCandidate> changes) {
        for (DataTreeCandidate change : changes) {
            final DataTreeCandidateNode list = change.getRootNode().modifiedChild(kind == Kind.ROUTERS
                ? ConfigNodes.ROUTER : ConfigNodes.PROFILE);
            if (list == null) {
                if (change.getRootNode().modificationType() == ModificationType.DELETE
                        || change.getRootNode().modificationType() == ModificationType.DISAPPEARED) {
                    ConfigNodes.entries(change.getRootNode().dataBefore(), kind == Kind.ROUTERS ? ConfigNodes.ROUTER
                        : ConfigNodes.PROFILE).forEach(this::removed);
                }
                continue;
            }
            for (DataTreeCandidateNode entry : list.childNodes()) {
                if (entry.modificationType() == ModificationType.UNMODIFIED) {
                    continue;
                }
                if (entry.dataAfter() instanceof MapEntryNode after) {
                    changed(after);
                } else if (entry.dataBefore() instanceof MapEntryNode before) {
                    removed(before);
                }
            }
        }
    }

    private void changed(final MapEntryNode entry) {
        if (kind == Kind.ROUTERS) {
            fleet.routerChanged(snapshots.router(entry), ConfigNodes.staged(entry));
            return;
        }
        final var snapshot = snapshots.profile(entry);
        final boolean staged = ConfigNodes.staged(entry);
        snapshot.profile().ifPresentOrElse(profile -> fleet.profileChanged(profile, staged), () -> {
            // the commit cohort refuses such profiles; one stored before it ran is ignored, loudly
            LOG.warn("profile {} cannot be used: {}", snapshot.name(), snapshot.error().orElseThrow());
            fleet.profileRemoved(snapshot.name());
        });
    }

    private void removed(final MapEntryNode entry) {
        if (kind == Kind.ROUTERS) {
            fleet.routerRemoved(ConfigNodes.name(entry));
        } else {
            fleet.profileRemoved(ConfigNodes.name(entry));
        }
    }

    @Override
    public void onInitialData() {
        // nothing configured yet
    }
}

/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.controller;

import java.util.Optional;
import org.opendaylight.openbsdpbr.api.intent.Profile;

/**
 * Where a {@link Fleet} keeps the pins of staged profiles beyond its own memory (the persisted configuration
 * datastore, {@code rollout-keep}), so that a restarted controller, or the member that manages a router after a
 * failover, keeps the router on the content it runs instead of pushing a staged profile's new content to it at once.
 * Only the member that manages a router writes its pins; the others read them back ({@link Fleet#restorePin}).
 */
public interface PinStore {
    /** Keeps nothing (tests of a single fleet, and the offline tools). */
    PinStore NONE = new PinStore() {
        @Override
        public void pinned(final String router, final String profile, final Optional<Profile> content) {
            // in memory only
        }

        @Override
        public void unpinned(final String router, final String profile) {
            // in memory only
        }
    };

    /**
     * A router is pinned to a content of a staged profile.
     *
     * @param router the router
     * @param profile the profile's name
     * @param content the content; empty: held on whatever it runs
     */
    void pinned(String router, String profile, Optional<Profile> content);

    /** A router's pin on a profile is gone (the profile became immediate or was removed, or the router was). */
    void unpinned(String router, String profile);
}

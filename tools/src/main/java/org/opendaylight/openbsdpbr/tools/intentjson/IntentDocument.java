/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.tools.intentjson;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.opendaylight.openbsdpbr.api.intent.IntentError;
import org.opendaylight.openbsdpbr.api.intent.Profile;
import org.opendaylight.openbsdpbr.api.intent.RouterIntent;
import org.opendaylight.openbsdpbr.impl.render.IntentMerger;
import org.opendaylight.openbsdpbr.impl.render.IntentValidator;

/**
 * What a JSON input holds: routers and profiles, each already checked against the YANG types and mapped to records.
 * {@link #effective(String)} merges a router's profiles and validates the result, as the controller does before it
 * accepts a commit.
 *
 * @param routers the routers by name
 * @param profiles the profiles by name
 */
public record IntentDocument(SortedMap<String, RouterEntry> routers, SortedMap<String, Profile> profiles) {
    public IntentDocument {
        routers = Collections.unmodifiableSortedMap(new TreeMap<>(routers));
        profiles = Collections.unmodifiableSortedMap(new TreeMap<>(profiles));
    }

    /** The router names, sorted. */
    public List<String> routerNames() {
        return List.copyOf(routers.keySet());
    }

    /**
     * A router's effective intent: its profiles in the order it lists them, then its own intent
     * ({@link IntentMerger}), then {@link IntentValidator}.
     *
     * @param router the router's name
     * @return the effective intent, ready to render
     * @throws IntentJsonException naming every problem: an unknown router or profile, or each validation error with
     *     its element path (under the profile that contributed the element, or under the router's intent)
     */
    public RouterIntent effective(final String router) throws IntentJsonException {
        final RouterEntry entry = routers.get(router);
        if (entry == null) {
            throw new IntentJsonException(List.of(RouterEntry.path(router) + ": no such router"
                + (routers.isEmpty() ? " (the input holds no router)" : "; the input holds " + routers.keySet())));
        }
        final List<String> problems = new ArrayList<>();
        final List<Profile> layers = new ArrayList<>();
        for (String name : entry.profiles()) {
            final Profile profile = profiles.get(name);
            if (profile == null) {
                problems.add(entry.path() + "/profile: no profile named " + name);
            } else {
                layers.add(profile);
            }
        }
        if (!problems.isEmpty()) {
            throw new IntentJsonException(problems);
        }
        final IntentMerger.Merged merged = IntentMerger.mergeWithOrigins(layers, entry.own());
        for (IntentError error : IntentValidator.validate(merged)) {
            problems.add(qualified(entry, error.path()) + ": " + error.message());
        }
        if (!problems.isEmpty()) {
            throw new IntentJsonException(problems);
        }
        return merged.effective();
    }

    /** {@code intent/...} under the router; a profile's path stays as it is. */
    static String qualified(final RouterEntry entry, final String path) {
        return path.startsWith(RouterIntent.PATH + "/") || path.equals(RouterIntent.PATH)
            ? entry.path() + "/" + path : path;
    }
}

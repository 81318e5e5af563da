/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.api.intent;

import java.util.HashSet;
import java.util.List;

/**
 * One tier of an ordered fallback (YANG grouping {@code fallback}, list {@code fallback}, key {@code tier}): while the
 * uplink a policy route or an rdomain's default route uses is down, its traffic takes the first uplink of the lowest
 * tier whose health monitor says it is up, in the order listed. A pf state stays on the uplink that created it, so
 * several uplinks in one tier are an order of preference, not load sharing.
 *
 * @param tier 1..16; lower tiers are tried first
 * @param uplinks the tier's uplinks, in order of preference, at least one, without duplicates
 */
public record FallbackTier(int tier, List<String> uplinks) {
    public FallbackTier {
        Syntax.checkRange("fallback/tier", tier, 1, 16);
        final String at = path(tier);
        uplinks = Syntax.checkAll(at + "/uplink", uplinks, Syntax::checkObjectName);
        if (uplinks.isEmpty()) {
            throw new IntentException(at + "/uplink", "a fallback tier names one uplink or more");
        }
        if (new HashSet<>(uplinks).size() != uplinks.size()) {
            throw new IntentException(at + "/uplink", "an uplink is listed twice in one tier");
        }
    }

    /** The element path of a tier, relative to its policy route or rdomain: {@code fallback[tier=N]}. */
    public static String path(final int tier) {
        return "fallback[tier=" + tier + "]";
    }

    /** Tiers sorted by tier number, two tiers with one number refused; null is none. */
    public static List<FallbackTier> sorted(final List<FallbackTier> tiers, final String owner) {
        return Keyed.sorted(tiers, FallbackTier::tier, tier -> owner + "/" + path(tier.tier()),
            java.util.Comparator.comparingInt(FallbackTier::tier));
    }
}

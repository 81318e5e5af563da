/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.api.intent;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/** Keyed YANG lists as immutable Java lists: sorted into key order, duplicates refused. */
final class Keyed {
    private Keyed() {
        // utility
    }

    /**
     * {@code values} (null is empty) sorted by {@code order}, refusing two entries with one key.
     *
     * @param values the entries
     * @param key an entry's key
     * @param path an entry's element path, for the error
     * @param order the order to keep
     */
    static <T, K> List<T> sorted(final List<T> values, final Function<T, K> key, final Function<T, String> path,
            final Comparator<T> order) {
        if (values == null || values.isEmpty()) {
            return List.of();
        }
        final Set<K> seen = new HashSet<>();
        for (T value : values) {
            if (value == null) {
                throw new NullPointerException("a list entry is null");
            }
            if (!seen.add(key.apply(value))) {
                throw new IntentException(path.apply(value), "two entries with this key");
            }
        }
        final List<T> copy = new ArrayList<>(values);
        copy.sort(order);
        return List.copyOf(copy);
    }

    /** {@link #sorted} for string keys in natural order. */
    static <T> List<T> byName(final List<T> values, final Function<T, String> key, final Function<T, String> path) {
        return sorted(values, key, path, Comparator.comparing(key));
    }
}

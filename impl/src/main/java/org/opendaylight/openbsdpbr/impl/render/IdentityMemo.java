/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.render;

import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Function;

/**
 * A value computed from an immutable object, kept per object identity: for texts that are a function of one record
 * that many renders share (a MAP-E result, kept by {@link MapEResults} for every render of the same parameters).
 * Bounded: a direct-mapped table (a key's slot from its identity hash); a new key replaces whatever held its slot, so
 * at most {@code size} keys and values stay reachable. Slots hold immutable entries, read and written without locks:
 * a racing writer only costs a value computed twice. The function must be pure, so a kept value is what it returns.
 *
 * @param <K> the immutable key
 * @param <V> the value computed from it
 */
final class IdentityMemo<K, V> {
    private record Entry<K, V>(K key, V value) {
        // kept value
    }

    private final AtomicReferenceArray<Entry<K, V>> slots;
    private final Function<K, V> function;

    /**
     * A memo of a pure function.
     *
     * @param size slots, a power of two
     * @param function computes a key's value
     */
    IdentityMemo(final int size, final Function<K, V> function) {
        if (Integer.bitCount(size) != 1) {
            throw new IllegalArgumentException("size must be a power of two: " + size);
        }
        slots = new AtomicReferenceArray<>(size);
        this.function = function;
    }

    /** The key's value: kept, or computed and kept. */
    V get(final K key) {
        final int slot = System.identityHashCode(key) & slots.length() - 1;
        final Entry<K, V> kept = slots.getAcquire(slot);
        if (kept != null && kept.key == key) {
            return kept.value;
        }
        final V value = function.apply(key);
        slots.setRelease(slot, new Entry<>(key, value));
        return value;
    }
}

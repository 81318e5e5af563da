/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.render;

import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Which list of objects each slot of a kept-section table saw last, as a fingerprint of the objects' identities: a
 * section ({@link RouteSection}, {@link TableSection}) is kept only for lists seen a second time.
 *
 * <p>Why: lists that no other render shares (a router's own routes, the tables of a router that has one of its own
 * beside its profile's: every router of the controller benchmark) would otherwise fill the tables with sections that
 * are never reused, each a per-router cost (512 sections of the benchmark's tables, ~0.5 MiB; a copy of each list seen
 * once). A mark is one long per slot and holds no object: nothing stays reachable through it.
 *
 * <p>A fingerprint may collide (two lists, one mark): the section is then kept at the other list's first sight, which
 * costs that section's memory, never correctness: a kept section is built from the list at hand and used only for a
 * list of the very same objects ({@code same} in each section). Lock-free: a racing writer costs one sighting.
 */
final class SeenOnce {
    private final AtomicLongArray marks;

    SeenOnce(final int size) {
        marks = new AtomicLongArray(size);
    }

    /**
     * Whether the lists were the last ones seen in the slot: true at their second sight in a row (the mark is
     * cleared: the caller keeps a section now); otherwise they are marked and this answers false.
     */
    boolean again(final int slot, final List<?> first, final List<?> second) {
        final long mark = fingerprint(first, second);
        if (marks.get(slot) == mark) {
            marks.set(slot, 0);
            return true;
        }
        marks.set(slot, mark);
        return false;
    }

    /** Forget every mark. */
    void clear() {
        for (int i = 0; i < marks.length(); i++) {
            marks.set(i, 0);
        }
    }

    /** A fingerprint of the objects' identities and the lists' sizes; never 0 (an empty slot). */
    private static long fingerprint(final List<?> first, final List<?> second) {
        long mark = first.size() * 31L + second.size();
        for (Object value : first) {
            mark = mark * 0x9E3779B97F4A7C15L + System.identityHashCode(value);
        }
        for (Object value : second) {
            mark = mark * 0x9E3779B97F4A7C15L + System.identityHashCode(value);
        }
        return mark == 0 ? 1 : mark;
    }
}

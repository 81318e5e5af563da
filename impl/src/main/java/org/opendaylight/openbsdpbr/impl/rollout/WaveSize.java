/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.rollout;

/**
 * How many routers one wave takes: a count, a percentage of all the rollout's targets (rounded up, at least one), or
 * the rest. The sizes are those of Ansible's {@code serial: [1, 5, "20%"]}; as there, the last size repeats until
 * every target has a wave, so {@code [1, 10%]} is a canary of one, then tenths.
 */
public sealed interface WaveSize {
    /** How many routers, of {@code total} targets, the wave takes (before what is left caps it). */
    int of(int total);

    /** A number of routers. */
    record Count(int count) implements WaveSize {
        public Count {
            if (count < 1) {
                throw new IllegalArgumentException("waves/wave/count: a wave takes at least 1 router, not " + count);
            }
        }

        @Override
        public int of(final int total) {
            return count;
        }

        @Override
        public String toString() {
            return Integer.toString(count);
        }
    }

    /** A percentage of all the targets, rounded up, at least one router. */
    record Percent(int percent) implements WaveSize {
        public Percent {
            if (percent < 1 || percent > 100) {
                throw new IllegalArgumentException("waves/wave/percent: 1 to 100, not " + percent);
            }
        }

        @Override
        public int of(final int total) {
            return Math.max(1, (int) Math.ceil(total * percent / 100.0));
        }

        @Override
        public String toString() {
            return percent + "%";
        }
    }

    /** Every target without a wave yet. */
    record Rest() implements WaveSize {
        @Override
        public int of(final int total) {
            return total;
        }

        @Override
        public String toString() {
            return "rest";
        }
    }
}

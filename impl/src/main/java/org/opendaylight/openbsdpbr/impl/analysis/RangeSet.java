/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.analysis;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jdt.annotation.Nullable;

/**
 * A set of integers as sorted, disjoint, non-adjacent inclusive ranges: the algebra the lints use to reason about
 * every flow a rule matches, not a sample. Addresses, ports and protocols are all numbered into one such space each
 * (see {@link FlowBox}). Immutable.
 */
final class RangeSet {
    static final RangeSet EMPTY = new RangeSet(List.of());

    private final List<BigInteger[]> ranges;

    private RangeSet(final List<BigInteger[]> ranges) {
        this.ranges = ranges;
    }

    static RangeSet of(final BigInteger low, final BigInteger high) {
        return low.compareTo(high) > 0 ? EMPTY : new RangeSet(List.<BigInteger[]>of(new BigInteger[] { low, high }));
    }

    static RangeSet of(final long low, final long high) {
        return of(BigInteger.valueOf(low), BigInteger.valueOf(high));
    }

    boolean isEmpty() {
        return ranges.isEmpty();
    }

    /** The smallest member, or null. */
    @Nullable BigInteger first() {
        return ranges.isEmpty() ? null : ranges.get(0)[0];
    }

    RangeSet union(final RangeSet other) {
        if (other.isEmpty()) {
            return this;
        }
        if (isEmpty()) {
            return other;
        }
        final List<BigInteger[]> all = new ArrayList<>(ranges.size() + other.ranges.size());
        int left = 0;
        int right = 0;
        while (left < ranges.size() || right < other.ranges.size()) {
            final BigInteger[] next = right >= other.ranges.size() || left < ranges.size()
                && ranges.get(left)[0].compareTo(other.ranges.get(right)[0]) <= 0 ? ranges.get(left++)
                    : other.ranges.get(right++);
            final BigInteger[] last = all.isEmpty() ? null : all.get(all.size() - 1);
            if (last != null && next[0].compareTo(last[1].add(BigInteger.ONE)) <= 0) {
                if (next[1].compareTo(last[1]) > 0) {
                    all.set(all.size() - 1, new BigInteger[] { last[0], next[1] });
                }
            } else {
                all.add(next);
            }
        }
        return new RangeSet(List.copyOf(all));
    }

    RangeSet intersect(final RangeSet other) {
        final List<BigInteger[]> result = new ArrayList<>();
        int left = 0;
        int right = 0;
        while (left < ranges.size() && right < other.ranges.size()) {
            final BigInteger[] a = ranges.get(left);
            final BigInteger[] b = other.ranges.get(right);
            final BigInteger low = a[0].max(b[0]);
            final BigInteger high = a[1].min(b[1]);
            if (low.compareTo(high) <= 0) {
                result.add(new BigInteger[] { low, high });
            }
            if (a[1].compareTo(b[1]) < 0) {
                left++;
            } else {
                right++;
            }
        }
        return result.isEmpty() ? EMPTY : new RangeSet(List.copyOf(result));
    }

    RangeSet minus(final RangeSet other) {
        if (isEmpty() || other.isEmpty()) {
            return this;
        }
        final List<BigInteger[]> result = new ArrayList<>();
        int right = 0;
        for (BigInteger[] range : ranges) {
            BigInteger low = range[0];
            final BigInteger high = range[1];
            while (right < other.ranges.size() && other.ranges.get(right)[1].compareTo(low) < 0) {
                right++;
            }
            int cut = right;
            while (low.compareTo(high) <= 0 && cut < other.ranges.size()
                    && other.ranges.get(cut)[0].compareTo(high) <= 0) {
                final BigInteger[] hole = other.ranges.get(cut);
                if (hole[0].compareTo(low) > 0) {
                    result.add(new BigInteger[] { low, hole[0].subtract(BigInteger.ONE) });
                }
                low = low.max(hole[1].add(BigInteger.ONE));
                cut++;
            }
            if (low.compareTo(high) <= 0) {
                result.add(new BigInteger[] { low, high });
            }
        }
        return result.isEmpty() ? EMPTY : new RangeSet(List.copyOf(result));
    }

    boolean intersects(final RangeSet other) {
        return !intersect(other).isEmpty();
    }

    @Override
    public boolean equals(final Object obj) {
        if (!(obj instanceof RangeSet other) || other.ranges.size() != ranges.size()) {
            return false;
        }
        for (int i = 0; i < ranges.size(); i++) {
            if (!ranges.get(i)[0].equals(other.ranges.get(i)[0]) || !ranges.get(i)[1].equals(other.ranges.get(i)[1])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return ranges.size();
    }

    @Override
    public String toString() {
        final StringBuilder sb = new StringBuilder("[");
        for (BigInteger[] range : ranges) {
            sb.append(range[0]).append('-').append(range[1]).append(' ');
        }
        return sb.append(']').toString();
    }
}

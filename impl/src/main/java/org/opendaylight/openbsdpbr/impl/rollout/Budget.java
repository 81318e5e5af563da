/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.rollout;

import static java.util.Objects.requireNonNull;

import java.util.OptionalInt;

/**
 * How many failed routers a wave (or the whole rollout) tolerates: a count, a percentage of the routers it was tried
 * on, or both (the first one exceeded breaches). A budget of 1 tolerates one failure and is breached by the second,
 * as Ansible's {@code max_fail_percentage} is breached only when exceeded. Routers excluded because they were
 * unreachable before their wave are not in the denominator: they were never tried.
 *
 * @param count failures tolerated; empty: no count limit
 * @param percent failures tolerated as a percentage of the routers tried; empty: no percentage limit
 */
public record Budget(OptionalInt count, OptionalInt percent) {
    /** No limit: failures never stop the rollout (each is still reported). */
    public static final Budget UNLIMITED = new Budget(OptionalInt.empty(), OptionalInt.empty());

    public Budget {
        requireNonNull(count, "count");
        requireNonNull(percent, "percent");
        if (count.isPresent() && count.getAsInt() < 0) {
            throw new IllegalArgumentException("failure-budget/count: 0 or more, not " + count.getAsInt());
        }
        if (percent.isPresent() && (percent.getAsInt() < 0 || percent.getAsInt() > 100)) {
            throw new IllegalArgumentException("failure-budget/percent: 0 to 100, not " + percent.getAsInt());
        }
    }

    /** A budget of a count only. */
    public static Budget ofCount(final int count) {
        return new Budget(OptionalInt.of(count), OptionalInt.empty());
    }

    /** A budget of a percentage only. */
    public static Budget ofPercent(final int percent) {
        return new Budget(OptionalInt.empty(), OptionalInt.of(percent));
    }

    /**
     * Whether {@code failed} failures among {@code tried} routers exceed the budget.
     *
     * @param failed routers that failed
     * @param tried routers tried (the denominator: excluded routers are not in it)
     * @return whether the budget is exceeded
     */
    public boolean exceededBy(final int failed, final int tried) {
        return count.isPresent() && failed > count.getAsInt()
            || percent.isPresent() && tried > 0 && failed * 100L > (long) percent.getAsInt() * tried;
    }

    @Override
    public String toString() {
        if (count.isEmpty() && percent.isEmpty()) {
            return "unlimited";
        }
        final StringBuilder text = new StringBuilder();
        count.ifPresent(value -> text.append(value));
        percent.ifPresent(value -> text.append(text.isEmpty() ? "" : " and ").append(value).append('%'));
        return text.toString();
    }
}

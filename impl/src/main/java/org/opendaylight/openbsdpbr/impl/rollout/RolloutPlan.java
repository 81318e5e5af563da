/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.rollout;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * How a rollout moves through its targets: the part of the YANG {@code rollout} entry the state machine needs (the
 * change it carries and how targets are selected belong to the engine).
 *
 * @param canary routers that form the first wave, by name, before the sizes apply; empty: no canary wave
 * @param waves the sizes of the waves after the canary; the last repeats until every target has a wave
 * @param soak how long each router of a wave must stay healthy after its commit before the wave counts as passed
 * @param waveBudget failures tolerated per wave
 * @param totalBudget failures tolerated over the whole rollout
 * @param breach what a breached budget does
 * @param approval whether the operator approves every wave after the first before it starts
 * @param concurrency how many routers of a wave are changed at once
 */
public record RolloutPlan(List<String> canary, List<WaveSize> waves, Duration soak, Budget waveBudget,
        Budget totalBudget, BreachAction breach, boolean approval, int concurrency) {
    public RolloutPlan {
        canary = List.copyOf(canary);
        waves = List.copyOf(waves);
        requireNonNull(soak, "soak");
        requireNonNull(waveBudget, "waveBudget");
        requireNonNull(totalBudget, "totalBudget");
        requireNonNull(breach, "breach");
        if (waves.isEmpty()) {
            throw new IllegalArgumentException("waves: at least one wave size (a count, a percent or rest)");
        }
        if (soak.isNegative()) {
            throw new IllegalArgumentException("soak: zero or more, not " + soak);
        }
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency: at least 1, not " + concurrency);
        }
        if (new LinkedHashSet<>(canary).size() != canary.size()) {
            throw new IllegalArgumentException("canary: a router is named twice: " + canary);
        }
    }

    /**
     * Cuts the targets into waves: the canary routers first (each must be a target), then the sizes in order over the
     * remaining targets in the order given (the engine sorts them by name, so that a plan is reproducible).
     *
     * @param targets the rollout's routers, each once
     * @return the waves, none empty, every target in exactly one
     * @throws IllegalArgumentException when a canary router is not a target, or there are no targets
     */
    public List<List<String>> cut(final List<String> targets) {
        final Set<String> remaining = new LinkedHashSet<>(targets);
        if (remaining.size() != targets.size()) {
            throw new IllegalArgumentException("targets: a router is listed twice");
        }
        if (remaining.isEmpty()) {
            throw new IllegalArgumentException("target: selects no router");
        }
        final List<List<String>> cut = new ArrayList<>();
        if (!canary.isEmpty()) {
            for (String router : canary) {
                if (!remaining.remove(router)) {
                    throw new IllegalArgumentException("canary[" + router + "]: not among the rollout's targets");
                }
            }
            cut.add(canary);
        }
        final List<String> rest = new ArrayList<>(remaining);
        int from = 0;
        int index = 0;
        while (from < rest.size()) {
            final WaveSize size = waves.get(Math.min(index++, waves.size() - 1));
            final int to = Math.min(rest.size(), from + size.of(targets.size()));
            cut.add(List.copyOf(rest.subList(from, to)));
            from = to;
        }
        return List.copyOf(cut);
    }
}

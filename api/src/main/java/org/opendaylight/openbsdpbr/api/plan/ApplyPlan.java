/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.api.plan;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The ordered commands that take a router from one file set to another, after the files are installed.
 * rc.conf.local settings (e.g. {@code unwind_rtable=1}) travel as the file itself, so the plan only starts,
 * stops and reloads.
 *
 * @param steps the commands in the order they run
 */
public record ApplyPlan(List<PlanStep> steps) {
    private static final ApplyPlan EMPTY = new ApplyPlan(List.of());

    public ApplyPlan {
        steps = List.copyOf(steps);
    }

    public static ApplyPlan empty() {
        return EMPTY;
    }

    public boolean isEmpty() {
        return steps.isEmpty();
    }

    /**
     * The plan of a plan text (one plan line per line; blank lines are skipped): the inverse of {@link #toPlanText()}.
     *
     * @throws IllegalArgumentException naming the first line outside the {@link PlanVocabulary}
     */
    public static ApplyPlan parse(final String text) {
        return new ApplyPlan(text.lines().filter(line -> !line.isEmpty()).map(PlanStep::parse).toList());
    }

    /** The plan as the router-side script reads it: one plan line per step. */
    public String toPlanText() {
        return steps.stream().map(step -> step.planLine() + "\n").collect(Collectors.joining());
    }

    /** The plan as an operator reads it: one OpenBSD command per line. */
    public List<String> commands() {
        return steps.stream().map(PlanStep::command).toList();
    }
}

/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.api.device;

import static java.util.Objects.requireNonNull;

import org.opendaylight.openbsdpbr.api.files.FileSet;
import org.opendaylight.openbsdpbr.api.plan.ApplyPlan;

/**
 * What {@link DeviceSession#editCandidate(Candidate)} stages on a router: the complete set of managed files, the plan
 * that applies them after a commit, and the plan that re-applies the current files when the router reverts (both
 * computed by the controller, e.g. with {@code ApplyPlanner.plan(current, files)} and {@code plan(files, current)}).
 *
 * @param files every file the controller manages on the router; managed files missing here are removed at commit
 * @param plan the commands to run after the files are installed
 * @param revertPlan the commands to run when the router goes back to its previous generation
 */
public record Candidate(FileSet files, ApplyPlan plan, ApplyPlan revertPlan) {
    public Candidate {
        requireNonNull(files, "files");
        requireNonNull(plan, "plan");
        requireNonNull(revertPlan, "revertPlan");
    }

    /** Files with empty plans: the files are installed, nothing is restarted. */
    public static Candidate of(final FileSet files) {
        return new Candidate(files, ApplyPlan.empty(), ApplyPlan.empty());
    }
}

/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.api.device;

import static java.util.Objects.requireNonNull;

import org.opendaylight.openbsdpbr.api.plan.ApplyPlan;

/**
 * Re-install a stored generation as a new commit (its files become generation current + 1).
 *
 * @param generation the stored generation to go back to
 * @param plan the commands that apply it (from the current files to the stored ones)
 * @param revertPlan the commands that re-apply the current files when a confirmed rollback is reverted
 * @param commit plain or confirmed
 */
public record RollbackRequest(int generation, ApplyPlan plan, ApplyPlan revertPlan, CommitRequest commit) {
    public RollbackRequest {
        if (generation < 0) {
            throw new IllegalArgumentException("negative generation");
        }
        requireNonNull(plan, "plan");
        requireNonNull(revertPlan, "revertPlan");
        requireNonNull(commit, "commit");
    }
}

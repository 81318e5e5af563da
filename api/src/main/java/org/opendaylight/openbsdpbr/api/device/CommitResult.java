/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.api.device;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * Where a router stands after a commit, confirm, cancel or rollback.
 *
 * @param generation the generation the router runs now
 * @param previous the generation it ran before (the one a revert restores)
 * @param confirmDeadline present while a confirmed commit waits for its confirm: the router reverts at this time
 */
public record CommitResult(int generation, int previous, Optional<Instant> confirmDeadline) {
    public CommitResult {
        if (generation < 0 || previous < 0) {
            throw new IllegalArgumentException("negative generation");
        }
        requireNonNull(confirmDeadline, "confirmDeadline");
    }

    public boolean isPending() {
        return confirmDeadline.isPresent();
    }
}

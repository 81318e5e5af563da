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

/**
 * A confirmed commit waiting for its confirm.
 *
 * @param generation the committed generation
 * @param previous the generation the router restores at the deadline
 * @param deadline when the router reverts unless confirmed
 */
public record PendingConfirm(int generation, int previous, Instant deadline) {
    public PendingConfirm {
        requireNonNull(deadline, "deadline");
    }
}

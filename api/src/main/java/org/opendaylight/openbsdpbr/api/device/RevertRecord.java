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
 * The last revert a router made by itself or on cancel-commit.
 *
 * @param generation the generation that was reverted
 * @param restored the generation restored
 * @param at when
 */
public record RevertRecord(int generation, int restored, Instant at) {
    public RevertRecord {
        requireNonNull(at, "at");
    }
}

/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.controller;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Who manages a router: in a cluster exactly one member (the holder of the cluster singleton group the router is
 * hashed into); alone, always this one.
 */
public interface Ownership {
    /** What the fleet does when it gains or loses a router. */
    interface Owner {
        void gained();

        void lost();

        /**
         * Completes once the work begun before {@link #lost()} ended (the running pass finished or was abandoned):
         * a cluster hands the router to another member only then.
         */
        default CompletionStage<Void> idle() {
            return CompletableFuture.completedFuture(null);
        }
    }

    /** Starts competing for the router; {@link Owner#gained()} runs when this member becomes its owner. */
    AutoCloseable register(String router, Owner owner);

    /** Every router is owned here (a controller without a cluster, and tests). */
    Ownership LOCAL = (router, owner) -> {
        owner.gained();
        return owner::lost;
    };
}

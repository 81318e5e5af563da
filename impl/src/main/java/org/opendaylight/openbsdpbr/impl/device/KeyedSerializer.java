/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.device;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/** Runs asynchronous tasks with the same key one after the other, in submission order; other keys run freely. */
final class KeyedSerializer {
    private static final CompletableFuture<Object> DONE = CompletableFuture.completedFuture(null);

    private final Map<String, CompletableFuture<?>> tails = new HashMap<>();

    @SuppressWarnings("checkstyle:IllegalCatch")
    <T> CompletableFuture<T> submit(final String key, final Supplier<? extends CompletionStage<T>> task) {
        final var mine = new CompletableFuture<T>();
        final CompletableFuture<?> previous;
        synchronized (tails) {
            previous = tails.getOrDefault(key, DONE);
            tails.put(key, mine);
        }
        previous.whenComplete((ignored, failure) -> {
            final CompletionStage<T> started;
            try {
                started = task.get();
            } catch (RuntimeException e) {
                mine.completeExceptionally(e);
                return;
            }
            started.whenComplete((value, error) -> {
                if (error != null) {
                    mine.completeExceptionally(error);
                } else {
                    mine.complete(value);
                }
            });
        });
        mine.whenComplete((value, failure) -> {
            synchronized (tails) {
                tails.remove(key, mine);
            }
        });
        return mine;
    }

    /** How many keys have work queued or running. */
    int activeKeys() {
        synchronized (tails) {
            return tails.size();
        }
    }
}

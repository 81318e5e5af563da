/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class KeyedSerializerTest {
    @Test
    void sameKeyRunsInOrderOtherKeysDoNotWait() {
        final var serializer = new KeyedSerializer();
        final List<String> started = new ArrayList<>();
        final var firstA = new CompletableFuture<String>();

        final CompletableFuture<String> a1 = serializer.submit("a", () -> {
            started.add("a1");
            return firstA;
        });
        final CompletableFuture<String> a2 = serializer.submit("a", () -> {
            started.add("a2");
            return CompletableFuture.completedFuture("a2");
        });
        final CompletableFuture<String> b1 = serializer.submit("b", () -> {
            started.add("b1");
            return CompletableFuture.completedFuture("b1");
        });

        assertThat(started).containsExactly("a1", "b1");
        assertThat(b1).isCompletedWithValue("b1");
        assertThat(a2).isNotDone();

        firstA.completeExceptionally(new IllegalStateException("a1 failed"));
        assertThat(a1).isCompletedExceptionally();
        assertThat(started).containsExactly("a1", "b1", "a2");
        assertThat(a2).isCompletedWithValue("a2");
        assertThat(serializer.activeKeys()).isZero();
    }
}

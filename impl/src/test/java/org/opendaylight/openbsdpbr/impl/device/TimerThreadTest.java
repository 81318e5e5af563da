/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The timer runs what is scheduled on its own named daemon thread (never the common pool), forgets what is called
 * off, and runs nothing once closed.
 */
class TimerThreadTest {
    @Test
    void aDelayCompletesOnTheTimersOwnThread() throws Exception {
        try (var timer = new TimerThread("timer-test")) {
            final CompletableFuture<Thread> ranOn = timer.delay(Duration.ofMillis(10))
                .thenApply(ignored -> Thread.currentThread());

            final Thread thread = ranOn.get(10, TimeUnit.SECONDS);
            assertThat(thread.getName()).isEqualTo("timer-test");
            assertThat(thread.isDaemon()).isTrue();
        }
    }

    @Test
    void whatIsCalledOffOrScheduledPastTheCloseNeverRuns() throws Exception {
        final AtomicBoolean cancelled = new AtomicBoolean();
        final AtomicBoolean afterClose = new AtomicBoolean();
        final CompletableFuture<Void> later;
        try (var timer = new TimerThread("timer-test")) {
            timer.schedule(Duration.ofMillis(50), () -> cancelled.set(true)).cancel();
            timer.schedule(Duration.ofMillis(100), () -> afterClose.set(true));
            later = timer.delay(Duration.ofMillis(150));
            // a task at once still runs, in order after nothing: the thread works
            timer.delay(Duration.ZERO).get(10, TimeUnit.SECONDS);
        }
        Thread.sleep(300);
        assertThat(cancelled).isFalse();
        assertThat(afterClose).isFalse();
        assertThat(later).isNotDone();
    }
}

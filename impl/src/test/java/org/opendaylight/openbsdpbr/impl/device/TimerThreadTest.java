/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Scheduled tasks run on the timer's own named daemon thread and delays complete on its workers (never the common
 * pool); a blocked delay continuation stalls no timer; what is called off never runs; after close nothing runs and
 * every delay not over yet fails instead of waiting forever.
 */
class TimerThreadTest {
    @Test
    void tasksRunOnTheTimerThreadDelaysCompleteOnItsWorkers() throws Exception {
        try (var timer = new TimerThread("timer-test")) {
            final AtomicReference<Thread> task = new AtomicReference<>();
            final CountDownLatch ran = new CountDownLatch(1);
            timer.schedule(Duration.ofMillis(5), () -> {
                task.set(Thread.currentThread());
                ran.countDown();
            });
            final Thread continued = timer.delay(Duration.ofMillis(5)).thenApply(ignored -> Thread.currentThread())
                .get(10, TimeUnit.SECONDS);

            assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(task.get().getName()).isEqualTo("timer-test");
            assertThat(task.get().isDaemon()).isTrue();
            assertThat(continued.getName()).startsWith("timer-test-work-");
            assertThat(continued.isDaemon()).isTrue();
        }
    }

    @Test
    void aContinuationThatBlocksStallsNoTimer() throws Exception {
        try (var timer = new TimerThread("timer-test")) {
            final CountDownLatch release = new CountDownLatch(1);
            // a back-off's continuation stuck in a slow name lookup
            final CompletableFuture<Void> stuck = timer.delay(Duration.ZERO).thenRun(() -> {
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            final CountDownLatch wake = new CountDownLatch(1);
            timer.schedule(Duration.ofMillis(20), wake::countDown);

            assertThat(wake.await(10, TimeUnit.SECONDS)).as("a reconciler's wake-up still runs").isTrue();
            release.countDown();
            stuck.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void whatIsCalledOffNeverRuns() throws Exception {
        try (var timer = new TimerThread("timer-test")) {
            final AtomicBoolean cancelled = new AtomicBoolean();
            timer.schedule(Duration.ofMillis(20), () -> cancelled.set(true)).cancel();
            // a later task has run, so the cancelled one's time is long past
            timer.delay(Duration.ofMillis(100)).get(10, TimeUnit.SECONDS);
            assertThat(cancelled).isFalse();
        }
    }

    @Test
    void afterCloseNothingRunsAndPendingDelaysFail() throws Exception {
        final AtomicBoolean ran = new AtomicBoolean();
        final CompletableFuture<Void> pending;
        final var timer = new TimerThread("timer-test");
        timer.schedule(Duration.ofMillis(50), () -> ran.set(true));
        pending = timer.delay(Duration.ofMinutes(5));
        timer.close();

        // a transaction waiting on a back-off ends at the stop instead of never
        assertThatThrownBy(() -> pending.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
            .hasCauseInstanceOf(RejectedExecutionException.class);
        assertThat(timer.delay(Duration.ZERO)).isCompletedExceptionally();
        timer.schedule(Duration.ZERO, () -> ran.set(true)).cancel();
        Thread.sleep(100);
        assertThat(ran).as("nothing scheduled runs after close").isFalse();
    }
}

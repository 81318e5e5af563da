/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.controller;

import java.time.Duration;
import java.time.Instant;
import java.util.PriorityQueue;
import org.opendaylight.openbsdpbr.impl.device.Scheduler;

/**
 * A clock the test advances: scheduled tasks run, in time order, when the clock passes their time, on the test's
 * thread. Nothing sleeps.
 */
public final class FakeTime implements Scheduler {
    private record Task(Instant at, long order, Runnable run, boolean[] cancelled) {
        // value
    }

    private final PriorityQueue<Task> tasks = new PriorityQueue<>((first, second) -> {
        final int byTime = first.at().compareTo(second.at());
        return byTime != 0 ? byTime : Long.compare(first.order(), second.order());
    });
    private Instant now = Instant.parse("2026-11-29T12:00:00Z");
    private long order;

    @Override
    public synchronized Instant now() {
        return now;
    }

    @Override
    public Cancellable schedule(final Duration delay, final Runnable task) {
        final boolean[] cancelled = {false};
        synchronized (this) {
            tasks.add(new Task(now.plus(delay.isNegative() ? Duration.ZERO : delay), order++, task, cancelled));
        }
        if (!delay.isPositive()) {
            runDue();
        }
        return () -> cancelled[0] = true;
    }

    /** Moves the clock forward, running every task that falls due on the way, in order. */
    public void advance(final Duration duration) {
        final Instant until;
        synchronized (this) {
            until = now.plus(duration);
        }
        while (true) {
            final Task next;
            synchronized (this) {
                next = tasks.peek();
                if (next == null || next.at().isAfter(until)) {
                    now = until;
                    break;
                }
                tasks.poll();
                if (next.at().isAfter(now)) {
                    now = next.at();
                }
            }
            if (!next.cancelled()[0]) {
                next.run().run();
            }
        }
    }

    /** Runs the tasks due now (zero delays). */
    void runDue() {
        advance(Duration.ZERO);
    }

    /** When the next live task is due, if any. */
    synchronized java.util.Optional<Instant> nextDue() {
        return tasks.stream().filter(task -> !task.cancelled()[0]).map(Task::at).min(Instant::compareTo);
    }
}

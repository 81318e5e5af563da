/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.mdsal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.rollouts.rollout.Status;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.rollouts.rollout.StatusBuilder;

/**
 * A value whose write cannot be made (its computation throws) is dropped alone: the values queued with it and after
 * it are written. Before, the exception left the queue 'writing' for good and nothing more was written.
 */
class WriteQueueTest {
    @Test
    void aValueThatCannotBeWrittenIsDroppedAloneAndTheQueueGoesOn() throws Exception {
        final DataBroker broker = InMemoryBroker.start();
        try (WriteQueue<String> queue = new WriteQueue<>(broker, "test status")) {
            queue.put("bad", tx -> {
                throw new NullPointerException("a status that cannot be computed");
            });
            queue.put("a", tx -> tx.mergeParentStructurePut(LogicalDatastoreType.OPERATIONAL,
                RolloutStatusWriter.path("a"), status("a")));
            assertThat(await(broker, "a")).as("written with the bad value's batch").isPresent();
            queue.put("b", tx -> tx.mergeParentStructurePut(LogicalDatastoreType.OPERATIONAL,
                RolloutStatusWriter.path("b"), status("b")));
            assertThat(await(broker, "b")).as("written after it").isPresent();
        }
    }

    private static Status status(final String by) {
        return new StatusBuilder().setRunBy(by).build();
    }

    /** The status of a rollout once it is there, or empty after 10 s. */
    private static Optional<Status> await(final DataBroker broker, final String rollout) throws Exception {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            final Optional<Status> found;
            try (var tx = broker.newReadOnlyTransaction()) {
                found = tx.read(LogicalDatastoreType.OPERATIONAL, RolloutStatusWriter.path(rollout)).get(10,
                    TimeUnit.SECONDS);
            }
            if (found.isPresent() || System.nanoTime() > deadline) {
                return found;
            }
            Thread.sleep(20);
        }
    }
}

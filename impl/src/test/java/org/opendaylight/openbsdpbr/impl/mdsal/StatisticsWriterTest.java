/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.mdsal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.verify;

import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.binding.api.WriteTransaction;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.mdsal.common.api.OptimisticLockFailedException;
import org.opendaylight.mdsal.common.api.TransactionCommitFailedException;
import org.opendaylight.openbsdpbr.impl.compile.Compilations;
import org.opendaylight.openbsdpbr.impl.compile.IntentCompiler;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.Controller;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.controller.Member;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.controller.MemberBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.controller.MemberKey;
import org.opendaylight.yangtools.binding.DataObjectIdentifier;
import org.opendaylight.yangtools.util.concurrent.FluentFutures;
import org.opendaylight.yangtools.yang.common.Uint32;

/** A member's figures, and the figures of members that are gone: removed by the first live member only. */
class StatisticsWriterTest {
    @Test
    void theFirstLiveMemberRemovesTheFiguresOfMembersThatAreGoneAndNoOtherDoes() throws Exception {
        final DataBroker broker = InMemoryBroker.start();
        // member-1 was killed while it managed four routers: its entry stays as it last wrote it
        put(broker, "member-1", 4);
        final var live = new AtomicReference<>(view("member-1", "member-2", "member-3"));
        final var compilations = new Compilations(IntentCompiler.standard());
        final var third = view("member-2", "member-3");
        try (var writer2 = new StatisticsWriter(broker, "member-2", compilations, () -> 6, live::get);
             var writer3 = new StatisticsWriter(broker, "member-3", compilations, () -> 6, () -> third)) {
            // while member-2 still sees member-1 live, nobody removes it (member-3 is not the first live member)
            await(broker, Set.of("member-1", "member-2", "member-3"));
            live.set(view("member-2", "member-3"));
            await(broker, Set.of("member-2", "member-3"));
            assertThat(read(broker, "member-2").getRoutersManaged()).isEqualTo(Uint32.valueOf(6));
        }
    }

    /**
     * A publication whose commit fails (members' writes under /controller conflict now and then) is written again,
     * although the figures did not change since: the previous writer remembered them as published and wrote nothing
     * more until they changed.
     */
    @Test
    void aPublicationWhoseCommitFailedIsWrittenAgain() throws Exception {
        final DataBroker real = InMemoryBroker.start();
        final DataBroker broker = spy(real);
        final WriteTransaction refused = mock(WriteTransaction.class);
        doReturn(FluentFutures.immediateFailedFluentFuture(new TransactionCommitFailedException("conflict",
            new OptimisticLockFailedException("Conflicting modification"))))
            .when(refused).commit();
        doReturn(refused).doCallRealMethod().when(broker).newWriteOnlyTransaction();
        final var compilations = new Compilations(IntentCompiler.standard());
        try (var writer = new StatisticsWriter(broker, "member-2", compilations, () -> 6,
                () -> view("member-2"))) {
            await(real, Set.of("member-2"));
            assertThat(read(real, "member-2").getRoutersManaged()).isEqualTo(Uint32.valueOf(6));
        }
        verify(refused).commit();
    }

    private static ClusterOwnership.View view(final String... members) {
        return new ClusterOwnership.View(new TreeSet<>(Set.of(members)), 12, 6, 2, 0);
    }

    private static void put(final DataBroker broker, final String name, final int managed) throws Exception {
        final var tx = broker.newWriteOnlyTransaction();
        tx.mergeParentStructurePut(LogicalDatastoreType.OPERATIONAL, path(name),
            new MemberBuilder().setName(name).setRoutersManaged(Uint32.valueOf(managed)).build());
        tx.commit().get(5, TimeUnit.SECONDS);
    }

    private static DataObjectIdentifier<Member> path(final String name) {
        return DataObjectIdentifier.builder(Controller.class).child(Member.class, new MemberKey(name)).build();
    }

    private static Member read(final DataBroker broker, final String name) throws Exception {
        try (var tx = broker.newReadOnlyTransaction()) {
            return tx.read(LogicalDatastoreType.OPERATIONAL, path(name)).get(5, TimeUnit.SECONDS).orElseThrow();
        }
    }

    private static Set<String> names(final DataBroker broker) throws Exception {
        try (var tx = broker.newReadOnlyTransaction()) {
            return tx.read(LogicalDatastoreType.OPERATIONAL, DataObjectIdentifier.builder(Controller.class).build())
                .get(5, TimeUnit.SECONDS).map(controller -> controller.nonnullMember().keySet().stream()
                    .map(MemberKey::getName).collect(Collectors.toSet())).orElse(Set.of());
        }
    }

    /** Waits (the writers publish once a second) until exactly {@code expected} have figures. */
    private static void await(final DataBroker broker, final Set<String> expected) throws Exception {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        Set<String> last = names(broker);
        while (!last.equals(expected) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            last = names(broker);
        }
        assertThat(last).isEqualTo(expected);
    }
}

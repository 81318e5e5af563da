/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.mdsal;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.cluster.Cluster;
import org.apache.pekko.cluster.UniqueAddress;
import org.apache.pekko.cluster.ddata.DistributedData;
import org.apache.pekko.cluster.ddata.Key;
import org.apache.pekko.cluster.ddata.ORMap;
import org.apache.pekko.cluster.ddata.ORMapKey;
import org.apache.pekko.cluster.ddata.ORSet;
import org.apache.pekko.cluster.ddata.Replicator;
import org.apache.pekko.cluster.ddata.SelfUniqueAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opendaylight.controller.eos.akka.registry.candidate.CandidateRegistry;
import org.opendaylight.mdsal.eos.dom.api.DOMEntity;

/**
 * The candidates of each entity as eos-dom-akka's candidate registry holds them, pushed by this member's replicator:
 * a one-member Pekko cluster (member-1) writes the registry as eos-dom-akka's CandidateRegistry does (an ORMap of
 * entity to an ORSet of member names, each added by the registering member's node, under eos-dom-akka's own key), and
 * PekkoCandidates hears every change, counting only candidacies of the members' current incarnations.
 */
class PekkoCandidatesTest {
    private static final DOMEntity SEVEN = new DOMEntity(SingletonEntities.SERVICE_ENTITY_TYPE, "openbsd-pbr/group/7");
    private static final DOMEntity EIGHT = new DOMEntity(SingletonEntities.SERVICE_ENTITY_TYPE, "openbsd-pbr/group/8");

    private ActorSystem system;

    @AfterEach
    void stop() throws Exception {
        if (system != null) {
            system.terminate();
            system.getWhenTerminated().toCompletableFuture().get();
        }
    }

    @Test
    void theRegistryKeyIsEosDomAkkas() {
        assertThat(PekkoCandidates.REGISTRY).isEqualTo(CandidateRegistry.KEY.id());
    }

    @Test
    void everyChangeOfTheRegistryIsHeardAndOnlyCurrentIncarnationsCount() throws InterruptedException {
        system = ActorSystem.create("candidates", ConfigFactory.parseString("""
            pekko.actor.provider = cluster
            pekko.remote.artery.canonical.hostname = 127.0.0.1
            pekko.remote.artery.canonical.port = 0
            pekko.cluster.roles = [member-1]
            pekko.cluster.distributed-data.notify-subscribers-interval = 50ms
            pekko.loglevel = WARNING
            """).withFallback(ConfigFactory.load()));
        Cluster.get(system).join(Cluster.get(system).selfAddress());
        final PekkoCandidates candidates = new PekkoCandidates(system);
        assertThat(candidates.of(SEVEN)).as("nothing heard yet: cannot tell").isEmpty();

        // member-1 killed and restarted: its previous incarnation (same address, another uid) registered for seven
        final UniqueAddress previous = new UniqueAddress(node().uniqueAddress().address(),
            node().uniqueAddress().longUid() + 1);
        write(map -> map.update(node(), SEVEN, ORSet.empty(), set -> set.add(previous, "member-1"))
            .update(node(), EIGHT, ORSet.empty(), set -> set.add(node().uniqueAddress(), "member-1")));
        await(() -> candidates.of(EIGHT).equals(Optional.of(Set.of("member-1"))));
        assertThat(candidates.of(SEVEN)).as("a candidacy of member-1's previous incarnation").contains(Set.of());

        // the current incarnation registers for seven too; a name no member of the cluster has does not count
        write(map -> map.update(node(), SEVEN, ORSet.empty(), set -> set.add(node(), "member-1")
            .add(previous, "member-2")));
        await(() -> candidates.of(SEVEN).equals(Optional.of(Set.of("member-1"))));

        write(map -> map.update(node(), SEVEN, ORSet.empty(), set -> set.remove(node(), "member-1"))
            .remove(node(), EIGHT));
        await(() -> candidates.of(SEVEN).equals(Optional.of(Set.of()))
            && candidates.of(EIGHT).equals(Optional.of(Set.of())));

        candidates.close();
    }

    private SelfUniqueAddress node() {
        return DistributedData.get(system).selfUniqueAddress();
    }

    /** An update of the registry as eos-dom-akka's CandidateRegistry makes it (local write, gossiped later). */
    private void write(final Function<ORMap<DOMEntity, ORSet<String>>, ORMap<DOMEntity, ORSet<String>>> change) {
        final Key<ORMap<DOMEntity, ORSet<String>>> key = ORMapKey.create(PekkoCandidates.REGISTRY);
        DistributedData.get(system).replicator().tell(new Replicator.Update<>(key, ORMap.empty(),
            Replicator.writeLocal(), change::apply), ActorRef.noSender());
    }

    private static void await(final java.util.function.BooleanSupplier condition) throws InterruptedException {
        final Instant limit = Instant.now().plus(Duration.ofSeconds(20));
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("heard within 20 s").isBefore(limit);
            Thread.sleep(20);
        }
    }
}

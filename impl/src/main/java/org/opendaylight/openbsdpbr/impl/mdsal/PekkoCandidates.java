/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.mdsal;

import static java.util.Objects.requireNonNull;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.apache.pekko.actor.AbstractActor;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.Props;
import org.apache.pekko.cluster.Cluster;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.UniqueAddress;
import org.apache.pekko.cluster.ddata.DistributedData;
import org.apache.pekko.cluster.ddata.Key;
import org.apache.pekko.cluster.ddata.ORMap;
import org.apache.pekko.cluster.ddata.ORMapKey;
import org.apache.pekko.cluster.ddata.ORSet;
import org.apache.pekko.cluster.ddata.Replicator;
import org.apache.pekko.cluster.ddata.VersionVector;
import org.opendaylight.mdsal.eos.dom.api.DOMEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Who competes for which entity, as this member's replica of the entity ownership service's candidate registry holds
 * it: eos-dom-akka keeps every candidacy in one Pekko distributed-data map (entity to the member names registered for
 * it), which its OwnerSupervisor and its ownership listeners subscribe to; this subscribes to the same map, so the
 * candidates are pushed here (at most twice a second, as the replicator notifies) and a question about them is a map
 * read, never an ask (the asks eos-dom-akka answers through its OwnerStateChecker timed out under load, see
 * {@link SingletonEntities}).
 *
 * <p>The DOM entity ownership API says who owns an entity, not who competes for it, and placement needs the latter: a
 * member hands a group it owns to another only once that member is a candidate (see
 * {@link ClusterOwnership#rebalance()}).
 *
 * <p>A candidacy counts only if the member's current incarnation registered it. The registry names candidates by
 * member name, and a member killed and restarted keeps its old candidacies in it until its new incarnation has had
 * eos-dom-akka clear them (its CandidateRegistryInit asks the ownership supervisor to, and holds the new registrations
 * back meanwhile; on a loaded machine that took more than 10 s, its 5-s asks timing out). Measured in a 60-router
 * cluster benchmark: the members handed twelve groups to the rejoining member-1 on the strength of its previous
 * incarnation's candidacies before member-1 had registered anything; the groups then had no candidate. Each element of
 * the registry's sets carries the Pekko node that added it (its dots: address and incarnation uid), so a name counts
 * when one of its dots is the member's node as the cluster knows it now.
 *
 * <p>The map's key is eos-dom-akka's {@code CandidateRegistry.KEY} ({@value #REGISTRY}), in a package it does not
 * export, hence named here; if a later ODL renamed it, this would hear nothing, owned groups would stay with their
 * owners (nothing stranded, the spread uneven) and the cluster test's rejoin step, which needs a handover, would fail.
 */
final class PekkoCandidates implements SingletonEntities.Candidates, AutoCloseable {
    /** eos-dom-akka's {@code CandidateRegistry.KEY}: {@code new ORMapKey<>("candidateRegistry")}. */
    static final String REGISTRY = "candidateRegistry";
    private static final Key<ORMap<DOMEntity, ORSet<String>>> KEY = ORMapKey.create(REGISTRY);
    private static final Logger LOG = LoggerFactory.getLogger(PekkoCandidates.class);

    private final ActorSystem system;
    private final Cluster cluster;
    private final ActorRef watcher;
    /**
     * Per entity, per member name, the nodes (address and incarnation) that registered that name; null until the
     * replicator first told this member about the registry.
     */
    private volatile Map<DOMEntity, Map<String, VersionVector>> candidates;

    PekkoCandidates(final ActorSystem system) {
        this.system = requireNonNull(system);
        cluster = Cluster.get(system);
        final Consumer<ORMap<DOMEntity, ORSet<String>>> sink = this::heard;
        watcher = system.actorOf(Props.create(Watcher.class, () -> new Watcher(sink)));
        DistributedData.get(system).replicator().tell(new Replicator.Subscribe<>(KEY, watcher), ActorRef.noSender());
    }

    /** The members whose current incarnation competes for the entity; empty while the registry was not heard. */
    @Override
    public Optional<Set<String>> of(final DOMEntity entity) {
        final Map<DOMEntity, Map<String, VersionVector>> registry = candidates;
        if (registry == null) {
            return Optional.empty();
        }
        final Map<String, VersionVector> names = registry.getOrDefault(entity, Map.of());
        if (names.isEmpty()) {
            return Optional.of(Set.of());
        }
        final Map<String, UniqueAddress> nodes = new HashMap<>();
        for (Member member : cluster.state().getMembers()) {
            member.getRoles().forEach(role -> nodes.put(role, member.uniqueAddress()));
        }
        final Set<String> current = new TreeSet<>();
        names.forEach((name, dots) -> {
            final UniqueAddress node = nodes.get(name);
            if (node != null && dots.contains(node)) {
                current.add(name);
            }
        });
        return Optional.of(current);
    }

    private void heard(final ORMap<DOMEntity, ORSet<String>> registry) {
        final Map<DOMEntity, Map<String, VersionVector>> next = new HashMap<>();
        registry.getEntries().forEach((entity, members) -> {
            final Map<String, VersionVector> names = new HashMap<>();
            CollectionConverters.asJava(members.elementsMap()).forEach(names::put);
            next.put(entity, Map.copyOf(names));
        });
        candidates = Map.copyOf(next);
        LOG.trace("candidate registry: {}", next);
    }

    /** Stops the subscriber; the replicator drops a subscriber that terminated. */
    @Override
    public void close() {
        system.stop(watcher);
    }

    /** The replicator's subscriber: hands every change of the registry to the sink. */
    private static final class Watcher extends AbstractActor {
        private final Consumer<ORMap<DOMEntity, ORSet<String>>> sink;

        Watcher(final Consumer<ORMap<DOMEntity, ORSet<String>>> sink) {
            this.sink = sink;
        }

        @Override
        @SuppressWarnings("unchecked")
        public Receive createReceive() {
            return receiveBuilder()
                .match(Replicator.Changed.class, changed -> sink.accept(((Replicator.Changed<ORMap<DOMEntity,
                    ORSet<String>>>) changed).get(KEY)))
                .matchAny(other -> LOG.debug("candidate registry: {}", other))
                .build();
        }
    }
}

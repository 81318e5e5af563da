/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.mdsal;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.opendaylight.mdsal.eos.common.api.CandidateAlreadyRegisteredException;
import org.opendaylight.mdsal.eos.common.api.EntityOwnershipState;
import org.opendaylight.mdsal.eos.dom.api.DOMEntity;
import org.opendaylight.mdsal.eos.dom.api.DOMEntityOwnershipService;
import org.opendaylight.mdsal.singleton.api.ServiceGroupIdentifier;
import org.opendaylight.yangtools.concepts.Registration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The entities behind the cluster singleton service's groups, in ODL's entity ownership service: mdsal's
 * EOSClusterSingletonServiceProvider registers a group as an entity of type
 * {@code org.opendaylight.mdsal.ServiceEntityType} named by the group's identifier (and a second entity of type
 * {@code org.opendaylight.mdsal.AsyncServiceCloseEntityType} while the owner closes).
 *
 * <p>Who owns a group is learnt from an ownership listener for that entity type, kept in a map, and never asked for:
 * eos-dom-akka answers {@code getOwnershipState} through its OwnerStateChecker actor, a blocking ask of up to 5 s,
 * and measured in the 1,000-router cluster benchmark, asked for every group every few seconds on a loaded machine,
 * its asks timed out and the actor stopped for good ("had already been terminated"), while each failed ask held the
 * placement lock (and so the datastore's notifications) for 5 s. The listener costs nothing per question: eos-dom-akka
 * pushes every change of the entity type's owners (and their current state when the listener registers). Who
 * competes for a group, which the ownership API does not tell, is likewise pushed ({@link PekkoCandidates}).
 */
final class SingletonEntities implements ClusterOwnership.Entities, AutoCloseable {
    /** The members registered as candidates for an entity, as pushed to this member; never an ask. */
    @FunctionalInterface
    interface Candidates {
        /** The members (member-2) competing for the entity; empty while nothing of the registry was heard. */
        Optional<Set<String>> of(DOMEntity entity);
    }

    /** mdsal-singleton-impl's EOSClusterSingletonServiceProvider.SERVICE_ENTITY_TYPE. */
    static final String SERVICE_ENTITY_TYPE = "org.opendaylight.mdsal.ServiceEntityType";
    private static final Logger LOG = LoggerFactory.getLogger(SingletonEntities.class);

    private final DOMEntityOwnershipService eos;
    private final Map<DOMEntity, EntityOwnershipState> states = new ConcurrentHashMap<>();
    private final Candidates candidates;
    private final Registration listener;

    SingletonEntities(final DOMEntityOwnershipService eos, final Candidates candidates) {
        this.eos = requireNonNull(eos);
        this.candidates = requireNonNull(candidates);
        listener = eos.registerListener(SERVICE_ENTITY_TYPE, (entity, change, inJeopardy) -> {
            LOG.debug("ownership of {} changed: {}", entity, change);
            states.put(entity, change.isOwner() ? EntityOwnershipState.IS_OWNER
                : change.hasOwner() ? EntityOwnershipState.OWNED_BY_OTHER : EntityOwnershipState.NO_OWNER);
        });
    }

    /** As the last change heard says; an entity never heard of has no owner. */
    @Override
    public EntityOwnershipState state(final ServiceGroupIdentifier group) {
        return states.getOrDefault(entity(group), EntityOwnershipState.NO_OWNER);
    }

    @Override
    public Optional<Set<String>> candidates(final ServiceGroupIdentifier group) {
        return candidates.of(entity(group));
    }

    @Override
    public Registration candidate(final ServiceGroupIdentifier group) {
        try {
            return eos.registerCandidate(entity(group));
        } catch (CandidateAlreadyRegisteredException e) {
            LOG.debug("{}: already a candidate here", group.value(), e);
            return () -> { };
        }
    }

    @Override
    public void close() {
        listener.close();
    }

    private static DOMEntity entity(final ServiceGroupIdentifier group) {
        return new DOMEntity(SERVICE_ENTITY_TYPE, group.value());
    }
}

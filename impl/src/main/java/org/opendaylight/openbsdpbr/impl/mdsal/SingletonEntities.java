/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.mdsal;

import static java.util.Objects.requireNonNull;

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
 */
final class SingletonEntities implements ClusterOwnership.Entities {
    /** mdsal-singleton-impl's EOSClusterSingletonServiceProvider.SERVICE_ENTITY_TYPE. */
    static final String SERVICE_ENTITY_TYPE = "org.opendaylight.mdsal.ServiceEntityType";
    private static final Logger LOG = LoggerFactory.getLogger(SingletonEntities.class);

    private final DOMEntityOwnershipService eos;

    SingletonEntities(final DOMEntityOwnershipService eos) {
        this.eos = requireNonNull(eos);
    }

    /**
     * Asks this member's eos-dom-akka (its OwnerStateChecker reads the local replica of the owners: no message leaves
     * the member); an entity it has never seen, or an ask that failed, counts as no owner.
     */
    @Override
    public EntityOwnershipState state(final ServiceGroupIdentifier group) {
        return eos.getOwnershipState(entity(group)).orElse(EntityOwnershipState.NO_OWNER);
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

    private static DOMEntity entity(final ServiceGroupIdentifier group) {
        return new DOMEntity(SERVICE_ENTITY_TYPE, group.value());
    }
}

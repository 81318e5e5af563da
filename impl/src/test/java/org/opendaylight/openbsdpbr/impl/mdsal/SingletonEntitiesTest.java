/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.mdsal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.opendaylight.mdsal.eos.common.api.EntityOwnershipState;
import org.opendaylight.mdsal.eos.common.api.EntityOwnershipStateChange;
import org.opendaylight.mdsal.eos.dom.api.DOMEntity;
import org.opendaylight.mdsal.eos.dom.api.DOMEntityOwnershipListener;
import org.opendaylight.mdsal.eos.dom.api.DOMEntityOwnershipService;
import org.opendaylight.mdsal.singleton.api.ServiceGroupIdentifier;
import org.opendaylight.yangtools.concepts.Registration;

/**
 * Who owns a group, as the ownership listener heard it: never by asking eos-dom-akka's OwnerStateChecker (a blocking
 * ask that timed out and stopped the actor in the 1,000-router benchmark).
 */
class SingletonEntitiesTest {
    /** The entity ownership service: a listener for the service entity type, and no state to ask for. */
    private static final class Eos implements DOMEntityOwnershipService {
        final List<DOMEntityOwnershipListener> listeners = new ArrayList<>();
        final List<String> types = new ArrayList<>();
        boolean closed;

        @Override
        public Registration registerCandidate(final DOMEntity entity) {
            return () -> { };
        }

        @Override
        public Registration registerListener(final String entityType, final DOMEntityOwnershipListener listener) {
            types.add(entityType);
            listeners.add(listener);
            return () -> closed = true;
        }

        @Override
        public Optional<EntityOwnershipState> getOwnershipState(final DOMEntity forEntity) {
            throw new AssertionError("asked for the state of " + forEntity);
        }

        @Override
        public boolean isCandidateRegistered(final DOMEntity forEntity) {
            throw new AssertionError("asked whether a candidate is registered for " + forEntity);
        }

        void change(final String group, final EntityOwnershipStateChange change) {
            listeners.forEach(listener -> listener.ownershipChanged(
                new DOMEntity(SingletonEntities.SERVICE_ENTITY_TYPE, group), change, false));
        }
    }

    @Test
    void theStateIsTheLastChangeHeardForTheGroupsEntity() {
        final Eos eos = new Eos();
        final SingletonEntities entities = new SingletonEntities(eos, entity -> Optional.of(Set.of()));
        assertThat(eos.types).containsExactly(SingletonEntities.SERVICE_ENTITY_TYPE);
        final var seven = new ServiceGroupIdentifier("openbsd-pbr/group/7");
        final var eight = new ServiceGroupIdentifier("openbsd-pbr/group/8");
        assertThat(entities.state(seven)).as("never heard of").isEqualTo(EntityOwnershipState.NO_OWNER);

        eos.change("openbsd-pbr/group/7", EntityOwnershipStateChange.LOCAL_OWNERSHIP_GRANTED);
        eos.change("openbsd-pbr/group/8", EntityOwnershipStateChange.REMOTE_OWNERSHIP_CHANGED);
        assertThat(entities.state(seven)).isEqualTo(EntityOwnershipState.IS_OWNER);
        assertThat(entities.state(eight)).isEqualTo(EntityOwnershipState.OWNED_BY_OTHER);

        eos.change("openbsd-pbr/group/7", EntityOwnershipStateChange.LOCAL_OWNERSHIP_LOST_NEW_OWNER);
        eos.change("openbsd-pbr/group/8", EntityOwnershipStateChange.REMOTE_OWNERSHIP_LOST_NO_OWNER);
        assertThat(entities.state(seven)).isEqualTo(EntityOwnershipState.OWNED_BY_OTHER);
        assertThat(entities.state(eight)).isEqualTo(EntityOwnershipState.NO_OWNER);

        eos.change("openbsd-pbr/group/8", EntityOwnershipStateChange.LOCAL_OWNERSHIP_GRANTED);
        eos.change("openbsd-pbr/group/8", EntityOwnershipStateChange.LOCAL_OWNERSHIP_LOST_NO_OWNER);
        assertThat(entities.state(eight)).isEqualTo(EntityOwnershipState.NO_OWNER);

        entities.close();
        assertThat(eos.closed).as("the listener withdrawn").isTrue();
    }
}

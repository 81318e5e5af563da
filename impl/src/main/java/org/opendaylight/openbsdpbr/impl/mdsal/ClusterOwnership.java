/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.mdsal;

import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import java.util.HashMap;
import java.util.Map;
import org.opendaylight.mdsal.singleton.api.ClusterSingletonService;
import org.opendaylight.mdsal.singleton.api.ClusterSingletonServiceProvider;
import org.opendaylight.mdsal.singleton.api.ServiceGroupIdentifier;
import org.opendaylight.openbsdpbr.impl.controller.Ownership;
import org.opendaylight.yangtools.concepts.Registration;

/**
 * Cluster singletons decide which member manages a router: in an ODL cluster exactly one member manages each router,
 * and another takes over when it goes away; alone, the only member owns all.
 *
 * <p>With {@code groups == 0} every router has its own singleton ({@code openbsd-pbr/router/NAME}). ODL's entity
 * ownership service does not keep up with a burst of a thousand registrations (its replicator's asks time out and
 * ownership is never granted), so by default routers are hashed into a fixed number of singleton groups
 * ({@code openbsd-pbr/group/K}): still one owner per router, far fewer entities.
 */
final class ClusterOwnership implements Ownership {
    private final ClusterSingletonServiceProvider provider;
    private final int groups;
    private final Map<Integer, Group> byGroup = new HashMap<>();

    ClusterOwnership(final ClusterSingletonServiceProvider provider, final int groups) {
        this.provider = provider;
        this.groups = groups;
    }

    @Override
    public synchronized AutoCloseable register(final String router, final Owner owner) {
        if (groups <= 0) {
            return provider.registerClusterSingletonService(new Single("openbsd-pbr/router/" + router, owner));
        }
        final int index = Math.floorMod(router.hashCode(), groups);
        final Group group = byGroup.computeIfAbsent(index, key -> new Group("openbsd-pbr/group/" + key));
        group.add(router, owner);
        return () -> {
            synchronized (ClusterOwnership.this) {
                if (group.remove(router)) {
                    byGroup.remove(index);
                }
            }
        };
    }

    /** One router, one singleton. */
    private record Single(String name, Owner owner) implements ClusterSingletonService {
        @Override
        public ServiceGroupIdentifier getIdentifier() {
            return new ServiceGroupIdentifier(name);
        }

        @Override
        public void instantiateServiceInstance() {
            owner.gained();
        }

        @Override
        public ListenableFuture<?> closeServiceInstance() {
            owner.lost();
            return Futures.immediateFuture(null);
        }
    }

    /** The routers hashed into one singleton: owned, and lost, together. */
    private final class Group implements ClusterSingletonService {
        private final ServiceGroupIdentifier identifier;
        private final Map<String, Owner> owners = new HashMap<>();
        private final Registration registration;
        private boolean owned;

        Group(final String name) {
            identifier = new ServiceGroupIdentifier(name);
            registration = provider.registerClusterSingletonService(this);
        }

        @Override
        public ServiceGroupIdentifier getIdentifier() {
            return identifier;
        }

        synchronized void add(final String router, final Owner owner) {
            owners.put(router, owner);
            if (owned) {
                owner.gained();
            }
        }

        /** Removes a router; true when the group is empty and closed. */
        boolean remove(final String router) {
            final Owner owner;
            final boolean empty;
            final boolean wasOwned;
            synchronized (this) {
                owner = owners.remove(router);
                empty = owners.isEmpty();
                wasOwned = owned;
            }
            // only a member that managed the router loses it (the others never had it)
            if (owner != null && wasOwned) {
                owner.lost();
            }
            if (empty) {
                registration.close();
            }
            return empty;
        }

        @Override
        public synchronized void instantiateServiceInstance() {
            owned = true;
            owners.values().forEach(Owner::gained);
        }

        @Override
        public synchronized ListenableFuture<?> closeServiceInstance() {
            owned = false;
            owners.values().forEach(Owner::lost);
            return Futures.immediateFuture(null);
        }
    }
}

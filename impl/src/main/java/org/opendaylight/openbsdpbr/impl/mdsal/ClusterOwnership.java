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
import org.opendaylight.mdsal.singleton.api.ClusterSingletonService;
import org.opendaylight.mdsal.singleton.api.ClusterSingletonServiceProvider;
import org.opendaylight.mdsal.singleton.api.ServiceGroupIdentifier;
import org.opendaylight.openbsdpbr.impl.controller.Ownership;

/**
 * One cluster singleton per router ({@code ServiceGroupIdentifier "openbsd-pbr/router/NAME"}): in an ODL cluster
 * exactly one member manages each router, and another takes over when it goes away. Alone, the only member owns all.
 */
record ClusterOwnership(ClusterSingletonServiceProvider provider) implements Ownership {
    @Override
    public AutoCloseable register(final String router, final Owner owner) {
        final var identifier = new ServiceGroupIdentifier("openbsd-pbr/router/" + router);
        return provider.registerClusterSingletonService(new ClusterSingletonService() {
            @Override
            public ServiceGroupIdentifier getIdentifier() {
                return identifier;
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
        });
    }
}

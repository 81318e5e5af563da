/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.mdsal;

import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.binding.dom.adapter.test.AbstractConcurrentDataBrokerTest;

/** A binding data broker over MD-SAL's in-memory datastores, with this project's models, for tests of the glue. */
final class InMemoryBroker extends AbstractConcurrentDataBrokerTest {
    private InMemoryBroker() {
        // through start()
    }

    /** A fresh, empty broker. */
    static DataBroker start() throws Exception {
        final InMemoryBroker broker = new InMemoryBroker();
        broker.setup();
        return broker.getDataBroker();
    }
}

/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.api.intent;

/** Where a policy route sends its traffic (YANG choice {@code action}). */
public sealed interface Via {
    /**
     * Leave through this uplink: its routing domain's table.
     *
     * @param uplink the uplink's name
     */
    record ViaUplink(String uplink) implements Via {
        public ViaUplink {
            Syntax.checkObjectName("via-uplink", uplink);
        }
    }

    /**
     * Leave through this routing domain's table.
     *
     * @param rdomain the routing domain, 0..255
     */
    record ViaRdomain(int rdomain) implements Via {
        public ViaRdomain {
            Syntax.checkRdomain("via-rdomain", rdomain);
        }
    }
}

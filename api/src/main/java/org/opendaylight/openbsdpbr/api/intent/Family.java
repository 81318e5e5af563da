/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.api.intent;

/** An address family (openbsd-pbr-types address-family), as pf.conf(5) writes it. */
public enum Family {
    /** IPv4: {@code inet}. */
    INET("inet"),
    /** IPv6: {@code inet6}. */
    INET6("inet6");

    private final String keyword;

    Family(final String keyword) {
        this.keyword = keyword;
    }

    /** The pf.conf keyword, {@code inet} or {@code inet6}. */
    public String keyword() {
        return keyword;
    }
}

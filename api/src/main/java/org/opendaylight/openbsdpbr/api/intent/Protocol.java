/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.api.intent;

/** An IP protocol a rule can name (openbsd-pbr-types ip-protocol), as pf.conf(5) writes it. */
public enum Protocol {
    /** {@code tcp}. */
    TCP("tcp"),
    /** {@code udp}. */
    UDP("udp"),
    /** {@code icmp}. */
    ICMP("icmp"),
    /** {@code icmp6}. */
    ICMP6("icmp6");

    private final String keyword;

    Protocol(final String keyword) {
        this.keyword = keyword;
    }

    /** The pf.conf keyword. */
    public String keyword() {
        return keyword;
    }

    /** Whether the protocol has ports (tcp, udp). */
    public boolean hasPorts() {
        return this == TCP || this == UDP;
    }
}

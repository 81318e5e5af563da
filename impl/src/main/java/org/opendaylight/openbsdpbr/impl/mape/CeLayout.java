/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.mape;

/**
 * Layout of the 64-bit interface id of the MAP CE IPv6 address (the address the CE puts on its WAN interface and uses
 * as the local tunnel end point).
 */
public enum CeLayout {
    /** RFC 7597 §6: 16 zero bits | IPv4 address (32) | PSID (16, right-aligned). */
    RFC7597,
    /**
     * draft-ietf-softwire-map-03: 8 zero bits | IPv4 address (32) | PSID (16, right-aligned) | 8 zero bits. This is
     * what v6プラス and OCN バーチャルコネクト expect.
     */
    DRAFT03
}

/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
/**
 * MAP-E (RFC 7597) arithmetic, pure and JDK-only: from a delegated IPv6 prefix and a Basic Mapping Rule to the shared
 * IPv4 address, the PSID, the port set and the CE IPv6 address, in the RFC 7597 or the draft-ietf-softwire-map-03
 * interface-id layout used by Japanese ISPs (v6プラス, OCN バーチャルコネクト).
 *
 * <p>Entry point: {@link org.opendaylight.openbsdpbr.impl.mape.MapECalculator#compute(MapEParameters)}. Address
 * literals are parsed by hand: nothing here ever resolves a name.
 */
package org.opendaylight.openbsdpbr.impl.mape;

/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.render;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.opendaylight.openbsdpbr.api.intent.MapE;
import org.opendaylight.openbsdpbr.impl.mape.CeLayout;
import org.opendaylight.openbsdpbr.impl.mape.MapECalculator;
import org.opendaylight.openbsdpbr.impl.mape.MapEException;
import org.opendaylight.openbsdpbr.impl.mape.MapEParameters;
import org.opendaylight.openbsdpbr.impl.mape.MapEResult;

/**
 * The MAP-E arithmetic of an uplink, remembered by the uplink's parameters. A router is rendered again on every change
 * of its intent or profiles while its MAP-E parameters almost never change, and the arithmetic (parsing two IPv6
 * prefixes, the port set) costs more than the rest of the uplink's checks: it is done once per set of parameters,
 * which {@link MapE}'s value equality identifies. At most {@link #LIMIT} are kept; past that the memo starts over.
 * Refused parameters are not kept (the validator reports them each time).
 */
final class MapEResults {
    /** How many parameter sets are kept, a fleet's worth of distinct ones. */
    static final int LIMIT = 4096;

    private static final Map<MapE, MapEResult> KNOWN = new ConcurrentHashMap<>();

    private MapEResults() {
        // utility
    }

    /** The texts of a result (each a function of the result alone), written once per kept result. */
    private static final IdentityMemo<MapEResult, String> CE_ADDRESSES = new IdentityMemo<>(LIMIT,
        MapEResult::ceAddressString);
    private static final IdentityMemo<MapEResult, String> IPV4_ADDRESSES = new IdentityMemo<>(LIMIT,
        MapEResult::ipv4String);
    private static final IdentityMemo<MapEResult, String[]> PORT_BLOCKS = new IdentityMemo<>(LIMIT,
        PfRenderer::portBlocks);

    /** {@link MapEResult#ceAddressString()}, kept. */
    static String ceAddress(final MapEResult result) {
        return CE_ADDRESSES.get(result);
    }

    /** {@link MapEResult#ipv4String()}, kept. */
    static String ipv4Address(final MapEResult result) {
        return IPV4_ADDRESSES.get(result);
    }

    /** The ends of pf.conf's NAT rules of the result's port blocks ({@link PfRenderer#portBlocks}), kept. */
    static String[] portBlocks(final MapEResult result) {
        return PORT_BLOCKS.get(result);
    }

    /** The arithmetic of an uplink's parameters (RFC 7597). */
    static MapEResult of(final MapE mapE) throws MapEException {
        final MapEResult known = KNOWN.get(mapE);
        if (known != null) {
            return known;
        }
        final MapEResult result = MapECalculator.compute(new MapEParameters(mapE.delegatedPrefix(),
            mapE.ruleIpv6Prefix(), mapE.ruleIpv4Prefix(), mapE.eaBitsLength(), mapE.psidOffset(),
            mapE.ceLayout() == MapE.CeLayout.DRAFT03 ? CeLayout.DRAFT03 : CeLayout.RFC7597));
        if (KNOWN.size() >= LIMIT) {
            KNOWN.clear();
        }
        KNOWN.put(mapE, result);
        return result;
    }
}

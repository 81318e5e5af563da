/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.mapping;

import static org.opendaylight.openbsdpbr.impl.mapping.Values.number;
import static org.opendaylight.openbsdpbr.impl.mapping.Values.texts;
import static org.opendaylight.openbsdpbr.impl.mapping.Values.unions;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.openbsdpbr.api.intent.FallbackTier;
import org.opendaylight.openbsdpbr.api.intent.HealthMonitor;
import org.opendaylight.openbsdpbr.api.intent.MapE;
import org.opendaylight.openbsdpbr.api.intent.UplinkKind;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.Ipv4AddressNoZone;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.FallbackTiers;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.fallback.tiers.Fallback;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.router.intent.uplink.Health;

/**
 * The failover leaves (YANG {@code uplink/health}, grouping {@code fallback-tiers}) to their intent records. Errors
 * are relative to the uplink, policy route or rdomain that holds them.
 */
final class FailoverMapping {
    private FailoverMapping() {
        // utility
    }

    /**
     * An uplink's health monitor, or null without one. The method's default depends on the uplink (the YANG module
     * cannot say so): TCP for MAP-E, whose ICMP echo ids pf NAT does not keep in the port set, ICMP otherwise.
     */
    static @Nullable HealthMonitor health(final @Nullable Health health, final UplinkKind kind) {
        if (health == null) {
            return null;
        }
        final Health.Method method = health.getMethod();
        final HealthMonitor.Method probe = method == null
            ? kind instanceof MapE ? HealthMonitor.Method.TCP : HealthMonitor.Method.ICMP
            : method == Health.Method.Tcp ? HealthMonitor.Method.TCP : HealthMonitor.Method.ICMP;
        return new HealthMonitor(unions(health.getTarget(), Ipv4AddressNoZone::getValue, Order.ADDRESS), probe,
            health.getPort() == null ? HealthMonitor.DEFAULT_PORT : health.getPort().getValue().intValue(),
            number(health.getInterval(), HealthMonitor.DEFAULT_INTERVAL),
            number(health.getDownAfter(), HealthMonitor.DEFAULT_DOWN_AFTER),
            number(health.getUpAfter(), HealthMonitor.DEFAULT_UP_AFTER),
            health.getStatesOnFailover() == Health.StatesOnFailover.Keep ? HealthMonitor.StateAction.KEEP
                : HealthMonitor.StateAction.KILL,
            health.getStatesOnFailback() == Health.StatesOnFailback.Kill ? HealthMonitor.StateAction.KILL
                : HealthMonitor.StateAction.KEEP);
    }

    /** The fallback tiers of a policy route or an rdomain; none is an empty list. */
    static List<FallbackTier> fallback(final FallbackTiers grouping) {
        final var tiers = grouping.getFallback();
        if (tiers == null) {
            return List.of();
        }
        final List<FallbackTier> result = new ArrayList<>(tiers.size());
        for (Fallback tier : tiers.values()) {
            result.add(new FallbackTier(number(tier.getTier(), 0),
                texts(tier.getUplink(), java.util.Comparator.naturalOrder())));
        }
        return result;
    }
}

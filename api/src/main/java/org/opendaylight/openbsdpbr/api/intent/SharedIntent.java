/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.api.intent;

import java.util.Comparator;
import java.util.List;

/**
 * The intent pieces a profile can share with many routers (YANG grouping {@code shared-intent}); a router's own intent
 * holds the same pieces. Keyed lists carry no order in YANG, so they are kept in key order here (policy routes by
 * sequence, then name); two entries with one key are refused. Null lists are empty; a null container is absent.
 *
 * @param tables pf tables, by name
 * @param hostGroups host groups, by name
 * @param policyRoutes policy routes, by sequence then name
 * @param nat NAT rules, by uplink
 * @param inboundServices inbound services, by name
 * @param dnsResolver unwind, or null when not managed
 * @param sshd sshd, or null when not managed
 */
public record SharedIntent(List<PfTable> tables, List<HostGroup> hostGroups, List<PolicyRoute> policyRoutes,
        List<NatRule> nat, List<InboundService> inboundServices, DnsResolver dnsResolver, Sshd sshd) {
    private static final Comparator<PolicyRoute> SEQUENCE_ORDER = Comparator.comparingLong(PolicyRoute::sequence)
        .thenComparing(PolicyRoute::name);

    /** Nothing shared. */
    public static final SharedIntent EMPTY = new SharedIntent(null, null, null, null, null, null, null);

    public SharedIntent {
        tables = Keyed.byName(tables, PfTable::name, table -> PfTable.path(table.name()));
        hostGroups = Keyed.byName(hostGroups, HostGroup::name, group -> HostGroup.path(group.name()));
        policyRoutes = Keyed.sorted(policyRoutes, PolicyRoute::name, route -> PolicyRoute.path(route.name()),
            SEQUENCE_ORDER);
        nat = Keyed.byName(nat, NatRule::uplink, rule -> NatRule.path(rule.uplink()));
        inboundServices = Keyed.byName(inboundServices, InboundService::name,
            service -> InboundService.path(service.name()));
    }
}

/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.render;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.opendaylight.openbsdpbr.api.intent.HostGroup;
import org.opendaylight.openbsdpbr.api.intent.Interface;
import org.opendaylight.openbsdpbr.api.intent.PfTable;
import org.opendaylight.openbsdpbr.api.intent.Rdomain;
import org.opendaylight.openbsdpbr.api.intent.RouterIntent;
import org.opendaylight.openbsdpbr.api.intent.SharedIntent;
import org.opendaylight.openbsdpbr.api.intent.Uplink;
import org.opendaylight.openbsdpbr.impl.mape.MapEResult;

/**
 * An effective intent with its references looked up once: what the validator checks, the renderer writes from and
 * the lints read. Lookups of names that do not exist return null; the validator reports them.
 */
final class Resolution {
    /** The table every rule may name without defining it: {@link Martians}. */
    static final String MARTIANS = "martians";

    final RouterIntent intent;
    final SharedIntent shared;
    final Map<String, Uplink> uplinks;
    final Map<String, Interface> interfaces;
    final Map<String, PfTable> tables;
    final Map<String, HostGroup> hostGroups;
    final Map<Integer, Rdomain> rdomains;
    /** Uplinks by the interface they leave through. */
    final Map<String, Uplink> uplinkByInterface;
    /** The uplink holding each rdomain's default route (only valid ones). */
    final Map<Integer, Uplink> defaultRoutes = new HashMap<>();
    /** MAP-E results by uplink name (only computable ones). */
    final Map<String, MapEResult> mapE = new HashMap<>();
    /** Routing domains that exist on the router: rdomain 0 and every rdomain an interface or uplink is in. */
    final Set<Integer> existingRdomains = new HashSet<>();
    /** {@code <if>:network} of every interface of the router, as pf writes them. */
    final Set<String> interfaceNetworks;

    Resolution(final RouterIntent intent) {
        this.intent = intent;
        shared = intent.shared();
        uplinks = index(intent.uplinks(), Uplink::name);
        interfaces = index(intent.interfaces(), Interface::name);
        tables = index(shared.tables(), PfTable::name);
        hostGroups = index(shared.hostGroups(), HostGroup::name);
        rdomains = HashMap.newHashMap(intent.rdomains().size());
        for (Rdomain rdomain : intent.rdomains()) {
            rdomains.put(rdomain.id(), rdomain);
        }
        uplinkByInterface = HashMap.newHashMap(intent.uplinks().size());
        for (Uplink uplink : intent.uplinks()) {
            uplinkByInterface.putIfAbsent(uplink.interfaceName(), uplink);
            existingRdomains.add(uplink.rdomain());
        }
        existingRdomains.add(0);
        interfaceNetworks = HashSet.newHashSet(interfaces.size() + uplinkByInterface.size());
        for (String iface : interfaces.keySet()) {
            interfaceNetworks.add(iface + ":network");
        }
        for (String iface : uplinkByInterface.keySet()) {
            interfaceNetworks.add(iface + ":network");
        }
        for (Interface iface : intent.interfaces()) {
            existingRdomains.add(iface.rdomain());
        }
        for (Rdomain rdomain : intent.rdomains()) {
            if (rdomain.loopbackAddress() != null) {
                existingRdomains.add(rdomain.id());
            }
        }
    }

    /** Whether a rule may name this table: one of the intent, or the built-in martians. */
    boolean hasTable(final String name) {
        return tables.containsKey(name) || MARTIANS.equals(name);
    }

    /** The rdomain's loopback address, or null. */
    String loopbackOf(final int rdomain) {
        final Rdomain found = rdomains.get(rdomain);
        return found == null ? null : found.loopbackAddress();
    }

    private static <T> Map<String, T> index(final List<T> values, final java.util.function.Function<T, String> key) {
        final Map<String, T> map = HashMap.newHashMap(values.size());
        for (T value : values) {
            map.put(key.apply(value), value);
        }
        return map;
    }
}

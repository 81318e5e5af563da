/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.render;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.opendaylight.openbsdpbr.api.intent.Dhcp;
import org.opendaylight.openbsdpbr.api.intent.HostGroup;
import org.opendaylight.openbsdpbr.api.intent.Interface;
import org.opendaylight.openbsdpbr.api.intent.MapE;
import org.opendaylight.openbsdpbr.api.intent.PfTable;
import org.opendaylight.openbsdpbr.api.intent.Pppoe;
import org.opendaylight.openbsdpbr.api.intent.Rdomain;
import org.opendaylight.openbsdpbr.api.intent.RouterIntent;
import org.opendaylight.openbsdpbr.api.intent.SharedIntent;
import org.opendaylight.openbsdpbr.api.intent.StaticUplink;
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
    /**
     * Every interface that faces an ISP, in the order pf.conf filters them: uplinks by name, each uplink's carrier
     * (MAP-E WAN, PPPoE parent) before the uplink's own interface, each interface once.
     */
    final Map<String, IspFacing> ispFacing;

    /**
     * An interface that faces an ISP: default-deny inbound for both families (see {@link PfRenderer}).
     *
     * <p>Which interfaces: the interface every uplink leaves through (pppoeN, gifN, the DHCP or static interface),
     * every MAP-E WAN (it carries native IPv6 from the ISP and the tunnel) and every PPPoE parent (it is cabled to
     * the ISP's access network; anything IP that arrives there comes from the ISP's side).
     */
    static final class IspFacing {
        final String name;
        /** What it is to each uplink, for the comment: {@code MAP-E WAN of ipoe}, {@code uplink pppoe}. */
        final List<String> roles = new ArrayList<>(2);
        /** The uplink that leaves through it, or null for a carrier only. */
        Uplink uplink;
        /** Whether it carries IPv6 from the ISP (and so needs the ICMPv6 that IPv6 lives on). */
        boolean v6;

        IspFacing(final String name) {
            this.name = name;
        }
    }

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
        ispFacing = LinkedHashMap.newLinkedHashMap(intent.uplinks().size() * 2);
        for (Uplink uplink : intent.uplinks()) {
            switch (uplink.kind()) {
                case MapE tunnel -> facing(tunnel.wanInterface(), "MAP-E WAN of " + uplink.name()).v6 = true;
                case Pppoe pppoe -> facing(pppoe.parent(), "PPPoE parent of " + uplink.name());
                default -> {
                    // a DHCP or static uplink leaves through its own interface
                }
            }
            final IspFacing own = facing(uplink.interfaceName(), "uplink " + uplink.name());
            own.uplink = uplink;
            if (uplink.kind() instanceof Pppoe pppoe && pppoe.ipv6()) {
                own.v6 = true;
            }
        }
        for (IspFacing facing : ispFacing.values()) {
            final Interface iface = interfaces.get(facing.name);
            if (iface != null && !iface.ipv6Addresses().isEmpty()) {
                facing.v6 = true;
            }
        }
    }

    private IspFacing facing(final String iface, final String role) {
        final IspFacing facing = ispFacing.computeIfAbsent(iface, IspFacing::new);
        facing.roles.add(role);
        return facing;
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

    /** Whether the interface faces an ISP ({@link #ispFacing}). */
    boolean facesIsp(final String iface) {
        return ispFacing.containsKey(iface);
    }

    /**
     * Whether the interface holds an address of the family that exists when pf.conf loads, so that pfctl can resolve
     * {@code <if>:network}: one written in the intent (an interface address, a static uplink's address, the MAP-E
     * IPv4 address on gifN, the MAP-E CE address on its WAN). Addresses that come and go (DHCP, PPPoE, router
     * advertisements) do not count: pfctl resolves {@code <if>:network} once, when it loads the rules, and fails
     * with "no IP address found" without one.
     */
    boolean hasStaticAddress(final String iface, final boolean v6) {
        final Interface own = interfaces.get(iface);
        if (own != null && !(v6 ? own.ipv6Addresses() : own.ipv4Addresses()).isEmpty()) {
            return true;
        }
        for (Uplink uplink : intent.uplinks()) {
            final boolean holds = switch (uplink.kind()) {
                case StaticUplink statik -> !v6 && statik.iface().equals(iface);
                case MapE tunnel -> v6 ? tunnel.wanInterface().equals(iface) : tunnel.iface().equals(iface);
                case Pppoe pppoe -> false;
                case Dhcp dhcp -> false;
            };
            if (holds) {
                return true;
            }
        }
        return false;
    }

    private static <T> Map<String, T> index(final List<T> values, final java.util.function.Function<T, String> key) {
        final Map<String, T> map = HashMap.newHashMap(values.size());
        for (T value : values) {
            map.put(key.apply(value), value);
        }
        return map;
    }
}

/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.render;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.opendaylight.openbsdpbr.api.intent.DnsResolver;
import org.opendaylight.openbsdpbr.api.intent.HostGroup;
import org.opendaylight.openbsdpbr.api.intent.InboundService;
import org.opendaylight.openbsdpbr.api.intent.NatRule;
import org.opendaylight.openbsdpbr.api.intent.PfTable;
import org.opendaylight.openbsdpbr.api.intent.PolicyRoute;
import org.opendaylight.openbsdpbr.api.intent.Profile;
import org.opendaylight.openbsdpbr.api.intent.RouterIntent;
import org.opendaylight.openbsdpbr.api.intent.SharedIntent;
import org.opendaylight.openbsdpbr.api.intent.Sshd;

/**
 * A router's effective intent: its profiles merged with its own intent.
 *
 * <p>Precedence (the YANG module's description says the same):
 * <ol>
 *   <li>The router's profiles apply in the order the router lists them, then the router's own intent: a later layer
 *       wins.</li>
 *   <li>A list entry (table, host group, policy route, NAT rule, inbound service) replaces an earlier entry with the
 *       same key as a whole; entries with other keys from every layer are kept. Nothing is merged inside an entry:
 *       a router's table {@code via_pppoe} replaces a profile's {@code via_pppoe} with all its addresses.</li>
 *   <li>A container ({@code dns-resolver}, {@code sshd}) replaces an earlier one as a whole; a layer without it
 *       leaves the earlier one in place. A router cannot remove a profile's container, only replace it.</li>
 *   <li>Rdomains, interfaces and uplinks exist only in the router's own intent.</li>
 * </ol>
 * References are resolved only after the merge ({@link IntentValidator}), so a profile's policy route may name an
 * uplink that each router defines. {@link Merged#origin(String)} tells where each entry came from, so that errors
 * name the profile element a user has to fix.
 */
public final class IntentMerger {
    private IntentMerger() {
        // utility
    }

    /**
     * The effective intent of a router.
     *
     * @param profiles the router's profiles, in the order the router lists them
     * @param own the router's own intent
     * @return the effective intent: {@code own} with the merged shared pieces
     */
    public static RouterIntent merge(final List<Profile> profiles, final RouterIntent own) {
        return mergeWithOrigins(profiles, own).effective();
    }

    /**
     * The effective intent of a router, with where each shared entry came from.
     *
     * @param profiles the router's profiles, in the order the router lists them
     * @param own the router's own intent
     * @return the effective intent and its origins
     */
    public static Merged mergeWithOrigins(final List<Profile> profiles, final RouterIntent own) {
        requireNonNull(own, "own");
        final Map<String, String> origins = new HashMap<>();
        final Map<String, PfTable> tables = new LinkedHashMap<>();
        final Map<String, HostGroup> hostGroups = new LinkedHashMap<>();
        final Map<String, PolicyRoute> policyRoutes = new LinkedHashMap<>();
        final Map<String, NatRule> nat = new LinkedHashMap<>();
        final Map<String, InboundService> services = new LinkedHashMap<>();
        DnsResolver dnsResolver = null;
        Sshd sshd = null;

        final List<Layer> layers = new ArrayList<>();
        for (Profile profile : profiles) {
            layers.add(new Layer(Profile.path(profile.name()), profile.intent()));
        }
        layers.add(new Layer(RouterIntent.PATH, own.shared()));
        for (Layer layer : layers) {
            final SharedIntent shared = layer.intent();
            put(tables, shared.tables(), table -> PfTable.path(table.name()), layer.path(), origins);
            put(hostGroups, shared.hostGroups(), group -> HostGroup.path(group.name()), layer.path(), origins);
            put(policyRoutes, shared.policyRoutes(), route -> PolicyRoute.path(route.name()), layer.path(), origins);
            put(nat, shared.nat(), rule -> NatRule.path(rule.uplink()), layer.path(), origins);
            put(services, shared.inboundServices(), service -> InboundService.path(service.name()), layer.path(),
                origins);
            if (shared.dnsResolver() != null) {
                dnsResolver = shared.dnsResolver();
                origins.put(DnsResolver.PATH, layer.path());
            }
            if (shared.sshd() != null) {
                sshd = shared.sshd();
                origins.put(Sshd.PATH, layer.path());
            }
        }
        final SharedIntent merged = new SharedIntent(List.copyOf(tables.values()), List.copyOf(hostGroups.values()),
            List.copyOf(policyRoutes.values()), List.copyOf(nat.values()), List.copyOf(services.values()),
            dnsResolver, sshd);
        return new Merged(own.withShared(merged), Map.copyOf(origins));
    }

    private static <T> void put(final Map<String, T> target, final List<T> entries, final Function<T, String> key,
            final String layer, final Map<String, String> origins) {
        for (T entry : entries) {
            final String path = key.apply(entry);
            target.put(path, entry);
            origins.put(path, layer);
        }
    }

    private record Layer(String path, SharedIntent intent) {
        // one profile or the router's own intent
    }

    /**
     * An effective intent and where its shared entries came from.
     *
     * @param effective the effective intent
     * @param origins for each shared entry's relative path ({@code policy-route[name=x]}, {@code sshd}), the path of
     *     the layer it came from ({@code profiles/profile[name=p]} or {@code intent})
     */
    public record Merged(RouterIntent effective, Map<String, String> origins) {
        public Merged {
            requireNonNull(effective, "effective");
            origins = Map.copyOf(origins);
        }

        /**
         * The layer an element came from.
         *
         * @param element a relative element path whose first step is a shared entry, e.g.
         *     {@code policy-route[name=x]/via-uplink}
         * @return {@code profiles/profile[name=p]} or {@code intent}
         */
        public String origin(final String element) {
            final int slash = element.indexOf('/');
            final String entry = slash < 0 ? element : element.substring(0, slash);
            return origins.getOrDefault(entry, RouterIntent.PATH);
        }
    }
}

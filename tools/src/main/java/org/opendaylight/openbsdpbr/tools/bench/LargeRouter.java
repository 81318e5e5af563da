/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.tools.bench;

import java.util.ArrayList;
import java.util.List;
import org.opendaylight.openbsdpbr.api.intent.Dhcp;
import org.opendaylight.openbsdpbr.api.intent.DnsResolver;
import org.opendaylight.openbsdpbr.api.intent.Endpoint;
import org.opendaylight.openbsdpbr.api.intent.Family;
import org.opendaylight.openbsdpbr.api.intent.HostGroup;
import org.opendaylight.openbsdpbr.api.intent.InboundService;
import org.opendaylight.openbsdpbr.api.intent.Interface;
import org.opendaylight.openbsdpbr.api.intent.Interface.Kind;
import org.opendaylight.openbsdpbr.api.intent.MapE;
import org.opendaylight.openbsdpbr.api.intent.NatRule;
import org.opendaylight.openbsdpbr.api.intent.PfTable;
import org.opendaylight.openbsdpbr.api.intent.PolicyRoute;
import org.opendaylight.openbsdpbr.api.intent.Pppoe;
import org.opendaylight.openbsdpbr.api.intent.Protocol;
import org.opendaylight.openbsdpbr.api.intent.Rdomain;
import org.opendaylight.openbsdpbr.api.intent.RouterIntent;
import org.opendaylight.openbsdpbr.api.intent.Secret;
import org.opendaylight.openbsdpbr.api.intent.SharedIntent;
import org.opendaylight.openbsdpbr.api.intent.Sshd;
import org.opendaylight.openbsdpbr.api.intent.StaticRoute;
import org.opendaylight.openbsdpbr.api.intent.StaticUplink;
import org.opendaylight.openbsdpbr.api.intent.Uplink;
import org.opendaylight.openbsdpbr.api.intent.Via;

/**
 * A large branch router for the benchmark: 8 rdomains, 6 uplinks (MAP-E with 15 port blocks, three PPPoE, DHCP,
 * static), 12 interfaces, 10 tables, 10 host groups, 130 policy routes, NAT on every uplink, 4 inbound services,
 * unwind and sshd with 8 listeners.
 */
public final class LargeRouter {
    /** Number of policy routes. */
    public static final int POLICY_ROUTES = 130;

    private LargeRouter() {
        // fixture
    }

    /** The router's effective intent. */
    public static RouterIntent intent() {
        final List<Rdomain> rdomains = new ArrayList<>();
        rdomains.add(new Rdomain(0, "IPoE and the LAN", null, "ipoe", List.of(
            new StaticRoute("10.0.0.0/8", new StaticRoute.ViaGateway("192.168.1.254")))));
        final String[] defaults = { null, "pppoe-a", "pppoe-b", "cable", "fiber", "pppoe-c", null, null };
        for (int id = 1; id < 8; id++) {
            rdomains.add(new Rdomain(id, "rdomain " + id, "127.0.0.1/8", defaults[id], List.of()));
        }

        final List<Interface> interfaces = new ArrayList<>();
        interfaces.add(new Interface("em0", Kind.PHYSICAL, "ONU", 0, null, null, 1508, null, true));
        interfaces.add(new Interface("em1", Kind.PHYSICAL, "LAN port", 0, null, null, null, null, true));
        interfaces.add(new Interface("em2", Kind.PHYSICAL, "LAN port", 0, null, null, null, null, true));
        interfaces.add(new Interface("em3", Kind.PHYSICAL, "cable modem", 3, null, null, null, null, true));
        interfaces.add(new Interface("em4", Kind.PHYSICAL, "fiber handoff", 4, null, null, null, null, true));
        interfaces.add(new Interface("em5", Kind.PHYSICAL, "second ONU", 0, null, null, null, null, true));
        interfaces.add(new Interface("em6", Kind.PHYSICAL, "lab", 6, List.of("10.6.0.1/24"), null, null, null,
            true));
        interfaces.add(new Interface("em7", Kind.PHYSICAL, "management", 7, List.of("10.7.0.1/24"), null, null,
            null, true));
        interfaces.add(new Interface("veb0", Kind.VEB, "LAN bridge", 0, null, null, null,
            List.of("em1", "em2", "vport0"), true));
        interfaces.add(new Interface("vport0", Kind.VPORT, "the router on the LAN", 0, List.of("192.168.1.1/24"),
            List.of("2001:db8:1::1/64"), null, null, true));
        interfaces.add(new Interface("vport1", Kind.VPORT, "guest LAN", 0, List.of("192.168.2.1/24"), null, null,
            null, true));
        interfaces.add(new Interface("veb1", Kind.VEB, "guest bridge", 0, null, null, null, List.of("vport1"),
            true));

        final List<Uplink> uplinks = List.of(
            new Uplink("ipoe", "MAP-E", 0, null, new MapE("gif0", "em0",
                "240b:10:af40:3c00::/56", "2404:9200:225:100::64", "240b:10::/31", "106.72.0.0/15", 25, 4,
                MapE.CeLayout.DRAFT03, MapE.NatMode.PORT_BLOCKS, 1460)),
            new Uplink("pppoe-a", "PPPoE A", 1, null, new Pppoe("pppoe0",
                "em0", null, "user-a@isp.example", new Secret("secret-a"), 1500, true)),
            new Uplink("pppoe-b", "PPPoE B", 2, null, new Pppoe("pppoe1",
                "em0", null, "user-b@isp.example", new Secret("secret-b"), 1454, false)),
            new Uplink("pppoe-c", "PPPoE C", 5, 1400, new Pppoe("pppoe2",
                "em5", null, "user-c@isp.example", new Secret("secret-c"), 1454, false)),
            new Uplink("cable", "cable", 3, null, new Dhcp("em3")),
            new Uplink("fiber", "fiber", 4, null,
                new StaticUplink("em4", "203.0.113.2/30", "203.0.113.1")));
        final String[] viaUplinks = { "pppoe-a", "pppoe-b", "pppoe-c", "cable", "fiber" };

        final List<PfTable> tables = new ArrayList<>();
        final List<HostGroup> hostGroups = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            final List<String> entries = new ArrayList<>();
            for (int j = 0; j < 5; j++) {
                entries.add("198.51." + (100 + i) + "." + (j * 16) + "/28");
            }
            tables.add(new PfTable("dst_" + i, "destinations of service " + i, true, false, entries));
            hostGroups.add(new HostGroup("hosts_" + i, "LAN hosts of team " + i,
                List.of("192.168.1." + (10 + i * 4), "192.168.1." + (11 + i * 4), "192.168.1." + (12 + i * 4))));
        }

        final List<PolicyRoute> routes = new ArrayList<>(POLICY_ROUTES);
        for (int i = 0; i < POLICY_ROUTES; i++) {
            final Endpoint source;
            final Endpoint destination;
            Protocol protocol = null;
            switch (i % 5) {
                case 0 -> {
                    source = Endpoint.of(new Endpoint.InterfaceNetwork("vport0:network"));
                    destination = Endpoint.of(new Endpoint.TableRef("dst_" + i % 10));
                }
                case 1 -> {
                    source = Endpoint.of(new Endpoint.HostGroupRef("hosts_" + i % 10));
                    destination = new Endpoint(new Endpoint.TableRef("martians"), true, List.of());
                }
                case 2 -> {
                    protocol = Protocol.TCP;
                    source = Endpoint.of(new Endpoint.InterfaceNetwork("vport1:network"));
                    destination = new Endpoint(null, false, List.of(80, 443, 8000 + i));
                }
                case 3 -> {
                    source = Endpoint.of(new Endpoint.Networks(List.of("192.168.1." + i + "/32")));
                    destination = Endpoint.of(new Endpoint.Networks(List.of("203.0.113." + i % 250 + "/32",
                        "198.18." + i + ".0/24")));
                }
                default -> {
                    protocol = Protocol.UDP;
                    source = Endpoint.of(new Endpoint.HostGroupRef("hosts_" + i % 10));
                    destination = new Endpoint(new Endpoint.TableRef("dst_" + i % 10), false, List.of(53));
                }
            }
            final Via via = i % 13 == 12 ? new Via.ViaRdomain(3) : new Via.ViaUplink(viaUplinks[i % 5]);
            routes.add(new PolicyRoute("route-" + i, 10L * (i + 1), i % 3 == 0 ? "policy route number " + i : null,
                i % 5 == 2 ? "vport1" : "vport0", Family.INET, protocol, source, destination, via));
        }

        final List<NatRule> nat = new ArrayList<>();
        for (Uplink uplink : uplinks) {
            nat.add(new NatRule(uplink.name(), List.of("vport0:network", "vport1:network")));
        }
        final List<InboundService> services = List.of(
            new InboundService("ssh-a", "pppoe-a", null, 22, List.of("198.51.100.0/24")),
            new InboundService("ssh-fiber", "fiber", null, 22, null),
            new InboundService("vpn", "fiber", Protocol.UDP, 51820, null),
            new InboundService("web", "pppoe-b", null, 443, null));
        final List<Sshd.Listen> listeners = new ArrayList<>();
        for (int id = 0; id < 8; id++) {
            listeners.add(new Sshd.Listen("0.0.0.0", id));
        }
        return new RouterIntent("large-router", "7.8", rdomains, interfaces, uplinks, new SharedIntent(tables,
            hostGroups, routes, nat, services, new DnsResolver(1, List.of("8.8.8.8", "1.1.1.1"), false),
            new Sshd(listeners, 22, false, null)));
    }
}

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import java.util.stream.Stream;
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
import org.opendaylight.openbsdpbr.api.intent.Profile;
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
 * Randomized intents over the whole model, for property tests: every uplink kind (PPPoE with and without IPv6 and
 * jumbo MTUs on shared parents, MAP-E with both CE layouts and both NAT modes, DHCP, static), several rdomains, both
 * families, every endpoint match kind (any, internet, networks, tables, host groups, interface networks, negated or
 * not, with ports), via-uplink and via-rdomain, NAT, inbound services, unwind, sshd, static routes, and profiles that
 * contribute and override shared entries.
 *
 * <p>Most cases are valid by construction (references chosen among what exists, families kept consistent); a share of
 * them carries exactly one {@link Mistake}, a defect of one of the classes the validator must refuse, so that a
 * property test can check both that valid intents render files that keep the invariants and that each defect is
 * refused at its element.
 *
 * <p>Reproducible: a case is a pure function of its seed ({@link #generate(long)}); {@link #cases(long, int)} uses
 * seeds {@code base, base + 1, ...}. A failing property test prints the case's seed; {@code
 * -DrandomIntents.seed=N} changes the base seed of a run.
 */
public final class RandomIntents {
    /** The base seed of a run unless {@code -DrandomIntents.seed} says otherwise. */
    public static final long DEFAULT_SEED = 20_261_124L;

    /** The defects a case may carry, each one the validator must refuse. */
    public enum Mistake {
        /** A via-uplink to an uplink that does not hold its rdomain's default route. */
        VIA_UPLINK_NOT_DEFAULT("/via-uplink"),
        /** A policy route entering on an interface that faces the ISP. */
        INGRESS_ON_ISP("/ingress-interface"),
        /** A host group with no address of the rule's family. */
        HOST_GROUP_FAMILY("/host-group"),
        /** {@code <if>:network} of an interface without an address of the family. */
        INTERFACE_NETWORK_WITHOUT_ADDRESS("/interface-network"),
        /** An sshd listener on an address no interface of its rdomain holds. */
        SSHD_FOREIGN_ADDRESS("/address"),
        /** unwind in an rtable no interface creates. */
        UNWIND_NO_RTABLE("dns-resolver/rtable"),
        /** A static default route beside the rdomain's default-route-via. */
        STATIC_DEFAULT_TWICE("[destination=0.0.0.0/0]/destination"),
        /** A PPPoE parent whose MTU cannot carry the session plus its 8-byte header. */
        PPPOE_PARENT_MTU("pppoe/mtu"),
        /** A MAP-E tunnel MTU above the WAN's MTU minus 40. */
        MAP_E_MTU("map-e/mtu");

        private final String pathEnd;

        Mistake(final String pathEnd) {
            this.pathEnd = pathEnd;
        }

        /** How the path of the error it causes ends (or a part of it, for the services' paths). */
        public String pathPart() {
            return pathEnd;
        }
    }

    /**
     * One generated case.
     *
     * @param seed the seed that generates it again
     * @param profiles the router's profiles, in order
     * @param own the router's own intent
     * @param effective the profiles merged with the router's own intent
     * @param mistake the defect this case carries on purpose, or null for a case that is valid by construction
     */
    public record Case(long seed, List<Profile> profiles, RouterIntent own, RouterIntent effective,
            Mistake mistake) {
        public Case {
            requireNonNull(own);
            requireNonNull(effective);
            profiles = List.copyOf(profiles);
        }

        @Override
        public String toString() {
            return "random intent seed " + seed + (mistake == null ? "" : " (mistake " + mistake + ")");
        }
    }

    /** The MAP-E parameter sets the generator picks from: the seed's v6plus rule and RFC 7597's first example. */
    private static final List<String[]> MAP_E = List.of(
        new String[] { "240b:10::/31", "106.72.0.0/15", "25", "4", "2404:9200:225:100::64", "draft03" },
        new String[] { "2001:db8::/40", "192.0.2.0/24", "16", "6", "2001:db8:ffff::1", "rfc7597" });

    private static final List<String> PF_NAMES = List.of("via_isp", "office", "Table", "dst_cdn", "_private",
        "voip", "tagged_hosts", "lab", "streaming", "martians");

    private final SplittableRandom random;
    private final long seed;
    private Mistake mistake;

    private final List<Rdomain> rdomains = new ArrayList<>();
    private final Map<String, Interface> interfaces = new LinkedHashMap<>();
    private final List<Uplink> uplinks = new ArrayList<>();
    private final Map<Integer, String> defaults = new LinkedHashMap<>();
    private final List<Integer> rdomainIds = new ArrayList<>();
    /** The rdomains that exist on the router: with an interface, an uplink or a loopback (rdomain 0 always). */
    private final java.util.TreeSet<Integer> existing = new java.util.TreeSet<>();
    private int nextPhysical;
    private String lan;
    private boolean lanV6;

    private RandomIntents(final long seed) {
        this.seed = seed;
        random = new SplittableRandom(seed);
    }

    /** The case of one seed. */
    public static Case generate(final long seed) {
        return new RandomIntents(seed).build();
    }

    /** {@code count} cases with seeds {@code base, base + 1, ...}. */
    public static Stream<Case> cases(final long base, final int count) {
        return LongStream.range(base, base + count).mapToObj(RandomIntents::generate);
    }

    /** The base seed of this run: {@code -DrandomIntents.seed}, else {@link #DEFAULT_SEED}. */
    public static long baseSeed() {
        return Long.getLong("randomIntents.seed", DEFAULT_SEED);
    }

    private boolean chance(final int percent) {
        return random.nextInt(100) < percent;
    }

    private <T> T pick(final List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private Case build() {
        if (chance(25)) {
            mistake = pick(List.of(Mistake.values()));
        }
        rdomainIds.add(0);
        int id = 0;
        for (int extra = random.nextInt(4); extra > 0; extra--) {
            id += 1 + random.nextInt(3);
            rdomainIds.add(id);
        }
        lan();
        otherRdomainLans();
        uplinkSet();
        rdomainList();
        existing.add(0);
        for (Rdomain rdomain : rdomains) {
            if (rdomain.loopbackAddress() != null) {
                existing.add(rdomain.id());
            }
        }
        interfaces.values().forEach(iface -> existing.add(iface.rdomain()));
        uplinks.forEach(uplink -> existing.add(uplink.rdomain()));
        final SharedIntent shared = shared();
        final Split split = split(shared);
        final RouterIntent own = new RouterIntent("random-" + Long.toUnsignedString(seed, 36), null, rdomains,
            List.copyOf(interfaces.values()), uplinks, split.own);
        final RouterIntent effective = IntentMerger.merge(split.profiles, own);
        return new Case(seed, split.profiles, own, effective, mistake);
    }

    // ---- interfaces and uplinks ------------------------------------------------------------------------------------

    private String physical(final int rdomain, final List<String> ipv4, final List<String> ipv6, final Integer mtu) {
        final String name = "em" + nextPhysical++;
        interfaces.put(name, new Interface(name, Kind.PHYSICAL, chance(30) ? "port " + name : null, rdomain, ipv4,
            ipv6, mtu, null, true));
        return name;
    }

    /** The LAN in rdomain 0: a veb bridge with a vport, or a plain port; IPv6 on it half of the time. */
    private void lan() {
        lanV6 = chance(50);
        final String v4 = "192.168." + random.nextInt(1, 250) + ".1/24";
        final List<String> v6 = lanV6 ? List.of(chance(50) ? "2001:db8:" + Integer.toHexString(random.nextInt(1,
            0xffff)) + "::1/64" : "fd00:" + Integer.toHexString(random.nextInt(1, 0xffff)) + "::1/64") : List.of();
        if (chance(60)) {
            final String port1 = physical(0, null, null, null);
            final String port2 = physical(0, null, null, null);
            interfaces.put("vport0", new Interface("vport0", Kind.VPORT, "the router on the LAN", 0, List.of(v4), v6,
                null, null, true));
            interfaces.put("veb0", new Interface("veb0", Kind.VEB, "LAN bridge", 0, null, null, null,
                List.of(port1, port2, "vport0"), true));
            lan = "vport0";
        } else {
            lan = physical(0, List.of(v4), v6, chance(20) ? 9000 : null);
        }
    }

    /** A LAN port with an address in some of the other rdomains. */
    private void otherRdomainLans() {
        for (int id : rdomainIds) {
            if (id != 0 && chance(50)) {
                physical(id, List.of("10." + id + ".0.1/24"), chance(30) ? List.of("fd00:" + id + "::1/64")
                    : List.of(), null);
            }
        }
    }

    private void uplinkSet() {
        final int count = 1 + random.nextInt(4);
        final List<String> parents = new ArrayList<>();
        int pppoe = 0;
        int gif = 0;
        for (int i = 0; i < count; i++) {
            final int rdomain = pick(rdomainIds);
            final String name = List.of("isp-a", "isp-b", "isp-c", "isp-d").get(i);
            final int kind = random.nextInt(4);
            switch (kind) {
                case 0 -> {
                    final String parent = !parents.isEmpty() && chance(50) ? pick(parents) : wanPort(parents);
                    final int mtu = pick(List.of(1454, 1454, 1492, 1500, 1500));
                    uplinks.add(new Uplink(name, chance(30) ? "PPPoE " + name : null, rdomain, chance(20) ? 1400
                        : null, new Pppoe("pppoe" + pppoe++, parent, chance(50) ? Pppoe.AuthProtocol.PAP : null,
                            "user-" + i + "@isp.example", new Secret("s3cret-" + i), mtu, chance(40))));
                }
                case 1 -> {
                    final String wan = !parents.isEmpty() && chance(50) ? pick(parents) : wanPort(parents);
                    final String[] rule = pick(MAP_E);
                    final String prefix = rule[0].startsWith("240b") ? "240b:1" + random.nextInt(2) + ":"
                        + Integer.toHexString(random.nextInt(0x1000, 0xffff)) + ":" + Integer.toHexString(
                            random.nextInt(1, 0xff)) + "00::/56" : "2001:db8:" + Integer.toHexString(random.nextInt(
                                1, 0xff)) + ":" + Integer.toHexString(random.nextInt(1, 0xff)) + "00::/56";
                    uplinks.add(new Uplink(name, null, rdomain, null, new MapE("gif" + gif++, wan, prefix, rule[4],
                        rule[0], rule[1], Integer.parseInt(rule[2]), Integer.parseInt(rule[3]),
                        "draft03".equals(rule[5]) ? MapE.CeLayout.DRAFT03 : MapE.CeLayout.RFC7597,
                        chance(30) ? MapE.NatMode.MAP_E_PORTSET : MapE.NatMode.PORT_BLOCKS,
                        mistake == Mistake.MAP_E_MTU && gif == 1 ? 1500 : pick(List.of(1460, 1460, 1420)))));
                }
                case 2 -> uplinks.add(new Uplink(name, null, rdomain, null, new Dhcp(physical(rdomain, null,
                    chance(20) ? List.of("2001:db8:ff" + i + "::2/64") : List.of(), null))));
                default -> uplinks.add(new Uplink(name, null, rdomain, null, new StaticUplink(physical(rdomain,
                    null, null, null), "203.0.113." + (4 * i + 2) + "/30", "203.0.113." + (4 * i + 1))));
            }
        }
        if (mistake == Mistake.MAP_E_MTU && gif == 0 || mistake == Mistake.PPPOE_PARENT_MTU && pppoe == 0) {
            mistake = null;
        }
        // a parent MTU the sessions cannot use
        for (Uplink uplink : List.copyOf(uplinks)) {
            if (uplink.kind() instanceof Pppoe session && mistake == Mistake.PPPOE_PARENT_MTU) {
                final Interface parent = interfaces.get(session.parent());
                interfaces.put(parent.name(), new Interface(parent.name(), parent.kind(), parent.description(),
                    parent.rdomain(), parent.ipv4Addresses(), parent.ipv6Addresses(), session.mtu() + 4, null, true));
            }
        }
        for (int id : rdomainIds) {
            final List<Uplink> here = uplinks.stream().filter(uplink -> uplink.rdomain() == id).toList();
            if (!here.isEmpty() && chance(90)) {
                defaults.put(id, pick(here).name());
            }
        }
    }

    /** A new physical port cabled to an ISP's access network (a PPPoE parent, a MAP-E WAN). */
    private String wanPort(final List<String> parents) {
        final String name = physical(0, null, null, chance(15) ? 1508 : null);
        parents.add(name);
        return name;
    }

    private void rdomainList() {
        boolean staticDefault = false;
        for (int id : rdomainIds) {
            final List<StaticRoute> routes = new ArrayList<>();
            if (id == 0 && chance(30)) {
                routes.add(new StaticRoute("10.99.0.0/16", new StaticRoute.ViaGateway(gatewayOnLan())));
            }
            if (mistake == Mistake.STATIC_DEFAULT_TWICE && defaults.containsKey(id) && !staticDefault) {
                final Interface own = interfaces.values().stream().filter(iface -> iface.rdomain() == id
                    && !iface.ipv4Addresses().isEmpty()).findFirst().orElse(null);
                if (own != null) {
                    routes.add(new StaticRoute("0.0.0.0/0", new StaticRoute.ViaInterface(own.name())));
                    staticDefault = true;
                }
            }
            final boolean loopback = id != 0 && chance(70);
            rdomains.add(new Rdomain(id, chance(30) ? "rdomain " + id : null, loopback ? "127.0.0.1/8" : null,
                defaults.get(id), routes));
        }
        if (mistake == Mistake.STATIC_DEFAULT_TWICE && !staticDefault) {
            mistake = null;
        }
    }

    private String gatewayOnLan() {
        final String address = interfaces.get(lan).ipv4Addresses().get(0);
        return address.substring(0, address.lastIndexOf('.')) + ".254";
    }

    // ---- shared intent ---------------------------------------------------------------------------------------------

    private SharedIntent shared() {
        final List<PfTable> tables = new ArrayList<>();
        final List<String> names = new ArrayList<>(PF_NAMES);
        for (int i = random.nextInt(4); i > 0; i--) {
            final String name = names.remove(random.nextInt(names.size()));
            tables.add(new PfTable(name, chance(30) ? "table " + name : null, chance(80), chance(20),
                addresses(random.nextInt(5), pick(List.of("v4", "v4", "v6", "mixed")))));
        }
        final List<HostGroup> groups = new ArrayList<>();
        for (int i = random.nextInt(4); i > 0; i--) {
            final String name = names.remove(random.nextInt(names.size()));
            groups.add(new HostGroup(name, null, addresses(1 + random.nextInt(3),
                pick(List.of("v4", "v4", "v6", "mixed")))));
        }
        final List<PolicyRoute> routes = new ArrayList<>();
        for (int i = random.nextInt(7); i > 0; i--) {
            final PolicyRoute route = policyRoute(routes.size(), tables, groups);
            if (route != null) {
                routes.add(route);
            }
        }
        if (mistake != null && routes.isEmpty()) {
            // every route mistake needs a route to break
            final PolicyRoute route = policyRoute(0, tables, groups);
            if (route != null) {
                routes.add(route);
            }
        }
        injectRouteMistake(routes, groups);
        final List<NatRule> nat = new ArrayList<>();
        for (Uplink uplink : uplinks) {
            if (chance(70)) {
                nat.add(new NatRule(uplink.name(), chance(50) ? List.of(lan + ":network")
                    : List.of(interfaces.get(lan).ipv4Addresses().get(0).replaceAll("\\.1/24$", ".0/24"))));
            }
        }
        final List<InboundService> services = new ArrayList<>();
        for (int i = random.nextInt(3); i > 0; i--) {
            final Uplink uplink = pick(uplinks);
            final boolean v6 = carriesIpv6(uplink);
            services.add(new InboundService("svc-" + i, uplink.name(), chance(70) ? Protocol.TCP : Protocol.UDP,
                random.nextInt(1, 65536), chance(50) ? List.of() : addresses(1 + random.nextInt(2),
                    v6 ? pick(List.of("v4", "v6", "mixed")) : "v4")));
        }
        return new SharedIntent(tables, groups, routes, nat, services, resolver(), sshd());
    }

    /** Whether an uplink's interface carries IPv6 from the ISP (so that inbound IPv6 sources make sense). */
    private boolean carriesIpv6(final Uplink uplink) {
        if (uplink.kind() instanceof Pppoe pppoe) {
            return pppoe.ipv6();
        }
        final Interface iface = interfaces.get(uplink.interfaceName());
        return iface != null && !iface.ipv6Addresses().isEmpty();
    }

    private List<String> addresses(final int count, final String families) {
        final List<String> result = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            final boolean v6 = "v6".equals(families) || "mixed".equals(families) && i % 2 == 1;
            result.add(v6 ? "2001:db8:" + Integer.toHexString(random.nextInt(0x100, 0xffff)) + "::"
                + Integer.toHexString(random.nextInt(1, 0xffff)) + (chance(50) ? "" : "/64")
                : random.nextInt(11, 223) + "." + random.nextInt(256) + "." + random.nextInt(256) + "."
                    + random.nextInt(1, 255) + (chance(50) ? "" : "/32"));
        }
        if ("mixed".equals(families) && count == 1) {
            result.add("2001:db8::" + Integer.toHexString(random.nextInt(1, 0xffff)));
        }
        return result;
    }

    private PolicyRoute policyRoute(final int index, final List<PfTable> tables, final List<HostGroup> groups) {
        final Family family = lanV6 && chance(30) ? Family.INET6 : Family.INET;
        final Via via = via(family);
        if (via == null) {
            return null;
        }
        final Protocol protocol = pick(java.util.Arrays.asList(null, null, Protocol.TCP, Protocol.UDP,
            family == Family.INET ? Protocol.ICMP : Protocol.ICMP6));
        final boolean ports = protocol != null && protocol.hasPorts();
        final Endpoint source = endpoint(family, tables, groups, ports, true);
        final Endpoint destination = endpoint(family, tables, groups, ports, false);
        return new PolicyRoute("route-" + index, 10L * (index + 1), chance(30) ? "route number " + index : null, lan,
            family, protocol, source, destination, via);
    }

    /** Where a valid route can go: an uplink that holds its rdomain's default route (IPv6: PPPoE with ipv6), or an
     *  rdomain that exists. */
    private Via via(final Family family) {
        final List<String> holders = new ArrayList<>();
        for (Uplink uplink : uplinks) {
            if (uplink.name().equals(defaults.get(uplink.rdomain())) && (family == Family.INET
                    || uplink.kind() instanceof Pppoe pppoe && pppoe.ipv6())) {
                holders.add(uplink.name());
            }
        }
        if (!holders.isEmpty() && chance(75)) {
            return new Via.ViaUplink(pick(holders));
        }
        return new Via.ViaRdomain(pick(List.copyOf(existing)));
    }

    private Endpoint endpoint(final Family family, final List<PfTable> tables, final List<HostGroup> groups,
            final boolean ports, final boolean source) {
        final boolean v6 = family == Family.INET6;
        final List<Integer> portList = ports && chance(40) ? (chance(50) ? List.of(random.nextInt(1, 65536))
            : List.of(80, 443, random.nextInt(1024, 65536))) : List.of();
        final int kind = random.nextInt(6);
        switch (kind) {
            case 0:
                return new Endpoint(Endpoint.Any.INSTANCE, false, portList);
            case 1:
                return new Endpoint(source ? Endpoint.Any.INSTANCE : Endpoint.Internet.INSTANCE, false, portList);
            case 2: {
                final List<String> networks = addresses(1 + random.nextInt(2), v6 ? "v6" : "v4");
                return new Endpoint(new Endpoint.Networks(networks), networks.size() == 1 && chance(30), portList);
            }
            case 3:
                if (!tables.isEmpty()) {
                    return new Endpoint(new Endpoint.TableRef(pick(tables).name()), chance(30), portList);
                }
                return new Endpoint(new Endpoint.TableRef(Martians.NAME), !source, portList);
            case 4:
                for (HostGroup group : groups) {
                    if (group.addresses().stream().anyMatch(address -> address.contains(":") == v6)) {
                        return new Endpoint(new Endpoint.HostGroupRef(group.name()), false, portList);
                    }
                }
                return new Endpoint(Endpoint.Any.INSTANCE, false, portList);
            default:
                return new Endpoint(new Endpoint.InterfaceNetwork(lan + ":network"), false, portList);
        }
    }

    private void injectRouteMistake(final List<PolicyRoute> routes, final List<HostGroup> groups) {
        if (mistake == null || !List.of(Mistake.VIA_UPLINK_NOT_DEFAULT, Mistake.INGRESS_ON_ISP,
                Mistake.HOST_GROUP_FAMILY, Mistake.INTERFACE_NETWORK_WITHOUT_ADDRESS).contains(mistake)) {
            return;
        }
        final PolicyRoute route = routes.get(0);
        final PolicyRoute broken = switch (mistake) {
            case VIA_UPLINK_NOT_DEFAULT -> {
                final Uplink other = uplinks.stream().filter(uplink -> !uplink.name().equals(defaults.get(
                    uplink.rdomain()))).findFirst().orElse(null);
                yield other == null ? null : copy(route, route.ingressInterface(), Family.INET, route.source(),
                    route.destination(), new Via.ViaUplink(other.name()));
            }
            case INGRESS_ON_ISP -> copy(route, ispFacing(), route.family(), route.source(), route.destination(),
                route.via());
            case HOST_GROUP_FAMILY -> {
                groups.add(new HostGroup("only_v6", null, List.of("2001:db8:bad::1")));
                yield copy(route, route.ingressInterface(), Family.INET, Endpoint.of(new Endpoint.HostGroupRef(
                    "only_v6")), Endpoint.INTERNET, via(Family.INET));
            }
            case INTERFACE_NETWORK_WITHOUT_ADDRESS -> {
                final String bare = noAddress();
                yield bare == null ? null : copy(route, route.ingressInterface(), Family.INET,
                    Endpoint.of(new Endpoint.InterfaceNetwork(bare + ":network")), Endpoint.INTERNET, via(Family.INET));
            }
            default -> null;
        };
        if (broken == null) {
            mistake = null;
        } else {
            routes.set(0, broken);
        }
    }

    private static PolicyRoute copy(final PolicyRoute route, final String ingress, final Family family,
            final Endpoint source, final Endpoint destination, final Via via) {
        final boolean portsOk = route.protocol() == null || route.protocol().hasPorts()
            || family == Family.INET && route.protocol() == Protocol.ICMP;
        return new PolicyRoute(route.name(), route.sequence(), route.description(), ingress, family,
            portsOk ? route.protocol() : null, source, destination, via);
    }

    /** An interface of the intent that faces an ISP: a PPPoE parent, a MAP-E WAN or a DHCP or static port. */
    private String ispFacing() {
        for (Uplink uplink : uplinks) {
            final String iface = switch (uplink.kind()) {
                case Pppoe pppoe -> pppoe.parent();
                case MapE mapE -> mapE.wanInterface();
                default -> uplink.interfaceName();
            };
            if (interfaces.containsKey(iface)) {
                return iface;
            }
        }
        throw new IllegalStateException("every case has an uplink");
    }

    /** An interface without an IPv4 address when pf.conf loads (a PPPoE parent, a bridge, a DHCP port), or null. */
    private String noAddress() {
        for (Interface iface : interfaces.values()) {
            if (iface.ipv4Addresses().isEmpty() && !uplinks.stream().anyMatch(uplink -> uplink.kind()
                    instanceof StaticUplink statik && statik.iface().equals(iface.name()))) {
                return iface.name();
            }
        }
        return null;
    }

    private DnsResolver resolver() {
        if (mistake == Mistake.UNWIND_NO_RTABLE) {
            return new DnsResolver(200, List.of("9.9.9.9"), false);
        }
        if (!chance(50)) {
            return null;
        }
        return new DnsResolver(pick(List.copyOf(existing)), chance(70) ? List.of("8.8.8.8", "2001:4860:4860::8888")
            : List.of(), chance(10));
    }

    private Sshd sshd() {
        if (!chance(60) && mistake != Mistake.SSHD_FOREIGN_ADDRESS) {
            return null;
        }
        final List<Sshd.Listen> listeners = new ArrayList<>();
        for (int id : existing) {
            if (chance(60)) {
                listeners.add(new Sshd.Listen("0.0.0.0", id));
            }
        }
        if (chance(50)) {
            listeners.add(new Sshd.Listen("::", 0));
        }
        if (chance(40)) {
            final String own = interfaces.get(lan).ipv4Addresses().get(0);
            listeners.add(new Sshd.Listen(own.substring(0, own.indexOf('/')), 0));
        }
        if (mistake == Mistake.SSHD_FOREIGN_ADDRESS) {
            listeners.add(new Sshd.Listen("198.51.100.77", 0));
        }
        return new Sshd(listeners, chance(80) ? 22 : random.nextInt(1, 65536), false,
            chance(20) ? Sshd.PermitRootLogin.NO : null);
    }

    // ---- profiles --------------------------------------------------------------------------------------------------

    private record Split(List<Profile> profiles, SharedIntent own) {
        // the profiles and what stays the router's own
    }

    /**
     * Moves some shared entries into 0..2 profiles; sometimes a profile also holds an entry the router's own intent
     * overrides (the same key), so the merge's precedence is exercised.
     */
    private Split split(final SharedIntent shared) {
        final int count = random.nextInt(3);
        if (count == 0) {
            return new Split(List.of(), shared);
        }
        final Parts own = new Parts();
        final List<Parts> parts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            parts.add(new Parts());
        }
        for (PfTable table : shared.tables()) {
            (chance(50) ? pick(parts) : own).tables.add(table);
        }
        for (HostGroup group : shared.hostGroups()) {
            (chance(50) ? pick(parts) : own).groups.add(group);
        }
        for (PolicyRoute route : shared.policyRoutes()) {
            if (chance(30)) {
                // a profile's version that the router's own replaces
                pick(parts).routes.add(new PolicyRoute(route.name(), route.sequence(), "from a profile",
                    route.ingressInterface(), route.family(), null, Endpoint.ANY, Endpoint.ANY, route.via()));
                own.routes.add(route);
            } else {
                (chance(50) ? pick(parts) : own).routes.add(route);
            }
        }
        for (NatRule rule : shared.nat()) {
            (chance(50) ? pick(parts) : own).nat.add(rule);
        }
        for (InboundService service : shared.inboundServices()) {
            (chance(50) ? pick(parts) : own).services.add(service);
        }
        final List<Profile> profiles = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            final Parts part = parts.get(i);
            profiles.add(new Profile("profile-" + i, null, new SharedIntent(part.tables, part.groups, part.routes,
                part.nat, part.services, i == 0 && chance(50) ? shared.dnsResolver() : null,
                i == 0 && chance(50) ? shared.sshd() : null)));
        }
        return new Split(profiles, new SharedIntent(own.tables, own.groups, own.routes, own.nat, own.services,
            shared.dnsResolver(), shared.sshd()));
    }

    /** The shared entries of one layer, while they are being dealt out. */
    private static final class Parts {
        final List<PfTable> tables = new ArrayList<>();
        final List<HostGroup> groups = new ArrayList<>();
        final List<PolicyRoute> routes = new ArrayList<>();
        final List<NatRule> nat = new ArrayList<>();
        final List<InboundService> services = new ArrayList<>();
    }
}

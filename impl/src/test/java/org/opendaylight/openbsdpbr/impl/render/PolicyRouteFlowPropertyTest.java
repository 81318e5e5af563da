/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jdt.annotation.Nullable;
import org.junit.jupiter.api.Test;
import org.opendaylight.openbsdpbr.api.files.FileSet;
import org.opendaylight.openbsdpbr.api.intent.Endpoint;
import org.opendaylight.openbsdpbr.api.intent.Family;
import org.opendaylight.openbsdpbr.api.intent.HostGroup;
import org.opendaylight.openbsdpbr.api.intent.Interface;
import org.opendaylight.openbsdpbr.api.intent.PfTable;
import org.opendaylight.openbsdpbr.api.intent.PolicyRoute;
import org.opendaylight.openbsdpbr.api.intent.Pppoe;
import org.opendaylight.openbsdpbr.api.intent.Protocol;
import org.opendaylight.openbsdpbr.api.intent.Rdomain;
import org.opendaylight.openbsdpbr.api.intent.RouterIntent;
import org.opendaylight.openbsdpbr.api.intent.Uplink;
import org.opendaylight.openbsdpbr.api.intent.Via;
import org.opendaylight.openbsdpbr.impl.analysis.FlowAnswer;
import org.opendaylight.openbsdpbr.impl.analysis.FlowEngine;
import org.opendaylight.openbsdpbr.impl.analysis.FlowQuestion;
import org.opendaylight.openbsdpbr.impl.analysis.RouterModel;
import org.opendaylight.openbsdpbr.impl.analysis.ip.IpAddress;
import org.opendaylight.openbsdpbr.impl.analysis.ip.IpPrefix;
import org.opendaylight.openbsdpbr.impl.analysis.pf.PfParser;

/**
 * Issue 12's property: for randomized intents ({@link RandomIntents}, the same seeded cases as
 * {@link RenderPropertyTest}), every policy route's own example flow leaves through the uplink the intent states, as
 * the flow engine reads the rendered files; and every rendered pf.conf parses with the strict parser.
 *
 * <p>A route's example flow enters on its ingress interface with a source its source endpoint matches and a
 * destination its destination matches (an address outside the set for a negated endpoint), with its protocol and
 * ports. The expected uplink is worked out from the intent alone, independently of the renderer and the engine: the
 * last policy route in sequence order whose endpoints match the flow decides (pf.conf(5): the last matching rule
 * wins), and its via names the uplink ({@code via-uplink}) or the rdomain whose default route it takes
 * ({@code via-rdomain}). The engine must forward the flow in that rdomain's routing table through that uplink's
 * interface; an rdomain without a default route of the flow's family leaves it without a route. Destinations the
 * routing tables may hold as connected or static networks (special-purpose ranges) are checked for the rtable only;
 * an IPv6 flow through a router whose sysctl.conf does not turn IPv6 forwarding on is not forwarded.
 * A failure names the case's seed.
 */
class PolicyRouteFlowPropertyTest {
    private static final int CASES = 1000;
    private static final List<IpPrefix> MARTIANS = Martians.ENTRIES.stream().map(IpPrefix::parse).toList();
    private static final List<String> PUBLIC_V4 = List.of("8.8.4.4", "9.9.9.9", "1.0.0.1", "45.90.28.1");
    private static final List<String> PUBLIC_V6 = List.of("2606:4700:4700::1111", "2620:fe::fe", "2a00:1450::1");

    /** The counts of one run, to show it covers what it claims. */
    private static final class Counts {
        int routes;
        int checkedEgress;
        int viaRdomain;
        int v6;
        int overridden;
        int noRoute;
        int skipped;
        int ambiguous;
        int notForwarded;

        @Override
        public String toString() {
            return "routes " + routes + ", checked to their uplink " + checkedEgress + ", via-rdomain " + viaRdomain
                + ", inet6 " + v6 + ", decided by a later route " + overridden + ", without a route " + noRoute
                + ", without an example flow " + skipped + ", into tables with run-time defaults " + ambiguous
                + ", IPv6 not forwarded " + notForwarded;
        }
    }

    @Test
    // any failure of a case is reported with the seed that builds it again
    @SuppressWarnings("checkstyle:IllegalCatch")
    void everyPolicyRoutesExampleFlowLeavesThroughItsStatedUplink() {
        final long base = RandomIntents.baseSeed();
        final Counts counts = new Counts();
        int cases = 0;
        for (int i = 0; i < CASES; i++) {
            final RandomIntents.Case test = RandomIntents.generate(base + i);
            if (test.mistake() != null) {
                continue;
            }
            try {
                check(test.effective(), counts);
                cases++;
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError(test + " (RandomIntents.generate(" + test.seed() + "L), base seed " + base
                    + "): " + e.getMessage(), e);
            }
        }
        assertThat(cases).as("valid cases").isGreaterThan(CASES / 2);
        // the run covers what it claims, or it proves little
        assertThat(counts.routes).as("policy routes (%s)", counts).isGreaterThan(1000);
        assertThat(counts.checkedEgress).as("flows checked to their uplink (%s)", counts)
            .isGreaterThan(counts.routes / 3);
        assertThat(counts.viaRdomain).as("via-rdomain routes").isGreaterThan(100);
        assertThat(counts.v6).as("IPv6 routes").isGreaterThan(100);
        assertThat(counts.overridden).as("flows a later route decides").isGreaterThan(50);
        assertThat(counts.noRoute).as("flows into an rdomain without a default route").isGreaterThan(20);
        assertThat(counts.skipped).as("routes without an example flow").isLessThan(counts.routes / 10);
        assertThat(counts.ambiguous).as("flows into a table with default routes learnt at run time")
            .isLessThan(counts.routes / 3);
    }

    private static void check(final RouterIntent intent, final Counts counts) {
        final FileSet files = Renderer.render(intent).files();
        final String pf = files.get(ApplyPlanner.PF_CONF).orElseThrow().content();
        // the strict parser reads every rendered pf.conf (it throws, naming file and line, otherwise)
        assertThat(PfParser.parse(ApplyPlanner.PF_CONF, pf).rules()).isNotEmpty();
        final FlowEngine engine = new FlowEngine(RouterModel.of(files));
        // OpenBSD forwards IPv6 only with net.inet6.ip6.forwarding=1 (sysctl.conf; the default is 0)
        final boolean v6Forwarding = files.get(ApplyPlanner.SYSCTL_CONF).map(file -> file.content().lines()
            .anyMatch("net.inet6.ip6.forwarding=1"::equals)).orElse(false);
        final List<PolicyRoute> routes = intent.shared().policyRoutes();
        for (PolicyRoute route : routes) {
            counts.routes++;
            final FlowQuestion flow = example(intent, route);
            if (flow == null || !matches(intent, route, flow)) {
                counts.skipped++;
                continue;
            }
            PolicyRoute decides = route;
            for (PolicyRoute other : routes) {
                if (other.sequence() > route.sequence() && matches(intent, other, flow)) {
                    decides = other;
                }
            }
            if (decides != route) {
                counts.overridden++;
            }
            counts.viaRdomain += decides.via() instanceof Via.ViaRdomain ? 1 : 0;
            counts.v6 += flow.v6() ? 1 : 0;
            final FlowAnswer answer = engine.answer(flow);
            final String what = route.name() + "'s example flow " + flow + " (decided by " + decides.name() + ", "
                + decides.via() + "): " + answer.disposition() + " " + answer.reason() + " rtable " + answer.rtable()
                + " egress " + answer.egressInterface() + "\n" + pf;
            final int rdomain = switch (decides.via()) {
                case Via.ViaUplink uplink -> uplink(intent, uplink.uplink()).rdomain();
                case Via.ViaRdomain viaRdomain -> viaRdomain.rdomain();
            };
            if (flow.v6() && !v6Forwarding) {
                // (the route lookup comes first: without a route, there is none to forward by)
                assertThat(answer.disposition()).as(what).isIn(FlowAnswer.Disposition.NOT_FORWARDED,
                    FlowAnswer.Disposition.NO_ROUTE);
                assertThat(answer.rtable()).as(what).isEqualTo(rdomain);
                counts.notForwarded++;
                continue;
            }
            if (isMartian(flow.destination())) {
                // a special-purpose destination may be a connected or static network of the table
                continue;
            }
            final List<String> learnt = learntAtRunTime(intent, rdomain, flow.v6());
            if (!learnt.isEmpty()) {
                // default routes learnt at run time (dhcpleased on DHCP uplinks, slaacd on the IPv6 of DHCP ports
                // and MAP-E WANs), maybe beside the stated one: which one the kernel uses is not in the files; the
                // engine says so rather than guess, or follows the one there is
                final Uplink stated = defaultUplink(intent, rdomain, flow.v6());
                if (answer.disposition() == FlowAnswer.Disposition.UNKNOWN) {
                    assertThat(answer.reason()).as(what).contains("learnt at run time");
                } else if (answer.disposition() == FlowAnswer.Disposition.NO_ROUTE) {
                    // none of them is of the flow's family
                    assertThat(stated).as(what).isNull();
                } else {
                    final List<String> possible = new ArrayList<>(learnt);
                    if (stated != null) {
                        possible.add(stated.interfaceName());
                    }
                    assertThat(answer.disposition()).as(what).isEqualTo(FlowAnswer.Disposition.FORWARDED);
                    assertThat(answer.egressInterface()).as(what).isIn(possible);
                }
                assertThat(answer.rtable()).as(what).isEqualTo(rdomain);
                counts.ambiguous++;
                continue;
            }
            assertThat(answer.disposition()).as(what).isIn(FlowAnswer.Disposition.FORWARDED,
                FlowAnswer.Disposition.NO_ROUTE);
            assertThat(answer.rtable()).as(what).isEqualTo(rdomain);
            final Uplink uplink = defaultUplink(intent, rdomain, flow.v6());
            if (uplink == null) {
                assertThat(answer.disposition()).as(what).isEqualTo(FlowAnswer.Disposition.NO_ROUTE);
                counts.noRoute++;
            } else {
                assertThat(answer.disposition()).as(what).isEqualTo(FlowAnswer.Disposition.FORWARDED);
                assertThat(answer.egressInterface()).as(what).isEqualTo(uplink.interfaceName());
            }
            counts.checkedEgress++;
        }
    }

    // ---- the intent's side -----------------------------------------------------------------------------------------

    private static Uplink uplink(final RouterIntent intent, final String name) {
        return intent.uplinks().stream().filter(uplink -> uplink.name().equals(name)).findFirst().orElseThrow();
    }

    /**
     * The interfaces that may learn a default route into an rdomain at run time: DHCP (dhcpleased), and for IPv6 also
     * MAP-E, whose WAN (in this rdomain) takes its IPv6 by autoconf.
     */
    private static List<String> learntAtRunTime(final RouterIntent intent, final int rdomain, final boolean v6) {
        final List<String> learnt = new ArrayList<>();
        for (Uplink uplink : intent.uplinks()) {
            if (uplink.rdomain() == rdomain && uplink.kind() instanceof org.opendaylight.openbsdpbr.api.intent.Dhcp) {
                learnt.add(uplink.interfaceName());
            } else if (v6 && uplink.kind() instanceof org.opendaylight.openbsdpbr.api.intent.MapE mapE
                    && intent.interfaces().stream().anyMatch(iface -> iface.name().equals(mapE.wanInterface())
                        && iface.rdomain() == rdomain)) {
                learnt.add(mapE.wanInterface());
            }
        }
        return learnt;
    }

    /**
     * The uplink holding an rdomain's default route of a family, or null: {@code default-route-via}; IPv6 only
     * through a PPPoE session with IPv6 (the only uplink the intent gives an IPv6 default route).
     */
    private static @Nullable Uplink defaultUplink(final RouterIntent intent, final int rdomain, final boolean v6) {
        for (Rdomain domain : intent.rdomains()) {
            if (domain.id() == rdomain && domain.defaultRouteVia() != null) {
                final Uplink uplink = uplink(intent, domain.defaultRouteVia());
                return !v6 || uplink.kind() instanceof Pppoe pppoe && pppoe.ipv6() ? uplink : null;
            }
        }
        return null;
    }

    /** Whether a policy route matches a flow, read from the intent: pf.conf(5)'s matching of its rule. */
    private static boolean matches(final RouterIntent intent, final PolicyRoute route, final FlowQuestion flow) {
        if (!route.ingressInterface().equals(flow.inInterface()) || (route.family() == Family.INET6) != flow.v6()) {
            return false;
        }
        if (route.protocol() != null && protocol(route.protocol()) != flow.protocol()) {
            return false;
        }
        return matches(intent, route.source(), flow.source(), flow.sourcePort(), flow.v6())
            && matches(intent, route.destination(), flow.destination(), flow.destinationPort(), flow.v6());
    }

    private static boolean matches(final RouterIntent intent, final Endpoint endpoint, final IpAddress address,
            final int port, final boolean v6) {
        if (!endpoint.ports().isEmpty() && !endpoint.ports().contains(port)) {
            return false;
        }
        final boolean in;
        if (endpoint.match() instanceof Endpoint.Internet) {
            // !<martians>
            in = set(intent, new Endpoint.TableRef(Martians.NAME), v6).stream().noneMatch(prefix -> prefix.contains(
                address));
        } else {
            final List<IpPrefix> set = set(intent, endpoint.match(), v6);
            in = set == null || set.stream().anyMatch(prefix -> prefix.contains(address));
        }
        return in != endpoint.negate();
    }

    /** The addresses an endpoint names, of a family; null for every address. */
    private static @Nullable List<IpPrefix> set(final RouterIntent intent, final Endpoint.Match match,
            final boolean v6) {
        final List<String> entries = switch (match) {
            case Endpoint.Any any -> null;
            case Endpoint.Internet internet -> null;
            case Endpoint.Networks networks -> networks.networks();
            // an intent's own table named martians replaces the special-purpose ranges (the seed has one)
            case Endpoint.TableRef table -> intent.shared().tables().stream().filter(one -> one.name().equals(
                table.table())).findFirst().map(PfTable::entries).orElseGet(() -> {
                    assertThat(table.table()).isEqualTo(Martians.NAME);
                    return Martians.ENTRIES;
                });
            case Endpoint.HostGroupRef group -> intent.shared().hostGroups().stream()
                .filter(one -> one.name().equals(group.hostGroup())).findFirst().map(HostGroup::addresses)
                .orElseThrow();
            case Endpoint.InterfaceNetwork network -> intent.interfaces().stream()
                .filter(iface -> iface.name().equals(network.interfaceName())).findFirst()
                .map(iface -> v6 ? iface.ipv6Addresses() : iface.ipv4Addresses()).orElseThrow().stream()
                .map(address -> IpPrefix.parse(address).network().toString()).toList();
        };
        return entries == null ? null : entries.stream().map(PolicyRouteFlowPropertyTest::prefix)
            .filter(prefix -> prefix.v6() == v6).toList();
    }

    private static IpPrefix prefix(final String entry) {
        return entry.contains("/") ? IpPrefix.parse(entry) : IpPrefix.host(IpAddress.parse(entry));
    }

    private static boolean isMartian(final IpAddress address) {
        return MARTIANS.stream().anyMatch(prefix -> prefix.contains(address));
    }

    // ---- the example flow ------------------------------------------------------------------------------------------

    private static FlowQuestion.@Nullable Protocol protocol(final Protocol protocol) {
        return switch (protocol) {
            case TCP -> FlowQuestion.Protocol.TCP;
            case UDP -> FlowQuestion.Protocol.UDP;
            default -> FlowQuestion.Protocol.ICMP;
        };
    }

    /** A flow the route's own rule matches, or null when the model of its endpoints gives none. */
    private static @Nullable FlowQuestion example(final RouterIntent intent, final PolicyRoute route) {
        final boolean v6 = route.family() == Family.INET6;
        final FlowQuestion.Protocol protocol = route.protocol() == null ? FlowQuestion.Protocol.TCP
            : protocol(route.protocol());
        final boolean ports = protocol != FlowQuestion.Protocol.ICMP;
        final IpAddress source = address(intent, route.source(), v6, lanHost(intent, route.ingressInterface(), v6));
        final IpAddress destination = address(intent, route.destination(), v6, null);
        if (source == null || destination == null) {
            return null;
        }
        return new FlowQuestion(route.ingressInterface(), source, destination, protocol,
            ports ? route.source().ports().isEmpty() ? 40000 : route.source().ports().get(0) : -1,
            ports ? route.destination().ports().isEmpty() ? 443 : route.destination().ports().get(0) : -1, Map.of());
    }

    /** A host on the ingress interface's network (not the router's own address), or null. */
    private static @Nullable IpAddress lanHost(final RouterIntent intent, final String ingress, final boolean v6) {
        for (Interface iface : intent.interfaces()) {
            if (iface.name().equals(ingress)) {
                final List<String> addresses = v6 ? iface.ipv6Addresses() : iface.ipv4Addresses();
                if (!addresses.isEmpty()) {
                    return plus(IpPrefix.parse(addresses.get(0)).network().address(), 0x20);
                }
            }
        }
        return null;
    }

    private static IpAddress plus(final IpAddress address, final int offset) {
        return new IpAddress(address.v6(), address.hi(), address.lo() + offset);
    }

    /** An address an endpoint matches (outside its set when negated), preferring {@code preferred}. */
    private static @Nullable IpAddress address(final RouterIntent intent, final Endpoint endpoint, final boolean v6,
            final @Nullable IpAddress preferred) {
        final List<IpAddress> candidates = new ArrayList<>();
        if (preferred != null) {
            candidates.add(preferred);
        }
        (v6 ? PUBLIC_V6 : PUBLIC_V4).forEach(text -> candidates.add(IpAddress.parse(text)));
        final List<IpPrefix> set = set(intent, endpoint.match(), v6);
        if (!endpoint.negate() && set != null) {
            // a host inside the first network of the set
            candidates.clear();
            for (IpPrefix prefix : set) {
                final int hostBits = prefix.address().bits() - prefix.length();
                candidates.add(hostBits < 2 ? prefix.address() : plus(prefix.network().address(), hostBits > 6
                    ? 0x20 : 1));
            }
        }
        // not the router's own addresses: those flows are delivered, not routed
        final List<IpAddress> own = intent.interfaces().stream().flatMap(iface -> java.util.stream.Stream.concat(
            iface.ipv4Addresses().stream(), iface.ipv6Addresses().stream())).map(text -> IpPrefix.parse(text)
                .address()).toList();
        final Endpoint addresses = new Endpoint(endpoint.match(), endpoint.negate(), List.of());
        return candidates.stream().filter(candidate -> !own.contains(candidate)
            && matches(intent, addresses, candidate, -1, v6)).findFirst().orElse(null);
    }
}

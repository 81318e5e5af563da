/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.render;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.openbsdpbr.api.intent.Endpoint;
import org.opendaylight.openbsdpbr.api.intent.Family;
import org.opendaylight.openbsdpbr.api.intent.HostGroup;
import org.opendaylight.openbsdpbr.api.intent.InboundService;
import org.opendaylight.openbsdpbr.api.intent.MapE;
import org.opendaylight.openbsdpbr.api.intent.NatRule;
import org.opendaylight.openbsdpbr.api.intent.PfTable;
import org.opendaylight.openbsdpbr.api.intent.PolicyRoute;
import org.opendaylight.openbsdpbr.api.intent.Pppoe;
import org.opendaylight.openbsdpbr.api.intent.Syntax;
import org.opendaylight.openbsdpbr.api.intent.Uplink;
import org.opendaylight.openbsdpbr.impl.mape.MapEResult;
import org.opendaylight.openbsdpbr.impl.mape.PortRange;

/**
 * {@code /etc/pf.conf} (pf.conf(5)), complete and in pf's order: macros (host groups), tables, options, then rules:
 * normalization and MSS clamping per uplink, NAT per uplink, the filter (stock defaults, then each uplink), inbound
 * services, and the policy routes in sequence order.
 *
 * <p>Filter policy: the stock pf.conf defaults ({@code block return} then {@code pass}: stateful, stateless traffic
 * refused) keep the router and the LAN reachable from the LAN. Every interface that faces an ISP (an uplink's
 * interface, a MAP-E WAN, a PPPoE parent: {@link Resolution#ispFacing}) is default-deny inbound for both families:
 * {@code block in on IF} names no family, so it drops IPv4 and IPv6 alike, and only these come in past it:
 * <ul>
 *   <li>replies: the stateful {@code pass} (or {@code pass out on IF inet modulate state} on an uplink's own
 *       interface) of the router's and the LAN's outbound traffic creates the state that lets the answers in, and pf
 *       passes the ICMP errors that quote a packet of a state (pf.conf(5), "stateful tracking");</li>
 *   <li>where the interface carries IPv6, the ICMPv6 that IPv6 cannot work without (RFC 4890 section 4.4.1, traffic
 *       to the router itself that must not be dropped): destination unreachable, packet too big (path MTU
 *       discovery), time exceeded and parameter problem whatever they quote, echo request (RFC 4890 recommends
 *       answering it), neighbour solicitation and advertisement (address resolution, unreachability detection and
 *       duplicate address detection, from any source), and from link-local sources only router advertisements
 *       (slaacd learns the default route from them: {@code inet6 autoconf}) and multicast listener queries (a
 *       snooping switch at the ISP forgets the router's solicited-node groups without them). Redirects and router
 *       solicitations stay out (a router takes no redirects and advertises nothing towards its ISP);</li>
 *   <li>on a MAP-E WAN, the tunnel itself from the BR to the CE address ({@code proto ipencap}, IPv4 in IPv6), so
 *       that an inbound service on the tunnel is reachable while the tunnel's state has expired;</li>
 *   <li>on the interface a prefix is delegated through, the DHCPv6 replies to dhcp6leased; and outbound there, a
 *       {@code block return} of everything addressed to the delegated prefix (its unassigned parts would loop to
 *       the ISP and back: see {@link #delegation});</li>
 *   <li>the inbound services, each over the families of its sources (IPv4 only, plus IPv6 where the uplink carries
 *       it, when it lists none).</li>
 * </ul>
 * The LAN's own IPv6 leaves through the uplink by the stock stateful {@code pass}, and only its replies come back in:
 * nothing on the Internet opens a connection to a LAN host.
 * pf uses the last matching rule, so the policy routes come last and win over the defaults for the LAN traffic they
 * match; among themselves a later (higher-sequence) route wins when two match. They carry {@code rtable}, which acts
 * only on inbound rules, so they are {@code pass in on} the ingress interface, which never faces an ISP (the
 * validator refuses that: it would open the default-deny).
 *
 * <p>MSS: {@code max-mss} is the uplink's {@code mss}, or its MTU - 40 (IPv4 and TCP headers); PPPoE with IPv6 adds
 * an inet6 rule with MTU - 60. NAT translates to the uplink's address ({@code (pppoe0:0)}: the interface's first
 * address, followed as it changes) for every destination but the martians.
 *
 * <p>MAP-E NAT keeps every source port inside the CE's port set, for the listed sources and for the router's own
 * traffic on the tunnel ({@code (gif0)}), since the BR drops a packet whose port is outside the set. With
 * {@code map-e-portset} (a patched kernel) one rule does it. With stock pf each port block gets one {@code match}
 * rule, in ascending port order; as the last matching rule wins, rule j of n carries {@code probability 1/j} (the
 * first none), so that each block is chosen with probability 1/n: rule j wins when it matches (1/j) and no later rule
 * does (the product of (1 - 1/k) for k = j+1..n is j/n). Percentages have six decimals, e.g. 33.333333%.
 *
 * <p>Per policy route the code tests the sealed {@code Endpoint.Match} and {@code Via} cases with {@code instanceof}
 * instead of a pattern {@code switch}: on Java 21 the switch's type dispatch costs more than the rest of the rule's
 * text, and a large router has hundreds of them.
 */
final class PfRenderer {
    /** ICMPv6 errors and echo request, from anywhere (RFC 4890 section 4.4.1). */
    private static final String ICMP6_ESSENTIAL =
        " inet6 proto icmp6 icmp6-type { unreach, toobig, timex, paramprob, echoreq }\n";
    /** Neighbour discovery's address resolution, from any source (duplicate address detection uses ::). */
    private static final String ICMP6_NEIGHBOUR = " inet6 proto icmp6 icmp6-type { neighbrsol, neighbradv }\n";
    /** Router advertisements (slaacd) and multicast listener queries, from link-local sources only. */
    private static final String ICMP6_LINK_LOCAL =
        " inet6 proto icmp6 from fe80::/10 icmp6-type { routeradv, groupqry }\n";

    private final Resolution resolution;
    private final @Nullable Failover failover;
    private final StringBuilder sb;

    private PfRenderer(final Resolution resolution, final @Nullable Failover failover) {
        this.resolution = resolution;
        this.failover = failover;
        // the thread's buffer: no fresh, zeroed 20 kB builder per render (see TextBuffer)
        sb = TextBuffer.take();
    }

    /** pf.conf's content. */
    static String render(final Resolution resolution, final String header) {
        return render(resolution, header, null);
    }

    /**
     * pf.conf's content; with failover, the policy routes move into the anchor {@value Failover#ANCHOR} (see
     * {@link Failover}) and the monitored uplinks' {@code pass out} rules get their labels.
     */
    static String render(final Resolution resolution, final String header, final @Nullable Failover failover) {
        final PfRenderer renderer = new PfRenderer(resolution, failover);
        renderer.sb.append(header);
        renderer.run();
        return renderer.sb.toString();
    }

    /**
     * The content of the failover anchor in one state, as its file under /etc/pf/ holds it: the LAN rules of every
     * rdomain with a fallback, then the policy routes in sequence order (the last matching rule wins, so a policy
     * route still wins over its rdomain's LAN rule), each with the rtable of the uplink it takes in that state and
     * its label. Self-contained, since pfctl checks and loads it alone ({@code pfctl -a failover -f FILE}): host
     * groups are written out instead of pf.conf's macros; tables stay pf.conf's (pf looks a table an anchor names
     * up in the main ruleset when the anchor defines none).
     */
    static String anchor(final Resolution resolution, final String header, final Failover failover,
            final Failover.State state) {
        final PfRenderer renderer = new PfRenderer(resolution, failover);
        final StringBuilder sb = renderer.sb.append(header);
        sb.append("# pf anchor \"").append(Failover.ANCHOR).append("\", failover state ").append(state.name());
        if (state.down().isEmpty()) {
            sb.append(" (every uplink up)");
        } else {
            sb.append(" (down: ").append(String.join(", ", state.down())).append(')');
        }
        sb.append(", loaded by ifstated(8)\n");
        for (Failover.Path path : failover.paths) {
            if (path.route() == null) {
                final String uplink = state.active().get(path.id());
                sb.append("\n# rdomain ").append(path.rdomain()).append("'s LAN traffic through ").append(uplink)
                    .append('\n');
                for (var lan : path.lans()) {
                    sb.append("pass in on ").append(lan.name()).append(" inet from ").append(lan.name())
                        .append(Resolution.NETWORK).append(" to !<").append(Martians.NAME).append("> rtable ")
                        .append(resolution.uplinks.get(uplink).rdomain()).append(" label \"")
                        .append(path.label(uplink)).append("\"\n");
                }
            }
        }
        renderer.policyRouteRules(state);
        return sb.toString();
    }

    private void run() {
        macros();
        tables();
        sb.append("\n# Options\nset skip on lo\n");
        scrub();
        nat();
        filter();
        inboundServices();
        policyRoutes();
    }

    private void macros() {
        final List<HostGroup> groups = resolution.shared.hostGroups();
        if (groups.isEmpty()) {
            return;
        }
        // a function of the host-group objects: written once for every router that has them (TableSection)
        final String kept = resolution.tableSection.macros();
        if (kept != null) {
            sb.append(kept);
            return;
        }
        final int start = sb.length();
        sb.append("\n# Macros: host groups\n");
        for (HostGroup group : groups) {
            comment(group.description());
            sb.append(group.name()).append(" = \"{ ");
            list(group.addresses());
            sb.append(" }\"\n");
        }
        resolution.tableSection.macros(sb.substring(start));
    }

    private void tables() {
        final List<PfTable> tables = resolution.shared.tables();
        final boolean martians = resolution.martiansIndex < 0 && refersToMartians();
        if (tables.isEmpty() && !martians) {
            return;
        }
        // a function of the table objects and of whether the built-in martians is needed (TableSection)
        final String kept = resolution.tableSection.tables(martians);
        if (kept != null) {
            sb.append(kept);
            return;
        }
        final int start = sb.length();
        writeTables(tables, martians);
        resolution.tableSection.tables(martians, sb.substring(start));
    }

    private void writeTables(final List<PfTable> tables, final boolean martians) {
        sb.append("\n# Tables\n");
        boolean martiansDone = !martians;
        for (PfTable table : tables) {
            if (!martiansDone && table.name().compareTo(Martians.NAME) > 0) {
                sb.append(Martians.TABLE);
                martiansDone = true;
            }
            comment(table.description());
            sb.append("table <").append(table.name()).append('>');
            if (table.persist()) {
                sb.append(" persist");
            }
            if (table.constant()) {
                sb.append(" const");
            }
            if (!table.entries().isEmpty()) {
                sb.append(" { ");
                list(table.entries());
                sb.append(" }");
            }
            sb.append('\n');
        }
        if (!martiansDone) {
            sb.append(Martians.TABLE);
        }
    }

    /** Whether any rule says {@code <martians>}: every NAT rule does, and policy-route endpoints may. */
    private boolean refersToMartians() {
        for (Uplink uplink : resolution.intent.uplinks()) {
            if (natRule(uplink) != null || uplink.kind() instanceof MapE) {
                return true;
            }
        }
        if (resolution.routeSection != null) {
            if (resolution.routeSection.namesMartians) {
                return true;
            }
        } else {
            for (PolicyRoute route : resolution.shared.policyRoutes()) {
                if (RouteSection.namesMartians(route)) {
                    return true;
                }
            }
        }
        // the failover anchor's LAN rules say !<martians>
        return failover != null && failover.paths.stream().anyMatch(path -> path.route() == null);
    }

    private NatRule natRule(final Uplink uplink) {
        for (NatRule rule : resolution.shared.nat()) {
            if (rule.uplink().equals(uplink.name())) {
                return rule;
            }
        }
        return null;
    }

    private void scrub() {
        final List<Uplink> uplinks = resolution.intent.uplinks();
        if (uplinks.isEmpty()) {
            return;
        }
        sb.append("\n# Normalization and TCP MSS clamping per uplink\n");
        for (Uplink uplink : uplinks) {
            final int mtu = mtuOf(uplink);
            final String iface = uplink.interfaceName();
            sb.append("match on ").append(iface).append(" inet all scrub (no-df random-id max-mss ")
                .append(uplink.mss() != null ? uplink.mss() : mtu - 40).append(")\n");
            if (uplink.kind() instanceof Pppoe pppoe && pppoe.ipv6()) {
                sb.append("match on ").append(iface).append(" inet6 all scrub (max-mss ")
                    .append(uplink.mss() != null ? uplink.mss() - 20 : mtu - 60).append(")\n");
            }
        }
    }

    /** The uplink's IPv4 MTU: the intent's for PPPoE and MAP-E, else its interface's, else Ethernet's 1500. */
    private int mtuOf(final Uplink uplink) {
        final int own = uplink.kind().mtu();
        if (own != 0) {
            return own;
        }
        final var iface = resolution.interfaces.get(uplink.interfaceName());
        return iface != null && iface.mtu() != null ? iface.mtu() : 1500;
    }

    private void nat() {
        boolean first = true;
        for (Uplink uplink : resolution.intent.uplinks()) {
            final NatRule rule = natRule(uplink);
            final boolean mapE = uplink.kind() instanceof MapE;
            if (rule == null && !mapE) {
                continue;
            }
            if (first) {
                sb.append("\n# NAT per uplink\n");
                first = false;
            }
            final String iface = uplink.interfaceName();
            final int start = sb.length();
            sb.append("match out on ").append(iface).append(" inet from ");
            final List<String> sources = rule == null ? List.of() : rule.sources();
            if (mapE) {
                if (sources.isEmpty()) {
                    sb.append('(').append(iface).append(')');
                } else {
                    sb.append("{ ");
                    list(sources);
                    sb.append(", (").append(iface).append(") }");
                }
            } else if (sources.size() == 1) {
                sb.append(sources.get(0));
            } else {
                sb.append("{ ");
                list(sources);
                sb.append(" }");
            }
            sb.append(" to !<martians> nat-to (").append(iface);
            if (!mapE) {
                sb.append(":0)\n");
                continue;
            }
            sb.append(')');
            final MapE kind = (MapE) uplink.kind();
            final MapEResult result = resolution.mapE.get(uplink.name());
            if (kind.natMode() == MapE.NatMode.MAP_E_PORTSET) {
                sb.append(" map-e-portset ").append(result.psidOffset()).append('/').append(result.psidLength())
                    .append('/').append(result.psid()).append('\n');
                continue;
            }
            // the rule's ends are a function of the MAP-E result alone: written once per result (MapEResults)
            final String[] blocks = MapEResults.portBlocks(result);
            final String prefix = blocks.length > 1 ? sb.substring(start) : null;
            sb.append(blocks[0]);
            for (int j = 1; j < blocks.length; j++) {
                sb.append(prefix).append(blocks[j]);
            }
        }
    }

    /**
     * The end of each port block's NAT rule, after {@code nat-to (gifN)}: its port range, from the second on with the
     * probability that spreads new connections evenly ({@code 1/j} of what the rules before left), and the newline.
     */
    static String[] portBlocks(final MapEResult result) {
        final List<PortRange> ranges = result.portRanges();
        final String[] blocks = new String[ranges.size()];
        final StringBuilder sb = new StringBuilder(64);
        for (int j = 1; j <= ranges.size(); j++) {
            sb.setLength(0);
            final PortRange range = ranges.get(j - 1);
            sb.append(" port ").append(range.start()).append(':').append(range.end());
            if (j > 1) {
                sb.append(" probability ");
                percent(sb, j);
            }
            blocks[j - 1] = sb.append('\n').toString();
        }
        return blocks;
    }

    /** 100/j with six decimals, trailing zeros dropped: 50%, 33.333333%, 12.5%. */
    private static void percent(final StringBuilder sb, final int rule) {
        // round half up in millionths of a percent
        final long micro = (100_000_000L * 2 / rule + 1) / 2;
        sb.append(micro / 1_000_000);
        long fraction = micro % 1_000_000;
        if (fraction != 0) {
            int digits = 6;
            while (fraction % 10 == 0) {
                fraction /= 10;
                digits--;
            }
            sb.append('.');
            final String text = Long.toString(fraction);
            for (int pad = text.length(); pad < digits; pad++) {
                sb.append('0');
            }
            sb.append(text);
        }
        sb.append('%');
    }

    private void filter() {
        sb.append("\n# Filter: the stock defaults (stateful, stateless traffic refused), then default-deny inbound,"
            + " both families,\n# on every interface that faces an ISP\nblock return\npass\n");
        for (Resolution.IspFacing facing : resolution.ispFacing.values()) {
            final String iface = facing.name;
            facing.appendRoles(sb.append("# ").append(iface).append(": ")).append("\nblock in on ").append(iface)
                .append('\n');
            if (facing.v6) {
                sb.append("pass in on ").append(iface).append(ICMP6_ESSENTIAL)
                    .append("pass in on ").append(iface).append(ICMP6_NEIGHBOUR)
                    .append("pass in on ").append(iface).append(ICMP6_LINK_LOCAL);
            }
            for (Uplink uplink : resolution.intent.uplinks()) {
                final MapEResult result = resolution.mapE.get(uplink.name());
                if (uplink.kind() instanceof MapE mapE && result != null && mapE.wanInterface().equals(iface)) {
                    sb.append("pass in on ").append(iface).append(" inet6 proto ipencap from ")
                        .append(mapE.brAddress()).append(" to ").append(MapEResults.ceAddress(result)).append('\n');
                }
            }
            final Uplink uplink = facing.uplink;
            if (uplink != null) {
                final String label = failover != null && uplink.health() != null
                    ? " label \"" + Failover.uplinkLabel(uplink.name()) + "\"\n" : "\n";
                sb.append("pass out on ").append(iface).append(" inet modulate state").append(label);
                if (uplink.kind() instanceof Pppoe pppoe && pppoe.ipv6()) {
                    sb.append("pass out on ").append(iface).append(" inet6 modulate state").append(label);
                }
            }
            delegation(iface);
        }
    }

    /**
     * On the interface a prefix is delegated through: the DHCPv6 replies dhcp6leased waits for (the server answers
     * the client's link-local address, port 547 to 546, RFC 8415 section 7.2; no state matches them, since the
     * request went to the multicast address ff02::1:2), and a {@code block return} for everything that would leave
     * towards the delegated prefix itself. dhcp6leased installs no reject route for it (OPENBSD.md), so a packet to
     * one of its unassigned parts would follow the default route to the ISP, which routes it back: dropped here, it
     * gets an ICMPv6 unreachable instead of looping. The assigned parts are connected to the LAN interfaces and
     * never leave through the uplink. Last in the interface's rules: nothing after it matches outbound traffic.
     */
    private void delegation(final String iface) {
        for (Resolution.Delegation delegation : resolution.delegations.values()) {
            if (delegation.uplink().ipv6InterfaceName().equals(iface)) {
                sb.append("pass in on ").append(iface)
                    .append(" inet6 proto udp from any port 547 to fe80::/10 port 546\n")
                    .append("block return out on ").append(iface).append(" inet6 to ").append(delegation.prefix())
                    .append('\n');
            }
        }
    }

    private void inboundServices() {
        final List<InboundService> services = resolution.shared.inboundServices();
        if (services.isEmpty()) {
            return;
        }
        sb.append("\n# Inbound services\n");
        for (InboundService service : services) {
            final String iface = resolution.uplinks.get(service.uplink()).interfaceName();
            sb.append("# ").append(service.name()).append('\n');
            final List<String> sources = service.sources();
            final boolean v4 = sources.isEmpty() || hasFamily(sources, false);
            final boolean v6 = sources.isEmpty() ? resolution.ispFacing.get(iface).v6 : hasFamily(sources, true);
            if (v4) {
                inboundService(service, iface, false);
            }
            if (v6) {
                inboundService(service, iface, true);
            }
        }
    }

    /** One family's rule of an inbound service: only that family's sources, so that pf drops none unsaid. */
    private void inboundService(final InboundService service, final String iface, final boolean v6) {
        sb.append("pass in on ").append(iface).append(v6 ? " inet6 proto " : " inet proto ")
            .append(service.protocol().keyword()).append(" from ");
        final List<String> sources = service.sources();
        if (sources.isEmpty() || !hasFamily(sources, !v6)) {
            hosts(sources);
        } else {
            final List<String> own = new ArrayList<>(sources.size());
            for (String source : sources) {
                if (Syntax.isV6(source) == v6) {
                    own.add(source);
                }
            }
            hosts(own);
        }
        sb.append(" to (").append(iface).append(") port ").append(service.port()).append('\n');
    }

    private static boolean hasFamily(final List<String> addresses, final boolean v6) {
        for (String address : addresses) {
            if (Syntax.isV6(address) == v6) {
                return true;
            }
        }
        return false;
    }

    private void policyRoutes() {
        if (failover != null) {
            sb.append("\n# Policy routes and failover: anchor \"").append(Failover.ANCHOR)
                .append("\" holds the rules that"
                + " choose an uplink; ifstated(8)\n# replaces them per failure state (/etc/ifstated.conf), pf.conf"
                + " loads them with every uplink up\nanchor \"").append(Failover.ANCHOR).append("\"\nload anchor \"")
                .append(Failover.ANCHOR).append("\" from \"").append(Failover.ANCHOR_FILE).append("\"\n");
            return;
        }
        policyRouteRules(null);
    }

    /**
     * The policy routes' rules; in a failover state (non-null), each with the rtable of the uplink it takes there,
     * its label, and host groups written out (an anchor file has no macros).
     */
    private void policyRouteRules(final Failover.@Nullable State state) {
        final List<PolicyRoute> routes = resolution.shared.policyRoutes();
        if (routes.isEmpty()) {
            return;
        }
        sb.append("\n# Policy routes, in sequence order (the last matching rule wins)\n");
        final int[] rtables = resolution.routeRtables;
        final RouteSection section = resolution.routeSection;
        final int sectionStart = sb.length();
        if (state == null && section != null) {
            // the rules of these routes with these tables were written before, for this router or another
            final String kept = section.rules(rtables);
            if (kept != null) {
                sb.append(kept);
                return;
            }
        }
        int index = 0;
        for (PolicyRoute route : routes) {
            final int rtable = rtables[index++];
            if (state == null) {
                // pf.conf's rule: a function of the route and its table only, written once per route object
                final String text = RouteRuleTexts.get(route, rtable);
                if (text != null) {
                    sb.append(text);
                } else {
                    final int start = sb.length();
                    routeRule(route, false);
                    sb.append(" rtable ").append(rtable).append('\n');
                    RouteRuleTexts.put(route, rtable, sb.substring(start));
                }
                continue;
            }
            routeRule(route, true);
            final String uplink = state.active().get("route:" + route.name());
            if (uplink == null) {
                sb.append(" rtable ").append(rtable).append('\n');
            } else {
                sb.append(" rtable ").append(resolution.uplinks.get(uplink).rdomain()).append(" label \"")
                    .append("route:").append(route.name()).append('@').append(uplink).append("\"\n");
            }
        }
        if (state == null && section != null) {
            section.rules(rtables, sb.substring(sectionStart));
        }
    }

    /** A policy route's comment line and its rule up to the rtable. */
    private void routeRule(final PolicyRoute route, final boolean inlineGroups) {
        sb.append("# ").append(route.sequence()).append(' ').append(route.name());
        if (!route.description().isEmpty()) {
            sb.append(": ").append(route.description());
        }
        sb.append("\npass in on ").append(route.ingressInterface()).append(route.family() == Family.INET6
            ? " inet6" : " inet");
        if (route.protocol() != null) {
            sb.append(" proto ").append(route.protocol().keyword());
        }
        sb.append(" from ");
        endpoint(route.source(), inlineGroups);
        sb.append(" to ");
        endpoint(route.destination(), inlineGroups);
    }

    private void endpoint(final Endpoint endpoint, final boolean inlineGroups) {
        if (endpoint.negate()) {
            sb.append('!');
        }
        final Endpoint.Match match = endpoint.match();
        if (match == Endpoint.Internet.INSTANCE) {
            sb.append("!<").append(Martians.NAME).append('>');
        } else if (match instanceof Endpoint.TableRef table) {
            sb.append('<').append(table.table()).append('>');
        } else if (match instanceof Endpoint.InterfaceNetwork network) {
            sb.append(network.value());
        } else if (match instanceof Endpoint.HostGroupRef group) {
            if (inlineGroups) {
                hosts(resolution.hostGroup(group.hostGroup()).addresses());
            } else {
                sb.append('$').append(group.hostGroup());
            }
        } else if (match instanceof Endpoint.Networks networks) {
            hosts(networks.networks());
        } else {
            sb.append("any");
        }
        final List<Integer> ports = endpoint.ports();
        if (ports.size() == 1) {
            // append(int): append(Integer) would format through a fresh String
            sb.append(" port ").append(ports.get(0).intValue());
        } else if (!ports.isEmpty()) {
            sb.append(" port { ");
            for (int i = 0; i < ports.size(); i++) {
                if (i > 0) {
                    sb.append(", ");
                }
                sb.append(ports.get(i).intValue());
            }
            sb.append(" }");
        }
    }

    /** {@code any}, one host, or a pf list {@code { a, b }}. */
    private void hosts(final List<String> hosts) {
        if (hosts.isEmpty()) {
            sb.append("any");
        } else if (hosts.size() == 1) {
            sb.append(hosts.get(0));
        } else {
            sb.append("{ ");
            list(hosts);
            sb.append(" }");
        }
    }

    private void list(final List<String> values) {
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(values.get(i));
        }
    }

    private void comment(final String description) {
        if (!description.isEmpty()) {
            sb.append("# ").append(description).append('\n');
        }
    }
}

/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.analysis;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.openbsdpbr.impl.analysis.host.InterfaceConfig;
import org.opendaylight.openbsdpbr.impl.analysis.host.Route;
import org.opendaylight.openbsdpbr.impl.analysis.host.RoutingTable;
import org.opendaylight.openbsdpbr.impl.analysis.host.SshdConfig;
import org.opendaylight.openbsdpbr.impl.analysis.ip.IpPrefix;
import org.opendaylight.openbsdpbr.impl.analysis.ip.SpecialPurpose;
import org.opendaylight.openbsdpbr.impl.analysis.pf.PfAddress;
import org.opendaylight.openbsdpbr.impl.analysis.pf.PfHosts;
import org.opendaylight.openbsdpbr.impl.analysis.pf.PfRule;
import org.opendaylight.openbsdpbr.impl.analysis.pf.PfRuleset;

/**
 * Lints that need the model of the files, each about every flow (set algebra over {@link FlowBox}es), not a sample:
 * <ul>
 *   <li>{@code policy-route-shadowed}: a policy route's rule never decides a flow: every flow it matches is decided
 *       by later rules (or by an earlier {@code quick} one).</li>
 *   <li>{@code no-default-route}: a policy route's {@code rtable} has no default route (or does not exist).</li>
 *   <li>{@code lan-leaves-without-nat}: some traffic from a LAN (an interface with a private IPv4 network that holds
 *       no default route) to a public destination leaves through an uplink without {@code nat-to}: the ISP drops
 *       private sources.</li>
 *   <li>{@code inbound-service-blocked}: no flow an inbound service allows gets through: later rules block them
 *       all.</li>
 *   <li>{@code inbound-service-no-listener}: nothing on the router listens where an inbound service points (sshd's
 *       ListenAddress in the uplink's rdomain and port; unwind only listens on localhost).</li>
 * </ul>
 * Findings name the intent element through {@link IntentElements}; rules the renderer writes on its own behalf
 * (the stock defaults) are not linted. With anchors in pf.conf, the rule-order lints stay silent: the anchor's
 * content decides and may change at run time.
 */
public final class EngineLints {
    /**
     * One finding.
     *
     * @param code a stable short name
     * @param element the intent element, relative to the intent, or null when none names it
     * @param message what is wrong and why
     */
    public record Finding(String code, @Nullable String element, String message) {
        public Finding {
            requireNonNull(code, "code");
            requireNonNull(message, "message");
        }
    }

    private final RouterModel model;
    private final IntentElements elements;
    private final Regions regions;
    private final List<Finding> findings = new ArrayList<>();
    private final List<PfRule> rules;

    private EngineLints(final RouterModel model, final IntentElements elements) {
        this.model = model;
        this.elements = elements;
        regions = new Regions(model);
        final PfRuleset pf = model.pf();
        rules = pf == null ? List.of() : pf.rules();
    }

    /**
     * The findings for a router's files.
     *
     * @param model the files
     * @param elements the intent they were rendered from, to name elements
     * @return the findings, in rule order
     */
    public static List<Finding> of(final RouterModel model, final IntentElements elements) {
        final EngineLints lints = new EngineLints(model, elements);
        lints.run();
        return List.copyOf(lints.findings);
    }

    private void run() {
        final boolean anchors = rules.stream().anyMatch(rule -> rule.action() == PfRule.Action.ANCHOR);
        for (int i = 0; i < rules.size(); i++) {
            final PfRule rule = rules.get(i);
            final String element = elements.rule(rule.comments(), rule.source());
            if (element == null || !rule.action().decides()) {
                continue;
            }
            if (element.startsWith("policy-route[")) {
                if (!anchors) {
                    shadowed(i, element);
                }
                defaultRoute(rule, element);
            } else if (element.startsWith("inbound-service[")) {
                if (!anchors) {
                    blocked(i, element);
                }
                listener(rule, element);
            }
        }
        unNatted();
    }

    /** The interfaces and directions a rule is evaluated on. */
    private List<Object[]> places(final PfRule rule) {
        final List<Object[]> places = new ArrayList<>();
        for (InterfaceConfig iface : model.interfaces().values()) {
            for (PfRule.Direction direction : new PfRule.Direction[] { PfRule.Direction.IN, PfRule.Direction.OUT }) {
                if (regions.applies(rule, direction, iface)) {
                    places.add(new Object[] { direction, iface });
                }
            }
        }
        return places;
    }

    private void shadowed(final int index, final String element) {
        final PfRule rule = rules.get(index);
        final Set<String> by = new LinkedHashSet<>();
        boolean matchesNothing = true;
        for (Object[] place : places(rule)) {
            final PfRule.Direction direction = (PfRule.Direction) place[0];
            final InterfaceConfig iface = (InterfaceConfig) place[1];
            List<FlowBox> remaining = List.of(regions.box(rule)[1]);
            if (remaining.get(0).isEmpty()) {
                continue;
            }
            matchesNothing = false;
            for (int j = 0; j < rules.size() && remaining != null && !remaining.isEmpty(); j++) {
                final PfRule other = rules.get(j);
                if (j == index || !other.action().decides() || j < index && !other.quick()
                        || !regions.applies(other, direction, iface)) {
                    continue;
                }
                final FlowBox cover = regions.box(other)[0];
                if (remaining.stream().anyMatch(box -> !box.intersect(cover).isEmpty())) {
                    by.add(describe(other));
                }
                remaining = FlowBox.minus(remaining, cover);
            }
            if (remaining == null || !remaining.isEmpty()) {
                return;
            }
        }
        findings.add(new Finding("policy-route-shadowed", element, matchesNothing ? rule.where() + " ("
            + rule.source().text() + ") matches no flow" : rule.where() + " never decides a flow: every flow it"
            + " matches is decided by " + String.join(", ", by)));
    }

    private String describe(final PfRule rule) {
        final String element = elements.rule(rule.comments(), rule.source());
        return rule.where() + (element == null ? "" : " (" + element + ")");
    }

    private void defaultRoute(final PfRule rule, final String element) {
        final Integer rtable = rule.actions().rtable();
        if (rtable == null) {
            return;
        }
        final String via = elements.via(element);
        final RoutingTable table = model.tables().get(rtable);
        if (table == null) {
            findings.add(new Finding("no-default-route", via, rule.where() + " sends traffic to rtable " + rtable
                + ", which does not exist (no interface is in rdomain " + rtable + "): it is dropped"));
            return;
        }
        final boolean v6 = rule.criteria().af() == PfRule.Af.INET6;
        if (!table.hasDefault(v6)) {
            findings.add(new Finding("no-default-route", via, rule.where() + " sends traffic to rtable " + rtable
                + ", whose table has no " + (v6 ? "IPv6 " : "") + "default route: only destinations its other"
                + " routes hold get through, the rest is dropped"));
        }
    }

    private void blocked(final int index, final String element) {
        final PfRule rule = rules.get(index);
        for (Object[] place : places(rule)) {
            final PfRule.Direction direction = (PfRule.Direction) place[0];
            final InterfaceConfig iface = (InterfaceConfig) place[1];
            List<FlowBox> remaining = List.of(regions.box(rule)[1]);
            boolean passes = false;
            // earlier quick rules decide first, then the last matching of the later ones
            final List<Integer> order = new ArrayList<>();
            for (int j = 0; j < index; j++) {
                if (rules.get(j).quick()) {
                    order.add(j);
                }
            }
            for (int j = rules.size() - 1; j > index; j--) {
                order.add(j);
            }
            for (int j : order) {
                final PfRule other = rules.get(j);
                if (!other.action().decides() || !regions.applies(other, direction, iface) || remaining == null) {
                    continue;
                }
                final FlowBox cover = regions.box(other)[0];
                if (other.action() == PfRule.Action.PASS
                        && remaining.stream().anyMatch(box -> !box.intersect(cover).isEmpty())) {
                    passes = true;
                }
                remaining = FlowBox.minus(remaining, cover);
            }
            if (remaining == null || !remaining.isEmpty() || passes) {
                return;
            }
        }
        findings.add(new Finding("inbound-service-blocked", element, rule.where() + " (" + rule.source().text()
            + ") lets nothing in: later rules block every flow it allows"));
    }

    private void listener(final PfRule rule, final String element) {
        final PfRule.Criteria criteria = rule.criteria();
        if (criteria.protocols().size() != 1 || criteria.to().ports().size() != 1
                || criteria.to().ports().get(0).op() != PfHosts.Op.EQ || criteria.on().size() != 1) {
            return;
        }
        final InterfaceConfig uplink = model.iface(criteria.on().get(0).name());
        if (uplink == null || !targetsItself(criteria.to(), uplink.name())) {
            return;
        }
        final int port = criteria.to().ports().get(0).low();
        final boolean tcp = criteria.protocols().get(0) == 6;
        final SshdConfig sshd = model.sshd();
        if (tcp && sshd == null) {
            return;
        }
        if (tcp && model.rc().enabled("sshd", true)) {
            for (SshdConfig.Listener listener : sshd.listeners()) {
                if (listener.port() == port && listener.rdomain() == uplink.rdomain() && (listener.wildcard()
                        || uplink.addresses().stream().anyMatch(own -> own.prefix().address().equals(
                            listener.address())))) {
                    return;
                }
            }
        }
        findings.add(new Finding("inbound-service-no-listener", element + "/port", rule.where() + " lets "
            + (tcp ? "tcp" : "udp") + "/" + port + " in to " + uplink.name() + ", but nothing on the router listens"
            + " there in rdomain " + uplink.rdomain() + (port == 53 ? " (unwind only listens on localhost)" : "")));
    }

    private static boolean targetsItself(final PfHosts to, final String iface) {
        return to.terms().size() == 1 && !to.terms().get(0).negated()
            && to.terms().get(0).address() instanceof PfAddress.Interface target && target.name().equals(iface);
    }

    private void unNatted() {
        RangeSet publicV4 = FlowBox.V4;
        for (IpPrefix special : SpecialPurpose.IPV4) {
            publicV4 = publicV4.minus(FlowBox.prefix(special));
        }
        for (InterfaceConfig lan : model.interfaces().values()) {
            final RangeSet networks = lanNetworks(lan);
            if (networks.isEmpty()) {
                continue;
            }
            final Map<String, List<FlowBox>> byEgress = new LinkedHashMap<>();
            final String home = defaultEgress(lan.rdomain());
            if (home != null) {
                byEgress.computeIfAbsent(home, key -> new ArrayList<>()).add(new FlowBox(FlowBox.PROTOCOLS,
                    networks, FlowBox.PORTS, publicV4, FlowBox.PORTS));
            }
            for (PfRule rule : rules) {
                if (rule.actions().rtable() == null || rule.action() == PfRule.Action.BLOCK
                        || !regions.applies(rule, PfRule.Direction.IN, lan)) {
                    continue;
                }
                final String egress = defaultEgress(rule.actions().rtable());
                final FlowBox box = regions.box(rule)[1];
                final FlowBox moved = new FlowBox(box.protocols(), box.sources().intersect(networks),
                    box.sourcePorts(), box.destinations().intersect(publicV4), box.destinationPorts());
                if (egress != null && !moved.isEmpty()) {
                    byEgress.computeIfAbsent(egress, key -> new ArrayList<>()).add(moved);
                }
            }
            for (Map.Entry<String, List<FlowBox>> entry : byEgress.entrySet()) {
                final InterfaceConfig egress = model.iface(entry.getKey());
                if (egress == null || egress.name().equals(lan.name())) {
                    continue;
                }
                List<FlowBox> uncovered = entry.getValue();
                for (PfRule rule : rules) {
                    if (rule.actions().nat() != null && rule.action() != PfRule.Action.BLOCK
                            && regions.applies(rule, PfRule.Direction.OUT, egress) && uncovered != null) {
                        uncovered = FlowBox.minus(uncovered, regions.box(rule)[0]);
                    }
                }
                if (uncovered != null && !uncovered.isEmpty()) {
                    final FlowBox sample = uncovered.get(0);
                    findings.add(new Finding("lan-leaves-without-nat", elements.egress(egress.name()), "traffic from "
                        + lan.name() + " leaving through " + egress.name() + " keeps its private source address,"
                        + " e.g. " + FlowBox.address(sample.sources().first()) + " to " + FlowBox.address(
                            sample.destinations().first()) + ": no nat-to on " + egress.name() + " covers it, and the"
                        + " ISP drops it"));
                }
            }
        }
    }

    /** A LAN's private IPv4 networks; empty when it is not a LAN (no such address, or it holds a default route). */
    private RangeSet lanNetworks(final InterfaceConfig iface) {
        if (!iface.up() || iface.loopback()) {
            return RangeSet.EMPTY;
        }
        for (RoutingTable table : model.tables().values()) {
            for (Route route : table.routes()) {
                if (route.isDefault() && route.iface().equals(iface.name())) {
                    return RangeSet.EMPTY;
                }
            }
        }
        RangeSet networks = RangeSet.EMPTY;
        for (InterfaceConfig.Address address : iface.addresses(false)) {
            if (SpecialPurpose.contains(address.prefix().address()) && address.prefix().length() < 32) {
                networks = networks.union(FlowBox.prefix(address.prefix().network()));
            }
        }
        return networks;
    }

    private @Nullable String defaultEgress(final int rtable) {
        final RoutingTable table = model.tables().get(rtable);
        final Route route = table == null ? null : table.defaultRoute(false);
        return route == null || route.kind() == Route.Kind.REJECT || route.kind() == Route.Kind.BLACKHOLE ? null
            : route.iface();
    }
}

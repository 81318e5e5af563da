/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.opendaylight.openbsdpbr.impl.analysis.host.InterfaceConfig;
import org.opendaylight.openbsdpbr.impl.analysis.ip.IpPrefix;
import org.opendaylight.openbsdpbr.impl.analysis.ip.PrefixSet;
import org.opendaylight.openbsdpbr.impl.analysis.pf.PfAddress;
import org.opendaylight.openbsdpbr.impl.analysis.pf.PfHosts;
import org.opendaylight.openbsdpbr.impl.analysis.pf.PfRule;
import org.opendaylight.openbsdpbr.impl.analysis.pf.PfTable;

/**
 * The flows a pf rule matches, as boxes, with two bounds where the model is not exact: the lower bound holds only
 * flows it surely matches (what a rule may claim to cover), the upper bound every flow it may match (what a rule may
 * claim to decide). A table loaded from a file, a term the model does not follow or a criterion it does not read
 * widens the gap; a rule is reported shadowed only when even its upper bound is covered by lower bounds.
 */
final class Regions {
    /**
     * A set known between two bounds.
     *
     * @param lower what surely belongs
     * @param upper what may belong
     */
    record Bounds(RangeSet lower, RangeSet upper) {
        static Bounds exact(final RangeSet set) {
            return new Bounds(set, set);
        }

        Bounds union(final Bounds other) {
            return new Bounds(lower.union(other.lower), upper.union(other.upper));
        }

        Bounds complement() {
            return new Bounds(FlowBox.ADDRESSES.minus(upper), FlowBox.ADDRESSES.minus(lower));
        }
    }

    private final RouterModel model;
    private final List<String> names;

    Regions(final RouterModel model) {
        this.model = model;
        names = model.interfaces().keySet().stream().sorted(Comparator.naturalOrder()).toList();
    }

    /** Whether a rule is evaluated for packets in that direction on that interface. */
    boolean applies(final PfRule rule, final PfRule.Direction direction, final InterfaceConfig iface) {
        final PfRule.Criteria criteria = rule.criteria();
        if (criteria.direction() != PfRule.Direction.BOTH && criteria.direction() != direction) {
            return false;
        }
        if (criteria.onRdomain() != null && criteria.onRdomain() != iface.rdomain()) {
            return false;
        }
        if (criteria.on().isEmpty()) {
            return true;
        }
        for (PfRule.OnInterface term : criteria.on()) {
            final boolean in = "any".equals(term.name()) || model.inGroup(term.name(), iface);
            if (term.negated() != in) {
                return true;
            }
        }
        return false;
    }

    /** The flows a rule surely matches (lower) and may match (upper). */
    FlowBox[] box(final PfRule rule) {
        final PfRule.Criteria criteria = rule.criteria();
        RangeSet family = FlowBox.ADDRESSES;
        if (criteria.af() == PfRule.Af.INET) {
            family = FlowBox.V4.union(FlowBox.DYNAMIC);
        } else if (criteria.af() == PfRule.Af.INET6) {
            family = FlowBox.V6.union(FlowBox.DYNAMIC);
        }
        RangeSet protocols = RangeSet.EMPTY;
        for (int protocol : criteria.protocols()) {
            protocols = protocols.union(RangeSet.of(protocol, protocol));
        }
        if (criteria.protocols().isEmpty()) {
            protocols = FlowBox.PROTOCOLS;
        }
        final Bounds from = hosts(criteria.from());
        final Bounds to = hosts(criteria.to());
        final RangeSet sport = ports(criteria.from().ports());
        final RangeSet dport = ports(criteria.to().ports());
        final FlowBox upper = new FlowBox(protocols, from.upper().intersect(family), sport,
            to.upper().intersect(family), dport);
        final boolean partial = !criteria.unmodelled().isEmpty() || !criteria.icmpTypes().isEmpty()
            || criteria.flags() != null && !"any".equals(criteria.flags()) && !"S/SA".equals(criteria.flags())
            || rule.actions().probability() != null;
        final FlowBox lower = partial ? new FlowBox(RangeSet.EMPTY, RangeSet.EMPTY, RangeSet.EMPTY, RangeSet.EMPTY,
            RangeSet.EMPTY) : new FlowBox(protocols, from.lower().intersect(family), sport,
                to.lower().intersect(family), dport);
        return new FlowBox[] { lower, upper };
    }

    private static RangeSet ports(final List<PfHosts.PortOp> ops) {
        if (ops.isEmpty()) {
            return FlowBox.PORTS;
        }
        RangeSet set = RangeSet.EMPTY;
        for (PfHosts.PortOp op : ops) {
            set = set.union(switch (op.op()) {
                case EQ -> RangeSet.of(op.low(), op.low());
                case NE -> RangeSet.of(0, 65535).minus(RangeSet.of(op.low(), op.low()));
                case LT -> RangeSet.of(0, op.low() - 1);
                case LE -> RangeSet.of(0, op.low());
                case GT -> RangeSet.of(op.low() + 1, 65535);
                case GE -> RangeSet.of(op.low(), 65535);
                case RANGE -> RangeSet.of(op.low(), op.high());
                case BETWEEN -> RangeSet.of(op.low() + 1, op.high() - 1);
                case OUTSIDE -> RangeSet.of(0, 65535).minus(RangeSet.of(op.low(), op.high()));
            });
        }
        return set;
    }

    /** A from/to list: the union of its terms, each negated on its own (pfctl expands lists). */
    Bounds hosts(final PfHosts hosts) {
        if (hosts.terms().isEmpty()) {
            return Bounds.exact(FlowBox.ADDRESSES);
        }
        Bounds result = Bounds.exact(RangeSet.EMPTY);
        for (PfHosts.Term term : hosts.terms()) {
            final Bounds one = address(term.address());
            result = result.union(term.negated() ? one.complement() : one);
        }
        return result;
    }

    private Bounds address(final PfAddress term) {
        return switch (term) {
            case PfAddress.Any any -> Bounds.exact(FlowBox.ADDRESSES);
            case PfAddress.Literal literal -> Bounds.exact(FlowBox.prefix(literal.prefix()));
            case PfAddress.Table table -> table(table.name());
            case PfAddress.Interface iface -> Bounds.exact(interfaceAddresses(iface));
            case PfAddress.Unmodelled unmodelled -> new Bounds(RangeSet.EMPTY, FlowBox.ADDRESSES);
        };
    }

    private Bounds table(final String name) {
        final PfTable table = model.pf() == null ? null : model.pf().table(name);
        if (table == null) {
            return Bounds.exact(RangeSet.EMPTY);
        }
        // the longest prefix decides: apply entries from the shortest up
        final List<PrefixSet.Entry> entries = new ArrayList<>(table.set().entries());
        entries.sort(Comparator.comparingInt(entry -> entry.prefix().length()));
        RangeSet set = RangeSet.EMPTY;
        for (PrefixSet.Entry entry : entries) {
            final RangeSet range = FlowBox.prefix(entry.prefix());
            set = entry.negated() ? set.minus(range) : set.union(range);
        }
        for (String iface : table.interfaces()) {
            set = set.union(interfaceAddresses(new PfAddress.Interface(iface, PfAddress.Modifier.ADDRESS, false,
                false)));
        }
        return table.files().isEmpty() ? Bounds.exact(set) : new Bounds(RangeSet.EMPTY, FlowBox.ADDRESSES);
    }

    private RangeSet interfaceAddresses(final PfAddress.Interface term) {
        final List<InterfaceConfig> interfaces = "self".equals(term.name()) ? List.copyOf(model.interfaces().values())
            : model.group(term.name());
        RangeSet set = RangeSet.EMPTY;
        for (InterfaceConfig iface : interfaces) {
            for (boolean v6 : new boolean[] { false, true }) {
                final List<InterfaceConfig.Address> own = iface.addresses(v6);
                final List<InterfaceConfig.Address> used = term.firstOnly() && own.size() > 1 ? own.subList(0, 1)
                    : own;
                for (InterfaceConfig.Address address : used) {
                    set = set.union(switch (term.modifier()) {
                        case ADDRESS -> FlowBox.prefix(IpPrefix.host(address.prefix().address()));
                        case NETWORK -> FlowBox.prefix(address.prefix().network());
                        case BROADCAST -> v6 ? RangeSet.EMPTY : FlowBox.prefix(IpPrefix.host(address.prefix()
                            .last()));
                        case PEER -> address.peer() == null ? RangeSet.EMPTY : FlowBox.prefix(IpPrefix.host(address
                            .peer()));
                    });
                }
            }
            if (iface.dynamic4() != null || iface.dynamic6() != null) {
                set = set.union(FlowBox.dynamic(names.indexOf(iface.name())));
            }
        }
        return set;
    }

    /** The name an interface's run-time address number stands for. */
    String dynamicName(final int index) {
        return index >= 0 && index < names.size() ? names.get(index) : "?";
    }
}

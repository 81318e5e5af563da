/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.mapping;

import static org.opendaylight.openbsdpbr.api.intent.IntentException.at;
import static org.opendaylight.openbsdpbr.impl.mapping.Values.flag;
import static org.opendaylight.openbsdpbr.impl.mapping.Values.number;
import static org.opendaylight.openbsdpbr.impl.mapping.Values.required;
import static org.opendaylight.openbsdpbr.impl.mapping.Values.text;
import static org.opendaylight.openbsdpbr.impl.mapping.Values.union;
import static org.opendaylight.openbsdpbr.impl.mapping.Values.unions;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.openbsdpbr.api.intent.DnsResolver;
import org.opendaylight.openbsdpbr.api.intent.Endpoint;
import org.opendaylight.openbsdpbr.api.intent.Family;
import org.opendaylight.openbsdpbr.api.intent.HostGroup;
import org.opendaylight.openbsdpbr.api.intent.InboundService;
import org.opendaylight.openbsdpbr.api.intent.IntentException;
import org.opendaylight.openbsdpbr.api.intent.NatRule;
import org.opendaylight.openbsdpbr.api.intent.PfTable;
import org.opendaylight.openbsdpbr.api.intent.PolicyRoute;
import org.opendaylight.openbsdpbr.api.intent.Protocol;
import org.opendaylight.openbsdpbr.api.intent.SharedIntent;
import org.opendaylight.openbsdpbr.api.intent.Sshd;
import org.opendaylight.openbsdpbr.api.intent.Via;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.IpAddressNoZone;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.endpoint.Match;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.endpoint.match.Any;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.endpoint.match.Network;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.endpoint.match.Table;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.shared.intent.Nat;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.shared.intent.policy.route.Action;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.shared.intent.policy.route.action.ViaRdomain;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.shared.intent.policy.route.action.ViaUplink;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.shared.intent.sshd.Listen;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.types.rev261124.AddressFamily;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.types.rev261124.IpProtocol;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.types.rev261124.NatSource;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.types.rev261124.NetworkOrAddress;

/**
 * The YANG grouping {@code shared-intent} (a router's {@code intent} container and a {@code profile} both use it) to
 * a {@link SharedIntent}. Errors are relative to the intent ({@code policy-route[name=x]/source/network}); the caller
 * puts them under {@code intent} or the profile.
 */
final class SharedMapping {
    private static final boolean DEFAULT_CONST = true;
    private static final boolean DEFAULT_PERSIST = false;
    private static final boolean DEFAULT_NEGATE = false;
    private static final boolean DEFAULT_SERVE_LAN = false;
    private static final boolean DEFAULT_PASSWORD_AUTHENTICATION = false;
    private static final int DEFAULT_RTABLE = 0;

    private SharedMapping() {
        // utility
    }

    static SharedIntent shared(
            final org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.SharedIntent grouping) {
        final List<PfTable> tables = new ArrayList<>();
        for (var table : grouping.nonnullTable().values()) {
            tables.add(table(table));
        }
        final List<HostGroup> hostGroups = new ArrayList<>();
        for (var group : grouping.nonnullHostGroup().values()) {
            final String name = text(required("host-group/name", group.getName()));
            hostGroups.add(new HostGroup(name, text(group.getDescription()),
                unions(group.getAddress(), NetworkOrAddress::stringValue, Order.ADDRESS)));
        }
        final List<PolicyRoute> routes = new ArrayList<>();
        for (var route : grouping.nonnullPolicyRoute().values()) {
            routes.add(policyRoute(route));
        }
        final List<NatRule> nat = new ArrayList<>();
        for (Nat rule : grouping.nonnullNat().values()) {
            nat.add(new NatRule(text(required("nat/uplink", rule.getUplink())),
                unions(rule.getSource(), NatSource::stringValue, Order.ADDRESS)));
        }
        final List<InboundService> services = new ArrayList<>();
        for (var service : grouping.nonnullInboundService().values()) {
            services.add(inboundService(service));
        }
        return new SharedIntent(tables, hostGroups, routes, nat, services, dnsResolver(grouping.getDnsResolver()),
            sshd(grouping.getSshd()));
    }

    private static PfTable table(
            final org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.shared.intent.Table table) {
        final String name = text(required("table/name", table.getName()));
        return new PfTable(name, text(table.getDescription()), flag(table.getConst(), DEFAULT_CONST),
            flag(table.getPersist(), DEFAULT_PERSIST), unions(table.getEntry(), NetworkOrAddress::stringValue,
                Order.ADDRESS));
    }

    private static PolicyRoute policyRoute(
            final org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.shared.intent.PolicyRoute route) {
        final String name = text(required("policy-route/name", route.getName()));
        final String at = PolicyRoute.path(name);
        final long sequence = required(at + "/sequence", route.getSequence()).longValue();
        final String ingress = text(required(at + "/ingress-interface", route.getIngressInterface()));
        final Endpoint source = at(at + "/source", () -> endpoint(route.getSource(), Endpoint.Any.INSTANCE));
        // the destination's choice defaults to internet (a refine in the YANG module), the source's to any
        final Endpoint destination = at(at + "/destination", () -> endpoint(route.getDestination(),
            Endpoint.Internet.INSTANCE));
        final Via via = at(at, () -> via(route.getAction()));
        return new PolicyRoute(name, sequence, text(route.getDescription()), ingress, family(route.getFamily()),
            protocol(route.getProtocol()), source, destination, via, at(at, () -> FailoverMapping.fallback(route)));
    }

    private static @Nullable Family family(final @Nullable AddressFamily family) {
        if (family == null) {
            return null;
        }
        return switch (family) {
            case Inet -> Family.INET;
            case Inet6 -> Family.INET6;
        };
    }

    private static @Nullable Protocol protocol(final @Nullable IpProtocol protocol) {
        if (protocol == null) {
            return null;
        }
        return switch (protocol) {
            case Tcp -> Protocol.TCP;
            case Udp -> Protocol.UDP;
            case Icmp -> Protocol.ICMP;
            case Icmp6 -> Protocol.ICMP6;
        };
    }

    /**
     * One side of a rule; errors relative to the side ({@code network}, {@code port}).
     *
     * @param endpoint the side's binding, or null when the container is absent
     * @param unset the choice's YANG default, taken when no case is written
     */
    private static Endpoint endpoint(
            final org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.@Nullable Endpoint endpoint,
            final Endpoint.Match unset) {
        if (endpoint == null) {
            return Endpoint.of(unset);
        }
        return new Endpoint(match(endpoint.getMatch(), unset), flag(endpoint.getNegate(), DEFAULT_NEGATE),
            Values.numbers(endpoint.getPort()));
    }

    private static Endpoint.Match match(final @Nullable Match match, final Endpoint.Match unset) {
        return switch (match) {
            case null -> unset;
            case Any any -> Endpoint.Any.INSTANCE;
            case org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.endpoint.match.Internet internet ->
                Endpoint.Internet.INSTANCE;
            case Network network -> new Endpoint.Networks(unions(network.getNetwork(),
                NetworkOrAddress::stringValue, Order.ADDRESS));
            case Table table -> new Endpoint.TableRef(text(required("table", table.getTable())));
            case org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.endpoint.match.HostGroup group ->
                new Endpoint.HostGroupRef(text(required("host-group", group.getHostGroup())));
            case org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.endpoint.match.InterfaceNetwork
                    network -> new Endpoint.InterfaceNetwork(text(required("interface-network",
                        network.getInterfaceNetwork())));
            default -> throw new IntentException("match", "an unknown case " + match.implementedInterface()
                .getSimpleName());
        };
    }

    /** Where a policy route leads; errors relative to the route ({@code via-uplink}). */
    private static Via via(final @Nullable Action action) {
        return switch (action) {
            case null -> throw new IntentException("via-uplink", "missing: a policy route needs via-uplink or"
                + " via-rdomain");
            case ViaUplink uplink -> new Via.ViaUplink(text(required("via-uplink", uplink.getViaUplink())));
            case ViaRdomain rdomain -> new Via.ViaRdomain(number(required("via-rdomain", rdomain.getViaRdomain()),
                0));
            default -> throw new IntentException("action", "an unknown case " + action.implementedInterface()
                .getSimpleName());
        };
    }

    private static InboundService inboundService(
            final org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.shared.intent.InboundService
                service) {
        final String name = text(required("inbound-service/name", service.getName()));
        final String at = InboundService.path(name);
        final String uplink = text(required(at + "/uplink", service.getUplink()));
        final int port = number(required(at + "/port", service.getPort()), 0);
        final var protocol = service.getProtocol();
        final Protocol mapped = protocol == null ? null : switch (protocol) {
            case Tcp -> Protocol.TCP;
            case Udp -> Protocol.UDP;
        };
        return new InboundService(name, uplink, mapped, port,
            unions(service.getSource(), NetworkOrAddress::stringValue, Order.ADDRESS));
    }

    private static @Nullable DnsResolver dnsResolver(
            final org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.shared.intent.@Nullable
                DnsResolver resolver) {
        if (resolver == null) {
            return null;
        }
        return new DnsResolver(number(resolver.getRtable(), DEFAULT_RTABLE), unions(resolver.getForwarder(),
            IpAddressNoZone::stringValue, Order.ADDRESS),
            flag(resolver.getServeLan(), DEFAULT_SERVE_LAN));
    }

    private static @Nullable Sshd sshd(
            final org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.shared.intent.@Nullable
                Sshd sshd) {
        if (sshd == null) {
            return null;
        }
        final List<Sshd.Listen> listeners = new ArrayList<>();
        for (Listen listen : sshd.nonnullListen().values()) {
            final String address = union(required(Sshd.PATH + "/listen/address", listen.getAddress()),
                IpAddressNoZone::stringValue);
            listeners.add(new Sshd.Listen(address, number(required(Sshd.PATH + "/listen[address=" + address
                + "]/rdomain", listen.getRdomain()), 0)));
        }
        final var permit = sshd.getPermitRootLogin();
        final Sshd.PermitRootLogin permitRootLogin = permit == null ? null : switch (permit) {
            case No -> Sshd.PermitRootLogin.NO;
            case ProhibitPassword -> Sshd.PermitRootLogin.PROHIBIT_PASSWORD;
        };
        return new Sshd(listeners, number(sshd.getPort(), Sshd.DEFAULT_PORT),
            flag(sshd.getPasswordAuthentication(), DEFAULT_PASSWORD_AUTHENTICATION), permitRootLogin);
    }
}

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
import static org.opendaylight.openbsdpbr.impl.mapping.Values.optional;
import static org.opendaylight.openbsdpbr.impl.mapping.Values.required;
import static org.opendaylight.openbsdpbr.impl.mapping.Values.text;
import static org.opendaylight.openbsdpbr.impl.mapping.Values.texts;
import static org.opendaylight.openbsdpbr.impl.mapping.Values.union;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.openbsdpbr.api.intent.Dhcp;
import org.opendaylight.openbsdpbr.api.intent.HealthMonitor;
import org.opendaylight.openbsdpbr.api.intent.IntentException;
import org.opendaylight.openbsdpbr.api.intent.Interface;
import org.opendaylight.openbsdpbr.api.intent.Ipv6Uplink;
import org.opendaylight.openbsdpbr.api.intent.MapE;
import org.opendaylight.openbsdpbr.api.intent.Pppoe;
import org.opendaylight.openbsdpbr.api.intent.Rdomain;
import org.opendaylight.openbsdpbr.api.intent.RouterAdvertisement;
import org.opendaylight.openbsdpbr.api.intent.Secret;
import org.opendaylight.openbsdpbr.api.intent.StaticRoute;
import org.opendaylight.openbsdpbr.api.intent.StaticUplink;
import org.opendaylight.openbsdpbr.api.intent.Uplink;
import org.opendaylight.openbsdpbr.api.intent.UplinkKind;
import org.opendaylight.openbsdpbr.impl.secret.SecretOpener;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.IpAddressNoZone;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.IpPrefix;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.RouterIntent;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.router.intent.rdomain._static.route.NextHop;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.router.intent.rdomain._static.route.next.hop.Gateway;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.router.intent.uplink.Type;

/**
 * The YANG grouping {@code router-intent} (rdomains, interfaces, uplinks) to records. Errors are relative to the
 * intent ({@code uplink[name=x]/pppoe/username}); the caller puts them under {@code intent}.
 */
final class RouterMapping {
    private static final int DEFAULT_RDOMAIN = 0;
    private static final boolean DEFAULT_ENABLED = true;
    private static final boolean DEFAULT_IPV6 = false;
    private static final String DEFAULT_PPPOE_INTERFACE = "pppoe0";
    private static final String DEFAULT_MAP_E_INTERFACE = "gif0";

    private RouterMapping() {
        // utility
    }

    static List<Rdomain> rdomains(final RouterIntent grouping) {
        final List<Rdomain> result = new ArrayList<>();
        for (var rdomain : grouping.nonnullRdomain().values()) {
            final int id = number(required("rdomain/id", rdomain.getId()), 0);
            final String at = Rdomain.path(id);
            final List<StaticRoute> routes = new ArrayList<>();
            for (var route : rdomain.nonnullStaticRoute().values()) {
                routes.add(at(at, () -> staticRoute(route)));
            }
            result.add(new Rdomain(id, text(rdomain.getDescription()), text(rdomain.getLoopbackAddress()),
                text(rdomain.getDefaultRouteVia()), routes, at(at, () -> FailoverMapping.fallback(rdomain))));
        }
        return result;
    }

    /** A static route; errors relative to its rdomain. */
    private static StaticRoute staticRoute(
            final org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.router.intent.rdomain
                .StaticRoute route) {
        final String destination = union(required("static-route/destination", route.getDestination()),
            IpPrefix::stringValue);
        final String at = StaticRoute.path(destination);
        return new StaticRoute(destination, at(at, () -> nextHop(route.getNextHop())));
    }

    private static StaticRoute.NextHop nextHop(final @Nullable NextHop nextHop) {
        return switch (nextHop) {
            case null -> throw new IntentException("gateway", "missing: a static route needs a gateway or an"
                + " interface");
            case Gateway gateway -> new StaticRoute.ViaGateway(union(required("gateway", gateway.getGateway()),
                IpAddressNoZone::stringValue));
            case org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.router.intent.rdomain._static
                    .route.next.hop.Interface iface ->
                new StaticRoute.ViaInterface(text(required("interface", iface.getInterface())));
            default -> throw new IntentException("next-hop", "an unknown case " + nextHop.implementedInterface()
                .getSimpleName());
        };
    }

    static List<Interface> interfaces(final RouterIntent grouping) {
        final List<Interface> result = new ArrayList<>();
        for (var iface : grouping.nonnullInterface().values()) {
            final String name = text(required("interface/name", iface.getName()));
            final var kind = iface.getKind();
            final Interface.Kind mapped = kind == null ? null : switch (kind) {
                case Physical -> Interface.Kind.PHYSICAL;
                case Veb -> Interface.Kind.VEB;
                case Vport -> Interface.Kind.VPORT;
                case Loopback -> Interface.Kind.LOOPBACK;
            };
            result.add(new Interface(name, mapped, text(iface.getDescription()),
                number(iface.getRdomain(), DEFAULT_RDOMAIN), texts(iface.getIpv4Address(), Order.ADDRESS),
                texts(iface.getIpv6Address(), Order.ADDRESS), optional(iface.getMtu()),
                texts(iface.getMember(), Order.INTERFACE),
                flag(iface.getEnabled(), DEFAULT_ENABLED), at(Interface.path(name),
                    () -> routerAdvertisement(iface.getRouterAdvertisement()))));
        }
        return result;
    }

    static List<Uplink> uplinks(final RouterIntent grouping, final SecretOpener secrets) {
        final List<Uplink> result = new ArrayList<>();
        for (var uplink : grouping.nonnullUplink().values()) {
            final String name = text(required("uplink/name", uplink.getName()));
            final UplinkKind kind = at(Uplink.path(name), () -> kind(uplink.getType(), secrets));
            final Ipv6Uplink ipv6 = at(Uplink.path(name), () -> ipv6(uplink.getIpv6()));
            final HealthMonitor health = at(Uplink.path(name), () -> FailoverMapping.health(uplink.getHealth(), kind));
            result.add(new Uplink(name, text(uplink.getDescription()), number(uplink.getRdomain(), DEFAULT_RDOMAIN),
                optional(uplink.getMss()), kind, ipv6, health));
        }
        return result;
    }

    private static @Nullable RouterAdvertisement routerAdvertisement(
            final org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.router.intent._interface
                .@Nullable RouterAdvertisement ra) {
        return ra == null ? null : new RouterAdvertisement(texts(ra.getDnsServer(), Order.ADDRESS));
    }

    /** An uplink's IPv6; errors relative to the uplink ({@code ipv6/prefix-delegation/...}). */
    private static @Nullable Ipv6Uplink ipv6(
            final org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.router.intent.uplink
                .@Nullable Ipv6 ipv6) {
        if (ipv6 == null) {
            return null;
        }
        final var pd = ipv6.getPrefixDelegation();
        if (pd == null) {
            return new Ipv6Uplink(null);
        }
        final List<Ipv6Uplink.Assignment> assignments = new ArrayList<>();
        for (var assign : pd.nonnullAssign().values()) {
            final int slot = number(required("slot", assign.getSlot()), 0);
            final String at = Ipv6Uplink.Assignment.path(slot);
            final String iface = switch (assign.getTarget()) {
                case null -> throw new IntentException(at + "/interface", "missing: an assignment names an"
                    + " interface or is a reserve");
                case org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.router.intent.uplink.ipv6
                        .prefix.delegation.assign.target.Interface target ->
                    text(required(at + "/interface", target.getInterface()));
                default -> null;
            };
            assignments.add(new Ipv6Uplink.Assignment(slot, iface,
                number(assign.getPrefixLength(), Ipv6Uplink.Assignment.DEFAULT_LENGTH)));
        }
        return new Ipv6Uplink(new Ipv6Uplink.PrefixDelegation(text(pd.getDelegatedPrefix()),
            flag(pd.getRapidCommit(), false), assignments));
    }

    /** The uplink's case; errors relative to the uplink ({@code pppoe/username}). */
    private static UplinkKind kind(final @Nullable Type type, final SecretOpener secrets) {
        return switch (type) {
            case null -> throw new IntentException("type", "missing: an uplink is pppoe, map-e, dhcp or static");
            case org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.router.intent.uplink.type
                    .Pppoe pppoe -> pppoe(pppoe.nonnullPppoe(), secrets);
            case org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.router.intent.uplink.type
                    .MapE mapE -> mapE(mapE.nonnullMapE());
            case org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.router.intent.uplink.type
                    .Dhcp dhcp -> new Dhcp(text(required("dhcp/interface", dhcp.nonnullDhcp().getInterface())));
            case org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.router.intent.uplink.type
                    .Static fixed -> staticUplink(fixed.nonnullStatic());
            default -> throw new IntentException("type", "an unknown case " + type.implementedInterface()
                .getSimpleName());
        };
    }

    private static Pppoe pppoe(
            final org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.router.intent.uplink.type.pppoe
                .Pppoe pppoe, final SecretOpener secrets) {
        final var auth = pppoe.getAuthProtocol();
        final Pppoe.AuthProtocol authProtocol = auth == null ? null : switch (auth) {
            case Pap -> Pppoe.AuthProtocol.PAP;
            case Chap -> Pppoe.AuthProtocol.CHAP;
        };
        final var secret = pppoe.getSecret();
        return new Pppoe(text(pppoe.getInterface(), DEFAULT_PPPOE_INTERFACE),
            text(required("pppoe/parent", pppoe.getParent())), authProtocol,
            text(required("pppoe/username", pppoe.getUsername())),
            secret == null ? null : at("pppoe", () -> new Secret(secrets.open(secret.getValue()))),
            number(pppoe.getMtu(), Pppoe.DEFAULT_MTU), flag(pppoe.getIpv6(), DEFAULT_IPV6));
    }

    private static MapE mapE(
            final org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.router.intent.uplink.type.map.e
                .MapE mapE) {
        final var rule = mapE.nonnullRule();
        final var layout = mapE.getCeLayout();
        final MapE.CeLayout ceLayout = layout == null ? null : switch (layout) {
            case Rfc7597 -> MapE.CeLayout.RFC7597;
            case Draft03 -> MapE.CeLayout.DRAFT03;
        };
        final var mode = mapE.getNatMode();
        final MapE.NatMode natMode = mode == null ? null : switch (mode) {
            case MapEPortset -> MapE.NatMode.MAP_E_PORTSET;
            case PortBlocks -> MapE.NatMode.PORT_BLOCKS;
        };
        return new MapE(text(mapE.getInterface(), DEFAULT_MAP_E_INTERFACE),
            text(required("map-e/wan-interface", mapE.getWanInterface())),
            text(required("map-e/delegated-prefix", mapE.getDelegatedPrefix())),
            text(required("map-e/br-address", mapE.getBrAddress())),
            text(required("map-e/rule/ipv6-prefix", rule.getIpv6Prefix())),
            text(required("map-e/rule/ipv4-prefix", rule.getIpv4Prefix())),
            number(required("map-e/rule/ea-bits-length", rule.getEaBitsLength()), 0),
            number(rule.getPsidOffset(), MapE.DEFAULT_PSID_OFFSET), ceLayout, natMode,
            number(mapE.getMtu(), MapE.DEFAULT_MTU));
    }

    private static StaticUplink staticUplink(
            final org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.router.intent.uplink.type
                ._static.Static fixed) {
        return new StaticUplink(text(required("static/interface", fixed.getInterface())),
            text(required("static/address", fixed.getAddress())),
            text(required("static/gateway", fixed.getGateway())));
    }
}

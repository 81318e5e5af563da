/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.importer;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import java.util.List;
import java.util.Locale;
import org.opendaylight.openbsdpbr.api.intent.Dhcp;
import org.opendaylight.openbsdpbr.api.intent.DnsResolver;
import org.opendaylight.openbsdpbr.api.intent.Endpoint;
import org.opendaylight.openbsdpbr.api.intent.HostGroup;
import org.opendaylight.openbsdpbr.api.intent.InboundService;
import org.opendaylight.openbsdpbr.api.intent.Interface;
import org.opendaylight.openbsdpbr.api.intent.MapE;
import org.opendaylight.openbsdpbr.api.intent.NatRule;
import org.opendaylight.openbsdpbr.api.intent.PfTable;
import org.opendaylight.openbsdpbr.api.intent.PolicyRoute;
import org.opendaylight.openbsdpbr.api.intent.Pppoe;
import org.opendaylight.openbsdpbr.api.intent.Profile;
import org.opendaylight.openbsdpbr.api.intent.Rdomain;
import org.opendaylight.openbsdpbr.api.intent.RouterIntent;
import org.opendaylight.openbsdpbr.api.intent.SharedIntent;
import org.opendaylight.openbsdpbr.api.intent.Sshd;
import org.opendaylight.openbsdpbr.api.intent.StaticRoute;
import org.opendaylight.openbsdpbr.api.intent.StaticUplink;
import org.opendaylight.openbsdpbr.api.intent.Uplink;
import org.opendaylight.openbsdpbr.api.intent.Via;

/**
 * A router's intent records as the JSON body RESTCONF accepts at {@code .../router=NAME/intent}
 * ({@code {"openbsd-pbr:intent": {...}}}), the inverse of the tools' {@code IntentJson}: what
 * {@code openbsd-pbr import} writes and what the import-router RPC answers (and writes). Leaves at their YANG defaults
 * are left out except where a reader benefits from seeing them (a policy route's endpoints, a uplink's MTU). The
 * PPPoE secret is written as the record holds it: in clear from {@code openbsd-pbr import} (the file is the
 * operator's, as the router's file is, and {@code openbsd-pbr apply} seals it), sealed from the RPC, which seals it
 * before it writes anything.
 *
 * <p>Tested by reading its output back with the tools' {@code IntentJson} (yangtools' codec against the model): the
 * records are equal.
 */
public final class IntentJsonWriter {
    private IntentJsonWriter() {
        // utility
    }

    /** The JSON text, pretty-printed, ending with a newline. */
    public static String write(final RouterIntent intent) {
        final JsonObject body = new JsonObject();
        final JsonObject root = new JsonObject();
        root.add("openbsd-pbr:intent", body);
        if (!RouterIntent.DEFAULT_RELEASE.equals(intent.openbsdRelease())) {
            body.addProperty("openbsd-release", intent.openbsdRelease());
        }
        array(body, "rdomain", intent.rdomains().stream().map(IntentJsonWriter::rdomain).toList());
        array(body, "interface", intent.interfaces().stream().map(IntentJsonWriter::iface).toList());
        array(body, "uplink", intent.uplinks().stream().map(IntentJsonWriter::uplink).toList());
        shared(body, intent.shared());
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(root) + "\n";
    }

    /**
     * A profile as the JSON body RESTCONF takes at {@code profiles} ({@code {"openbsd-pbr:profile": [{...}]}}),
     * compact and in a fixed order, so that equal profiles give equal text: the controller keeps the content of a
     * staged profile a router runs in this form (and names it by a hash of it) once the configuration has moved on.
     * The entry's {@code apply} is not part of a profile's content and is left out.
     */
    public static String profile(final Profile profile) {
        final JsonObject entry = new JsonObject();
        entry.addProperty("name", profile.name());
        description(entry, profile.description());
        shared(entry, profile.intent());
        final JsonArray list = new JsonArray();
        list.add(entry);
        final JsonObject root = new JsonObject();
        root.add("openbsd-pbr:profile", list);
        return new GsonBuilder().disableHtmlEscaping().create().toJson(root);
    }

    private static void shared(final JsonObject body, final SharedIntent shared) {
        array(body, "table", shared.tables().stream().map(IntentJsonWriter::table).toList());
        array(body, "host-group", shared.hostGroups().stream().map(IntentJsonWriter::hostGroup).toList());
        array(body, "policy-route", shared.policyRoutes().stream().map(IntentJsonWriter::policyRoute).toList());
        array(body, "nat", shared.nat().stream().map(IntentJsonWriter::nat).toList());
        array(body, "inbound-service", shared.inboundServices().stream().map(IntentJsonWriter::service).toList());
        final DnsResolver resolver = shared.dnsResolver();
        if (resolver != null) {
            final JsonObject dns = new JsonObject();
            dns.addProperty("rtable", resolver.rtable());
            strings(dns, "forwarder", resolver.forwarders());
            dns.addProperty("serve-lan", resolver.serveLan());
            body.add("dns-resolver", dns);
        }
        final Sshd sshd = shared.sshd();
        if (sshd != null) {
            final JsonObject object = new JsonObject();
            array(object, "listen", sshd.listeners().stream().map(listen -> {
                final JsonObject entry = new JsonObject();
                entry.addProperty("address", listen.address());
                entry.addProperty("rdomain", listen.rdomain());
                return (JsonElement) entry;
            }).toList());
            object.addProperty("port", sshd.port());
            object.addProperty("password-authentication", sshd.passwordAuthentication());
            object.addProperty("permit-root-login", sshd.permitRootLogin().keyword());
            body.add("sshd", object);
        }
    }

    private static JsonElement rdomain(final Rdomain rdomain) {
        final JsonObject object = new JsonObject();
        object.addProperty("id", rdomain.id());
        description(object, rdomain.description());
        optional(object, "loopback-address", rdomain.loopbackAddress());
        optional(object, "default-route-via", rdomain.defaultRouteVia());
        array(object, "static-route", rdomain.staticRoutes().stream().map(route -> {
            final JsonObject entry = new JsonObject();
            entry.addProperty("destination", route.destination());
            if (route.nextHop() instanceof StaticRoute.ViaGateway gateway) {
                entry.addProperty("gateway", gateway.address());
            } else {
                entry.addProperty("interface", ((StaticRoute.ViaInterface) route.nextHop()).iface());
            }
            return (JsonElement) entry;
        }).toList());
        return object;
    }

    private static JsonElement iface(final Interface iface) {
        final JsonObject object = new JsonObject();
        object.addProperty("name", iface.name());
        object.addProperty("kind", iface.kind().keyword());
        description(object, iface.description());
        if (iface.rdomain() != 0) {
            object.addProperty("rdomain", iface.rdomain());
        }
        strings(object, "ipv4-address", iface.ipv4Addresses());
        strings(object, "ipv6-address", iface.ipv6Addresses());
        if (iface.mtu() != null) {
            object.addProperty("mtu", iface.mtu());
        }
        strings(object, "member", iface.members());
        if (!iface.enabled()) {
            object.addProperty("enabled", false);
        }
        return object;
    }

    private static JsonElement uplink(final Uplink uplink) {
        final JsonObject object = new JsonObject();
        object.addProperty("name", uplink.name());
        description(object, uplink.description());
        object.addProperty("rdomain", uplink.rdomain());
        if (uplink.mss() != null) {
            object.addProperty("mss", uplink.mss());
        }
        final JsonObject kind = new JsonObject();
        object.add(uplink.kind().caseName(), kind);
        kind.addProperty("interface", uplink.interfaceName());
        if (uplink.kind() instanceof Pppoe pppoe) {
            kind.addProperty("parent", pppoe.parent());
            kind.addProperty("auth-protocol", pppoe.authProtocol().keyword());
            kind.addProperty("username", pppoe.username());
            if (pppoe.secret() != null) {
                kind.addProperty("secret", pppoe.secret().value());
            }
            kind.addProperty("mtu", pppoe.mtu());
            if (pppoe.ipv6()) {
                kind.addProperty("ipv6", true);
            }
        } else if (uplink.kind() instanceof MapE mapE) {
            kind.addProperty("wan-interface", mapE.wanInterface());
            kind.addProperty("delegated-prefix", mapE.delegatedPrefix());
            kind.addProperty("br-address", mapE.brAddress());
            final JsonObject rule = new JsonObject();
            rule.addProperty("ipv6-prefix", mapE.ruleIpv6Prefix());
            rule.addProperty("ipv4-prefix", mapE.ruleIpv4Prefix());
            rule.addProperty("ea-bits-length", mapE.eaBitsLength());
            rule.addProperty("psid-offset", mapE.psidOffset());
            kind.add("rule", rule);
            kind.addProperty("ce-layout", mapE.ceLayout().name().toLowerCase(Locale.ROOT));
            kind.addProperty("nat-mode", mapE.natMode() == MapE.NatMode.MAP_E_PORTSET ? "map-e-portset"
                : "port-blocks");
            kind.addProperty("mtu", mapE.mtu());
        } else if (uplink.kind() instanceof StaticUplink statik) {
            kind.addProperty("address", statik.address());
            kind.addProperty("gateway", statik.gateway());
        } else if (!(uplink.kind() instanceof Dhcp)) {
            throw new IllegalArgumentException("an uplink kind this writer does not know: " + uplink.kind());
        }
        return object;
    }

    private static JsonElement table(final PfTable table) {
        final JsonObject object = new JsonObject();
        object.addProperty("name", table.name());
        description(object, table.description());
        if (table.constant()) {
            object.addProperty("const", true);
        }
        if (table.persist()) {
            object.addProperty("persist", true);
        }
        strings(object, "entry", table.entries());
        return object;
    }

    private static JsonElement hostGroup(final HostGroup group) {
        final JsonObject object = new JsonObject();
        object.addProperty("name", group.name());
        description(object, group.description());
        strings(object, "address", group.addresses());
        return object;
    }

    private static JsonElement policyRoute(final PolicyRoute route) {
        final JsonObject object = new JsonObject();
        object.addProperty("name", route.name());
        object.addProperty("sequence", route.sequence());
        description(object, route.description());
        object.addProperty("ingress-interface", route.ingressInterface());
        object.addProperty("family", route.family().keyword());
        if (route.protocol() != null) {
            object.addProperty("protocol", route.protocol().keyword());
        }
        object.add("source", endpoint(route.source()));
        object.add("destination", endpoint(route.destination()));
        if (route.via() instanceof Via.ViaUplink uplink) {
            object.addProperty("via-uplink", uplink.uplink());
        } else {
            object.addProperty("via-rdomain", ((Via.ViaRdomain) route.via()).rdomain());
        }
        return object;
    }

    private static JsonElement endpoint(final Endpoint endpoint) {
        final JsonObject object = new JsonObject();
        final Endpoint.Match match = endpoint.match();
        if (match == Endpoint.Any.INSTANCE) {
            object.add("any", empty());
        } else if (match == Endpoint.Internet.INSTANCE) {
            object.add("internet", empty());
        } else if (match instanceof Endpoint.Networks networks) {
            strings(object, "network", networks.networks());
        } else if (match instanceof Endpoint.TableRef table) {
            object.addProperty("table", table.table());
        } else if (match instanceof Endpoint.HostGroupRef group) {
            object.addProperty("host-group", group.hostGroup());
        } else {
            object.addProperty("interface-network", ((Endpoint.InterfaceNetwork) match).value());
        }
        if (endpoint.negate()) {
            object.addProperty("negate", true);
        }
        final JsonArray ports = new JsonArray();
        endpoint.ports().forEach(ports::add);
        if (!ports.isEmpty()) {
            object.add("port", ports);
        }
        return object;
    }

    private static JsonElement nat(final NatRule rule) {
        final JsonObject object = new JsonObject();
        object.addProperty("uplink", rule.uplink());
        strings(object, "source", rule.sources());
        return object;
    }

    private static JsonElement service(final InboundService service) {
        final JsonObject object = new JsonObject();
        object.addProperty("name", service.name());
        object.addProperty("uplink", service.uplink());
        object.addProperty("protocol", service.protocol().keyword());
        object.addProperty("port", service.port());
        strings(object, "source", service.sources());
        return object;
    }

    /** RFC 7951's value of a leaf of type empty. */
    private static JsonArray empty() {
        final JsonArray array = new JsonArray();
        array.add(JsonNull.INSTANCE);
        return array;
    }

    private static void description(final JsonObject object, final String description) {
        if (description != null && !description.isEmpty()) {
            object.addProperty("description", description);
        }
    }

    private static void optional(final JsonObject object, final String name, final String value) {
        if (value != null) {
            object.addProperty(name, value);
        }
    }

    private static void strings(final JsonObject object, final String name, final List<String> values) {
        if (!values.isEmpty()) {
            final JsonArray array = new JsonArray();
            values.forEach(array::add);
            object.add(name, array);
        }
    }

    private static void array(final JsonObject object, final String name, final List<JsonElement> entries) {
        if (!entries.isEmpty()) {
            final JsonArray array = new JsonArray();
            entries.forEach(array::add);
            object.add(name, array);
        }
    }
}

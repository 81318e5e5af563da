/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opendaylight.openbsdpbr.impl.analysis.host.Route;
import org.opendaylight.openbsdpbr.impl.analysis.ip.IpAddress;

/** Every golden rendered router reads into a model whose tables hold what its hostname.if files say. */
class RouterModelTest {
    @ParameterizedTest
    @ValueSource(strings = { "seed-router", "pppoe-ipv6-rfc4638", "map-e-portset", "branch-dhcp", "minimal" })
    void everyGoldenRouterReads(final String name) {
        final Map<String, String> files = new TreeMap<>();
        Fixtures.read(Fixtures.resource("render/" + name), files);
        final RouterModel model = RouterModel.of(files);
        assertThat(model.pf()).isNotNull();
        assertThat(model.notes()).isEmpty();
        assertThat(model.tables()).containsKey(0);
        assertThat(model.iface("lo0")).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = { "branch-dhcp" })
    void staticRoutesByGatewayAndByInterface(final String name) {
        final Map<String, String> files = new TreeMap<>();
        Fixtures.read(Fixtures.resource("render/" + name), files);
        final RouterModel model = RouterModel.of(files);
        // !/sbin/route add -inet 10.0.0.0/8 192.168.1.254 in hostname.em1
        final Route viaGateway = model.tables().get(0).lookup(IpAddress.parse("10.9.9.9"));
        assertThat(viaGateway.iface()).isEqualTo("em1");
        assertThat(viaGateway.gateway()).isEqualTo(IpAddress.parse("192.168.1.254"));
        // !/sbin/route add -inet6 2001:db8:ff::/48 -iface 2001:db8:1::1: on em1's link
        final Route direct = model.tables().get(0).lookup(IpAddress.parse("2001:db8:ff::5"));
        assertThat(direct.iface()).isEqualTo("em1");
        assertThat(direct.gateway()).isNull();
        // rdomain 2: default via 203.0.113.1 on em3
        assertThat(model.tables().get(2).defaultRoute(false).iface()).isEqualTo("em3");
        // em5 takes DHCP in rdomain 5: a default route learnt at run time
        assertThat(model.tables().get(5).defaultRoute(false).kind()).isEqualTo(Route.Kind.DYNAMIC);
    }
}

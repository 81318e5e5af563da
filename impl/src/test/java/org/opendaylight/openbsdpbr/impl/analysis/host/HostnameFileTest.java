/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.analysis.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.opendaylight.openbsdpbr.impl.analysis.ip.IpAddress;
import org.opendaylight.openbsdpbr.impl.analysis.ip.IpPrefix;
import org.opendaylight.openbsdpbr.impl.analysis.source.ModelException;

/** hostname.if(5) files as netstart(8) runs them. */
class HostnameFileTest {
    @Test
    void theSeedsPppoeFile() {
        final HostnameFile file = HostnameFile.parse("/etc/hostname.pppoe0", """
            description "IPv4 PPPoE"
            rdomain 1
            inet 0.0.0.0 255.255.255.255 NONE mtu 1454 pppoedev em0 authproto chap authname 'user' \\
                authkey 'hunter2' up
            dest 0.0.0.1
            !/sbin/route -T 1 add default -ifp $if 0.0.0.1
            !/sbin/route -T 1 add -inet6 default -ifp pppoe0 fe80::%pppoe0
            """);
        assertThat(file.iface().rdomain()).isEqualTo(1);
        assertThat(file.iface().up()).isTrue();
        assertThat(file.iface().dynamic4()).isEqualTo(InterfaceConfig.Dynamic.PPP);
        assertThat(file.iface().addresses()).isEmpty();
        assertThat(file.routes()).hasSize(2);
        assertThat(file.routes().get(0).table()).isEqualTo(1);
        assertThat(file.routes().get(0).destination()).isEqualTo(IpPrefix.parse("0.0.0.0/0"));
        assertThat(file.routes().get(0).ifp()).isEqualTo("pppoe0");
        assertThat(file.routes().get(0).gateway()).isEqualTo(IpAddress.parse("0.0.0.1"));
        assertThat(file.routes().get(0).source().line()).isEqualTo(6);
        assertThat(file.routes().get(1).destination()).isEqualTo(IpPrefix.parse("::/0"));
        assertThat(file.routes().get(1).gateway()).isEqualTo(IpAddress.parse("fe80::"));
        assertThat(file.routes().get(1).ifp()).isEqualTo("pppoe0");
    }

    @Test
    void secretsNeverReachALineOrAnError() {
        assertThat(HostnameFile.mask("inet 0.0.0.0 255.255.255.255 NONE authname 'u' authkey 'hunter2' up"))
            .isEqualTo("inet 0.0.0.0 255.255.255.255 NONE authname 'u' authkey '********' up");
        assertThatThrownBy(() -> HostnameFile.parse("/etc/hostname.pppoe0",
            "inet 0.0.0.0 255.255.255.255 NONE pppoedev em0 authkey hunter2 frobnicate\n"))
            .isInstanceOf(ModelException.class).hasMessage("/etc/hostname.pppoe0:1: 'frobnicate' is not modelled"
                + " in hostname.if").hasMessageNotContaining("hunter2");
    }

    @Test
    void addressesNetmasksAndPeers() {
        final HostnameFile file = HostnameFile.parse("/etc/hostname.gif0", """
            tunnel 2001:db8::1 2001:db8::2
            inet 192.0.2.18 255.255.255.255
            dest 0.0.0.1
            inet alias 10.1.0.1 0xffffff00 NONE
            inet6 2001:db8:5::1 prefixlen 64
            up
            """);
        assertThat(file.iface().addresses()).extracting(InterfaceConfig.Address::prefix).containsExactly(
            IpPrefix.parse("192.0.2.18/32"), IpPrefix.parse("10.1.0.1/24"), IpPrefix.parse("2001:db8:5::1/64"));
        assertThat(file.iface().addresses().get(0).peer()).isEqualTo(IpAddress.parse("0.0.0.1"));
        assertThat(file.iface().tunnel().destination()).isEqualTo(IpAddress.parse("2001:db8::2"));
    }

    @Test
    void rdomainClearsTheAddressesSetBeforeIt() {
        // ifconfig(8): moving an interface to another rdomain removes its addresses
        final HostnameFile file = HostnameFile.parse("/etc/hostname.em1", "inet 192.168.1.1/24\nrdomain 2\nup\n");
        assertThat(file.iface().rdomain()).isEqualTo(2);
        assertThat(file.iface().addresses()).isEmpty();
    }

    @Test
    void linesOutsideTheModelAreErrorsWithTheirLine() {
        assertThatThrownBy(() -> HostnameFile.parse("/etc/hostname.em0", "up\n!/usr/local/bin/wg-quick up\n"))
            .hasMessage("/etc/hostname.em0:2: the command '/usr/local/bin/wg-quick' is not modelled");
        assertThatThrownBy(() -> HostnameFile.parse("/etc/hostname.em0", "inet 10.0.0.1\n"))
            .hasMessage("/etc/hostname.em0:1: inet 10.0.0.1 needs a netmask or a prefix length");
        assertThatThrownBy(() -> HostnameFile.parse("/etc/hostname.em0", "!/sbin/route delete default\n"))
            .hasMessage("/etc/hostname.em0:1: only 'route add' is modelled");
    }
}

/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.mape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressTextTest {
    @ParameterizedTest
    @CsvSource({
        // input (any valid form) -> RFC 5952 canonical text
        "0:0:0:0:0:0:0:0/0, ::/0",
        "::/128, ::/128",
        "0:0:0:0:0:0:0:1/128, ::1/128",
        "1:0:0:0:0:0:0:0/16, 1::/16",
        "2001:0DB8:0000:0000:0000:0000:0000:0001/128, 2001:db8::1/128",
        // a single zero group is not compressed (§4.2.2)
        "2001:db8:0:1:1:1:1:1/128, 2001:db8:0:1:1:1:1:1/128",
        // the longest run wins (§4.2.3) ...
        "2001:0:0:1:0:0:0:1/128, 2001:0:0:1::1/128",
        // ... and of equally long runs the first
        "2001:db8:0:0:1:0:0:1/128, 2001:db8::1:0:0:1/128",
        "2001:db8::/40, 2001:db8::/40",
        "240b:10::/31, 240b:10::/31",
        "fe80::1:0:0:0/128, fe80::1:0:0:0/128",
        "fe80:0:0:1:0:0:0:0/128, fe80:0:0:1::/128",
    })
    void formatsCanonically(final String input, final String canonical) {
        assertThat(Ipv6Prefix.parse("p", input).toText()).isEqualTo(canonical);
    }

    @Test
    void buildsAddressesWithoutLookups() {
        assertThat(Ipv6Prefix.toInet6Address(0L, 0xffff_c000_0212L).getHostAddress())
            .isEqualTo("0:0:0:0:0:ffff:c000:212");
        assertThat(Ipv4Prefix.toInet4Address(0xc0000212).getHostAddress()).isEqualTo("192.0.2.18");
        assertThat(Ipv4Prefix.format(0xffffffff)).isEqualTo("255.255.255.255");
    }

    @Test
    void portRangeValidates() {
        assertThat(new PortRange(1232, 1235).size()).isEqualTo(4);
        assertThat(new PortRange(1232, 1235).contains(1235)).isTrue();
        assertThat(new PortRange(1232, 1235).contains(1236)).isFalse();
        assertThat(new PortRange(1232, 1235)).hasToString("1232-1235");
        assertThat(new PortRange(0, 65535).size()).isEqualTo(65536);
        assertThatThrownBy(() -> new PortRange(-1, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PortRange(5, 65536)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PortRange(6, 5)).isInstanceOf(IllegalArgumentException.class);
    }
}

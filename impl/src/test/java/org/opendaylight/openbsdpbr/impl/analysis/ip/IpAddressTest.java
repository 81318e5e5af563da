/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.analysis.ip;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Address literals, prefixes and the longest-prefix table lookup. */
class IpAddressTest {
    @Test
    void literalsRoundTripInCanonicalForm() {
        assertThat(IpAddress.parse("192.168.1.1")).hasToString("192.168.1.1");
        assertThat(IpAddress.parse("2001:DB8:0:0:1:0:0:1")).hasToString("2001:db8::1:0:0:1");
        assertThat(IpAddress.parse("240b:10:af40:3c00:6a:48af:4000:3c00")).hasToString(
            "240b:10:af40:3c00:6a:48af:4000:3c00");
        assertThat(IpAddress.parse("::")).hasToString("::");
        assertThat(IpAddress.parse("::ffff:192.0.2.1")).hasToString("::ffff:c000:201");
        assertThat(IpAddress.tryParse("256.1.1.1")).isNull();
        assertThat(IpAddress.tryParse("1.2.3")).isNull();
        assertThat(IpAddress.tryParse("1::2::3")).isNull();
        assertThat(IpAddress.tryParse("vport0:network")).isNull();
    }

    @Test
    void prefixesAndShortForms() {
        assertThat(IpPrefix.parse("192.168.1.1/24").network()).hasToString("192.168.1.0/24");
        assertThat(IpPrefix.parse("192.168.1.1/24").contains(IpAddress.parse("192.168.1.200"))).isTrue();
        assertThat(IpPrefix.parse("192.168.1.1/24").contains(IpAddress.parse("192.168.2.1"))).isFalse();
        assertThat(IpPrefix.parse("192.168.1.1/24").last()).hasToString("192.168.1.255");
        assertThat(IpPrefix.tryParseShort("172.16", 12)).hasToString("172.16.0.0/12");
        assertThat(IpPrefix.tryParseShort("10", 8)).hasToString("10.0.0.0/8");
        assertThat(IpPrefix.netmaskLength(IpAddress.parse("255.255.255.0"))).isEqualTo(24);
        assertThat(IpPrefix.netmaskLength(IpAddress.parse("255.0.255.0"))).isEqualTo(-1);
        assertThat(IpPrefix.parse("2001:db8::/32").contains(IpAddress.parse("2001:db8:ffff::1"))).isTrue();
    }

    @Test
    void theLongestEntryDecidesAndNegatedEntriesExclude() {
        final PrefixSet set = PrefixSet.of(List.of(new PrefixSet.Entry(IpPrefix.parse("10.0.0.0/8"), false),
            new PrefixSet.Entry(IpPrefix.parse("10.1.0.0/16"), true),
            new PrefixSet.Entry(IpPrefix.parse("10.1.2.3"), false)));
        assertThat(set.matches(IpAddress.parse("10.9.9.9"))).isTrue();
        assertThat(set.matches(IpAddress.parse("10.1.9.9"))).isFalse();
        assertThat(set.lookup(IpAddress.parse("10.1.9.9"))).isFalse();
        assertThat(set.matches(IpAddress.parse("10.1.2.3"))).isTrue();
        assertThat(set.lookup(IpAddress.parse("11.0.0.1"))).isNull();
        assertThat(set.matches(IpAddress.parse("::1"))).isFalse();
    }
}

/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.mape;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.BitSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Properties of the port set that make NAT safe: every port in the CE's ranges maps back to its PSID (and to a valid
 * A), no port outside the ranges does, and the CEs sharing one IPv4 address get disjoint sets.
 */
class PortSetPropertyTest {
    static Stream<Arguments> parameterSets() {
        return Stream.of(
            Arguments.of(MapECalculatorTest.params("2001:db8:12:3400::/56", "2001:db8::/40", "192.0.2.0/24", 16, 6,
                CeLayout.RFC7597)),
            Arguments.of(MapECalculatorTest.params("240b:11:2345:6700::/56", "240b:10::/31", "106.72.0.0/15", 25, 4,
                CeLayout.DRAFT03)),
            Arguments.of(MapECalculatorTest.params("240b:12:abcd:ef00::/56", "240b:12::/32", "14.8.0.0/16", 24, 4,
                CeLayout.DRAFT03)),
            Arguments.of(MapECalculatorTest.params("2001:db8:12:3400::/56", "2001:db8::/40", "192.0.2.0/24", 16, 0,
                CeLayout.RFC7597)),
            Arguments.of(MapECalculatorTest.params("2001:db8:12:3400::/56", "2001:db8::/40", "192.0.2.0/24", 16, 8,
                CeLayout.RFC7597)),
            Arguments.of(MapECalculatorTest.params("2001:db8:12::/48", "2001:db8::/40", "192.0.2.0/24", 8, 6,
                CeLayout.RFC7597)),
            Arguments.of(MapECalculatorTest.params("2001:db8:12:3ff0::/60", "2001:db8::/40", "192.0.2.0/28", 12, 3,
                CeLayout.RFC7597)),
            Arguments.of(MapECalculatorTest.params("2001:c000:212:34::/64", "2001::/16", "0.0.0.0/0", 48, 0,
                CeLayout.RFC7597)));
    }

    @ParameterizedTest
    @MethodSource("parameterSets")
    void portsInRangesAreExactlyThoseOfThePsid(final MapEParameters params) {
        final MapEResult result = MapECalculator.compute(params);
        final int a = result.psidOffset();
        final int q = result.psidLength();
        final int m = 16 - a - q;
        final BitSet inRanges = toBitSet(result.portRanges());

        int count = 0;
        for (int port = 0; port <= PortRange.MAX_PORT; port++) {
            // invert the mapping: port = A << (16 - a) | PSID << m | j
            final int bigA = a == 0 ? 0 : port >>> (16 - a);
            final int psid = port >>> m & (1 << q) - 1;
            final boolean belongs = (a == 0 || bigA != 0) && psid == result.psid();
            assertThat(inRanges.get(port)).as("port %d (A %d, PSID %d)", port, bigA, psid).isEqualTo(belongs);
            if (belongs) {
                count++;
            }
        }
        assertThat(result.portCount()).isEqualTo(count).isEqualTo(((1 << a) - (a == 0 ? 0 : 1)) << m);
    }

    @ParameterizedTest
    @MethodSource("parameterSets")
    void rangesAreAscendingDisjointAndNotAdjacent(final MapEParameters params) {
        final List<PortRange> ranges = MapECalculator.compute(params).portRanges();
        for (int i = 1; i < ranges.size(); i++) {
            assertThat(ranges.get(i).start()).isGreaterThan(ranges.get(i - 1).end() + 1);
        }
    }

    /** All 256 CEs of a v6プラス /32 rule that share 14.8.171.205 get disjoint port sets covering 4096..65535. */
    @ParameterizedTest
    @MethodSource("layouts")
    void sharingCesGetDisjointPortSets(final CeLayout layout) {
        final BitSet union = new BitSet(PortRange.MAX_PORT + 1);
        for (int psid = 0; psid < 256; psid++) {
            final String delegated = String.format("240b:12:abcd:%02x00::/56", psid);
            final MapEResult result = MapECalculator.compute(new MapEParameters(delegated, "240b:12::/32",
                "14.8.0.0/16", 24, 4, layout));
            assertThat(result.ipv4String()).isEqualTo("14.8.171.205");
            assertThat(result.psid()).isEqualTo(psid);
            final BitSet ports = toBitSet(result.portRanges());
            assertThat(ports.intersects(union)).as("PSID %d overlaps an earlier PSID", psid).isFalse();
            union.or(ports);
        }
        assertThat(union.nextSetBit(0)).isEqualTo(4096);
        assertThat(union.cardinality()).isEqualTo(65536 - 4096);
    }

    static Stream<CeLayout> layouts() {
        return Stream.of(CeLayout.values());
    }

    private static BitSet toBitSet(final List<PortRange> ranges) {
        final BitSet bits = new BitSet(PortRange.MAX_PORT + 1);
        for (PortRange range : ranges) {
            bits.set(range.start(), range.end() + 1);
        }
        return bits;
    }
}

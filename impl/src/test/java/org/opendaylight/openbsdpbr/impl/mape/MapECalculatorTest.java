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

import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MapECalculatorTest {
    /**
     * Test vectors. Each derivation writes n = rule IPv6 prefix length, o = EA-bits length, p = 32 - rule IPv4 prefix
     * length, q = o - p (PSID length), m = 16 - a - q; ports = (A << (16 - a)) | (PSID << m) | j.
     */
    static Stream<Arguments> vectors() {
        return Stream.of(
            // RFC 7597 Appendix A, example 1: n = 40, o = 16, p = 8, q = 8, a = 6, m = 2.
            // EA bits = bits 40..55 of 2001:0db8:0012:34.. = 0x1234; IPv4 = 192.0.2.0 | 0x12 = 192.0.2.18;
            // PSID = 0x34; ports = A * 1024 + 0x34 * 4 + j = A * 1024 + 208 .. + 3, A = 1..63:
            // 1232-1235 .. 64720-64723.
            // RFC 7597 interface id 0000:c000:0212:0034.
            Arguments.of("RFC 7597 A.1", params("2001:db8:12:3400::/56", "2001:db8::/40", "192.0.2.0/24", 16, 6,
                CeLayout.RFC7597), "192.0.2.18", 0x34, 8, "2001:db8:12:3400:0:c000:212:34", 63, 1232, 1235, 64720,
                64723, 252),
            // The same in the draft-03 layout: 00 | c0 00 02 12 | 00 34 | 00 = 00c0:0002:1200:3400.
            Arguments.of("RFC 7597 A.1 draft-03", params("2001:db8:12:3400::/56", "2001:db8::/40", "192.0.2.0/24", 16,
                6, CeLayout.DRAFT03), "192.0.2.18", 0x34, 8, "2001:db8:12:3400:c0:2:1200:3400", 63, 1232, 1235,
                64720, 64723, 252),
            // v6プラス BMR 240b:10::/31 -> 106.72.0.0/15, o = 25, a = 4: p = 17, q = 8, m = 4.
            // Delegated 240b:0011:2345:6700::/56: bit 31 (last bit of 0x0011) = 1, bits 32..47 = 0x2345,
            // bits 48..55 = 0x67, so EA = 1 2345 67 (25 bits) = 0x1234567.
            // IPv4 suffix = EA >> 8 = 0x12345: 0x6a480000 | 0x12345 = 0x6a492345 = 106.73.35.69; PSID = 0x67 = 103.
            // Ports = A * 4096 + 0x67 * 16 + j = A * 4096 + 1648 .. + 15, A = 1..15: 5744-5759 .. 63088-63103;
            // 15 blocks of 16 = 240 ports. RFC 7597 interface id 0000:6a49:2345:0067.
            Arguments.of("v6plus /31", params("240b:11:2345:6700::/56", "240b:10::/31", "106.72.0.0/15", 25, 4,
                CeLayout.RFC7597), "106.73.35.69", 103, 8, "240b:11:2345:6700:0:6a49:2345:67", 15, 5744, 5759, 63088,
                63103, 240),
            // Same, draft-03 interface id: 00 | 6a 49 23 45 | 00 67 | 00 = 006a:4923:4500:6700.
            Arguments.of("v6plus /31 draft-03", params("240b:11:2345:6700::/56", "240b:10::/31", "106.72.0.0/15", 25,
                4, CeLayout.DRAFT03), "106.73.35.69", 103, 8, "240b:11:2345:6700:6a:4923:4500:6700", 15, 5744, 5759,
                63088, 63103, 240),
            // v6プラス per-/32 rule 240b:12::/32 -> 14.8.0.0/16, o = 24, a = 4: p = 16, q = 8, m = 4.
            // Delegated 240b:12:abcd:ef00::/56: EA = bits 32..55 = 0xabcdef; IPv4 = 14.8.0.0 | 0xabcd = 14.8.171.205;
            // PSID = 0xef = 239; ports = A * 4096 + 239 * 16 + j = A * 4096 + 3824 .. + 15: 7920-7935 .. 65264-65279.
            // Interface ids: RFC 7597 0000:0e08:abcd:00ef,
            // draft-03 00 | 0e 08 ab cd | 00 ef | 00 = 000e:08ab:cd00:ef00.
            Arguments.of("v6plus /32", params("240b:12:abcd:ef00::/56", "240b:12::/32", "14.8.0.0/16", 24, 4,
                CeLayout.RFC7597), "14.8.171.205", 239, 8, "240b:12:abcd:ef00:0:e08:abcd:ef", 15, 7920, 7935, 65264,
                65279, 240),
            Arguments.of("v6plus /32 draft-03", params("240b:12:abcd:ef00::/56", "240b:12::/32", "14.8.0.0/16", 24, 4,
                CeLayout.DRAFT03), "14.8.171.205", 239, 8, "240b:12:abcd:ef00:e:8ab:cd00:ef00", 15, 7920, 7935,
                65264, 65279, 240),
            // PSID length 0 without any EA bits: rule IPv4 /32, o = 0, p = 0, q = 0, a = 6, m = 10. IPv4 = the rule
            // address 203.0.113.7; the 63 blocks A * 1024 .. A * 1024 + 1023 touch: one range 1024-65535.
            // Interface id 0000:cb00:7107:0000; single zero groups are not compressed (RFC 5952 §4.2.2).
            Arguments.of("PSID length 0, no EA bits", params("2001:db8:0:100::/56", "2001:db8::/32",
                "203.0.113.7/32", 0, 6, CeLayout.RFC7597), "203.0.113.7", 0, 0, "2001:db8:0:100:0:cb00:7107:0", 1,
                1024, 65535, 1024, 65535, 64512),
            // EA bits exactly fill the IPv4 suffix: n = 40, o = 8, p = 8, q = 0, a = 6. Delegated /48 = n + o:
            // EA = bits 40..47 = 0x12 -> 192.0.2.18, full address, ports 1024-65535 (A = 0 still excluded).
            // Interface id 0000:c000:0212:0000 -> groups 2001 db8 12 0 | 0 c000 212 0: the two-zero run is compressed.
            Arguments.of("EA fills IPv4 suffix", params("2001:db8:12::/48", "2001:db8::/40", "192.0.2.0/24", 8, 6,
                CeLayout.RFC7597), "192.0.2.18", 0, 0, "2001:db8:12::c000:212:0", 1, 1024, 65535, 1024, 65535,
                64512),
            // Same in draft-03: 00 | c0 00 02 12 | 00 00 | 00 = 00c0:0002:1200:0000: no run of two zero groups.
            Arguments.of("EA fills IPv4 suffix draft-03", params("2001:db8:12::/48", "2001:db8::/40", "192.0.2.0/24",
                8, 6, CeLayout.DRAFT03), "192.0.2.18", 0, 0, "2001:db8:12:0:c0:2:1200:0", 1, 1024, 65535, 1024,
                65535, 64512),
            // q = 0 and a = 0: the whole port space 0-65535.
            Arguments.of("full address, a = 0", params("2001:db8:12::/48", "2001:db8::/40", "192.0.2.0/24", 8, 0,
                CeLayout.RFC7597), "192.0.2.18", 0, 0, "2001:db8:12::c000:212:0", 1, 0, 65535, 0, 65535, 65536),
            // a = 0: A takes only the value 0; m = 16 - 0 - 8 = 8: one block 0x34 << 8 = 13312 .. 13567 (256 ports).
            Arguments.of("a = 0", params("2001:db8:12:3400::/56", "2001:db8::/40", "192.0.2.0/24", 16, 0,
                CeLayout.RFC7597), "192.0.2.18", 0x34, 8, "2001:db8:12:3400:0:c000:212:34", 1, 13312, 13567, 13312,
                13567, 256),
            // a + q = 16: a = 8, q = 8, m = 0: single ports A * 256 + 0x34, A = 1..255: 308 .. 65332.
            Arguments.of("a + q = 16", params("2001:db8:12:3400::/56", "2001:db8::/40", "192.0.2.0/24", 16, 8,
                CeLayout.RFC7597), "192.0.2.18", 0x34, 8, "2001:db8:12:3400:0:c000:212:34", 255, 308, 308, 65332,
                65332, 255),
            // Delegated /60 longer than n + o = /56: the End-user prefix keeps its bits 56..59 (0x5), the subnet ID
            // bits 60..63 are zero (RFC 7597 §6); EA bits and everything else as in A.1.
            Arguments.of("delegated /60", params("2001:db8:12:3450::/60", "2001:db8::/40", "192.0.2.0/24", 16, 6,
                CeLayout.RFC7597), "192.0.2.18", 0x34, 8, "2001:db8:12:3450:0:c000:212:34", 63, 1232, 1235, 64720,
                64723, 252),
            // Largest EA length: n = 16, o = 48, rule IPv4 0.0.0.0/0: p = 32, q = 16, a = 0, m = 0.
            // Delegated 2001:c000:212:34::/64: EA = bits 16..63 = c000 0212 0034: IPv4 0xc0000212 = 192.0.2.18,
            // PSID = 0x34: exactly one port, 52.
            Arguments.of("EA 48", params("2001:c000:212:34::/64", "2001::/16", "0.0.0.0/0", 48, 0, CeLayout.RFC7597),
                "192.0.2.18", 0x34, 16, "2001:c000:212:34:0:c000:212:34", 1, 52, 52, 52, 52, 1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void computesVector(final String name, final MapEParameters params, final String ipv4, final int psid,
            final int psidLength, final String ceAddress, final int rangeCount, final int firstStart,
            final int firstEnd, final int lastStart, final int lastEnd, final int portCount) {
        final MapEResult result = MapECalculator.compute(params);
        assertThat(result.ipv4String()).isEqualTo(ipv4);
        assertThat(result.psid()).isEqualTo(psid);
        assertThat(result.psidLength()).isEqualTo(psidLength);
        assertThat(result.psidOffset()).isEqualTo(params.psidOffset());
        assertThat(result.ceAddressString()).isEqualTo(ceAddress);
        assertThat(result.portRanges()).hasSize(rangeCount);
        assertThat(result.portRanges().get(0)).isEqualTo(new PortRange(firstStart, firstEnd));
        assertThat(result.portRanges().get(rangeCount - 1)).isEqualTo(new PortRange(lastStart, lastEnd));
        assertThat(result.portCount()).isEqualTo(portCount);
    }

    @Test
    void rfc7597ExampleHasEveryRange() {
        final MapEResult result = MapECalculator.compute(params("2001:db8:12:3400::/56", "2001:db8::/40",
            "192.0.2.0/24", 16, 6, CeLayout.RFC7597));
        // A = 1..63: A * 1024 + 208 .. A * 1024 + 211
        final List<PortRange> expected = IntStream.rangeClosed(1, 63)
            .mapToObj(bigA -> new PortRange(bigA * 1024 + 208, bigA * 1024 + 211))
            .toList();
        assertThat(result.portRanges()).isEqualTo(expected);
        assertThat(result.portRanges().get(1)).isEqualTo(new PortRange(2256, 2259));
        assertThat(result.ipv4Address().getAddress()).containsExactly(192, 0, 2, 18);
        assertThat(result.ceAddress().getAddress()).containsExactly(0x20, 0x01, 0x0d, 0xb8, 0x00, 0x12, 0x34, 0x00,
            0x00, 0x00, 0xc0, 0x00, 0x02, 0x12, 0x00, 0x34);
    }

    @Test
    void v6plusHasFifteenBlocksOfSixteen() {
        final MapEResult result = MapECalculator.compute(params("240b:11:2345:6700::/56", "240b:10::/31",
            "106.72.0.0/15", 25, 4, CeLayout.DRAFT03));
        assertThat(result.portRanges()).hasSize(15).allSatisfy(range -> assertThat(range.size()).isEqualTo(16));
        assertThat(result.portRanges().get(1)).isEqualTo(new PortRange(2 * 4096 + 1648, 2 * 4096 + 1663));
    }

    @Test
    void rejectsDelegatedPrefixShorterThanRulePlusEaBits() {
        assertThatThrownBy(() -> MapECalculator.compute(params("2001:db8:12::/48", "2001:db8::/40", "192.0.2.0/24",
            16, 6, CeLayout.RFC7597)))
            .isInstanceOf(MapEException.class)
            .hasMessage("delegated-prefix: delegated-prefix /48 is shorter than rule-ipv6-prefix + ea-bits-length"
                + " (/40 + 16 = /56)")
            .extracting(e -> ((MapEException) e).parameter()).isEqualTo("delegated-prefix");
    }

    @Test
    void rejectsDelegatedPrefixOutsideRule() {
        assertThatThrownBy(() -> MapECalculator.compute(params("2001:db9:12:3400::/56", "2001:db8::/40",
            "192.0.2.0/24", 16, 6, CeLayout.RFC7597)))
            .isInstanceOf(MapEException.class)
            .hasMessage("delegated-prefix: 2001:db9:12:3400::/56 is not inside rule-ipv6-prefix 2001:db8::/40");
        // differs only in the last bit of the rule prefix (v6プラス /31: 240b:10 and 240b:11 are inside, 240b:12 not)
        assertThatThrownBy(() -> MapECalculator.compute(params("240b:12:2345:6700::/56", "240b:10::/31",
            "106.72.0.0/15", 25, 4, CeLayout.RFC7597)))
            .hasMessageStartingWith("delegated-prefix: 240b:12:2345:6700::/56 is not inside");
    }

    @Test
    void rejectsSharedIpv4Prefix() {
        // o = 8 cannot hold the p = 16 bits of a /16 suffix: q = -8
        assertThatThrownBy(() -> MapECalculator.compute(params("2001:db8:12::/48", "2001:db8::/40",
            "192.168.0.0/16", 8, 6, CeLayout.RFC7597)))
            .isInstanceOf(MapEException.class)
            .hasMessageStartingWith("ea-bits-length: 8 EA bits cannot hold the 16-bit IPv4 suffix of"
                + " rule-ipv4-prefix /16")
            .hasMessageContaining("not supported");
    }

    @Test
    void rejectsMorePortBitsThanSixteen() {
        // a = 10, q = 8
        assertThatThrownBy(() -> MapECalculator.compute(params("2001:db8:12:3400::/56", "2001:db8::/40",
            "192.0.2.0/24", 16, 10, CeLayout.RFC7597)))
            .isInstanceOf(MapEException.class)
            .hasMessageStartingWith("psid-offset: psid-offset 10 + PSID length 8")
            .hasMessageContaining("= 18 exceeds the 16 port bits");
    }

    @Test
    void rejectsDelegatedPrefixLongerThan64() {
        assertThatThrownBy(() -> params("2001:db8:12:3400::/72", "2001:db8::/40", "192.0.2.0/24", 16, 6,
            CeLayout.RFC7597))
            .isInstanceOf(MapEException.class)
            .hasMessageStartingWith("delegated-prefix: /72 is longer than /64");
    }

    static Stream<Arguments> malformedIpv6() {
        return Stream.of(
            Arguments.of("2001:db8::", "has no prefix length"),
            Arguments.of("2001:db8::/129", "prefix length 129 is out of range 0..128"),
            Arguments.of("2001:db8::/", "has no valid prefix length"),
            Arguments.of("2001:db8::/4x", "has no valid prefix length"),
            Arguments.of("2001:db8::/-1", "has no valid prefix length"),
            Arguments.of("2001:db8::/40/41", "has no valid prefix length"),
            Arguments.of("2001:db8:::/40", "is not an IPv6 prefix"),
            Arguments.of("2001::db8::/40", "is not an IPv6 prefix"),
            Arguments.of("gggg::/40", "is not an IPv6 prefix"),
            Arguments.of("12345::/16", "is not an IPv6 prefix"),
            Arguments.of("1:2:3:4:5:6:7/64", "is not an IPv6 prefix"),
            Arguments.of("1:2:3:4:5:6:7:8:9/64", "is not an IPv6 prefix"),
            Arguments.of("1:2:3:4::5:6:7:8/64", "is not an IPv6 prefix"),
            Arguments.of(":2001:db8::/40", "is not an IPv6 prefix"),
            Arguments.of("2001:db8::%em0/40", "is not an IPv6 prefix"),
            Arguments.of(" 2001:db8::/40", "is not an IPv6 prefix"),
            Arguments.of("２００１:db8::/40", "is not an IPv6 prefix"),
            Arguments.of("192.0.2.0/24", "is not an IPv6 prefix"),
            Arguments.of("localhost/40", "is not an IPv6 prefix"),
            Arguments.of("", "has no prefix length"),
            Arguments.of("2001:db8::1/40", "has bits set beyond /40 (did you mean 2001:db8::/40?)"),
            Arguments.of("2001:db9::/31", "has bits set beyond /31 (did you mean 2001:db8::/31?)"));
    }

    @ParameterizedTest(name = "[{index}] ''{0}''")
    @MethodSource("malformedIpv6")
    void rejectsMalformedRuleIpv6Prefix(final String text, final String detail) {
        assertThatThrownBy(() -> params("2001:db8:12:3400::/56", text, "192.0.2.0/24", 16, 6, CeLayout.RFC7597))
            .isInstanceOf(MapEException.class)
            .hasMessageStartingWith("rule-ipv6-prefix: ")
            .hasMessageContaining(detail);
    }

    @ParameterizedTest(name = "[{index}] ''{0}''")
    @MethodSource("malformedIpv6")
    void rejectsMalformedDelegatedPrefix(final String text, final String detail) {
        assertThatThrownBy(() -> params(text, "2001:db8::/40", "192.0.2.0/24", 16, 6, CeLayout.RFC7597))
            .isInstanceOf(MapEException.class)
            .hasMessageStartingWith("delegated-prefix: ")
            .hasMessageContaining(detail);
    }

    static Stream<Arguments> malformedIpv4() {
        return Stream.of(
            Arguments.of("192.0.2.0", "has no prefix length"),
            Arguments.of("192.0.2/24", "is not an IPv4 prefix"),
            Arguments.of("1.2.3.4.5/32", "is not an IPv4 prefix"),
            Arguments.of("192.0.2.256/32", "is not an IPv4 prefix"),
            Arguments.of("192.0.02.0/24", "is not an IPv4 prefix"),
            Arguments.of("192.0..0/24", "is not an IPv4 prefix"),
            Arguments.of("192.0.2.0x/24", "is not an IPv4 prefix"),
            Arguments.of("example.com/24", "is not an IPv4 prefix"),
            Arguments.of("2001:db8::/40", "is not an IPv4 prefix"),
            Arguments.of("192.0.2.0/33", "prefix length 33 is out of range 0..32"),
            Arguments.of("192.0.2.0/", "has no valid prefix length"),
            Arguments.of("192.0.2.0/2 4", "has no valid prefix length"),
            Arguments.of("192.0.2.1/24", "has bits set beyond /24 (did you mean 192.0.2.0/24?)"),
            Arguments.of("106.73.0.0/15", "has bits set beyond /15 (did you mean 106.72.0.0/15?)"));
    }

    @ParameterizedTest(name = "[{index}] ''{0}''")
    @MethodSource("malformedIpv4")
    void rejectsMalformedRuleIpv4Prefix(final String text, final String detail) {
        assertThatThrownBy(() -> params("2001:db8:12:3400::/56", "2001:db8::/40", text, 16, 6, CeLayout.RFC7597))
            .isInstanceOf(MapEException.class)
            .hasMessageStartingWith("rule-ipv4-prefix: ")
            .hasMessageContaining(detail);
    }

    @Test
    void rejectsOutOfRangeNumbersAndNulls() {
        assertThatThrownBy(() -> params("2001:db8:12:3400::/56", "2001:db8::/40", "192.0.2.0/24", 49, 6,
            CeLayout.RFC7597)).hasMessage("ea-bits-length: 49 is out of range 0..48");
        assertThatThrownBy(() -> params("2001:db8:12:3400::/56", "2001:db8::/40", "192.0.2.0/24", -1, 6,
            CeLayout.RFC7597)).hasMessage("ea-bits-length: -1 is out of range 0..48");
        assertThatThrownBy(() -> params("2001:db8:12:3400::/56", "2001:db8::/40", "192.0.2.0/24", 16, 16,
            CeLayout.RFC7597)).hasMessage("psid-offset: 16 is out of range 0..15");
        assertThatThrownBy(() -> params("2001:db8:12:3400::/56", "2001:db8::/40", "192.0.2.0/24", 16, -1,
            CeLayout.RFC7597)).hasMessage("psid-offset: -1 is out of range 0..15");
        assertThatThrownBy(() -> params("2001:db8:12:3400::/56", "2001:db8::/40", "192.0.2.0/24", 16, 6, null))
            .isInstanceOf(MapEException.class).hasMessageStartingWith("layout: ");
        assertThatThrownBy(() -> params(null, "2001:db8::/40", "192.0.2.0/24", 16, 6, CeLayout.RFC7597))
            .isInstanceOf(MapEException.class).hasMessage("delegated-prefix: missing IPv6 prefix");
        assertThatThrownBy(() -> params("2001:db8:12:3400::/56", null, "192.0.2.0/24", 16, 6, CeLayout.RFC7597))
            .isInstanceOf(MapEException.class).hasMessage("rule-ipv6-prefix: missing IPv6 prefix");
        assertThatThrownBy(() -> params("2001:db8:12:3400::/56", "2001:db8::/40", null, 16, 6, CeLayout.RFC7597))
            .isInstanceOf(MapEException.class).hasMessage("rule-ipv4-prefix: missing IPv4 prefix");
    }

    @Test
    void exceptionSeparatesParameterAndDetail() {
        final MapEException ex = new MapEException("psid-offset", "16 is out of range 0..15");
        assertThat(ex).isInstanceOf(IllegalArgumentException.class).hasMessage("psid-offset: 16 is out of range 0..15");
        assertThat(ex.parameter()).isEqualTo("psid-offset");
        assertThat(ex.detail()).isEqualTo("16 is out of range 0..15");
    }

    static MapEParameters params(final String delegated, final String rule6, final String rule4, final int ea,
            final int offset, final CeLayout layout) {
        return new MapEParameters(delegated, rule6, rule4, ea, offset, layout);
    }
}

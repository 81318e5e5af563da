/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.opendaylight.openbsdpbr.impl.analysis.ip.IpAddress;
import org.opendaylight.openbsdpbr.impl.analysis.ip.IpPrefix;

/** The set algebra the lints rely on. */
class RangeSetTest {
    @Test
    void unionMergesOverlappingAndAdjacentRanges() {
        assertThat(RangeSet.of(1, 5).union(RangeSet.of(6, 9)).union(RangeSet.of(20, 30)).union(RangeSet.of(3, 21)))
            .isEqualTo(RangeSet.of(1, 30));
        assertThat(RangeSet.of(1, 2).union(RangeSet.of(4, 5))).hasToString("[1-2 4-5 ]");
    }

    @Test
    void minusCutsHoles() {
        assertThat(RangeSet.of(0, 100).minus(RangeSet.of(10, 20).union(RangeSet.of(30, 40))))
            .hasToString("[0-9 21-29 41-100 ]");
        assertThat(RangeSet.of(10, 20).minus(RangeSet.of(0, 100)).isEmpty()).isTrue();
        assertThat(RangeSet.of(10, 20).minus(RangeSet.of(20, 30))).isEqualTo(RangeSet.of(10, 19));
    }

    @Test
    void intersect() {
        assertThat(RangeSet.of(0, 10).union(RangeSet.of(20, 30)).intersect(RangeSet.of(5, 25)))
            .hasToString("[5-10 20-25 ]");
        assertThat(RangeSet.of(0, 10).intersects(RangeSet.of(11, 12))).isFalse();
    }

    @Test
    void boxesSubtractExactly() {
        final FlowBox lan = new FlowBox(FlowBox.PROTOCOLS, FlowBox.prefix(IpPrefix.parse("192.168.1.0/24")),
            FlowBox.PORTS, FlowBox.V4, FlowBox.PORTS);
        final FlowBox web = new FlowBox(RangeSet.of(6, 6), FlowBox.prefix(IpPrefix.parse("192.168.1.0/24")),
            FlowBox.PORTS, FlowBox.V4, RangeSet.of(80, 80));
        final List<FlowBox> rest = lan.minus(web);
        // every protocol but TCP, and TCP to every port but 80
        assertThat(rest).hasSize(2);
        assertThat(FlowBox.minus(rest, lan)).isEmpty();
        assertThat(FlowBox.minus(List.of(web), lan)).isEmpty();
        assertThat(FlowBox.address(FlowBox.key(IpAddress.parse("2001:db8::1")))).hasToString("2001:db8::1");
        assertThat(FlowBox.address(FlowBox.key(IpAddress.parse("192.0.2.7")))).hasToString("192.0.2.7");
    }
}

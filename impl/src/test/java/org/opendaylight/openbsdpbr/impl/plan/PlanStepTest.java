/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.opendaylight.openbsdpbr.api.plan.ApplyPlan;
import org.opendaylight.openbsdpbr.api.plan.PlanStep;
import org.opendaylight.openbsdpbr.api.plan.PlanStep.Rcctl.Action;
import org.opendaylight.openbsdpbr.api.plan.PlanVocabulary;

/** The plan vocabulary (api/plan): each step's line and command, the parser, and what is refused. */
class PlanStepTest {
    static Stream<PlanStep> everyKindOfStep() {
        return Stream.of(new PlanStep.Netstart("pppoe0"), new PlanStep.Destroy("gif0"), new PlanStep.LoadPf(),
            new PlanStep.LoadAnchor("uplink/pppoe", "uplink-pppoe.conf"),
            new PlanStep.Sysctl("net.inet.ip.forwarding", "1"), new PlanStep.Sysctl("net.inet6.ip6.forwarding", "1"),
            new PlanStep.Rcctl(Action.RELOAD, "ifstated"), new PlanStep.Rcctl(Action.RESTART, "rad"),
            new PlanStep.Rcctl(Action.ENABLE, "dhcp6leased"),
            new PlanStep.BeforeFiles(new PlanStep.Rcctl(Action.STOP, "unwind")));
    }

    @ParameterizedTest
    @MethodSource("everyKindOfStep")
    void everyStepParsesBackFromItsLine(final PlanStep step) {
        assertThat(PlanVocabulary.isPlanLine(step.planLine())).isTrue();
        assertThat(PlanStep.parse(step.planLine())).isEqualTo(step);
    }

    @Test
    void linesAndCommandsAreOpenBsdsOwn() {
        assertThat(new PlanStep.LoadAnchor("uplink/pppoe", "uplink-pppoe.conf").planLine())
            .isEqualTo("pfctl-anchor uplink/pppoe uplink-pppoe.conf");
        assertThat(new PlanStep.LoadAnchor("uplink/pppoe", "uplink-pppoe.conf").command())
            .isEqualTo("pfctl -a uplink/pppoe -f /etc/pf/uplink-pppoe.conf");
        assertThat(new PlanStep.Sysctl("net.inet.ip.forwarding", "1").command())
            .isEqualTo("sysctl net.inet.ip.forwarding=1");
        assertThat(new PlanStep.Rcctl(Action.RELOAD, "ifstated").command()).isEqualTo("rcctl reload ifstated");
        final ApplyPlan plan = new ApplyPlan(everyKindOfStep().toList());
        assertThat(ApplyPlan.parse(plan.toPlanText())).isEqualTo(plan);
    }

    @Test
    void sysctlConfLinesBecomeSteps() {
        assertThat(PlanStep.Sysctl.fromConf("# forwarding\nnet.inet.ip.forwarding=1\n\n"
            + "net.inet6.ip6.forwarding=1   # IPv6 too\n")).containsExactly(
                new PlanStep.Sysctl("net.inet.ip.forwarding", "1"),
                new PlanStep.Sysctl("net.inet6.ip6.forwarding", "1"));
        assertThatThrownBy(() -> PlanStep.Sysctl.fromConf("net.inet.ip.forwarding=1\nkern.hostname=evil; reboot\n"))
            .hasMessageContaining("kern.hostname");
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "netstart", "netstart em0 em1", "netstart Em0", "netstart em0;reboot", "pfctl -f x",
        "pfctl-anchor _anon a.conf", "pfctl-anchor a/b/c/d/e a.conf", "pfctl-anchor a ../x.conf",
        "pfctl-anchor a x.txt", "pfctl-anchor a b.conf extra", "sysctl net.inet.ip.forwarding",
        "sysctl net.inet.ip.forwarding=yes", "sysctl kern=1", "sysctl user.foo=1", "sysctl net.inet.ip.forwarding=1 x",
        "sysctl net.inet.ip.forwarding=12345678901", "rcctl restart httpd", "rcctl kill unwind",
        "before before netstart em0", "before", " netstart em0", "netstart em0 ", "rcctl reload ifstated\n" })
    void linesOutsideTheVocabularyAreRefused(final String line) {
        assertThat(PlanVocabulary.isPlanLine(line)).isFalse();
        assertThatThrownBy(() -> PlanStep.parse(line)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void constructorsRefuseWordsOutsideTheVocabulary() {
        assertThatThrownBy(() -> new PlanStep.Sysctl("kern.hostname", "x")).hasMessageContaining("integer");
        assertThatThrownBy(() -> new PlanStep.Sysctl("../x", "1")).hasMessageContaining("sysctl");
        assertThatThrownBy(() -> new PlanStep.LoadAnchor("a b", "x.conf")).hasMessageContaining("anchor");
        assertThatThrownBy(() -> new PlanStep.LoadAnchor("a", "/etc/pf/x.conf")).hasMessageContaining("file");
        assertThatThrownBy(() -> new PlanStep.Rcctl(Action.START, "httpd")).hasMessageContaining("service");
        assertThatThrownBy(() -> new PlanStep.BeforeFiles(new PlanStep.BeforeFiles(new PlanStep.LoadPf())))
            .isInstanceOf(IllegalArgumentException.class);
        assertThat(List.of("ifstated", "rad", "dhcp6leased")).allSatisfy(service ->
            assertThat(new PlanStep.Rcctl(Action.RESTART, service).planLine()).endsWith(service));
    }
}

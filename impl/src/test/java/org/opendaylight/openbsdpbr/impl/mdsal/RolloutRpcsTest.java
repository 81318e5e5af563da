/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.mdsal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.opendaylight.openbsdpbr.api.device.Probe;
import org.opendaylight.openbsdpbr.impl.rollout.BreachAction;
import org.opendaylight.openbsdpbr.impl.rollout.Budget;
import org.opendaylight.openbsdpbr.impl.rollout.RolloutPlan;
import org.opendaylight.openbsdpbr.impl.rollout.WaveSize;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.IpAddressNoZone;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.Ipv4AddressNoZone;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.Ipv6AddressNoZone;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.rollouts.Rollout;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.rollouts.RolloutBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.rollouts.rollout.ChangeBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.rollouts.rollout.ProbeBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.rollouts.rollout.TargetBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.rollouts.rollout.WaveBudgetBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.rollouts.rollout.probe.kind.ping.PingBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.routers.Router;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.routers.RouterBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.types.rev261124.Label;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.types.rev261124.ObjectName;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.types.rev261124.RdomainId;
import org.opendaylight.yangtools.yang.common.Uint16;
import org.opendaylight.yangtools.yang.common.Uint32;
import org.opendaylight.yangtools.yang.common.Uint8;

/**
 * A configured rollout as the engine gets it: the YANG defaults stand in for absent leaves (bindings carry none),
 * wave sizes are parsed as counts, percentages and rest, and targets by label keep only routers that list the
 * profile and carry every label.
 */
class RolloutRpcsTest {
    private static Rollout rollout(final List<String> waves) {
        return new RolloutBuilder().setName(new ObjectName("r")).setChange(new ChangeBuilder()
            .setProfile(new ObjectName("branch")).build()).setWave(waves).build();
    }

    @Test
    void absentLeavesTakeTheirYangDefaults() {
        assertThat(RolloutRpcs.plan(rollout(null))).isEqualTo(new RolloutPlan(List.of(), List.of(new WaveSize.Rest()),
            Duration.ZERO, Budget.ofCount(0), Budget.UNLIMITED, BreachAction.HALT, false, 32));
    }

    @Test
    void waveSizesAreCountsPercentagesOrRestAndTheBudgetIsRead() {
        final Rollout rollout = new RolloutBuilder(rollout(List.of("1", "10%", "rest"))).setSoak(Uint32.valueOf(30))
            .setWaveBudget(new WaveBudgetBuilder().setPercent(Uint8.valueOf(5))
                .build()).setBreachAction(Rollout.BreachAction.RollbackAll).setApproval(true)
            .setConcurrency(Uint16.valueOf(8)).build();
        assertThat(RolloutRpcs.plan(rollout)).isEqualTo(new RolloutPlan(List.of(), List.of(new WaveSize.Count(1),
            new WaveSize.Percent(10), new WaveSize.Rest()), Duration.ofSeconds(30), Budget.ofPercent(5),
            Budget.UNLIMITED, BreachAction.ROLLBACK_ALL, true, 8));
    }

    @Test
    void aBadWaveIsRefusedNamingIt() {
        assertThatThrownBy(() -> RolloutRpcs.plan(rollout(List.of("0%"))))
            .hasMessage("rollouts/rollout[name=r]/wave[0%]: waves/wave/percent: 1 to 100, not 0");
    }

    @Test
    void targetsByLabelAreRoutersOfTheProfileCarryingEveryLabel() {
        final Rollout rollout = new RolloutBuilder(rollout(null)).setTarget(new TargetBuilder()
            .setLabel(Set.of(new Label("site=tokyo"))).build()).build();
        final List<Router> routers = List.of(router("a", "branch", "site=tokyo"), router("b", "branch", "site=osaka"),
            router("c", "other", "site=tokyo"), router("d", "branch", "site=tokyo"));
        assertThat(RolloutRpcs.targets(rollout, routers)).containsExactly("a", "d");
        assertThat(RolloutRpcs.targets(rollout(null), routers)).as("no target: the engine's default").isEmpty();
    }

    /** Probes keep the order configured and take the YANG defaults (rdomain 0, 3 requests) for absent leaves. */
    @Test
    void probesAreReadInOrderWithTheirDefaults() {
        final PingBuilder upstream = new PingBuilder().setDestination(new IpAddressNoZone(new Ipv4AddressNoZone(
            "8.8.8.8"))).setRdomain(new RdomainId(Uint8.ONE)).setCount(Uint8.TWO);
        final PingBuilder local = new PingBuilder().setDestination(new IpAddressNoZone(new Ipv6AddressNoZone(
            "2001:db8::1")));
        final Rollout rollout = new RolloutBuilder(rollout(null)).setProbe(List.of(probe("upstream", upstream),
            probe("local", local))).build();
        assertThat(RolloutRpcs.probes(rollout)).containsExactly(new Probe("upstream", 1, 2, "8.8.8.8"),
            new Probe("local", 0, 3, "2001:db8::1"));
        assertThatThrownBy(() -> RolloutRpcs.probes(new RolloutBuilder(rollout(null)).setProbe(List.of(probe("x",
            new PingBuilder()))).build())).hasMessage("rollouts/rollout[name=r]/probe[name=x]/ping/destination: "
                + "missing");
    }

    private static org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.rollouts.rollout.Probe probe(
            final String name, final PingBuilder ping) {
        return new ProbeBuilder().setName(new ObjectName(name)).setKind(new org.opendaylight.yang.gen.v1.urn
            .opendaylight.openbsd.pbr.rev261124.rollouts.rollout.probe.kind.PingBuilder().setPing(ping.build()).build())
            .build();
    }

    private static Router router(final String name, final String profile, final String label) {
        return new RouterBuilder().setName(new ObjectName(name)).setProfile(List.of(new ObjectName(profile)))
            .setLabel(Set.of(new Label(label))).build();
    }
}

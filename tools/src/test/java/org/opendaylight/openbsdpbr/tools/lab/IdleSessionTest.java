/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.tools.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;
import org.opendaylight.openbsdpbr.api.device.Credentials;
import org.opendaylight.openbsdpbr.api.device.DeviceConnector;
import org.opendaylight.openbsdpbr.api.device.DeviceSession;
import org.opendaylight.openbsdpbr.api.device.DeviceTarget;
import org.opendaylight.openbsdpbr.impl.device.DevicePush;
import org.opendaylight.openbsdpbr.impl.device.PushOptions;
import org.opendaylight.openbsdpbr.impl.device.PushResult;
import org.opendaylight.openbsdpbr.impl.render.ApplyPlanner;
import org.opendaylight.openbsdpbr.impl.ssh.SshKeys;

/**
 * A router's last session serves its next transaction: a confirmed push then costs one new connection (the one that
 * confirms, made after the commit) instead of two; a session that died while idle is replaced without a failure; one
 * whose credentials no longer match, or that idled past its lifetime, is not used.
 */
class IdleSessionTest {
    private static final PushOptions CONFIRMED = PushOptions.defaults().withConfirm(Duration.ofSeconds(20));

    /** Counts the connections a pusher opens, and which of them were opened after which commit. */
    private static final class Counting implements DeviceConnector {
        private final DeviceConnector delegate;
        private final List<String> opened = new ArrayList<>();

        Counting(final DeviceConnector delegate) {
            this.delegate = delegate;
        }

        synchronized int opened() {
            return opened.size();
        }

        @Override
        public CompletionStage<DeviceSession> open(final DeviceTarget target, final String holder) {
            synchronized (this) {
                opened.add(holder);
            }
            return delegate.open(target, holder);
        }

        @Override
        public String newHolder() {
            return delegate.newHolder();
        }

        @Override
        public boolean isOwnKind(final String holder) {
            return delegate.isOwnKind(holder);
        }

        @Override
        public void close() {
            delegate.close();
        }
    }

    /** A lab router and a pusher whose connections are counted. */
    private record Rig(LabFixture fixture, Counting counting, DevicePush push, DeviceTarget target)
            implements AutoCloseable {
        static Rig of(final Duration idleLifetime) throws IOException {
            return of(idleLifetime, DevicePush.IDLE_CAPACITY, 1);
        }

        static Rig of(final Duration idleLifetime, final int capacity, final int routers) throws IOException {
            final var fixture = new LabFixture(routers);
            final var counting = new Counting(fixture.connector);
            return new Rig(fixture, counting, new DevicePush(counting, ApplyPlanner::plan, fixture.timer,
                idleLifetime, capacity), fixture.target("r1"));
        }

        PushResult confirmed(final String marker) {
            return IdleSessionTest.confirmed(push, target, marker);
        }

        @Override
        public void close() {
            fixture.close();
        }
    }

    private static PushResult confirmed(final DevicePush push, final DeviceTarget target, final String marker) {
        final PushResult result = LabFixture.await(push.push(LabFixture.files(marker), target, CONFIRMED));
        assertThat(result.outcome()).as(result.summary()).isEqualTo(PushResult.Outcome.CONFIRMED);
        return result;
    }

    @Test
    void theConfirmingConnectionServesTheNextPushWhoseConfirmIsANewConnectionAgain() throws Exception {
        try (var rig = Rig.of(DevicePush.IDLE_LIFETIME)) {
            rig.confirmed("a");
            assertThat(rig.counting.opened()).as("the push's connection and the confirming one").isEqualTo(2);
            assertThat(rig.push.idleSessions()).isEqualTo(1);

            rig.confirmed("b");
            rig.confirmed("c");
            // each later push starts on the last confirming connection and confirms on a new one
            assertThat(rig.counting.opened()).isEqualTo(4);
            assertThat(rig.fixture.lab.router("r1").generation()).isEqualTo(3);
            assertThat(rig.fixture.lab.router("r1").lockHolder()).isEmpty();

            // a read takes the idle session too, and leaves it idle
            LabFixture.await(rig.push.readConfig(rig.target));
            assertThat(rig.counting.opened()).isEqualTo(4);
            assertThat(rig.push.idleSessions()).isEqualTo(1);

            rig.push.closeIdleSessions();
            assertThat(rig.push.idleSessions()).isZero();
        }
    }

    @Test
    void aSessionThatDiedWhileIdleIsReplacedTransparently() throws Exception {
        try (var rig = Rig.of(DevicePush.IDLE_LIFETIME)) {
            rig.confirmed("a");
            // the router reboots: its sessions drop (nothing was pending, so nothing reverts)
            rig.fixture.lab.reboot("r1");
            final PushResult after = rig.confirmed("b");
            assertThat(after.generation()).hasValue(2);
            assertThat(rig.counting.opened()).isEqualTo(4);
        }
    }

    @Test
    void aSessionMadeWithOtherCredentialsIsNotUsed() throws Exception {
        try (var rig = Rig.of(DevicePush.IDLE_LIFETIME)) {
            final KeyPair other = SshKeys.generateEd25519();
            rig.confirmed("a");
            confirmed(rig.push, rig.fixture.lab.target("r1", new Credentials.Key(other)), "b");
            assertThat(rig.counting.opened()).isEqualTo(4);
            // the same key in new objects (a recompiled spec) does reuse it
            confirmed(rig.push, rig.fixture.lab.target("r1",
                new Credentials.Key(new KeyPair(other.getPublic(), other.getPrivate()))), "c");
            assertThat(rig.counting.opened()).isEqualTo(5);
        }
    }

    @Test
    void aSessionIdleLongerThanItsLifetimeIsClosed() throws Exception {
        try (var rig = Rig.of(Duration.ofMillis(300))) {
            rig.confirmed("a");
            await().atMost(Duration.ofSeconds(10)).until(() -> rig.push.idleSessions() == 0);
            rig.confirmed("b");
            assertThat(rig.counting.opened()).isEqualTo(4);
        }
    }

    @Test
    void atMostCapacitySessionsStayIdleTheOneIdleLongestClosedFirst() throws Exception {
        try (var rig = Rig.of(DevicePush.IDLE_LIFETIME, 2, 3)) {
            for (String router : List.of("r1", "r2", "r3")) {
                confirmed(rig.push, rig.fixture.target(router), "a");
            }
            assertThat(rig.push.idleSessions()).isEqualTo(2);
            assertThat(rig.counting.opened()).isEqualTo(6);
            // r1's session was closed to make room for r3's; r3's is still there
            rig.confirmed("b");
            assertThat(rig.counting.opened()).isEqualTo(8);
            confirmed(rig.push, rig.fixture.target("r3"), "b");
            assertThat(rig.counting.opened()).isEqualTo(9);
        }
    }

    @Test
    void aLifetimeOfZeroKeepsNothing() throws Exception {
        try (var rig = Rig.of(Duration.ZERO)) {
            rig.confirmed("a");
            assertThat(rig.push.idleSessions()).isZero();
            rig.confirmed("b");
            assertThat(rig.counting.opened()).isEqualTo(4);
        }
    }
}

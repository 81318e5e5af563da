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
import org.opendaylight.openbsdpbr.impl.device.Scheduler;
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

    private static PushResult confirmed(final DevicePush push, final DeviceTarget target, final String marker) {
        final PushResult result = LabFixture.await(push.push(LabFixture.files(marker), target, CONFIRMED));
        assertThat(result.outcome()).as(result.summary()).isEqualTo(PushResult.Outcome.CONFIRMED);
        return result;
    }

    @Test
    void theConfirmingConnectionServesTheNextPushWhoseConfirmIsANewConnectionAgain() throws Exception {
        try (var fixture = new LabFixture(1)) {
            final var counting = new Counting(fixture.connector);
            final var push = new DevicePush(counting, ApplyPlanner::plan);
            final DeviceTarget target = fixture.target("r1");

            confirmed(push, target, "a");
            assertThat(counting.opened()).as("the push's connection and the confirming one").isEqualTo(2);
            assertThat(push.idleSessions()).isEqualTo(1);

            confirmed(push, target, "b");
            confirmed(push, target, "c");
            // each later push starts on the last confirming connection and confirms on a new one
            assertThat(counting.opened()).isEqualTo(4);
            assertThat(fixture.lab.router("r1").generation()).isEqualTo(3);
            assertThat(fixture.lab.router("r1").lockHolder()).isEmpty();

            // a read takes the idle session too, and leaves it idle
            LabFixture.await(push.readConfig(target));
            assertThat(counting.opened()).isEqualTo(4);
            assertThat(push.idleSessions()).isEqualTo(1);

            push.closeIdleSessions();
            assertThat(push.idleSessions()).isZero();
        }
    }

    @Test
    void aSessionThatDiedWhileIdleIsReplacedTransparently() throws Exception {
        try (var fixture = new LabFixture(1)) {
            final var counting = new Counting(fixture.connector);
            final var push = new DevicePush(counting, ApplyPlanner::plan);
            final DeviceTarget target = fixture.target("r1");
            confirmed(push, target, "a");
            // the router reboots: its sessions drop (nothing was pending, so nothing reverts)
            fixture.lab.reboot("r1");
            final PushResult after = confirmed(push, target, "b");
            assertThat(after.generation()).hasValue(2);
            assertThat(counting.opened()).isEqualTo(4);
        }
    }

    @Test
    void aSessionMadeWithOtherCredentialsIsNotUsed() throws Exception {
        try (var fixture = new LabFixture(1)) {
            final var counting = new Counting(fixture.connector);
            final var push = new DevicePush(counting, ApplyPlanner::plan);
            final KeyPair other = SshKeys.generateEd25519();
            confirmed(push, fixture.target("r1"), "a");
            confirmed(push, fixture.lab.target("r1", new Credentials.Key(other)), "b");
            assertThat(counting.opened()).isEqualTo(4);
            // the same key in new objects (a recompiled spec) does reuse it
            confirmed(push, fixture.lab.target("r1",
                new Credentials.Key(new KeyPair(other.getPublic(), other.getPrivate()))), "c");
            assertThat(counting.opened()).isEqualTo(5);
        }
    }

    @Test
    void aSessionIdleLongerThanItsLifetimeIsClosed() throws Exception {
        try (var fixture = new LabFixture(1)) {
            final var counting = new Counting(fixture.connector);
            final var push = new DevicePush(counting, ApplyPlanner::plan, Scheduler.SYSTEM, Duration.ofMillis(300));
            confirmed(push, fixture.target("r1"), "a");
            await().atMost(Duration.ofSeconds(10)).until(() -> push.idleSessions() == 0);
            confirmed(push, fixture.target("r1"), "b");
            assertThat(counting.opened()).isEqualTo(4);
        }
    }

    @Test
    void aLifetimeOfZeroKeepsNothing() throws Exception {
        try (var fixture = new LabFixture(1)) {
            final var counting = new Counting(fixture.connector);
            final var push = new DevicePush(counting, ApplyPlanner::plan, Scheduler.SYSTEM, Duration.ZERO);
            confirmed(push, fixture.target("r1"), "a");
            assertThat(push.idleSessions()).isZero();
            confirmed(push, fixture.target("r1"), "b");
            assertThat(counting.opened()).isEqualTo(4);
        }
    }
}

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
import static org.opendaylight.openbsdpbr.tools.lab.LabFixture.await;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opendaylight.openbsdpbr.api.device.CommitRequest;
import org.opendaylight.openbsdpbr.api.device.DeviceException;
import org.opendaylight.openbsdpbr.api.device.DeviceSession;
import org.opendaylight.openbsdpbr.api.device.DeviceTarget;
import org.opendaylight.openbsdpbr.api.device.HostKeyPolicy;
import org.opendaylight.openbsdpbr.api.files.FileSet;
import org.opendaylight.openbsdpbr.api.files.ManagedFile;
import org.opendaylight.openbsdpbr.impl.device.DevicePush;
import org.opendaylight.openbsdpbr.impl.device.PushOptions;
import org.opendaylight.openbsdpbr.impl.device.PushResult;
import org.opendaylight.openbsdpbr.impl.device.PushResult.Outcome;
import org.opendaylight.openbsdpbr.impl.render.ApplyPlanner;
import org.opendaylight.openbsdpbr.impl.ssh.SshDeviceConnector;
import org.opendaylight.openbsdpbr.impl.ssh.SshSettings;

/**
 * The reliability cases of the device protocol against the lab: each ends with the router on its old or its new
 * generation, never a mix, and the adapter's result says which.
 */
class LabReliabilityTest {
    private static final PushOptions CONFIRMED = PushOptions.defaults().withConfirm(Duration.ofSeconds(20))
        .withRecoverWithin(Duration.ofSeconds(5));
    private static final PushOptions PLAIN = PushOptions.defaults().withRecoverWithin(Duration.ofSeconds(5));

    private LabFixture fixture;

    @AfterEach
    void close() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private LabFixture lab(final int routers) throws Exception {
        fixture = new LabFixture(routers);
        return fixture;
    }

    /** Push version "old" so that the router has a generation to fall back to. */
    private PushResult pushOld(final String router) {
        final PushResult result = await(fixture.push.push(LabFixture.files("old"), fixture.target(router), PLAIN));
        assertThat(result.outcome()).as(result.summary()).isEqualTo(Outcome.COMMITTED);
        return result;
    }

    /** The router runs exactly these files, whole. */
    private void assertRuns(final String router, final FileSet files) {
        final LabRouter lab = fixture.lab.router(router);
        for (ManagedFile file : files.files().values()) {
            assertThat(lab.file(file.path())).as(file.path()).hasValueSatisfying(found -> {
                assertThat(found.text()).isEqualTo(file.content());
                assertThat(found.mode()).isEqualTo(file.mode());
            });
        }
    }

    @Test
    void unreachableRouterIsUnchangedAndSaysWhy() throws Exception {
        lab(1);
        fixture.lab.setFault("r1", LabFault.REFUSE, "");
        final PushResult result = await(fixture.push.push(LabFixture.files("new"), fixture.target("r1"), PLAIN));
        assertThat(result.outcome()).isEqualTo(Outcome.UNCHANGED);
        assertThat(result.generation()).isEmpty();
        assertThat(result.failure()).containsInstanceOf(DeviceException.Connect.class);
        assertThat(result.failure().orElseThrow().getMessage()).contains("connection refused");
        assertThat(fixture.lab.router("r1").generation()).isZero();
    }

    @Test
    void dropDuringUploadLeavesTheOldGeneration() throws Exception {
        lab(1);
        pushOld("r1");
        fixture.lab.setFault("r1", LabFault.DROP_UPLOAD, "");
        final PushResult result = await(fixture.push.push(LabFixture.files("new"), fixture.target("r1"), PLAIN));
        assertThat(result.outcome()).as(result.summary()).isEqualTo(Outcome.UNCHANGED);
        assertThat(result.generation()).hasValue(1);
        assertThat(result.failure().orElseThrow()).isInstanceOf(DeviceException.ConnectionLost.class)
            .extracting(e -> ((DeviceException) e).step()).isEqualTo(
                org.opendaylight.openbsdpbr.api.device.DeviceStep.EDIT_CANDIDATE);
        assertThat(fixture.lab.router("r1").generation()).isEqualTo(1);
        assertRuns("r1", LabFixture.files("old"));

        // the lock was released on a new connection: the next push goes through
        fixture.lab.clearFaults("r1");
        assertThat(fixture.lab.router("r1").lockHolder()).isEmpty();
        assertThat(await(fixture.push.push(LabFixture.files("new"), fixture.target("r1"), PLAIN)).generation())
            .hasValue(2);
        assertRuns("r1", LabFixture.files("new"));
    }

    @Test
    void dropDuringValidateLeavesTheOldGeneration() throws Exception {
        lab(1);
        pushOld("r1");
        fixture.lab.setFault("r1", LabFault.DROP_VALIDATE, "");
        final PushResult result = await(fixture.push.push(LabFixture.files("new"), fixture.target("r1"), CONFIRMED));
        assertThat(result.outcome()).as(result.summary()).isEqualTo(Outcome.UNCHANGED);
        assertThat(result.generation()).hasValue(1);
        assertThat(fixture.lab.router("r1").generation()).isEqualTo(1);
        assertRuns("r1", LabFixture.files("old"));
    }

    @Test
    void dropDuringCommitIsResolvedByAskingTheRouter() throws Exception {
        lab(2);
        pushOld("r1");
        pushOld("r2");
        fixture.lab.setFault("r1", LabFault.DROP_COMMIT, "");
        fixture.lab.setFault("r2", LabFault.DROP_COMMIT, "");

        final PushResult plain = await(fixture.push.push(LabFixture.files("new"), fixture.target("r1"), PLAIN));
        assertThat(plain.outcome()).as(plain.summary()).isEqualTo(Outcome.COMMITTED);
        assertThat(plain.generation()).hasValue(2);
        assertThat(plain.previous()).hasValue(1);
        assertRuns("r1", LabFixture.files("new"));

        // a confirmed commit whose reply was lost: the push reconnects, finds it pending and confirms it
        final PushResult confirmed = await(fixture.push.push(LabFixture.files("new"), fixture.target("r2"),
            CONFIRMED));
        assertThat(confirmed.outcome()).as(confirmed.summary()).isEqualTo(Outcome.CONFIRMED);
        assertThat(confirmed.generation()).hasValue(2);
        assertThat(fixture.lab.router("r2").pending()).isEmpty();
        assertRuns("r2", LabFixture.files("new"));
    }

    @Test
    void validationFailureCarriesTheRoutersMessage() throws Exception {
        lab(2);
        pushOld("r1");
        fixture.lab.setFault("r1", LabFault.FAIL_VALIDATE, "/etc/pf.conf:2: syntax error");
        final PushResult result = await(fixture.push.push(LabFixture.files("new"), fixture.target("r1"), PLAIN));
        assertThat(result.outcome()).isEqualTo(Outcome.UNCHANGED);
        assertThat(result.failure().orElseThrow()).isInstanceOfSatisfying(DeviceException.Validate.class,
            e -> assertThat(e.routerMessage()).isEqualTo("/etc/pf.conf:2: syntax error"));
        assertRuns("r1", LabFixture.files("old"));

        // the lab's own checks: pf.conf names an interface that has no hostname file
        final FileSet broken = FileSet.of(List.of(ManagedFile.of("/etc/pf.conf", "pass in on vport7\n")));
        final PushResult refused = await(fixture.push.push(broken, fixture.target("r2"), PLAIN));
        assertThat(refused.failure().orElseThrow()).isInstanceOfSatisfying(DeviceException.Validate.class,
            e -> assertThat(e.routerMessage()).contains("/etc/pf.conf:1:", "vport7"));
        assertThat(fixture.lab.router("r2").generation()).isZero();
    }

    @Test
    void applyPlanFailureRestoresTheOldGeneration() throws Exception {
        lab(1);
        pushOld("r1");
        fixture.lab.setFault("r1", LabFault.FAIL_PLAN, "pfctl: DIOCADDRULE: Invalid argument");
        final PushResult result = await(fixture.push.push(LabFixture.files("new"), fixture.target("r1"), PLAIN));
        assertThat(result.outcome()).isEqualTo(Outcome.UNCHANGED);
        assertThat(result.generation()).hasValue(1);
        assertThat(result.failure().orElseThrow()).isInstanceOfSatisfying(DeviceException.Commit.class,
            e -> assertThat(e.generation()).hasValue(1));
        assertRuns("r1", LabFixture.files("old"));
    }

    @Test
    void confirmedCommitThatLosesTheManagementPathIsReverted() throws Exception {
        lab(1);
        pushOld("r1");
        fixture.lab.setFault("r1", LabFault.LOSE_MGMT, "");
        final PushOptions options = PushOptions.defaults().withConfirm(Duration.ofSeconds(2))
            .withRecoverWithin(Duration.ofSeconds(10));
        final PushResult result = await(fixture.push.push(LabFixture.files("new"), fixture.target("r1"), options));
        assertThat(result.outcome()).as(result.summary()).isEqualTo(Outcome.REVERTED);
        assertThat(result.generation()).hasValue(1);
        assertThat(result.failure()).containsInstanceOf(DeviceException.Reverted.class);
        final LabRouter router = fixture.lab.router("r1");
        assertThat(router.generation()).isEqualTo(1);
        assertThat(router.lastRevert()).hasValueSatisfying(revert -> {
            assertThat(revert.generation()).isEqualTo(2);
            assertThat(revert.restored()).isEqualTo(1);
        });
        assertThat(router.isManagementLost()).isFalse();
        assertRuns("r1", LabFixture.files("old"));
    }

    @Test
    void routerRevertsByItselfWhenNobodyConfirmsAndALateConfirmIsRefused() throws Exception {
        lab(1);
        final DeviceSession session = await(fixture.connector.open(fixture.target("r1")));
        await(session.lock());
        await(session.editCandidate(LabFixture.candidate("one")));
        await(session.commit(CommitRequest.plain()));
        await(session.editCandidate(LabFixture.candidate("two")));
        assertThat(await(session.commit(CommitRequest.confirmed(Duration.ofSeconds(1)))).isPending()).isTrue();
        session.close();

        final LabRouter router = fixture.lab.router("r1");
        await().atMost(Duration.ofSeconds(10)).until(() -> router.generation() == 1);
        assertRuns("r1", LabFixture.files("one"));

        final DeviceSession late = await(fixture.connector.open(fixture.target("r1"), session.holder()));
        assertThat(LabFixture.failure(late.confirm(2))).isInstanceOfSatisfying(
            DeviceException.Reverted.class, e -> {
                assertThat(e.generation()).isEqualTo(2);
                assertThat(e.restored()).isEqualTo(1);
            });
        await(late.unlock());
        late.close();
        final PushResult viaPush = await(fixture.push.confirm(fixture.target("r1"), 2));
        assertThat(viaPush.outcome()).isEqualTo(Outcome.REVERTED);
        assertThat(viaPush.generation()).hasValue(1);
    }

    @Test
    void cancelCommitRevertsAtOnce() throws Exception {
        lab(1);
        pushOld("r1");
        final DeviceSession session = await(fixture.connector.open(fixture.target("r1")));
        await(session.lock());
        await(session.editCandidate(LabFixture.candidate("new")));
        await(session.commit(CommitRequest.confirmed(Duration.ofSeconds(60))));
        assertThat(await(session.cancelCommit()).generation()).isEqualTo(1);
        assertRuns("r1", LabFixture.files("old"));
        assertThat(LabFixture.failure(session.cancelCommit()))
            .isInstanceOfSatisfying(DeviceException.Rejected.class,
                e -> assertThat(e.reason()).isEqualTo("nothing-pending"));
        await(session.unlock());
        session.close();
    }

    @Test
    void twoCommitsForOneRouterAtOnceAreSerializedAndNoneIsLost() throws Exception {
        lab(1);
        // one controller: its own pushes queue per router
        final CompletableFuture<PushResult> first = fixture.push.push(LabFixture.files("a"), fixture.target("r1"),
            CONFIRMED).toCompletableFuture();
        final CompletableFuture<PushResult> second = fixture.push.push(LabFixture.files("b"), fixture.target("r1"),
            CONFIRMED).toCompletableFuture();
        assertThat(await(first).generation()).hasValue(1);
        assertThat(await(second).generation()).hasValue(2);
        assertRuns("r1", LabFixture.files("b"));

        // two controllers: the router-side lock makes one wait for the other
        try (var other = new SshDeviceConnector(SshSettings.defaults().withTimeouts(Duration.ofSeconds(3))
                .withHolderPrefix("other"))) {
            final var otherPush = new DevicePush(other, ApplyPlanner::plan, fixture.timer);
            final CompletableFuture<PushResult> mine = fixture.push.push(LabFixture.files("c"), fixture.target("r1"),
                CONFIRMED).toCompletableFuture();
            final CompletableFuture<PushResult> theirs = otherPush.push(LabFixture.files("d"), fixture.target("r1"),
                CONFIRMED).toCompletableFuture();
            final PushResult a = await(mine);
            final PushResult b = await(theirs);
            assertThat(a.outcome()).as(a.summary()).isEqualTo(Outcome.CONFIRMED);
            assertThat(b.outcome()).as(b.summary()).isEqualTo(Outcome.CONFIRMED);
            assertThat(Set.of(a.generation().orElseThrow(), b.generation().orElseThrow()))
                .containsExactlyInAnyOrder(3, 4);
            final PushResult last = a.generation().orElseThrow() == 4 ? a : b;
            assertRuns("r1", LabFixture.files(last == a ? "c" : "d"));
        }
        assertThat(fixture.lab.router("r1").lockHolder()).isEmpty();
    }

    @Test
    void slowAndHungRoutersTimeOutWithoutHoldingUpTheOthers() throws Exception {
        lab(4);
        fixture.lab.setFault("r1", LabFault.HANG, "");
        fixture.lab.setFault("r2", LabFault.SLOW, "300");
        fixture.lab.setFault("r4", LabFault.STALL, "");
        final List<String> finished = new CopyOnWriteArrayList<>();
        final List<CompletableFuture<PushResult>> results = fixture.lab.routers().stream()
            .map(router -> fixture.push.push(LabFixture.files("new"), fixture.target(router.name()), PLAIN)
                .toCompletableFuture().whenComplete((result, failure) -> finished.add(router.name())))
            .toList();
        results.forEach(LabFixture::await);

        assertThat(finished.indexOf("r3")).isLessThan(finished.indexOf("r1"));
        assertThat(finished.indexOf("r3")).isLessThan(finished.indexOf("r4"));
        final PushResult hung = results.get(0).join();
        assertThat(hung.outcome()).isEqualTo(Outcome.UNCHANGED);
        assertThat(hung.failure()).containsInstanceOf(DeviceException.Timeout.class);
        assertThat(results.get(1).join().outcome()).isEqualTo(Outcome.COMMITTED);
        assertThat(results.get(2).join().outcome()).isEqualTo(Outcome.COMMITTED);
        final PushResult stalled = results.get(3).join();
        assertThat(stalled.outcome()).isEqualTo(Outcome.UNCHANGED);
        assertThat(stalled.failure().orElseThrow()).isInstanceOf(DeviceException.Timeout.class)
            .extracting(e -> ((DeviceException) e).step())
            .isEqualTo(org.opendaylight.openbsdpbr.api.device.DeviceStep.CONNECT);
        assertThat(fixture.lab.router("r1").generation()).isZero();
        assertThat(fixture.lab.router("r4").generation()).isZero();
    }

    @Test
    void diskFullLeavesTheOldGeneration() throws Exception {
        lab(1);
        pushOld("r1");
        fixture.lab.setFault("r1", LabFault.DISK_FULL, "");
        final PushResult result = await(fixture.push.push(LabFixture.files("new"), fixture.target("r1"), PLAIN));
        assertThat(result.outcome()).isEqualTo(Outcome.UNCHANGED);
        assertThat(result.failure().orElseThrow()).isInstanceOf(DeviceException.DiskFull.class)
            .hasMessageContaining("No space left");
        assertRuns("r1", LabFixture.files("old"));
    }

    @Test
    void changedOrUnknownHostKeysAreRefusedBeforeAnyCredential() throws Exception {
        lab(2);
        fixture.lab.setFault("r1", LabFault.HOSTKEY_CHANGED, "");
        final PushResult changed = await(fixture.push.push(LabFixture.files("new"), fixture.target("r1"), PLAIN));
        assertThat(changed.outcome()).isEqualTo(Outcome.UNCHANGED);
        assertThat(changed.failure().orElseThrow()).isInstanceOfSatisfying(DeviceException.HostKey.class,
            e -> assertThat(e.kind()).isEqualTo(DeviceException.HostKey.Kind.CHANGED));
        assertThat(fixture.lab.router("r1").authAttempts()).isZero();

        final DeviceTarget unknown = fixture.target("r2").withHostKeyPolicy(new HostKeyPolicy.Pinned(Set.of()));
        assertThat(LabFixture.failure(fixture.connector.open(unknown)))
            .isInstanceOfSatisfying(DeviceException.HostKey.class,
                e -> assertThat(e.kind()).isEqualTo(DeviceException.HostKey.Kind.UNKNOWN));
        assertThat(fixture.lab.router("r2").authAttempts()).isZero();

        final List<String> recorded = new CopyOnWriteArrayList<>();
        final DeviceTarget tofu = fixture.target("r2").withHostKeyPolicy(
            new HostKeyPolicy.TrustOnFirstUse(Set.of(), (router, fingerprint) -> recorded.add(fingerprint)));
        await(fixture.connector.open(tofu)).close();
        assertThat(recorded).containsExactly(fixture.lab.router("r2").hostKeyFingerprint());
    }

    @Test
    void wrongCredentialsAreAnAuthFailure() throws Exception {
        fixture = new LabFixture(LabConfig.of(1).withPassword("right").withAuthorizedKeys(Set.of(
            "SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")), Duration.ofSeconds(3));
        assertThat(LabFixture.failure(fixture.connector.open(fixture.target("r1"))))
            .isInstanceOf(DeviceException.Auth.class);
        final DeviceTarget wrong = fixture.lab.target("r1",
            new org.opendaylight.openbsdpbr.api.device.Credentials.Password("wrong"));
        assertThat(LabFixture.failure(fixture.connector.open(wrong)))
            .isInstanceOf(DeviceException.Auth.class).hasMessageNotContaining("wrong");
        final DeviceTarget right = fixture.lab.target("r1",
            new org.opendaylight.openbsdpbr.api.device.Credentials.Password("right"));
        await(fixture.connector.open(right)).close();
    }

    @Test
    void rollbackReinstallsAnOldGenerationAsANewOne() throws Exception {
        lab(1);
        pushOld("r1");
        await(fixture.push.push(LabFixture.files("new"), fixture.target("r1"), PLAIN));
        final PushResult result = await(fixture.push.rollback(fixture.target("r1"), 1, CONFIRMED));
        assertThat(result.outcome()).as(result.summary()).isEqualTo(Outcome.CONFIRMED);
        assertThat(result.generation()).hasValue(3);
        assertRuns("r1", LabFixture.files("old"));
        // pf.conf and the pppoe0 password changed back: both re-applied, the unchanged em1 not touched
        assertThat(fixture.lab.router("r1").commandsRun()).endsWith("sh /etc/netstart pppoe0",
            "pfctl -f /etc/pf.conf");
    }

    @Test
    void lockHeldByAnotherHolderIsReportedWithItsName() throws Exception {
        lab(1);
        final DeviceSession holder = await(fixture.connector.open(fixture.target("r1"), "admin-script:1"));
        await(holder.lock());
        final PushResult result = await(fixture.push.push(LabFixture.files("new"), fixture.target("r1"),
            PLAIN.withLockWait(Duration.ofMillis(500))));
        assertThat(result.outcome()).isEqualTo(Outcome.UNCHANGED);
        assertThat(result.failure().orElseThrow()).isInstanceOfSatisfying(DeviceException.LockHeld.class,
            e -> assertThat(e.holder()).isEqualTo("admin-script:1"));
        assertThat(fixture.lab.router("r1").generation()).isZero();
        await(holder.unlock());
        holder.close();
    }

    @Test
    void driftIsSeenAndInSyncPushesCommitNothing() throws Exception {
        lab(1);
        pushOld("r1");
        final PushResult again = await(fixture.push.push(LabFixture.files("old"), fixture.target("r1"), PLAIN));
        assertThat(again.outcome()).isEqualTo(Outcome.IN_SYNC);
        assertThat(fixture.lab.router("r1").generation()).isEqualTo(1);

        fixture.lab.router("r1").editByHand("/etc/pf.conf", "pass all\n");
        final var config = await(fixture.push.readConfig(fixture.target("r1")));
        assertThat(config.localChanges()).containsExactly("/etc/pf.conf");
        assertThat(config.differencesFrom(LabFixture.files("old"))).containsExactly("/etc/pf.conf");

        final PushResult repaired = await(fixture.push.push(LabFixture.files("old"), fixture.target("r1"), PLAIN));
        assertThat(repaired.outcome()).isEqualTo(Outcome.COMMITTED);
        assertRuns("r1", LabFixture.files("old"));
    }

    @Test
    void secretsNeverAppearInFailures() throws Exception {
        lab(1);
        fixture.lab.setFault("r1", LabFault.FAIL_VALIDATE, "ifconfig pppoe0 authkey 'sekrit-new' up: bad value");
        final PushResult result = await(fixture.push.push(LabFixture.files("new"), fixture.target("r1"), PLAIN));
        assertThat(result.summary()).doesNotContain("sekrit").contains("authkey ********");
        assertThat(result.toString()).doesNotContain("sekrit");
    }
}

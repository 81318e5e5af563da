/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.controller;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opendaylight.openbsdpbr.api.device.Credentials;
import org.opendaylight.openbsdpbr.api.device.DeviceTarget;
import org.opendaylight.openbsdpbr.api.device.HostKeyPolicy;
import org.opendaylight.openbsdpbr.api.files.FileSet;
import org.opendaylight.openbsdpbr.api.files.ManagedFile;
import org.opendaylight.openbsdpbr.api.intent.RouterIntent;
import org.opendaylight.openbsdpbr.api.intent.SharedIntent;
import org.opendaylight.openbsdpbr.api.intent.Sshd;
import org.opendaylight.openbsdpbr.impl.analysis.ip.IpAddress;
import org.opendaylight.openbsdpbr.impl.compile.Compilations;
import org.opendaylight.openbsdpbr.impl.compile.CompileInputs;
import org.opendaylight.openbsdpbr.impl.compile.Compiled;
import org.opendaylight.openbsdpbr.impl.compile.IntentCompiler;
import org.opendaylight.openbsdpbr.impl.compile.SharedIntents;
import org.opendaylight.openbsdpbr.impl.controller.Command.Outcome;
import org.opendaylight.openbsdpbr.impl.controller.StatusView.Connection;
import org.opendaylight.openbsdpbr.impl.controller.StatusView.Step;
import org.opendaylight.openbsdpbr.impl.controller.StatusView.Sync;
import org.opendaylight.openbsdpbr.impl.device.DevicePush;
import org.opendaylight.openbsdpbr.impl.mapping.IntentMapping;
import org.opendaylight.openbsdpbr.impl.mapping.SeedBindings;
import org.opendaylight.openbsdpbr.impl.render.ApplyPlanner;
import org.opendaylight.openbsdpbr.impl.ssh.SshKeys;

/**
 * The reconciler against an in-memory router and a clock the test advances: every transition and failure, with no
 * sleep. Each test names what the router runs and what the status says at the end, and counts what crossed the wire
 * (commits, downloads of the router's generation, confirms, cancels, broken locks).
 */
class RouterReconcilerTest {
    static final Duration CONFIRM = Duration.ofSeconds(60);
    static final ControllerSettings SETTINGS = new ControllerSettings(CONFIRM, 4, Duration.ZERO,
        Duration.ofMillis(50), Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofMinutes(15));
    static final RouterIntent SEED = IntentMapping.routerIntent(SeedBindings.seedRouter());
    static final Credentials KEY = key();

    private final FakeTime time = new FakeTime();
    private final FakeRouter router = new FakeRouter("r1", time);
    private final Compilations compilations = new Compilations(IntentCompiler.standard());
    private final Map<String, List<StatusView>> written = new ConcurrentHashMap<>();
    private final Map<String, Boolean> owned = new ConcurrentHashMap<>();
    private final List<Ownership.Owner> owners = new ArrayList<>();
    private Fleet fleet;

    private final StatusSink sink = new StatusSink() {
        @Override
        public void write(final String name, final StatusView status) {
            written.computeIfAbsent(name, key -> new ArrayList<>()).add(status);
        }

        @Override
        public void clear(final String name) {
            written.remove(name);
        }
    };

    /** Ownership the test hands out and takes away. */
    private final Ownership ownership = (name, owner) -> {
        owners.add(owner);
        if (owned.getOrDefault(name, true)) {
            owner.gained();
        }
        return owner::lost;
    };

    @BeforeEach
    void setUp() {
        fleet = new Fleet(new DevicePush(router, ApplyPlanner::plan, time), sink, ownership, SETTINGS, compilations,
            Runnable::run, time);
    }

    @AfterEach
    void tearDown() {
        fleet.close();
    }

    // --- the intent reaches the router ----------------------------------------------------------------------------

    @Test
    void anIntentIsCommittedConfirmedAndReportedInSync() {
        fleet.routerChanged(spec(SEED));
        settle();

        assertThat(router.commits).hasValue(1);
        assertThat(router.running()).isEqualTo(files(SEED));
        assertThat(router.pending()).isEmpty();
        final StatusView status = status();
        assertThat(status.sync()).isEqualTo(Sync.IN_SYNC);
        assertThat(status.connection()).isEqualTo(Connection.CONNECTED);
        assertThat(status.appliedRevision()).contains(files(SEED).revision());
        assertThat(status.appliedGeneration()).hasValue(1);
        assertThat(status.lastError()).isEmpty();
        // what the operator saw on the way: applying, then waiting for the confirm with the router's deadline
        assertThat(syncs()).containsSubsequence(Sync.APPLYING, Sync.AWAITING_CONFIRM, Sync.IN_SYNC);
        assertThat(written.get("r1")).filteredOn(view -> view.sync() == Sync.AWAITING_CONFIRM)
            .allSatisfy(view -> assertThat(view.confirmDeadline()).isPresent());
    }

    @Test
    void theStatusSaysAwaitingConfirmWithTheDeadlineWhileTheConfirmIsUnderWay() {
        router.holdConfirms(true);
        fleet.routerChanged(spec(SEED));
        settle();

        final StatusView waiting = status();
        assertThat(waiting.sync()).isEqualTo(Sync.AWAITING_CONFIRM);
        assertThat(waiting.confirmDeadline()).contains(router.pending().orElseThrow().deadline());

        router.releaseConfirms();
        settle();
        assertThat(status().sync()).isEqualTo(Sync.IN_SYNC);
        assertThat(status().confirmDeadline()).isEmpty();
    }

    @Test
    void plansComeFromTheAppliedFilesAndTheGenerationIsDownloadedOnlyWhenSomethingElseRuns() {
        fleet.routerChanged(spec(SEED));
        settle();
        // the first commit: nothing known about the router's files beyond the read-back, which matched nothing
        final int downloadsAfterFirst = router.downloads.get();

        fleet.routerChanged(spec(withTable("10.9.9.9/32")));
        settle();
        assertThat(router.commits).hasValue(2);
        assertThat(router.downloads).as("planned from the files the controller applied").hasValue(downloadsAfterFirst);

        router.editByHand("/etc/pf.conf");
        fleet.routerChanged(spec(withTable("10.9.9.8/32")));
        settle();
        assertThat(router.commits).hasValue(3);
        assertThat(router.downloads).as("the router runs something else: its generation is read")
            .hasValue(downloadsAfterFirst + 1);
        assertThat(router.running()).isEqualTo(files(withTable("10.9.9.8/32")));
    }

    @Test
    void onceTheRouterRunsANewIntentThePreviousCompileIsNotKept() {
        fleet.routerChanged(spec(SEED));
        settle();
        final RouterSpec next = spec(withTable("10.9.9.9/32"));
        // the commit cohort compiles a write before it commits: the router's current result stays beside it
        compilations.compile(next.inputs(profile -> null));
        final long compiled = compilations.compiles();
        assertThat(compilations.compile(spec(SEED).inputs(profile -> null))).isNotNull();
        assertThat(compilations.compiles()).as("the applied result kept beside the write's").isEqualTo(compiled);

        fleet.routerChanged(next);
        settle();
        assertThat(status().sync()).isEqualTo(Sync.IN_SYNC);
        assertThat(compilations.compiles()).as("the write's result handed on").isEqualTo(compiled);
        compilations.compile(spec(SEED).inputs(profile -> null));
        assertThat(compilations.compiles()).as("in sync on the new intent: the previous result was dropped")
            .isEqualTo(compiled + 1);
    }

    @Test
    void changesWithinTheCoalescingWindowMakeOneCommit() {
        fleet.routerChanged(spec(SEED));
        settle();
        final int before = router.commits.get();

        final RouterReconciler reconciler = fleet.router("r1").orElseThrow();
        reconciler.update(spec(withTable("10.1.1.1/32")));
        time.advance(Duration.ofMillis(20));
        reconciler.update(spec(withTable("10.1.1.2/32")));
        reconciler.update(spec(withTable("10.1.1.3/32")));
        settle();

        assertThat(router.commits).hasValue(before + 1);
        assertThat(router.running()).isEqualTo(files(withTable("10.1.1.3/32")));
    }

    // --- after gaining a router: read back first ------------------------------------------------------------------

    @Test
    void aRouterThatAlreadyRunsTheIntentIsNotCommittedAgain() {
        router.runs(7, files(SEED));
        fleet.routerChanged(spec(SEED));
        settle();

        assertThat(router.commits).hasValue(0);
        assertThat(status().sync()).isEqualTo(Sync.IN_SYNC);
        assertThat(status().appliedGeneration()).hasValue(7);
    }

    @Test
    void aWaitingCommitThatCarriesTheIntentIsConfirmedNotCommittedAgain() {
        router.runs(3, files(withTable("10.0.0.3/32")));
        router.leftPending(files(SEED), Duration.ofMinutes(5));
        fleet.routerChanged(spec(SEED));
        settle();

        assertThat(router.commits).as("nothing committed twice").hasValue(0);
        assertThat(router.confirms).hasValue(1);
        assertThat(router.pending()).isEmpty();
        assertThat(router.generation()).isEqualTo(4);
        assertThat(status().sync()).isEqualTo(Sync.IN_SYNC);
        assertThat(status().appliedGeneration()).hasValue(4);
    }

    @Test
    void aWaitingCommitThatDoesNotCarryTheIntentIsCancelledThenTheIntentCommitted() {
        router.runs(3, files(withTable("10.0.0.3/32")));
        router.leftPending(files(withTable("10.0.0.4/32")), Duration.ofMinutes(5));
        fleet.routerChanged(spec(SEED));
        settle();

        assertThat(router.cancels).hasValue(1);
        assertThat(router.commits).hasValue(1);
        assertThat(router.running()).isEqualTo(files(SEED));
        assertThat(status().sync()).isEqualTo(Sync.IN_SYNC);
    }

    @Test
    void aLockLeftByAGoneControllerSessionIsBrokenOnceAndASecondIsWaitedOut() {
        final String gone = router.staleControllerHolder();
        router.lockedBy(gone);
        fleet.routerChanged(spec(SEED));
        // the transaction waits for the lock (30 s), then the reconciler breaks it
        settle(Duration.ofSeconds(35));
        assertThat(router.brokenLocks).hasValue(1);
        assertThat(router.commits).hasValue(1);
        assertThat(status().sync()).isEqualTo(Sync.IN_SYNC);

        // the same holder locks again: it is alive after all, so its lock is waited out, not broken
        router.lockedBy(gone);
        fleet.routerChanged(spec(withTable("10.2.2.2/32")));
        settle(Duration.ofSeconds(35));
        assertThat(router.brokenLocks).hasValue(1);
        assertThat(status().sync()).isIn(Sync.OUT_OF_SYNC, Sync.APPLYING);
        assertThat(status().lastError().orElseThrow().step()).isEqualTo(Step.LOCK);
        assertThat(status().lastError().orElseThrow().message()).contains(gone);

        router.lockedBy(null);
        settle(Duration.ofMinutes(2));
        assertThat(router.running()).isEqualTo(files(withTable("10.2.2.2/32")));
        assertThat(status().sync()).isEqualTo(Sync.IN_SYNC);
    }

    @Test
    void aLockHeldByAnOperatorIsNeverBroken() {
        router.lockedBy("operator@console");
        fleet.routerChanged(spec(SEED));
        settle(Duration.ofSeconds(35));
        assertThat(router.brokenLocks).hasValue(0);
        assertThat(router.commits).hasValue(0);
        // waiting for the lock again (applying) or between two tries (out-of-sync), the holder named either way
        assertThat(status().sync()).isIn(Sync.OUT_OF_SYNC, Sync.APPLYING);
        assertThat(status().lastError().orElseThrow().step()).isEqualTo(Step.LOCK);
        assertThat(status().lastError().orElseThrow().message()).contains("operator@console");
    }

    // --- failures -------------------------------------------------------------------------------------------------

    @Test
    void anUnreachableRouterIsRetriedOnAGrowingBackOffUntilItIsBack() {
        router.refuseConnections(true);
        fleet.routerChanged(spec(SEED));
        time.runDue();
        assertThat(status().sync()).isEqualTo(Sync.UNREACHABLE);
        assertThat(status().connection()).isEqualTo(Connection.UNREACHABLE);
        assertThat(router.connects).hasValue(1);

        // 1 s back-off, then 2 s, then 4 s, each with up to half again of jitter
        assertThat(untilNextConnect()).isBetween(Duration.ofMillis(1000), Duration.ofMillis(1510));
        assertThat(untilNextConnect()).isBetween(Duration.ofMillis(2000), Duration.ofMillis(3010));
        assertThat(untilNextConnect()).isBetween(Duration.ofMillis(4000), Duration.ofMillis(6010));

        router.refuseConnections(false);
        settle(Duration.ofMinutes(2));
        assertThat(status().sync()).isEqualTo(Sync.IN_SYNC);
        assertThat(router.commits).hasValue(1);
    }

    @Test
    void filesTheRoutersChecksRefuseAreRetriedOnALongBackOffAndOnDemand() {
        router.refuseValidation("pfctl: /etc/pf.conf:12: syntax error");
        fleet.routerChanged(spec(SEED));
        settle(Duration.ofMinutes(5));
        assertThat(status().sync()).isEqualTo(Sync.FAILED);
        assertThat(status().lastError().orElseThrow().step()).isEqualTo(Step.VALIDATE);
        assertThat(status().lastError().orElseThrow().message()).contains("syntax error");
        assertThat(router.commits).hasValue(0);
        final int attempts = router.connects.get();

        // not tried again within the long back-off (15 minutes)
        time.advance(Duration.ofMinutes(9));
        assertThat(router.connects).hasValue(attempts);
        // the router's tools were fixed: tried again after the long back-off, by itself
        router.refuseValidation(null);
        time.advance(Duration.ofMinutes(6));
        settle();
        assertThat(router.commits).hasValue(1);
        assertThat(status().sync()).isEqualTo(Sync.IN_SYNC);
    }

    @Test
    void aRefusedRouterIsTriedAtOnceOnTheSyncCommand() {
        router.refuseValidation("sshd: bad option");
        fleet.routerChanged(spec(SEED));
        settle();
        assertThat(status().sync()).isEqualTo(Sync.FAILED);

        router.refuseValidation(null);
        final Outcome outcome = submit(new Command.Sync(Optional.empty(), false));
        assertThat(outcome).isInstanceOf(Outcome.Synced.class);
        assertThat(router.commits).hasValue(1);
        assertThat(status().sync()).isEqualTo(Sync.IN_SYNC);
    }

    @Test
    void aChangedHostKeyStaysFailedUntilTheKeyIsPinnedAgainAndSaysSo() {
        router.changeHostKey(true);
        fleet.routerChanged(spec(SEED));
        settle(Duration.ofHours(2));
        final StatusView failed = status();
        assertThat(failed.sync()).isEqualTo(Sync.FAILED);
        assertThat(failed.connection()).isEqualTo(Connection.HOST_KEY_MISMATCH);
        assertThat(failed.lastError().orElseThrow().message()).contains("host-key-fingerprint");
        assertThat(router.connects).as("not retried by itself").hasValue(1);

        // the operator pins the router's new key (here: the router presents the old one again)
        router.changeHostKey(false);
        fleet.routerChanged(spec(SEED, "SHA256:" + "D".repeat(43)));
        settle();
        assertThat(status().sync()).isEqualTo(Sync.IN_SYNC);
    }

    @Test
    void aRefusedLoginIsRetriedOnTheLongBackOff() {
        router.refuseLogin(true);
        fleet.routerChanged(spec(SEED));
        settle(Duration.ofMinutes(1));
        assertThat(status().connection()).isEqualTo(Connection.AUTH_FAILED);
        assertThat(router.connects).hasValue(1);
        router.refuseLogin(false);
        settle(Duration.ofMinutes(16));
        assertThat(status().sync()).isEqualTo(Sync.IN_SYNC);
    }

    @Test
    void aChangeThatCutsTheManagementPathIsRevertedByTheRouterAndHeld() {
        fleet.routerChanged(spec(SEED));
        settle();
        final int generation = router.generation();

        router.cutManagementAfterCommit();
        fleet.routerChanged(spec(withTable("10.6.6.6/32")));
        settle(CONFIRM.plus(Duration.ofSeconds(10)));
        // the router came back on its own once the change reverted
        router.refuseConnections(false);
        settle(Duration.ofMinutes(2));

        assertThat(router.generation()).isEqualTo(generation);
        assertThat(router.running()).isEqualTo(files(SEED));
        assertThat(status().sync()).isEqualTo(Sync.REVERTED);
        assertThat(status().lastError().orElseThrow().step()).isEqualTo(Step.CONFIRM);
        final int commits = router.commits.get();
        settle(Duration.ofMinutes(30));
        assertThat(router.commits).as("the reverted revision is not pushed again by itself").hasValue(commits);

        // a new intent is tried
        fleet.routerChanged(spec(withTable("10.6.6.7/32")));
        settle();
        assertThat(router.running()).isEqualTo(files(withTable("10.6.6.7/32")));
        assertThat(status().sync()).isEqualTo(Sync.IN_SYNC);
    }

    // --- commands -------------------------------------------------------------------------------------------------

    @Test
    void syncWithManualConfirmWaitsForTheOperatorsConfirm() {
        fleet.routerChanged(spec(SEED));
        settle();
        fleet.routerChanged(spec(withTable("10.3.3.3/32")));
        // the operator asks before the coalesced change runs
        final Outcome synced = submit(new Command.Sync(Optional.of(Duration.ofSeconds(300)), true));

        final var pending = (Outcome.Synced) synced;
        assertThat(pending.awaitingConfirm()).isPresent();
        assertThat(router.pending()).isPresent();
        assertThat(status().sync()).isEqualTo(Sync.AWAITING_CONFIRM);
        assertThat(status().confirmDeadline()).isEqualTo(pending.awaitingConfirm());
        settle(Duration.ofSeconds(30));
        assertThat(router.pending()).as("the controller does not confirm it by itself").isPresent();
        assertThat(router.confirms).hasValue(1);

        final Outcome confirmed = submit(new Command.Confirm());
        assertThat(confirmed).isEqualTo(new Outcome.Confirmed(router.generation()));
        assertThat(router.pending()).isEmpty();
        assertThat(status().sync()).isEqualTo(Sync.IN_SYNC);
        assertThat(status().appliedRevision()).contains(files(withTable("10.3.3.3/32")).revision());
    }

    @Test
    void aManualCommitNobodyConfirmsIsRevertedAndSaysSo() {
        fleet.routerChanged(spec(SEED));
        settle();
        fleet.routerChanged(spec(withTable("10.4.4.4/32")));
        submit(new Command.Sync(Optional.of(Duration.ofSeconds(30)), true));

        settle(Duration.ofSeconds(40));
        assertThat(router.running()).isEqualTo(files(SEED));
        assertThat(status().sync()).isEqualTo(Sync.REVERTED);
        assertThat(status().lastError().orElseThrow().message()).contains("was not confirmed");
    }

    @Test
    void rollbackInstallsThePreviousGenerationAndHoldsTheIntentUntilSync() {
        fleet.routerChanged(spec(SEED));
        settle();
        fleet.routerChanged(spec(withTable("10.5.5.5/32")));
        settle();
        assertThat(router.generation()).isEqualTo(2);

        final Outcome rolledBack = submit(new Command.Rollback(OptionalInt.empty()));
        settle();
        assertThat(rolledBack).isEqualTo(new Outcome.RolledBack(3));
        assertThat(router.running()).isEqualTo(files(SEED));
        assertThat(status().sync()).isEqualTo(Sync.OUT_OF_SYNC);
        // the controller knows the files the router runs again: the render diff is against them
        assertThat(fleet.router("r1").orElseThrow().applied()).contains(files(SEED));
        settle(Duration.ofHours(1));
        assertThat(router.running()).as("held off the intent").isEqualTo(files(SEED));

        submit(new Command.Sync(Optional.empty(), false));
        assertThat(router.running()).isEqualTo(files(withTable("10.5.5.5/32")));
        assertThat(status().sync()).isEqualTo(Sync.IN_SYNC);
    }

    @Test
    void checkSyncNamesTheFilesChangedByHand() {
        fleet.routerChanged(spec(SEED));
        settle();
        assertThat(submit(new Command.CheckSync())).isEqualTo(new Outcome.Checked(true, List.of()));

        router.editByHand("/etc/pf.conf");
        final Outcome checked = submit(new Command.CheckSync());
        assertThat(checked).isEqualTo(new Outcome.Checked(false, List.of("/etc/pf.conf")));
        assertThat(status().drifted()).containsExactly("/etc/pf.conf");
        assertThat(status().sync()).isEqualTo(Sync.OUT_OF_SYNC);
        settle(Duration.ofMinutes(10));
        assertThat(router.commits).as("drift is reported, not repaired (drift-policy report)").hasValue(1);
        // the next intent change is pushed over it
        fleet.routerChanged(spec(withTable("10.11.11.11/32")));
        settle();
        assertThat(router.running()).isEqualTo(files(withTable("10.11.11.11/32")));
        assertThat(status().drifted()).isEmpty();
    }

    @Test
    void commandsTheRouterCannotServeAreRefusedWithTheirReason() {
        fleet.routerChanged(spec(SEED));
        settle();
        assertThat(reason(new Command.Confirm())).isEqualTo(Command.Reason.NOTHING_PENDING);
        assertThat(reason(new Command.Rollback(OptionalInt.of(99)))).isEqualTo(Command.Reason.NO_GENERATION);
        assertThat(reason(new Command.Rollback(OptionalInt.empty()))).as("nothing before generation 1")
            .isEqualTo(Command.Reason.NO_GENERATION);

        fleet.routerChanged(observedOnly("r2"));
        assertThat(((Outcome.Refused) fleet.submit("r2", new Command.Sync(Optional.empty(), false))
            .toCompletableFuture().join()).reason()).isEqualTo(Command.Reason.NO_INTENT);

        router.lockedBy("operator@console");
        final Outcome locked = submit(new Command.Sync(Optional.empty(), false));
        // the transaction waits for the lock, then gives up
        assertThat(locked).isNull();
        settle(Duration.ofSeconds(35));
        assertThat(reasonOf(pendingAnswer)).isEqualTo(Command.Reason.LOCKED);
    }

    @Test
    void aRouterManagedElsewhereTakesNoCommandAndWritesNoStatus() {
        owned.put("r1", false);
        fleet.routerChanged(spec(SEED));
        settle();
        assertThat(reason(new Command.CheckSync())).isEqualTo(Command.Reason.NOT_MANAGED_HERE);
        assertThat(written.get("r1")).isNull();
        assertThat(router.connects).hasValue(0);

        owners.get(0).gained();
        settle();
        assertThat(status().sync()).isEqualTo(Sync.IN_SYNC);
        owners.get(0).lost();
        final int writes = written.get("r1").size();
        fleet.routerChanged(spec(withTable("10.8.8.8/32")));
        settle(Duration.ofMinutes(1));
        assertThat(written.get("r1")).hasSize(writes);
        assertThat(router.running()).isEqualTo(files(SEED));
    }

    @Test
    void aRouterWithoutIntentIsObservedNeverConfigured() {
        router.runs(5, files(withTable("10.7.7.7/32")));
        fleet.routerChanged(observedOnly("r1"));
        settle();
        assertThat(status().sync()).isEqualTo(Sync.NO_INTENT);
        assertThat(status().appliedGeneration()).hasValue(5);
        assertThat(router.commits).hasValue(0);
        // not a first contact: openbsd-pbr committed there before, so the files are not read
        assertThat(status().handWritten()).isEmpty();
        assertThat(router.fileReads).hasValue(0);
    }

    @Test
    void firstContactShowsTheHandWrittenFilesUntilTheFirstCommit() {
        router.writtenByHand(FileSet.of(List.of(new ManagedFile("/etc/pf.conf", "root", "wheel", 0600, "pass\n",
            false), new ManagedFile("/etc/hostname.em0", "root", "wheel", 0640, "inet autoconf\n", false))));
        fleet.routerChanged(observedOnly("r1"));
        settle();
        assertThat(status().sync()).isEqualTo(Sync.NO_INTENT);
        assertThat(status().handWritten()).containsExactly("/etc/hostname.em0", "/etc/pf.conf");
        assertThat(router.commits).hasValue(0);

        fleet.routerChanged(spec(SEED));
        settle();
        assertThat(router.generation()).isEqualTo(1);
        assertThat(status().sync()).isEqualTo(Sync.IN_SYNC);
        assertThat(status().handWritten()).as("generation 1 runs: the files are openbsd-pbr's now").isEmpty();
    }

    @Test
    void readFilesAnswersForARouterWithoutIntentAndChangesNothing() {
        final FileSet handWritten = FileSet.of(List.of(new ManagedFile("/etc/hostname.em0", "root", "wheel", 0640,
            "inet autoconf\n", false)));
        router.writtenByHand(handWritten);
        fleet.routerChanged(observedOnly("r1"));
        settle();
        router.lockedBy("operator@console");

        final Outcome read = submit(new Command.ReadFiles());
        assertThat(read).isEqualTo(new Outcome.FilesRead(handWritten));
        // once at first contact (the status shows them), once for the command
        assertThat(status().handWritten()).containsExactly("/etc/hostname.em0");
        assertThat(router.fileReads).hasValue(2);
        assertThat(router.commits).hasValue(0);
        assertThat(router.generation()).isZero();
        assertThat(status().sync()).isEqualTo(Sync.NO_INTENT);

        router.refuseConnections(true);
        assertThat(((Outcome.Refused) submit(new Command.ReadFiles())).message()).startsWith("connect: ");
    }

    @Test
    void invalidIntentIsReportedAndNothingIsSent() {
        final RouterIntent broken = SEED.withShared(new SharedIntent(null, null, SEED.shared().policyRoutes(), null,
            null, null, null));
        fleet.routerChanged(spec(broken));
        settle();
        assertThat(status().sync()).isEqualTo(Sync.FAILED);
        assertThat(status().lastError().orElseThrow().step()).isEqualTo(Step.VALIDATE_INTENT);
        assertThat(status().lastError().orElseThrow().message()).contains("intent/policy-route[name=");
        assertThat(router.commits).hasValue(0);
        assertThat(reason(new Command.Sync(Optional.empty(), false))).isEqualTo(Command.Reason.INVALID_INTENT);
    }

    @Test
    void intentThatWouldLockTheControllerOutIsNeverPushed() {
        // the router sees the controller at 192.168.1.50 and its sshd at 192.168.1.1:22 (the target is a forward)
        final SharedIntent shared = SEED.shared();
        final RouterIntent otherPort = SEED.withShared(new SharedIntent(shared.tables(), shared.hostGroups(),
            shared.policyRoutes(), shared.nat(), shared.inboundServices(), shared.dnsResolver(), new Sshd(
                shared.sshd().listeners(), 2222, false, null)));
        final RouterSpec plain = spec(otherPort);
        fleet.routerChanged(new RouterSpec(plain.name(), plain.target(), null, plain.intent(), null, List.of(),
            CONFIRM, false, true, new CompileInputs.RouterView(Optional.of(IpAddress.parse("192.168.1.50")),
                Optional.of(IpAddress.parse("192.168.1.1")), OptionalInt.of(22))));
        settle();
        assertThat(status().sync()).isEqualTo(Sync.FAILED);
        assertThat(status().lastError().orElseThrow().step()).isEqualTo(Step.VALIDATE_INTENT);
        assertThat(status().lastError().orElseThrow().message()).contains("intent/sshd/port: locks the controller"
            + " out: sshd listens on port 2222");
        assertThat(router.commits).hasValue(0);
    }

    // --- helpers --------------------------------------------------------------------------------------------------

    private CompletableFuture<Outcome> pendingAnswer;

    /** Advances the clock in 10 ms steps until the router sees another connection; how long that took. */
    private Duration untilNextConnect() {
        final int before = router.connects.get();
        Duration waited = Duration.ZERO;
        while (router.connects.get() == before && waited.compareTo(Duration.ofMinutes(5)) < 0) {
            time.advance(Duration.ofMillis(10));
            waited = waited.plusMillis(10);
        }
        return waited;
    }

    /** Posts a command and runs the clock until it is answered (or a few seconds pass). */
    private Outcome submit(final Command command) {
        pendingAnswer = fleet.submit("r1", command).toCompletableFuture();
        for (int i = 0; i < 50 && !pendingAnswer.isDone(); i++) {
            time.advance(Duration.ofMillis(100));
        }
        return pendingAnswer.getNow(null);
    }

    private Command.Reason reason(final Command command) {
        return reasonOf(fleet.submit("r1", command).toCompletableFuture());
    }

    private static Command.Reason reasonOf(final CompletableFuture<Outcome> answer) {
        return ((Outcome.Refused) answer.getNow(null)).reason();
    }

    /** Runs the clock a little: coalescing windows end, due retries run. */
    private void settle() {
        settle(Duration.ofSeconds(1));
    }

    private void settle(final Duration duration) {
        for (Duration passed = Duration.ZERO; passed.compareTo(duration) < 0; passed = passed.plusMillis(100)) {
            time.advance(Duration.ofMillis(100));
        }
    }

    private StatusView status() {
        return fleet.router("r1").orElseThrow().status();
    }

    private List<Sync> syncs() {
        return written.get("r1").stream().map(StatusView::sync).toList();
    }

    private FileSet files(final RouterIntent intent) {
        final var compiled = (Compiled.Ready) compilations.compile(CompileInputs.of("r1", Optional.of(intent), null,
            List.of(), name -> null, Optional.of(new CompileInputs.Login("root", false))));
        return compiled.files();
    }

    private static RouterSpec spec(final RouterIntent intent) {
        return spec(intent, "SHA256:" + "A".repeat(43));
    }

    private static RouterSpec spec(final RouterIntent intent, final String hostKey) {
        return new RouterSpec("r1", Optional.of(new DeviceTarget("r1", "127.0.0.1", 22, "root", KEY,
            HostKeyPolicy.Pinned.of(hostKey))), null, Optional.of(intent), null, List.of(), CONFIRM, false, true);
    }

    private static RouterSpec observedOnly(final String name) {
        return new RouterSpec(name, Optional.of(new DeviceTarget(name, "127.0.0.1", 22, "root", KEY,
            HostKeyPolicy.Pinned.of("SHA256:" + "A".repeat(43)))), null,
            Optional.of(new RouterIntent(name, null, null, null, null, null)), null, List.of(), CONFIRM, false, false);
    }

    /** The seed with its first table's entries replaced. */
    private static RouterIntent withTable(final String entry) {
        return SEED.withShared(SharedIntents.withFirstTable(SEED.shared(), entry));
    }

    private static Credentials key() {
        try {
            return new Credentials.Key(SshKeys.generateEd25519());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}

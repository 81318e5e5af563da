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
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.opendaylight.openbsdpbr.api.device.Credentials;
import org.opendaylight.openbsdpbr.api.device.DeviceTarget;
import org.opendaylight.openbsdpbr.api.device.HostKeyPolicy;
import org.opendaylight.openbsdpbr.api.device.PendingConfirm;
import org.opendaylight.openbsdpbr.api.files.FileSet;
import org.opendaylight.openbsdpbr.api.intent.RouterIntent;
import org.opendaylight.openbsdpbr.impl.compile.CompileInputs;
import org.opendaylight.openbsdpbr.impl.compile.Compiled;
import org.opendaylight.openbsdpbr.impl.compile.IntentCompiler;
import org.opendaylight.openbsdpbr.impl.controller.Decision.Action;
import org.opendaylight.openbsdpbr.impl.controller.RouterState.Hold;
import org.opendaylight.openbsdpbr.impl.mapping.IntentMapping;
import org.opendaylight.openbsdpbr.impl.mapping.SeedBindings;
import org.opendaylight.openbsdpbr.impl.ssh.SshKeys;

/** The decision as a table: a state, the compiled intent, a command, the time; one action each. */
class DecisionTest {
    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
    private static final RouterIntent SEED = IntentMapping.routerIntent(SeedBindings.seedRouter());
    private static final Compiled.Ready READY = (Compiled.Ready) IntentCompiler.standard().compile(CompileInputs.of(
        "r1", Optional.of(SEED), null, List.of(), name -> null, Optional.empty()));
    private static final RouterSpec SPEC = spec(true);
    private static final RouterState OWNED = RouterState.initial(Duration.ofSeconds(1)).gained(Duration.ofSeconds(1));
    /** Owned, read back, runs nothing the controller knows. */
    private static final RouterState KNOWN = OWNED.observed(org.opendaylight.openbsdpbr.api.device.RunningConfig.of(
        0, List.of(), List.of(), Optional.empty(), Optional.empty()), Optional.of(READY.files()), false)
        .reported(OWNED.status().withIntended(READY.revision(), READY.lints()));

    @Test
    void aRouterManagedElsewhereIsLeftAloneAndItsCommandsRefused() {
        final RouterState elsewhere = RouterState.initial(Duration.ofSeconds(1));
        assertThat(Decision.next(elsewhere, SPEC, READY, Optional.empty(), NOW))
            .isEqualTo(new Action.Idle(Optional.empty()));
        assertThat(refusal(Decision.next(elsewhere, SPEC, READY, Optional.of(new Command.CheckSync()), NOW)))
            .isEqualTo(Command.Reason.NOT_MANAGED_HERE);
    }

    @Test
    void afterGainingARouterItIsReadBackFirst() {
        assertThat(Decision.next(OWNED, SPEC, READY, Optional.empty(), NOW))
            .isEqualTo(new Action.ReadBack(false, false));
        assertThat(Decision.next(OWNED, spec(false), READY, Optional.empty(), NOW))
            .isEqualTo(new Action.ReadBack(true, false));
    }

    @Test
    void aCommitLeftWaitingIsResolvedBeforeAnythingElse() {
        final PendingConfirm pending = new PendingConfirm(5, 4, NOW.plusSeconds(60));
        final var found = new RouterState(true, Optional.empty(), List.of(), false, Optional.of(
            new RouterState.Found(pending, true)), Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Duration.ofSeconds(1), Optional.empty(), false, KNOWN.status());
        assertThat(Decision.next(found, SPEC, READY, Optional.of(new Command.Sync(Optional.empty(), false)), NOW))
            .isEqualTo(new Action.Resolve(pending, true));
    }

    @Test
    void knownFilesThatDifferAreCommittedFromWhatTheRouterRuns() {
        final Action action = Decision.next(KNOWN, SPEC, READY, Optional.empty(), NOW);
        assertThat(action).isEqualTo(new Action.Commit(READY.files(), Optional.empty(), Duration.ofSeconds(60),
            false, false));
    }

    @Test
    void anAppliedIntentIsInSyncAndNothingIsSent() {
        final RouterState applied = KNOWN.pushed(new org.opendaylight.openbsdpbr.impl.device.PushResult("r1",
            org.opendaylight.openbsdpbr.impl.device.PushResult.Outcome.CONFIRMED, OptionalInt.of(1),
            OptionalInt.of(0), Optional.empty(), Optional.empty(), Duration.ZERO), READY.files(),
            new RouterState.Retry(org.opendaylight.openbsdpbr.impl.device.Backoff.TRANSACTION, Duration.ofMinutes(1)),
            NOW, holder -> false);
        assertThat(Decision.next(applied, SPEC, READY, Optional.empty(), NOW))
            .isEqualTo(new Action.Idle(Optional.empty()));
    }

    @Test
    void aHeldRevisionWaitsForItsEndAChangeOrAnOperator() {
        final RouterState refused = withHold(new Hold(Hold.Kind.REFUSED, Optional.of(READY.revision()),
            Optional.of(NOW.plusSeconds(900))));
        assertThat(Decision.next(refused, SPEC, READY, Optional.empty(), NOW))
            .isEqualTo(new Action.Idle(Optional.of(NOW.plusSeconds(900))));
        assertThat(Decision.next(refused, SPEC, READY, Optional.empty(), NOW.plusSeconds(901)))
            .isInstanceOf(Action.Commit.class);
        assertThat(Decision.next(refused.changed(), SPEC, READY, Optional.empty(), NOW))
            .isInstanceOf(Action.Commit.class);
        assertThat(Decision.next(refused, SPEC, READY, Optional.of(new Command.Sync(Optional.empty(), false)), NOW))
            .isEqualTo(new Action.Commit(READY.files(), Optional.empty(), Duration.ofSeconds(60), false, true));
    }

    @Test
    void aChangedHostKeyStopsEverythingButTheOperator() {
        final RouterState hostKey = withHold(new Hold(Hold.Kind.HOST_KEY, Optional.empty(), Optional.empty()));
        assertThat(Decision.next(hostKey, SPEC, READY, Optional.empty(), NOW.plus(Duration.ofDays(1))))
            .isInstanceOf(Action.Idle.class);
        assertThat(Decision.next(hostKey, SPEC, READY, Optional.of(new Command.CheckSync()), NOW))
            .isEqualTo(new Action.ReadBack(false, true));
    }

    @Test
    void aStaleLockIsBrokenFirst() {
        final RouterState locked = new RouterState(true, Optional.empty(), List.of(), true, Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.of("odl-gone:1"), Optional.empty(), Duration.ofSeconds(1),
            Optional.empty(), false, KNOWN.status());
        assertThat(Decision.next(locked, SPEC, READY, Optional.empty(), NOW))
            .isEqualTo(new Action.BreakLock("odl-gone:1"));
    }

    @Test
    void commandsAreTurnedIntoActionsOrRefusedWithTheirReason() {
        assertThat(Decision.next(KNOWN, SPEC, READY, Optional.of(new Command.Confirm()), NOW))
            .isEqualTo(new Action.Confirm());
        assertThat(Decision.next(KNOWN, SPEC, READY, Optional.of(new Command.Rollback(OptionalInt.of(3))), NOW))
            .isEqualTo(new Action.Rollback(3, Duration.ofSeconds(60)));
        assertThat(refusal(Decision.next(KNOWN, SPEC, READY, Optional.of(new Command.Rollback(OptionalInt.empty())),
            NOW))).isEqualTo(Command.Reason.NO_GENERATION);
        assertThat(refusal(Decision.next(KNOWN, spec(false), READY,
            Optional.of(new Command.Sync(Optional.empty(), false)), NOW))).isEqualTo(Command.Reason.NO_INTENT);
        final var invalid = new Compiled.Invalid("r1", Compiled.Stage.VALIDATE, List.of(
            new org.opendaylight.openbsdpbr.api.intent.IntentError("intent/x", "broken")));
        assertThat(refusal(Decision.next(KNOWN, SPEC, invalid, Optional.of(new Command.Sync(Optional.empty(),
            false)), NOW))).isEqualTo(Command.Reason.INVALID_INTENT);
    }

    @Test
    void aManualCommitIsLeftAloneUntilItsDeadlineThenReadBack() {
        final RouterState awaiting = new RouterState(true, Optional.empty(), List.of(), false, Optional.empty(),
            Optional.of(new RouterState.Awaiting(2, NOW.plusSeconds(30), FileSet.empty(), "r")), Optional.empty(),
            Optional.empty(), Optional.empty(), Duration.ofSeconds(1), Optional.empty(), false, KNOWN.status());
        assertThat(Decision.next(awaiting, SPEC, READY, Optional.empty(), NOW))
            .isEqualTo(new Action.Idle(Optional.of(NOW.plusSeconds(30).plus(Decision.REVERT_CHECK_GRACE))));
        assertThat(Decision.next(awaiting, SPEC, READY, Optional.empty(), NOW.plusSeconds(40)))
            .isEqualTo(new Action.ReadBack(false, false));
    }

    private static RouterState withHold(final Hold hold) {
        return new RouterState(true, Optional.empty(), List.of(), false, Optional.empty(), Optional.empty(),
            Optional.of(hold), Optional.empty(), Optional.empty(), Duration.ofSeconds(1), Optional.empty(), false,
            KNOWN.status());
    }

    private static Command.Reason refusal(final Action action) {
        return ((Command.Outcome.Refused) ((Action.Answer) action).outcome()).reason();
    }

    private static RouterSpec spec(final boolean hasIntent) {
        try {
            return new RouterSpec("r1", Optional.of(new DeviceTarget("r1", "127.0.0.1", 22, "root",
                new Credentials.Key(SshKeys.generateEd25519()), HostKeyPolicy.Pinned.of("SHA256:" + "A".repeat(43)))),
                null, Optional.of(SEED), null, List.of(), Duration.ofSeconds(60), false, hasIntent);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}

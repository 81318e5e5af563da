/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opendaylight.openbsdpbr.impl.compile.IntentCompilerTest.BASE;
import static org.opendaylight.openbsdpbr.impl.compile.IntentCompilerTest.OWN;
import static org.opendaylight.openbsdpbr.impl.compile.IntentCompilerTest.inputs;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opendaylight.openbsdpbr.api.files.ManagedFile;
import org.opendaylight.openbsdpbr.api.intent.Profile;

/**
 * A result is computed once per (router, inputs) and handed on; only equal inputs reuse it; the older of two is dropped
 * once the router is in sync on the newer; a new result holds the files a change left alone as the previous one's.
 */
class CompilationsTest {
    private final Compilations compilations = new Compilations(IntentCompiler.standard());

    @Test
    void equalInputsAreCompiledOnceAndHandedOn() {
        final Compiled first = compilations.compile(inputs(OWN, Map.of("base", BASE), List.of("base")));
        // built again from equal values (a profile written again unchanged, a secret re-sealed)
        final Profile again = new Profile("base", BASE.description(), BASE.intent());
        final Compiled second = compilations.compile(inputs(OWN, Map.of("base", again), List.of("base")));

        assertThat(second).isSameAs(first);
        assertThat(compilations.compiles()).isEqualTo(1);
        assertThat(compilations.reuses()).isEqualTo(1);
    }

    @Test
    void aChangedInputCompilesAgainAndTheTwoLatestAreKept() {
        final var applied = inputs(OWN, Map.of("base", BASE), List.of("base"));
        final var validating = inputs(OWN, Map.of("base", new Profile("base", "changed", BASE.intent())),
            List.of("base"));
        final Compiled appliedResult = compilations.compile(applied);
        final Compiled validatingResult = compilations.compile(validating);

        assertThat(validatingResult).isNotSameAs(appliedResult);
        // the cohort's result for the write and the reconciler's current one both stay
        assertThat(compilations.compile(applied)).isSameAs(appliedResult);
        assertThat(compilations.compile(validating)).isSameAs(validatingResult);
        assertThat(compilations.compiles()).isEqualTo(2);

        final var third = inputs(OWN, Map.of(), List.of());
        compilations.compile(third);
        compilations.compile(applied);
        assertThat(compilations.compiles()).as("the oldest of three was dropped").isEqualTo(4);
    }

    @Test
    void aForgottenRouterCompilesAgain() {
        final var inputs = inputs(OWN, Map.of("base", BASE), List.of("base"));
        compilations.compile(inputs);
        compilations.forget("seed-router");
        compilations.compile(inputs);
        assertThat(compilations.compiles()).isEqualTo(2);
    }

    @Test
    void theOlderResultIsDroppedOnceTheRouterRunsTheNewest() {
        final var applied = inputs(OWN, Map.of("base", BASE), List.of("base"));
        final var written = inputs(OWN, Map.of(), List.of());
        final Compiled appliedResult = compilations.compile(applied);
        final Compiled writtenResult = compilations.compile(written);

        // in sync on the older while the newer is a write being validated: both stay
        compilations.settled(appliedResult);
        assertThat(compilations.compile(applied)).isSameAs(appliedResult);
        assertThat(compilations.compile(written)).isSameAs(writtenResult);
        assertThat(compilations.compiles()).isEqualTo(2);

        // in sync on the newest: the older is gone, the newest stays
        compilations.settled(writtenResult);
        assertThat(compilations.compile(written)).isSameAs(writtenResult);
        assertThat(compilations.compiles()).isEqualTo(2);
        assertThat(compilations.compile(applied)).isNotSameAs(appliedResult);
        assertThat(compilations.compiles()).as("the dropped result compiled again").isEqualTo(3);
    }

    @Test
    void aChangeSharesTheFilesItLeftAloneWithThePreviousResult() {
        final var before = (Compiled.Ready) compilations.compile(inputs(OWN, Map.of("base", BASE), List.of("base")));
        final var after = (Compiled.Ready) compilations.compile(inputs(OWN, Map.of("base", withFirstTable(
            "10.9.9.9/32")), List.of("base")));

        final var changed = after.files().files().values().stream()
            .filter(file -> !file.equals(before.files().get(file.path()).orElse(null))).toList();
        assertThat(changed).extracting(ManagedFile::path).as("a table lives in pf.conf only")
            .containsExactly("/etc/pf.conf");
        for (ManagedFile file : after.files().files().values()) {
            if (changed.contains(file)) {
                assertThat(before.files().get(file.path()).orElseThrow()).isNotSameAs(file);
            } else {
                assertThat(before.files().get(file.path())).as(file.path()).containsSame(file);
            }
        }
        // sharing changes no value: the result is the one a compile of its own gives
        final var alone = (Compiled.Ready) IntentCompiler.standard().compile(inputs(OWN, Map.of("base",
            withFirstTable("10.9.9.9/32")), List.of("base")));
        assertThat(after.files()).isEqualTo(alone.files());
        assertThat(after.revision()).isEqualTo(alone.revision()).isEqualTo(after.files().revision());
    }

    /** The base profile with its first table's entries replaced by {@code entry}. */
    private static Profile withFirstTable(final String entry) {
        return new Profile("base", BASE.description(), SharedIntents.withFirstTable(BASE.intent(), entry));
    }
}

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
import org.opendaylight.openbsdpbr.api.intent.Profile;

/** A result is computed once per (router, inputs) and handed on; only equal inputs reuse it. */
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
}

/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.compile;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.opendaylight.openbsdpbr.api.intent.IntentError;
import org.opendaylight.openbsdpbr.api.intent.IntentException;
import org.opendaylight.openbsdpbr.api.intent.Profile;
import org.opendaylight.openbsdpbr.impl.render.IntentMerger;
import org.opendaylight.openbsdpbr.impl.render.InvalidIntentException;
import org.opendaylight.openbsdpbr.impl.render.RenderResult;
import org.opendaylight.openbsdpbr.impl.render.Renderer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compiles one router: its profiles are merged in order under its own intent ({@link IntentMerger}), the result is
 * validated and resolved once and rendered from that resolution ({@link Renderer#render(IntentMerger.Merged)}), then
 * every {@link CompileCheck} runs on it. Thread-safe and pure but for a counter of compiles, which is logged at debug
 * (logger {@code org.opendaylight.openbsdpbr.impl.compile.IntentCompiler}) and read by the controller's statistics.
 *
 * <p>Further checks plug in with {@link #with(CompileCheck)}; the standard one is {@link CompileCheck#MANAGEMENT_PATH}.
 */
public final class IntentCompiler {
    private static final Logger LOG = LoggerFactory.getLogger(IntentCompiler.class);

    private final List<CompileCheck> checks;
    private final LongAdder compiles = new LongAdder();

    private IntentCompiler(final List<CompileCheck> checks) {
        this.checks = List.copyOf(checks);
    }

    /**
     * A compiler with the standard checks: the controller can still reach the router and log in, and the failover
     * works as rendered.
     */
    public static IntentCompiler standard() {
        return new IntentCompiler(List.of(CompileCheck.MANAGEMENT_PATH, CompileCheck.FAILOVER));
    }

    /**
     * A compiler without the management-path proof (the offline tools: no controller logs in); the failover check
     * stays, since it is about the files alone.
     */
    public static IntentCompiler offline() {
        return new IntentCompiler(List.of(CompileCheck.FAILOVER));
    }

    /** This compiler's checks and one more, run after them. */
    public IntentCompiler with(final CompileCheck check) {
        final List<CompileCheck> more = new ArrayList<>(checks);
        more.add(requireNonNull(check, "check"));
        return new IntentCompiler(more);
    }

    /** How many compiles this compiler ran. */
    public long compiles() {
        return compiles.sum();
    }

    /**
     * Compiles a router.
     *
     * @param inputs the router's intent, profiles and login
     * @return ready with files, or invalid with every error; never throws for bad intent
     */
    public Compiled compile(final CompileInputs inputs) {
        compiles.increment();
        final long started = System.nanoTime();
        final Compiled result = run(inputs);
        if (LOG.isDebugEnabled()) {
            LOG.debug("{}: compiled in {} us: {} (compile {} of this controller)", inputs.router(),
                (System.nanoTime() - started) / 1000, result instanceof Compiled.Ready ready
                    ? "revision " + ready.revision() : "invalid", compiles.sum());
        }
        return result;
    }

    private Compiled run(final CompileInputs inputs) {
        final String router = inputs.router();
        if (inputs.own().isEmpty()) {
            return new Compiled.Invalid(router, Compiled.Stage.VALIDATE, List.of(inputs.ownError().orElseThrow()));
        }
        if (inputs.profiles().size() != inputs.profileNames().size()) {
            final List<String> found = inputs.profiles().stream().map(Profile::name).toList();
            return new Compiled.Invalid(router, Compiled.Stage.VALIDATE, inputs.profileNames().stream()
                .filter(name -> !found.contains(name))
                .map(name -> new IntentError("profile", "no profile named " + name))
                .toList());
        }
        final IntentMerger.Merged merged;
        final RenderResult result;
        try {
            merged = IntentMerger.mergeWithOrigins(inputs.profiles(), inputs.own().orElseThrow());
            result = Renderer.render(merged);
        } catch (InvalidIntentException e) {
            return new Compiled.Invalid(router, Compiled.Stage.VALIDATE, e.errors());
        } catch (IntentException e) {
            return new Compiled.Invalid(router, Compiled.Stage.RENDER, List.of(e.toError()));
        }
        final Compiled.Ready ready = new Compiled.Ready(router, merged, result);
        final List<IntentError> problems = new ArrayList<>(0);
        for (CompileCheck check : checks) {
            problems.addAll(check.check(inputs, ready));
        }
        return problems.isEmpty() ? ready : new Compiled.Invalid(router, Compiled.Stage.CHECK, problems);
    }
}

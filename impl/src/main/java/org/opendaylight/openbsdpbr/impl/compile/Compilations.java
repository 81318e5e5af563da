/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.compile;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The latest compiles of every router, so that each (router, revision of its inputs) is compiled once and the result
 * handed on: the commit cohort compiles a write while it validates it, and the listener, the reconciler and the render
 * RPC that follow find the same result here instead of computing it again.
 *
 * <p>Two results are kept per router: the one applied (or being applied) and the one of a write being validated,
 * which becomes the applied one once the write commits. A result is reused only for equal inputs
 * ({@link CompileInputs} compares by value), so a stale result is never handed out. Two threads compiling equal
 * inputs at the same moment may both compile (and both count); the cohort and the listener run one after the other.
 */
public final class Compilations {
    /** One or two recent compiles of a router, newest first. */
    private record Recent(CompileInputs inputs, Compiled compiled, CompileInputs olderInputs, Compiled older) {
        Compiled find(final CompileInputs wanted) {
            if (inputs.equals(wanted)) {
                return compiled;
            }
            return olderInputs != null && olderInputs.equals(wanted) ? older : null;
        }

        Recent newest(final CompileInputs newInputs, final Compiled newCompiled) {
            return new Recent(newInputs, newCompiled, inputs, compiled);
        }
    }

    private final IntentCompiler compiler;
    private final Map<String, Recent> recent = new ConcurrentHashMap<>();
    private final LongAdder reuses = new LongAdder();

    public Compilations(final IntentCompiler compiler) {
        this.compiler = requireNonNull(compiler);
    }

    /**
     * The compiled intent of a router for these inputs: a recent result for equal inputs, or a new compile.
     *
     * @param inputs the router's inputs
     * @return the result
     */
    public Compiled compile(final CompileInputs inputs) {
        final Recent known = recent.get(inputs.router());
        final Compiled found = known == null ? null : known.find(inputs);
        if (found != null) {
            reuses.increment();
            return found;
        }
        final Compiled compiled = compiler.compile(inputs);
        recent.compute(inputs.router(), (router, current) -> current == null
            ? new Recent(inputs, compiled, null, null) : current.find(inputs) != null ? current
                : current.newest(inputs, compiled));
        return compiled;
    }

    /** The router left the configuration: its results are dropped. */
    public void forget(final String router) {
        recent.remove(router);
    }

    /** How many compiles ran. */
    public long compiles() {
        return compiler.compiles();
    }

    /** How many times a result was handed on instead of compiled again. */
    public long reuses() {
        return reuses.sum();
    }
}

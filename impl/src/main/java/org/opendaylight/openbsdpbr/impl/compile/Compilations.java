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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.opendaylight.openbsdpbr.api.files.FileSet;
import org.opendaylight.openbsdpbr.api.files.ManagedFile;
import org.opendaylight.openbsdpbr.impl.render.RenderResult;

/**
 * The latest compiles of every router, so that each (router, revision of its inputs) is compiled once and the result
 * handed on: the commit cohort compiles a write while it validates it, and the listener, the reconciler and the render
 * RPC that follow find the same result here instead of computing it again.
 *
 * <p>Two results are kept per router: the one applied (or being applied) and the one of a write being validated,
 * which becomes the applied one once the write commits. A result is reused only for equal inputs
 * ({@link CompileInputs} compares by value), so a stale result is never handed out. Two threads compiling equal
 * inputs at the same moment may both compile (and both count); the cohort and the listener run one after the other.
 * Once a router is in sync on its newest result ({@link #settled}), the older one is dropped: a controller lives
 * through many changes, and each left every router's previous compile behind.
 *
 * <p>A new result holds the files it has in common with the router's previous result as the very same objects: a
 * change usually touches one file or two (a profile's table: pf.conf), and the reconciler remembers the file sets the
 * router ran before (to recognise them after a revert or a rollback), which then cost only the files that changed.
 * Both together: the heap one profile change leaves behind went from 4.1 to 1.7 KiB per router ({@code ./openbsd-pbr
 * bench heap}, 1,000 routers, two runs each; what is left is the previous pf.conf the reconciler remembers). Sharing
 * across routers would gain little: every whole file names its router in its first line.
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
        final Compiled compiled = sharing(compiler.compile(inputs), known);
        recent.compute(inputs.router(), (router, current) -> current == null
            ? new Recent(inputs, compiled, null, null) : current.find(inputs) != null ? current
                : current.newest(inputs, compiled));
        return compiled;
    }

    /**
     * The router runs {@code result} now (in sync, nothing more to do): when it is the router's newest result, the
     * older one is dropped; when a newer one is kept (a write being validated, a staged router held on its pins while
     * the configured intent compiled too), both stay.
     *
     * @param result the result the router is in sync on, as {@link #compile} handed it out
     */
    public void settled(final Compiled result) {
        final Recent known = recent.get(result.router());
        if (known != null && known.older() != null && known.compiled() == result) {
            recent.computeIfPresent(result.router(), (router, current) -> current.compiled() == result
                ? new Recent(current.inputs(), current.compiled(), null, null) : current);
        }
    }

    /**
     * The result with each file equal to one of the router's kept results replaced by that one (see the class); the
     * comparison is by value, so the result is the same whatever is shared.
     */
    private static Compiled sharing(final Compiled compiled, final Recent known) {
        if (known == null || !(compiled instanceof Compiled.Ready ready)) {
            return compiled;
        }
        final List<ManagedFile> files = new ArrayList<>(ready.files().size());
        boolean shared = false;
        for (ManagedFile file : ready.files().files().values()) {
            final ManagedFile kept = keptEqual(known.compiled(), file);
            final ManagedFile same = kept != null ? kept : keptEqual(known.older(), file);
            shared |= same != null;
            files.add(same != null ? same : file);
        }
        return shared ? new Compiled.Ready(ready.router(), ready.merged(),
            new RenderResult(FileSet.of(files), ready.lints()), ready.revision()) : ready;
    }

    private static ManagedFile keptEqual(final Compiled kept, final ManagedFile file) {
        if (kept instanceof Compiled.Ready ready) {
            final ManagedFile same = ready.files().files().get(file.path());
            return file.equals(same) ? same : null;
        }
        return null;
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

/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.compile;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.opendaylight.openbsdpbr.api.files.FileSet;
import org.opendaylight.openbsdpbr.api.intent.IntentError;
import org.opendaylight.openbsdpbr.impl.render.IntentMerger;
import org.opendaylight.openbsdpbr.impl.render.Lint;
import org.opendaylight.openbsdpbr.impl.render.RenderResult;

/** A router's compiled intent: ready to apply, or invalid with every error named. Immutable. */
public sealed interface Compiled {
    /** The router's name. */
    String router();

    /**
     * Intent that rendered and passed every check.
     *
     * @param router the router's name
     * @param merged the effective intent (profiles, then the router's own) and where each shared entry came from
     * @param result the files and lints
     * @param revision the revision identity of the files (computed once: it hashes every file)
     */
    record Ready(String router, IntentMerger.Merged merged, RenderResult result, String revision)
            implements Compiled {
        public Ready {
            requireNonNull(router, "router");
            requireNonNull(merged, "merged");
            requireNonNull(result, "result");
            requireNonNull(revision, "revision");
        }

        /** The result of a compile: its revision is that of its files. */
        public Ready(final String router, final IntentMerger.Merged merged, final RenderResult result) {
            this(router, merged, result, result.files().revision());
        }

        /** Every file the controller owns on the router. */
        public FileSet files() {
            return result.files();
        }

        /** Warnings and errors about the intent that do not stop it. */
        public List<Lint> lints() {
            return result.lints();
        }

    }

    /**
     * Intent that cannot be applied.
     *
     * @param router the router's name
     * @param stage where it failed
     * @param errors every problem, each with its element path ({@code intent/...},
     *     {@code profiles/profile[name=p]/...}, {@code profile[name=p]} for a missing profile)
     */
    record Invalid(String router, Stage stage, List<IntentError> errors) implements Compiled {
        public Invalid {
            requireNonNull(router, "router");
            requireNonNull(stage, "stage");
            errors = List.copyOf(errors);
            if (errors.isEmpty()) {
                throw new IllegalArgumentException("invalid intent without an error");
            }
        }

        /** The errors one per line, as {@code path: message}. */
        public String message() {
            final var text = new StringBuilder();
            for (IntentError error : errors) {
                if (!text.isEmpty()) {
                    text.append('\n');
                }
                text.append(error.path()).append(": ").append(error.message());
            }
            return text.toString();
        }
    }

    /** Where an invalid intent failed. */
    enum Stage {
        /** Reading, merging or validating the intent. */
        VALIDATE,
        /**
         * A {@link CompileCheck} of the rendered result (the management-path proof): the intent is valid, its files
         * would lock the controller out. Never a dangling reference, whatever the write deleted.
         */
        CHECK,
        /** Rendering an intent that validated (a value the renderer refuses). */
        RENDER
    }
}

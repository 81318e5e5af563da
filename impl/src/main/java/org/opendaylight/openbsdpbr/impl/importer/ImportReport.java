/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.importer;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.openbsdpbr.api.files.FileSet;
import org.opendaylight.openbsdpbr.api.intent.IntentError;
import org.opendaylight.openbsdpbr.impl.render.InvalidIntentException;
import org.opendaylight.openbsdpbr.impl.render.Renderer;

/**
 * An import with its proof, as {@code openbsd-pbr import} and the import-router RPC show it: the imported intent,
 * the unmapped lines and the notes ({@link RouterImporter}), then the rendering of that intent compared with the
 * router's files file by file ({@link FileComparison}) and flow by flow ({@link FlowEquivalence}). One place, so
 * that the command line and the controller accept an import on the same evidence.
 *
 * @param result what the import produced
 * @param files how each file compares with the rendering (empty when the intent does not render)
 * @param flows how the flows compare (empty when the intent does not render)
 * @param invalid why the renderer refuses the imported intent (empty when it renders)
 */
public record ImportReport(ImportResult result, List<FileComparison.Difference> files,
        Optional<FlowEquivalence.Result> flows, List<IntentError> invalid) {
    public ImportReport {
        requireNonNull(result, "result");
        files = List.copyOf(files);
        requireNonNull(flows, "flows");
        invalid = List.copyOf(invalid);
    }

    /**
     * Imports a router's files and proves the result against them.
     *
     * @param routerName the router's name, or null to take it from the renderer's header in the files
     * @param files file contents by path on the router
     * @return the report
     * @throws org.opendaylight.openbsdpbr.api.intent.IntentException when no router name is given and the files do
     *     not name one
     */
    public static ImportReport of(final @Nullable String routerName, final Map<String, String> files) {
        final ImportResult result = RouterImporter.importFiles(routerName, files);
        final FileSet rendered;
        try {
            rendered = Renderer.render(result.intent()).files();
        } catch (InvalidIntentException e) {
            return new ImportReport(result, List.of(), Optional.empty(), e.errors());
        }
        return new ImportReport(result, FileComparison.compare(files, rendered),
            Optional.of(FlowEquivalence.compare(files, rendered)), List.of());
    }

    /** Whether the imported intent renders (else {@link #invalid()} says why). */
    public boolean renders() {
        return invalid.isEmpty();
    }

    /** How a file compares, in the operator's words. */
    public static String describe(final FileComparison.Difference difference) {
        return switch (difference.status()) {
            case IDENTICAL -> "byte-identical when rendered";
            case EQUIVALENT -> "the same lines when rendered (comments and blanks differ)";
            case DIFFERENT -> difference.changedLines() + " lines differ when rendered";
            case ONLY_ON_ROUTER -> "not rendered: openbsd-pbr leaves it as it is";
            case ONLY_RENDERED -> "new: the rendering adds it";
        };
    }
}

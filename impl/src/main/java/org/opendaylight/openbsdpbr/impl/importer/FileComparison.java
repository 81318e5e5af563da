/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.importer;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.opendaylight.openbsdpbr.api.files.FileSet;
import org.opendaylight.openbsdpbr.api.files.LineBlock;
import org.opendaylight.openbsdpbr.api.files.ManagedFile;

/**
 * The router's files against the rendering of their imported intent, file by file: byte-identical (the source was
 * openbsd-pbr's own rendering), equivalent after normalization (comments, blank lines, blanks and line continuations
 * do not count), different, or present on one side only. Content is never part of the result, since a hostname.pppoeN
 * holds the PPPoE secret.
 *
 * <p>This is the text side of issue 17's equivalence; {@link FlowEquivalence} is the behaviour side, where a pf.conf
 * or a hostname.if that differs in text may still answer every flow the same.
 */
public final class FileComparison {
    /** How a file compares. */
    public enum Status {
        /** The same bytes. */
        IDENTICAL,
        /** The same lines once comments, blank lines, blanks and continuations are normalized. */
        EQUIVALENT,
        /** Different lines. */
        DIFFERENT,
        /** On the router only: the rendering has no such file (commit would leave it as it is). */
        ONLY_ON_ROUTER,
        /** Rendered only: a commit would create it. */
        ONLY_RENDERED
    }

    /**
     * One file's comparison.
     *
     * @param path the path on the router
     * @param status how it compares
     * @param changedLines for {@link Status#DIFFERENT}, the normalized lines on either side that the other has not
     */
    public record Difference(String path, Status status, int changedLines) {
        public Difference {
            requireNonNull(path, "path");
            requireNonNull(status, "status");
        }
    }

    private FileComparison() {
        // utility
    }

    /** Compares the router's files with the rendered ones, in path order. */
    public static List<Difference> compare(final Map<String, String> router, final FileSet rendered) {
        final TreeSet<String> paths = new TreeSet<>(router.keySet());
        paths.addAll(rendered.files().keySet());
        final List<Difference> result = new ArrayList<>(paths.size());
        for (String path : paths) {
            final ManagedFile ours = rendered.files().get(path);
            final String theirs = ours != null && ours.ownership() == ManagedFile.Ownership.LINES
                ? ownBlock(router.get(path)) : router.get(path);
            if (ours == null) {
                result.add(new Difference(path, Status.ONLY_ON_ROUTER, 0));
            } else if (theirs == null) {
                result.add(new Difference(path, Status.ONLY_RENDERED, 0));
            } else if (theirs.equals(ours.content())) {
                result.add(new Difference(path, Status.IDENTICAL, 0));
            } else {
                final List<String> a = normalized(path, theirs);
                final List<String> b = normalized(path, ours.content());
                if (a.equals(b)) {
                    result.add(new Difference(path, Status.EQUIVALENT, 0));
                } else {
                    final List<String> onlyA = new ArrayList<>(a);
                    b.forEach(onlyA::remove);
                    final List<String> onlyB = new ArrayList<>(b);
                    a.forEach(onlyB::remove);
                    result.add(new Difference(path, Status.DIFFERENT, onlyA.size() + onlyB.size()));
                }
            }
        }
        return result;
    }

    /**
     * In a file openbsd-pbr shares with the admin, the rendering is the body of openbsd-pbr's block only: that body is
     * what compares, when the router's file has the block (the admin's other lines stay as they are, whatever the
     * intent). A file without a block, or with a damaged one, compares whole.
     */
    private static String ownBlock(final String text) {
        if (text == null) {
            return null;
        }
        try {
            return LineBlock.MANAGED.body(text).orElse(text);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }

    private static List<String> normalized(final String path, final String text) {
        final List<String> lines = new ArrayList<>();
        for (Lines.Line line : Lines.logical(path, text)) {
            final String content = line.text().strip();
            if (!content.isEmpty() && !content.startsWith("#")) {
                lines.add(String.join(" ", content.split("\\s+")));
            }
        }
        return lines;
    }
}

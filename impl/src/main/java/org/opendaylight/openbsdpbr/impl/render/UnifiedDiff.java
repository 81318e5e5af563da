/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.render;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.opendaylight.openbsdpbr.api.files.FileSet;
import org.opendaylight.openbsdpbr.api.files.ManagedFile;

/**
 * Unified diffs (as {@code diff -u} prints them) between two file sets, with secrets masked: a file that holds a
 * secret shows {@code authkey '********'} instead of the value, so a diff can be shown, logged and returned by RPCs.
 */
public final class UnifiedDiff {
    private static final int CONTEXT = 3;
    private static final Pattern SECRET_WORD = Pattern.compile("(authkey\\s+)('[^']*'|\\S+)");
    private static final String MASK = "'********'";

    private UnifiedDiff() {
        // utility
    }

    /** The content as it may be shown: secret values masked in files that hold secrets. */
    public static String shown(final ManagedFile file) {
        return file.secret() ? SECRET_WORD.matcher(file.content()).replaceAll("$1" + MASK) : file.content();
    }

    /** The diff of every file that differs, added or removed, in path order; empty when the sets are equal. */
    public static String diff(final FileSet from, final FileSet to) {
        final var text = new StringBuilder();
        final var paths = new TreeSet<>(from.files().keySet());
        paths.addAll(to.files().keySet());
        for (String path : paths) {
            final var before = from.get(path);
            final var after = to.get(path);
            final String old = before.map(UnifiedDiff::shown).orElse("");
            final String now = after.map(UnifiedDiff::shown).orElse("");
            final boolean metaChanged = before.isPresent() && after.isPresent()
                && (!before.orElseThrow().owner().equals(after.orElseThrow().owner())
                    || !before.orElseThrow().group().equals(after.orElseThrow().group())
                    || before.orElseThrow().mode() != after.orElseThrow().mode());
            if (old.equals(now) && before.isPresent() == after.isPresent() && !metaChanged) {
                continue;
            }
            text.append("--- ").append(before.isPresent() ? "a" + path : "/dev/null").append('\n');
            text.append("+++ ").append(after.isPresent() ? "b" + path : "/dev/null").append('\n');
            if (metaChanged) {
                text.append("# ").append(before.orElseThrow().owner()).append(':')
                    .append(before.orElseThrow().group()).append(' ').append(before.orElseThrow().modeString())
                    .append(" -> ").append(after.orElseThrow().owner()).append(':')
                    .append(after.orElseThrow().group()).append(' ').append(after.orElseThrow().modeString())
                    .append('\n');
            }
            hunks(lines(old), lines(now), text);
        }
        return text.toString();
    }

    private static List<String> lines(final String text) {
        if (text.isEmpty()) {
            return List.of();
        }
        final List<String> result = new ArrayList<>(List.of(text.split("\n", -1)));
        if (result.get(result.size() - 1).isEmpty()) {
            result.remove(result.size() - 1);
        }
        return result;
    }

    private record Edit(char kind, String line, int oldLine, int newLine) {
    }

    private static void hunks(final List<String> before, final List<String> after, final StringBuilder out) {
        // longest common subsequence, by dynamic programming: managed files are small
        final int n = before.size();
        final int m = after.size();
        final int[][] lcs = new int[n + 1][m + 1];
        for (int oi = n - 1; oi >= 0; oi--) {
            for (int nj = m - 1; nj >= 0; nj--) {
                lcs[oi][nj] = before.get(oi).equals(after.get(nj)) ? lcs[oi + 1][nj + 1] + 1
                    : Math.max(lcs[oi + 1][nj], lcs[oi][nj + 1]);
            }
        }
        final List<Edit> edits = new ArrayList<>();
        int oi = 0;
        int nj = 0;
        while (oi < n || nj < m) {
            if (oi < n && nj < m && before.get(oi).equals(after.get(nj))) {
                edits.add(new Edit(' ', before.get(oi), oi++, nj++));
            } else if (nj < m && (oi == n || lcs[oi][nj + 1] >= lcs[oi + 1][nj])) {
                edits.add(new Edit('+', after.get(nj), oi, nj++));
            } else {
                edits.add(new Edit('-', before.get(oi), oi++, nj));
            }
        }
        int at = 0;
        while (at < edits.size()) {
            if (edits.get(at).kind() == ' ') {
                at++;
                continue;
            }
            final int start = Math.max(0, at - CONTEXT);
            int end = at;
            int lastChange = at;
            while (end < edits.size() && end - lastChange <= 2 * CONTEXT) {
                if (edits.get(end).kind() != ' ') {
                    lastChange = end;
                }
                end++;
            }
            end = Math.min(edits.size(), lastChange + CONTEXT + 1);
            int oldCount = 0;
            int newCount = 0;
            for (int e = start; e < end; e++) {
                final char kind = edits.get(e).kind();
                if (kind != '+') {
                    oldCount++;
                }
                if (kind != '-') {
                    newCount++;
                }
            }
            final Edit first = edits.get(start);
            out.append("@@ -").append(range(first.oldLine(), oldCount)).append(" +")
                .append(range(first.newLine(), newCount)).append(" @@\n");
            for (int e = start; e < end; e++) {
                out.append(edits.get(e).kind()).append(edits.get(e).line()).append('\n');
            }
            at = end;
        }
    }

    private static String range(final int zeroBasedStart, final int count) {
        final int start = count == 0 ? zeroBasedStart : zeroBasedStart + 1;
        return count == 1 ? Integer.toString(start) : start + "," + count;
    }
}

/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.render;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.opendaylight.openbsdpbr.api.files.FileSet;
import org.opendaylight.openbsdpbr.api.files.ManagedFile;
import org.opendaylight.openbsdpbr.api.intent.Secret;

/**
 * Unified diffs ({@code diff -u} with three lines of context) between two rendered file sets, computed with Myers'
 * O(ND) algorithm. Files that hold a secret are compared as shown: every {@code authkey} value is replaced by
 * {@value Secret#MASK}, so no secret is ever printed; when only a secret changed, the diff says so without values.
 */
public final class UnifiedDiff {
    private static final int CONTEXT = 3;
    /** Beyond this many differences a file is shown as replaced as a whole (Myers keeps O(D^2) state). */
    private static final int MAX_DIFFERENCES = 4000;
    private static final Pattern SECRET_VALUE = Pattern.compile("(authkey\\s+)('[^']*'|\\S+)");

    private UnifiedDiff() {
        // utility
    }

    /** The content as it may be printed: in a file holding a secret, each {@code authkey} value masked. */
    public static String shown(final ManagedFile file) {
        return file.secret() ? SECRET_VALUE.matcher(file.content()).replaceAll("$1'" + Secret.MASK + "'")
            : file.content();
    }

    /** The unified diff of every added, removed or changed file, in path order; "" when the sets are equal. */
    public static String diff(final FileSet from, final FileSet to) {
        final StringBuilder out = new StringBuilder();
        final TreeSet<String> paths = new TreeSet<>(from.files().keySet());
        paths.addAll(to.files().keySet());
        for (String path : paths) {
            final ManagedFile before = from.files().get(path);
            final ManagedFile after = to.files().get(path);
            if (before != null && before.equals(after)) {
                continue;
            }
            out.append("--- ").append(before == null ? "/dev/null" : "a" + path).append('\n');
            out.append("+++ ").append(after == null ? "/dev/null" : "b" + path).append('\n');
            if (before != null && after != null && (before.mode() != after.mode()
                    || !before.owner().equals(after.owner()) || !before.group().equals(after.group()))) {
                out.append("# ").append(before.owner()).append(':').append(before.group()).append(' ')
                    .append(before.modeString()).append(" -> ").append(after.owner()).append(':')
                    .append(after.group()).append(' ').append(after.modeString()).append('\n');
            }
            final String old = before == null ? "" : shown(before);
            final String now = after == null ? "" : shown(after);
            if (old.equals(now)) {
                if (before != null && after != null && !before.content().equals(after.content())) {
                    out.append("# a secret changed (values are not shown)\n");
                }
                continue;
            }
            hunks(Text.of(old), Text.of(now), out);
        }
        return out.toString();
    }

    /** A file's lines; {@code complete} is false when the last line has no newline. */
    private record Text(List<String> lines, boolean complete) {
        static Text of(final String content) {
            if (content.isEmpty()) {
                return new Text(List.of(), true);
            }
            final List<String> lines = new ArrayList<>(Arrays.asList(content.split("\n", -1)));
            final boolean complete = lines.get(lines.size() - 1).isEmpty();
            if (complete) {
                lines.remove(lines.size() - 1);
            }
            return new Text(lines, complete);
        }
    }

    /** One step of the edit script: ' ' keeps, '-' removes, '+' adds a line; indexes into the old and new lines. */
    record Op(char kind, int oldIndex, int newIndex) {
        // a step
    }

    private static void hunks(final Text old, final Text now, final StringBuilder out) {
        final List<Op> ops = script(old.lines(), now.lines());
        int index = 0;
        while (index < ops.size()) {
            if (ops.get(index).kind() == ' ') {
                index++;
                continue;
            }
            final int start = Math.max(0, index - CONTEXT);
            int lastChange = index;
            int cursor = index + 1;
            while (cursor < ops.size() && cursor - lastChange <= 2 * CONTEXT) {
                if (ops.get(cursor).kind() != ' ') {
                    lastChange = cursor;
                }
                cursor++;
            }
            final int end = Math.min(ops.size(), lastChange + CONTEXT + 1);
            hunk(ops.subList(start, end), old, now, out);
            index = end;
        }
    }

    private static void hunk(final List<Op> ops, final Text old, final Text now, final StringBuilder out) {
        int oldCount = 0;
        int newCount = 0;
        int oldStart = -1;
        int newStart = -1;
        for (Op op : ops) {
            if (op.kind() != '+') {
                oldCount++;
                oldStart = oldStart < 0 ? op.oldIndex() : oldStart;
            }
            if (op.kind() != '-') {
                newCount++;
                newStart = newStart < 0 ? op.newIndex() : newStart;
            }
        }
        // a side without lines is placed after the line before the hunk (diff -u's convention)
        final Op first = ops.get(0);
        out.append("@@ -").append(range(oldStart < 0 ? first.oldIndex() : oldStart + 1, oldCount))
            .append(" +").append(range(newStart < 0 ? first.newIndex() : newStart + 1, newCount)).append(" @@\n");
        for (Op op : ops) {
            final boolean fromOld = op.kind() == '-' || op.kind() == ' ';
            final Text text = fromOld ? old : now;
            final int line = fromOld ? op.oldIndex() : op.newIndex();
            out.append(op.kind()).append(text.lines().get(line)).append('\n');
            if (line == text.lines().size() - 1 && !text.complete()) {
                out.append("\\ No newline at end of file\n");
            }
        }
    }

    private static String range(final int start, final int count) {
        return count == 1 ? Integer.toString(start) : start + "," + count;
    }

    /**
     * The shortest edit script (Myers 1986), after the common head and tail are taken off. For a side without a line
     * in an op, its index is where the line would go.
     */
    static List<Op> script(final List<String> before, final List<String> after) {
        int head = 0;
        while (head < before.size() && head < after.size() && before.get(head).equals(after.get(head))) {
            head++;
        }
        int tail = 0;
        while (tail < before.size() - head && tail < after.size() - head
                && before.get(before.size() - 1 - tail).equals(after.get(after.size() - 1 - tail))) {
            tail++;
        }
        final List<Op> ops = new ArrayList<>(before.size() + after.size());
        for (int i = 0; i < head; i++) {
            ops.add(new Op(' ', i, i));
        }
        final List<Op> middle = myers(before.subList(head, before.size() - tail),
            after.subList(head, after.size() - tail));
        for (Op op : middle) {
            ops.add(new Op(op.kind(), op.oldIndex() + head, op.newIndex() + head));
        }
        for (int i = tail; i > 0; i--) {
            ops.add(new Op(' ', before.size() - i, after.size() - i));
        }
        return ops;
    }

    private static List<Op> myers(final List<String> before, final List<String> after) {
        final int oldSize = before.size();
        final int newSize = after.size();
        final int max = oldSize + newSize;
        if (max == 0) {
            return List.of();
        }
        final int offset = max + 1;
        final int[] v = new int[2 * max + 3];
        final List<int[]> trace = new ArrayList<>();
        for (int d = 0; d <= max; d++) {
            if (d > MAX_DIFFERENCES) {
                return replaced(oldSize, newSize);
            }
            // the furthest x per diagonal before this step, for diagonals -d-1..d+1
            trace.add(Arrays.copyOfRange(v, offset - d - 1, offset + d + 2));
            for (int k = -d; k <= d; k += 2) {
                int oldAt = k == -d || k != d && v[offset + k - 1] < v[offset + k + 1] ? v[offset + k + 1]
                    : v[offset + k - 1] + 1;
                int newAt = oldAt - k;
                while (oldAt < oldSize && newAt < newSize && before.get(oldAt).equals(after.get(newAt))) {
                    oldAt++;
                    newAt++;
                }
                v[offset + k] = oldAt;
                if (oldAt >= oldSize && newAt >= newSize) {
                    return backtrack(trace, oldSize, newSize);
                }
            }
        }
        throw new IllegalStateException("no edit script");
    }

    private static List<Op> backtrack(final List<int[]> trace, final int oldSize, final int newSize) {
        final List<Op> ops = new ArrayList<>();
        int oldAt = oldSize;
        int newAt = newSize;
        for (int d = trace.size() - 1; d >= 0; d--) {
            final int[] v = trace.get(d);
            final int base = d + 1;
            final int k = oldAt - newAt;
            final int prevK = k == -d || k != d && v[base + k - 1] < v[base + k + 1] ? k + 1 : k - 1;
            final int prevOld = d == 0 ? 0 : v[base + prevK];
            final int prevNew = prevOld - prevK;
            while (oldAt > prevOld && newAt > prevNew) {
                oldAt--;
                newAt--;
                ops.add(new Op(' ', oldAt, newAt));
            }
            if (d > 0) {
                if (oldAt == prevOld) {
                    ops.add(new Op('+', oldAt, newAt - 1));
                } else {
                    ops.add(new Op('-', oldAt - 1, newAt));
                }
            }
            oldAt = prevOld;
            newAt = prevNew;
        }
        Collections.reverse(ops);
        return ops;
    }

    /** All of the old lines removed, then all of the new added. */
    private static List<Op> replaced(final int oldSize, final int newSize) {
        final List<Op> ops = new ArrayList<>(oldSize + newSize);
        for (int i = 0; i < oldSize; i++) {
            ops.add(new Op('-', i, 0));
        }
        for (int j = 0; j < newSize; j++) {
            ops.add(new Op('+', oldSize, j));
        }
        return ops;
    }
}

/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.opendaylight.openbsdpbr.api.files.FileSet;
import org.opendaylight.openbsdpbr.api.files.ManagedFile;

class UnifiedDiffTest {
    private static String numbered(final int from, final int to) {
        return IntStream.rangeClosed(from, to).mapToObj(i -> "line " + i + "\n").collect(Collectors.joining());
    }

    private static String diff(final String before, final String after) {
        return UnifiedDiff.diff(FileSet.of(List.of(ManagedFile.of("/etc/x", before))),
            FileSet.of(List.of(ManagedFile.of("/etc/x", after))));
    }

    @Test
    void oneChangedLineHasThreeLinesOfContext() {
        assertThat(diff(numbered(1, 10), numbered(1, 10).replace("line 5\n", "line five\n"))).isEqualTo("""
            --- a/etc/x
            +++ b/etc/x
            @@ -2,7 +2,7 @@
             line 2
             line 3
             line 4
            -line 5
            +line five
             line 6
             line 7
             line 8
            """);
    }

    @Test
    void changesFarApartAreTwoHunksAndNearOnesOne() {
        final String far = diff(numbered(1, 30), numbered(1, 30).replace("line 3\n", "").replace("line 25\n",
            "line 25\nline 25b\n"));
        assertThat(far).contains("@@ -1,6 +1,5 @@\n line 1\n line 2\n-line 3\n line 4\n")
            .contains("@@ -23,6 +22,7 @@\n line 23\n line 24\n line 25\n+line 25b\n line 26\n");
        final String near = diff(numbered(1, 30), numbered(1, 30).replace("line 3\n", "").replace("line 9\n",
            "line nine\n"));
        assertThat(near.split("\n@@ ", -1)).as("one hunk after the header").hasSize(2);
        assertThat(near).contains("@@ -1,12 +1,11 @@\n");
    }

    @Test
    void addedRemovedAndUnterminatedFiles() {
        final FileSet none = FileSet.empty();
        final FileSet one = FileSet.of(List.of(ManagedFile.of("/etc/new", "a\nb\n")));
        assertThat(UnifiedDiff.diff(none, one)).isEqualTo("--- /dev/null\n+++ b/etc/new\n@@ -0,0 +1,2 @@\n+a\n+b\n");
        assertThat(UnifiedDiff.diff(one, none)).isEqualTo("--- a/etc/new\n+++ /dev/null\n@@ -1,2 +0,0 @@\n-a\n-b\n");
        assertThat(diff("a\nb", "a\nc")).isEqualTo("--- a/etc/x\n+++ b/etc/x\n@@ -1,2 +1,2 @@\n a\n-b\n"
            + "\\ No newline at end of file\n+c\n\\ No newline at end of file\n");
        assertThat(UnifiedDiff.diff(one, one)).isEmpty();
    }

    @Test
    void aModeChangeIsShown() {
        final FileSet before = FileSet.of(List.of(ManagedFile.of("/etc/x", "a\n")));
        final FileSet after = FileSet.of(List.of(new ManagedFile("/etc/x", "root", "wheel", 0600, "a\n", false)));
        assertThat(UnifiedDiff.diff(before, after))
            .isEqualTo("--- a/etc/x\n+++ b/etc/x\n# root:wheel 0644 -> root:wheel 0600\n");
    }

    /** Applying the printed edit script to the old lines gives the new lines, for random edits. */
    @Test
    void theEditScriptTurnsOldIntoNew() {
        final Random random = new Random(7);
        for (int round = 0; round < 300; round++) {
            final List<String> before = randomLines(random);
            final List<String> after = randomLines(random);
            final List<String> rebuilt = new ArrayList<>();
            final List<String> kept = new ArrayList<>();
            for (var op : UnifiedDiff.script(before, after)) {
                switch (op.kind()) {
                    case ' ' -> {
                        assertThat(before.get(op.oldIndex())).isEqualTo(after.get(op.newIndex()));
                        rebuilt.add(before.get(op.oldIndex()));
                        kept.add(before.get(op.oldIndex()));
                    }
                    case '+' -> rebuilt.add(after.get(op.newIndex()));
                    case '-' -> assertThat(op.oldIndex()).isBetween(0, before.size() - 1);
                    default -> throw new AssertionError(op);
                }
            }
            assertThat(rebuilt).isEqualTo(after);
            assertThat(kept.size()).isEqualTo(lcs(before, after));
        }
    }

    private static List<String> randomLines(final Random random) {
        final List<String> lines = new ArrayList<>();
        final int size = random.nextInt(12);
        for (int i = 0; i < size; i++) {
            lines.add(Character.toString('a' + random.nextInt(4)));
        }
        return lines;
    }

    /** The length of a longest common subsequence: Myers' script keeps exactly that many lines. */
    private static int lcs(final List<String> before, final List<String> after) {
        final int[][] table = new int[before.size() + 1][after.size() + 1];
        for (int i = before.size() - 1; i >= 0; i--) {
            for (int j = after.size() - 1; j >= 0; j--) {
                table[i][j] = before.get(i).equals(after.get(j)) ? table[i + 1][j + 1] + 1
                    : Math.max(table[i + 1][j], table[i][j + 1]);
            }
        }
        return table[0][0];
    }
}

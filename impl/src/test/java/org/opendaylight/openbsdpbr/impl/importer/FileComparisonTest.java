/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opendaylight.openbsdpbr.api.files.FileSet;
import org.opendaylight.openbsdpbr.api.files.LineBlock;
import org.opendaylight.openbsdpbr.api.files.ManagedFile;

/** A shared file compares by openbsd-pbr's block: the admin's other lines are not the rendering's to match. */
class FileComparisonTest {
    private static final String RC = "/etc/rc.conf.local";
    private static final FileSet RENDERED = FileSet.of(List.of(new ManagedFile(RC, "root", "wheel", 0644,
        "unwind_flags=\n", false, ManagedFile.Ownership.LINES)));

    private static FileComparison.Status status(final String onRouter) {
        return FileComparison.compare(Map.of(RC, onRouter), RENDERED).get(0).status();
    }

    @Test
    void aSharedFileComparesByItsBlock() {
        final String block = LineBlock.MANAGED.begin() + "\n" + "unwind_flags=\n" + LineBlock.MANAGED.end() + "\n";
        assertThat(status("pf=YES\n" + block + "ntpd_flags=NO\n")).isEqualTo(FileComparison.Status.IDENTICAL);
        assertThat(status("pf=YES\n" + block.replace("unwind_flags=", "unwind_flags=-v")))
            .isEqualTo(FileComparison.Status.DIFFERENT);
        // a hand-written file has no block yet: it compares whole
        assertThat(status("unwind_flags=\n")).isEqualTo(FileComparison.Status.IDENTICAL);
        assertThat(status("pf=YES\nunwind_flags=\n")).isEqualTo(FileComparison.Status.DIFFERENT);
    }
}

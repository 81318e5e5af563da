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
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.opendaylight.openbsdpbr.api.files.FileSet;
import org.opendaylight.openbsdpbr.api.files.ManagedFile;
import org.opendaylight.openbsdpbr.api.intent.MapE;
import org.opendaylight.openbsdpbr.api.intent.Uplink;
import org.opendaylight.openbsdpbr.impl.render.RandomIntents;
import org.opendaylight.openbsdpbr.impl.render.Renderer;
import org.opendaylight.openbsdpbr.impl.render.UnifiedDiff;

/**
 * The round trip over the seeded random intents ({@link RandomIntents}, the renderer's property-test generator):
 * importing what openbsd-pbr rendered gives an intent that renders byte-identical files (same paths, contents, owners
 * and modes), with nothing unmapped. The imported intent need not equal the generated one (a MAP-E rule is chosen
 * again from the files, a via-rdomain may come back as the via-uplink that holds that rdomain's default route), only
 * render the same. A failure names the seed: {@code RandomIntents.generate(seed)} builds the case again.
 */
class ImportRoundTripTest {
    private static final int CASES = 1500;

    @Test
    // any failure of a case is reported with the seed that builds it again
    @SuppressWarnings("checkstyle:IllegalCatch")
    void importOfRenderedFilesRendersTheSameFiles() {
        final long base = RandomIntents.baseSeed();
        int checked = 0;
        final Map<String, Integer> covered = new TreeMap<>();
        for (int i = 0; i < CASES; i++) {
            final RandomIntents.Case test = RandomIntents.generate(base + i);
            if (test.mistake() != null) {
                continue;
            }
            final FileSet rendered = Renderer.render(test.effective()).files();
            final Map<String, String> files = new TreeMap<>();
            rendered.files().forEach((path, file) -> files.put(path, file.content()));
            final ImportResult imported;
            final FileSet again;
            try {
                imported = RouterImporter.importFiles(null, files);
                again = Renderer.render(imported.intent()).files();
            } catch (RuntimeException e) {
                throw new AssertionError(test + ": " + e, e);
            }
            assertThat(imported.unmapped()).as(test + ": nothing of openbsd-pbr's own files is unmapped")
                .isEmpty();
            assertThat(again.files().keySet()).as(test + ": the same files").isEqualTo(rendered.files().keySet());
            assertThat(again).as(test + ": byte-identical\n" + UnifiedDiff.diff(rendered, again)).isEqualTo(rendered);
            for (ManagedFile file : rendered.files().values()) {
                final ManagedFile other = again.get(file.path()).orElseThrow();
                assertThat(other).as(test + ": " + file.path() + " owner, group, mode").isEqualTo(file);
            }
            assertThat(imported.intent().name()).isEqualTo(test.effective().name());
            checked++;
            for (Uplink uplink : test.effective().uplinks()) {
                covered.merge(uplink.kind() instanceof MapE mapE ? "map-e " + mapE.natMode() : uplink.kind()
                    .caseName(), 1, Integer::sum);
            }
        }
        assertThat(checked).as("valid cases checked").isGreaterThan(CASES / 2);
        // the run covers every uplink kind, or it proves little
        for (String kind : List.of("pppoe", "dhcp", "static", "map-e PORT_BLOCKS", "map-e MAP_E_PORTSET")) {
            assertThat(covered.getOrDefault(kind, 0)).as("cases with " + kind + " " + covered).isGreaterThan(20);
        }
    }
}

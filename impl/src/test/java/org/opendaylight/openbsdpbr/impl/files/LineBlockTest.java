/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opendaylight.openbsdpbr.api.files.LineBlock;

/**
 * The rules of a block of lines that openbsd-pbr owns in a shared file (the lab splices with them; the agent's awk
 * must agree, which the conformance suite checks on the wire). Expected texts are written out by hand.
 */
class LineBlockTest {
    private static final LineBlock BLOCK = LineBlock.MANAGED;
    private static final String B = BLOCK.begin() + "\n";
    private static final String E = BLOCK.end() + "\n";

    @Test
    void aMissingFileIsCreatedWithTheBlockAlone() {
        assertThat(BLOCK.splice(Optional.empty(), "net.inet.ip.forwarding=1\n"))
            .isEqualTo(B + "net.inet.ip.forwarding=1\n" + E);
    }

    @Test
    void aFileWithoutTheBlockGetsItAppendedAndKeepsEveryLine() {
        assertThat(BLOCK.splice(Optional.of("# admin\nsshd_flags=-v\n\n"), "unwind_flags=\n"))
            .isEqualTo("# admin\nsshd_flags=-v\n\n" + B + "unwind_flags=\n" + E);
    }

    @Test
    void aLastLineWithoutNewlineGetsOneBeforeTheBlock() {
        assertThat(BLOCK.splice(Optional.of("ntpd_flags=-s"), "unwind_flags=\n"))
            .isEqualTo("ntpd_flags=-s\n" + B + "unwind_flags=\n" + E);
    }

    @Test
    void theBlockIsReplacedInPlaceBetweenTheAdminsLines() {
        final String before = "a=1\n" + B + "old=1\nold=2\n" + E + "z=26\n";
        assertThat(BLOCK.splice(Optional.of(before), "new=1\n")).isEqualTo("a=1\n" + B + "new=1\n" + E + "z=26\n");
        assertThat(BLOCK.body(before)).hasValue("old=1\nold=2\n");
    }

    @Test
    void anEmptyBodyLeavesTheMarkersOnly() {
        assertThat(BLOCK.splice(Optional.of("a=1\n"), "")).isEqualTo("a=1\n" + B + E);
        assertThat(BLOCK.body("a=1\n" + B + E)).hasValue("");
    }

    @Test
    void removingTheBlockKeepsTheOtherLinesAndMayLeaveNothing() {
        assertThat(BLOCK.remove("a=1\n" + B + "x=1\n" + E + "z=26\n")).isEqualTo("a=1\nz=26\n");
        assertThat(BLOCK.remove(B + "x=1\n" + E)).isEmpty();
        assertThat(BLOCK.remove("a=1\n")).isEqualTo("a=1\n");
        assertThat(BLOCK.body("a=1\n")).isEmpty();
    }

    @Test
    void theBootHookAndTheManagedBlockLiveSideBySide() {
        final String hooked = LineBlock.BOOT_HOOK.splice(Optional.of("echo local\n"), "hook\n");
        final String both = BLOCK.splice(Optional.of(hooked), "mine\n");
        assertThat(both).isEqualTo("echo local\n" + LineBlock.BOOT_HOOK.begin() + "\nhook\n"
            + LineBlock.BOOT_HOOK.end() + "\n" + B + "mine\n" + E);
        assertThat(LineBlock.BOOT_HOOK.body(both)).hasValue("hook\n");
        assertThat(BLOCK.body(both)).hasValue("mine\n");
        assertThat(LineBlock.BOOT_HOOK.remove(both)).isEqualTo("echo local\n" + B + "mine\n" + E);
    }

    @ParameterizedTest
    @ValueSource(strings = { "BEGIN", "END", "BEGIN BEGIN END", "BEGIN END END", "END BEGIN", "BEGIN END BEGIN END" })
    void aDamagedBlockIsNeverGuessedAt(final String markers) {
        final var text = new StringBuilder("a=1\n");
        for (String marker : markers.split(" ")) {
            text.append("BEGIN".equals(marker) ? B : E).append("x=1\n");
        }
        assertThatThrownBy(() -> BLOCK.body(text.toString())).hasMessageContaining("damaged");
        assertThatThrownBy(() -> BLOCK.splice(Optional.of(text.toString()), "y=1\n"))
            .hasMessageContaining("damaged");
        assertThatThrownBy(() -> BLOCK.remove(text.toString())).hasMessageContaining("damaged");
    }

    @Test
    void aBodyIsWholeLinesWithoutMarkers() {
        assertThatThrownBy(() -> BLOCK.splice(Optional.empty(), "x=1")).hasMessageContaining("newline");
        assertThatThrownBy(() -> BLOCK.checkBody("x=1\n" + E)).hasMessageContaining("marker");
        assertThatThrownBy(() -> new LineBlock("# same", "# same")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LineBlock("BEGIN", "# end")).isInstanceOf(IllegalArgumentException.class);
    }
}

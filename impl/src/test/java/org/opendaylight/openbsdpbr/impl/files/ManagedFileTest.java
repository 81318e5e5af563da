/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.files;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opendaylight.openbsdpbr.api.files.LineBlock;
import org.opendaylight.openbsdpbr.api.files.ManagedFile;

/**
 * The api's ManagedFile checks (api/ has no tests of its own): paths under /etc, BSD account names, no NUL, blocks of
 * lines.
 */
class ManagedFileTest {
    /** The longest file name under /etc. */
    private static final String HUNDRED = "01234567890123456789012345678901234567890123456789"
        + "01234567890123456789012345678901234567890123456789";

    @ParameterizedTest
    @ValueSource(strings = { "/etc/pf.conf", "/etc/hostname.em0", "/etc/ssh/sshd_config", "/etc/a-b_c.D9",
        "/etc/" + HUNDRED })
    void pathsUnderEtcAreTaken(final String path) {
        assertThatCode(() -> ManagedFile.of(path, "x\n")).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = { "/etc/", "/etc", "/var/pf.conf", "etc/pf.conf", "/etc/../root/.ssh/authorized_keys",
        "/etc//pf.conf", "/etc/pf conf", "/etc/pf.conf\n", "/etc/pf;conf", "/etc/ümlaut",
        "/etc/" + HUNDRED + "x" })
    void otherPathsAreRefused(final String path) {
        assertThatThrownBy(() -> ManagedFile.of(path, "x\n")).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("under /etc");
    }

    @ParameterizedTest
    @ValueSource(strings = { "root", "wheel", "_unwind", "_sshd9", "a", "abcdefghijklmnopqrstuvwxyz012345" })
    void bsdAccountNamesAreTaken(final String account) {
        assertThatCode(() -> new ManagedFile("/etc/x", account, account, 0640, "", false))
            .doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "Root", "9root", "ro ot", "root:wheel", "abcdefghijklmnopqrstuvwxyz0123456", "rööt" })
    void otherAccountNamesAreRefused(final String account) {
        assertThatThrownBy(() -> new ManagedFile("/etc/x", account, "wheel", 0640, "", false))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("owner or group");
        assertThatThrownBy(() -> new ManagedFile("/etc/x", "root", account, 0640, "", false))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("owner or group");
    }

    @ParameterizedTest
    @ValueSource(ints = { -1, 010000 })
    void modesBeyondTwelveBitsAreRefused(final int mode) {
        assertThatThrownBy(() -> new ManagedFile("/etc/x", "root", "wheel", mode, "", false))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mode");
    }

    @Test
    void nulInTheContentIsRefused() {
        assertThatThrownBy(() -> ManagedFile.of("/etc/x", "a\0b")).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("NUL");
    }

    @Test
    void aBlockOfLinesIsWholeLinesWithoutMarkersOrSecrets() {
        assertThatCode(() -> ManagedFile.ownedLines("/etc/sysctl.conf", "net.inet.ip.forwarding=1\n"))
            .doesNotThrowAnyException();
        assertThatCode(() -> ManagedFile.ownedLines("/etc/sysctl.conf", "")).doesNotThrowAnyException();
        assertThatThrownBy(() -> ManagedFile.ownedLines("/etc/sysctl.conf", "net.inet.ip.forwarding=1"))
            .hasMessageContaining("/etc/sysctl.conf").hasMessageContaining("newline");
        assertThatThrownBy(() -> ManagedFile.ownedLines("/etc/rc.conf.local", LineBlock.MANAGED.end() + "\n"))
            .hasMessageContaining("/etc/rc.conf.local").hasMessageContaining("marker");
        assertThatThrownBy(() -> new ManagedFile("/etc/rc.conf.local", "root", "wheel", 0600, "x=1\n", true,
            ManagedFile.Ownership.LINES)).hasMessageContaining("secret");
    }

    @Test
    void rcLocalIsOwnedOnlyAsLinesBecauseTheBootHookLivesThere() {
        assertThatThrownBy(() -> ManagedFile.of("/etc/rc.local", "echo hi\n")).hasMessageContaining("boot hook");
        assertThatCode(() -> ManagedFile.ownedLines("/etc/rc.local", "echo hi\n")).doesNotThrowAnyException();
    }
}

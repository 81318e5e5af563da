/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.tools.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opendaylight.openbsdpbr.impl.ssh.SshKeys;
import org.opendaylight.openbsdpbr.tools.lab.Lab;
import org.opendaylight.openbsdpbr.tools.lab.LabConfig;

/** {@code push INTENT --router NAME ...}: the seed example rendered and committed on a lab router, no controller. */
class IntentPushTest {
    @TempDir
    Path dir;

    @Test
    void seedExampleIsRenderedAndCommitted() throws Exception {
        final var key = SshKeys.generateEd25519();
        final Path identity = dir.resolve("id_ed25519");
        SshKeys.writePrivateKey(key, identity, "intent-push-test");
        try (Lab lab = Lab.start(LabConfig.of(1).withStateDir(dir.resolve("lab")))) {
            final var outBytes = new ByteArrayOutputStream();
            final var errorBytes = new ByteArrayOutputStream();
            final int code = Main.run(List.of("push", Seed.EXAMPLE.toString(), "--router", "seed-router",
                "--target", "127.0.0.1:" + lab.port("r1"), "--identity", identity.toString(),
                "--known-hosts", dir.resolve("lab/known_hosts").toString(), "--confirm", "30"),
                new PrintStream(outBytes, true, StandardCharsets.UTF_8),
                new PrintStream(errorBytes, true, StandardCharsets.UTF_8));
            final String out = outBytes.toString(StandardCharsets.UTF_8);
            assertThat(code).as(errorBytes.toString(StandardCharsets.UTF_8)).isZero();
            assertThat(out).contains("rendered seed-router: revision ").contains("generation 1");
            assertThat(lab.router("r1").file("/etc/pf.conf").orElseThrow().text())
                .contains("pass in on vport0 inet from vport0:network to <via_pppoe> rtable 1")
                .contains("pass in on vport0 inet from $pppoe_hosts to !<martians> rtable 1");
            assertThat(lab.router("r1").file("/etc/hostname.pppoe0").orElseThrow().text())
                .isEqualTo(Files.readString(Seed.GOLDEN.resolve("etc/hostname.pppoe0")));
        }
    }

    @Test
    void invalidIntentTouchesNoRouter() {
        final var errorBytes = new ByteArrayOutputStream();
        final int code = Main.run(List.of("push", dir.resolve("missing.json").toString(), "--router", "r",
            "--target", "127.0.0.1:1"), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(errorBytes, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(1);
        assertThat(errorBytes.toString(StandardCharsets.UTF_8)).contains("missing.json");
    }
}

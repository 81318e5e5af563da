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

    private static int push(final Path example, final int port, final Path identity, final Path knownHosts,
            final ByteArrayOutputStream errors) {
        return Main.run(List.of("push", example.toString(), "--router", "seed-router", "--target",
            "127.0.0.1:" + port, "--identity", identity.toString(), "--known-hosts", knownHosts.toString(),
            "--confirm", "30"), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(errors, true, StandardCharsets.UTF_8));
    }

    /**
     * LAN IPv6 on, then off again, on one lab router: the router validates rad.conf and dhcp6leased.conf, keeps
     * openbsd-pbr's block of sysctl.conf, and the plan turns forwarding on after pf and starts the two daemons;
     * going back stops them and turns forwarding off.
     */
    @Test
    void seedWithLanIpv6IsCommittedAndTakenBack() throws Exception {
        final var key = SshKeys.generateEd25519();
        final Path identity = dir.resolve("id_ed25519");
        SshKeys.writePrivateKey(key, identity, "intent-push-test");
        try (Lab lab = Lab.start(LabConfig.of(1).withStateDir(dir.resolve("lab")))) {
            final var router = lab.router("r1");
            final Path knownHosts = dir.resolve("lab/known_hosts");
            final var errors = new ByteArrayOutputStream();
            assertThat(push(Seed.EXAMPLE, lab.port("r1"), identity, knownHosts, errors)).as(errors.toString(
                StandardCharsets.UTF_8)).isZero();
            final int before = router.commandsRun().size();

            assertThat(push(Path.of("..", "examples", "seed-router-ipv6"), lab.port("r1"), identity, knownHosts,
                errors)).as(errors.toString(StandardCharsets.UTF_8)).isZero();
            assertThat(router.commandsRun().subList(before, router.commandsRun().size())).containsSubsequence(
                "pfctl -f /etc/pf.conf", "sysctl net.inet6.ip6.forwarding=1", "rcctl start dhcp6leased",
                "rcctl start rad").doesNotContain("sh /etc/netstart em0", "rcctl restart unwind");
            assertThat(router.file("/etc/sysctl.conf").orElseThrow().text())
                .contains("# BEGIN openbsd-pbr").contains("\nnet.inet6.ip6.forwarding=1\n");
            assertThat(router.file("/etc/dhcp6leased.conf").orElseThrow().text())
                .endsWith("request prefix delegation on em0 for { reserve/64 vport0/64 }\n");
            assertThat(router.file("/etc/rc.conf.local").orElseThrow().text()).contains("rad_flags=\n");
            final int on = router.commandsRun().size();

            assertThat(push(Seed.EXAMPLE, lab.port("r1"), identity, knownHosts, errors)).isZero();
            assertThat(router.commandsRun().subList(on, router.commandsRun().size())).containsSubsequence(
                "pfctl -f /etc/pf.conf", "sysctl net.inet6.ip6.forwarding=0", "rcctl stop dhcp6leased",
                "rcctl stop rad");
            assertThat(router.file("/etc/rad.conf")).isEmpty();
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

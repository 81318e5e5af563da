/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.opendaylight.openbsdpbr.impl.analysis.ManagementPath.Proof;
import org.opendaylight.openbsdpbr.impl.analysis.ManagementPath.Subject;
import org.opendaylight.openbsdpbr.impl.analysis.ManagementPath.Verdict;
import org.opendaylight.openbsdpbr.impl.analysis.ManagementPath.View;

/**
 * The management path through the seed router's files: the controller on the LAN (192.168.1.50) manages the router
 * at 192.168.1.1 port 22 as root with a key. Each lock-out case edits one file the way a bad change would.
 */
class ManagementPathTest {
    private static final View LAN = new View(Fixtures.address("192.168.1.50"), Fixtures.address("192.168.1.1"), 22,
        "root", false);

    private static Map<String, String> seed() {
        return new TreeMap<>(Fixtures.files("seed-router"));
    }

    private static Proof prove(final Map<String, String> files, final View view) {
        return ManagementPath.prove(RouterModel.of(files), RouterModel.of(seed()), view);
    }

    private static Map<String, String> edit(final String path, final UnaryOperator<String> change) {
        final Map<String, String> files = seed();
        files.put(path, change.apply(files.get(path)));
        return files;
    }

    @Test
    void theSeedKeepsItsManagementPath() {
        final Proof proof = prove(seed(), LAN);
        assertThat(proof.verdict()).as(proof.summary()).isEqualTo(Verdict.PROVEN);
        assertThat(proof.answer().delivery().listener()).isEqualTo("0.0.0.0:22");
    }

    @Test
    void aBlockOnTheManagementInterface() {
        final Map<String, String> files = edit("/etc/pf.conf", pf -> pf + "block in on vport0 proto tcp to port 22\n");
        final long line = files.get("/etc/pf.conf").lines().count();
        final Proof proof = prove(files, LAN);
        assertThat(proof.verdict()).isEqualTo(Verdict.REFUTED);
        assertThat(proof.breaches()).singleElement().satisfies(breach -> {
            assertThat(breach.subject()).isInstanceOf(Subject.PfRule.class);
            assertThat(((Subject.PfRule) breach.subject()).rule().line()).isEqualTo(line);
            assertThat(breach.message()).startsWith("/etc/pf.conf:" + line + " (block in on vport0 proto tcp to port"
                + " 22) blocks the controller's SSH connection from 192.168.1.50 to 192.168.1.1 port 22 entering"
                + " vport0");
        });
    }

    @Test
    void anRtableThatMovesTheControllersTrafficAway() {
        final Map<String, String> files = edit("/etc/pf.conf", pf -> pf
            + "pass in on vport0 inet from vport0:network to any rtable 1\n");
        final long line = files.get("/etc/pf.conf").lines().count();
        final Proof proof = prove(files, LAN);
        assertThat(proof.verdict()).isEqualTo(Verdict.REFUTED);
        assertThat(proof.breaches()).singleElement().satisfies(breach -> {
            assertThat(((Subject.PfRule) breach.subject()).rule().line()).isEqualTo(line);
            assertThat(breach.message()).contains("moves the controller's connection into rtable 1, where"
                + " 192.168.1.1 is not the router's address");
        });
    }

    @Test
    void theManagementInterfaceMovedToAnotherRdomain() {
        final Proof proof = prove(edit("/etc/hostname.vport0", text -> text.replace("inet 192.168.1.1/24",
            "rdomain 2\ninet 192.168.1.1/24")), LAN);
        assertThat(proof.verdict()).isEqualTo(Verdict.REFUTED);
        assertThat(proof.breaches()).singleElement().satisfies(breach -> {
            assertThat(breach.subject()).isEqualTo(new Subject.SshdListen(2, "vport0", true));
            assertThat(breach.message()).startsWith("no sshd ListenAddress in rdomain 2 takes 192.168.1.1")
                .endsWith("vport0 is in rdomain 2 (/etc/hostname.vport0:3)");
        });
        // a controller off the LAN: rdomain 2 has no route back at all
        final Proof far = prove(edit("/etc/hostname.vport0", text -> text.replace("inet 192.168.1.1/24",
            "rdomain 2\ninet 192.168.1.1/24")), new View(Fixtures.address("10.9.9.9"), Fixtures.address(
                "192.168.1.1"), 22, "root", false));
        assertThat(far.breaches()).singleElement().extracting(ManagementPath.Breach::subject)
            .isEqualTo(new Subject.NoRouteBack(2, "vport0"));
    }

    @Test
    void theListenAddressOfThatRdomainRemoved() {
        final Proof proof = prove(edit("/etc/ssh/sshd_config", text -> text.replace("ListenAddress 0.0.0.0\n", "")),
            LAN);
        assertThat(proof.verdict()).isEqualTo(Verdict.REFUTED);
        assertThat(proof.breaches()).singleElement().satisfies(breach -> {
            assertThat(breach.subject()).isEqualTo(new Subject.SshdListen(0, "vport0", false));
            assertThat(breach.message()).isEqualTo("no sshd ListenAddress in rdomain 0 takes 192.168.1.1 (sshd"
                + " listens on 0.0.0.0:22 rdomain 1, [::]:22)");
        });
    }

    @Test
    void theSshdPortChanged() {
        final Proof proof = prove(edit("/etc/ssh/sshd_config", text -> text.replace("Port 22", "Port 2222")), LAN);
        assertThat(proof.breaches()).singleElement().satisfies(breach -> {
            assertThat(breach.subject()).isEqualTo(new Subject.SshdPort(2222));
            assertThat(breach.message()).isEqualTo("sshd listens on port 2222 (/etc/ssh/sshd_config:5), the"
                + " controller connects to port 22");
        });
    }

    @Test
    void rootAndPasswordSettingsTheOldCheckCovered() {
        final Proof noRoot = prove(edit("/etc/ssh/sshd_config", text -> text.replace("PermitRootLogin"
            + " prohibit-password", "PermitRootLogin no")), LAN);
        assertThat(noRoot.breaches()).singleElement().extracting(ManagementPath.Breach::subject)
            .isInstanceOfSatisfying(Subject.SshdSetting.class, setting -> assertThat(setting.keyword())
                .isEqualTo("permit-root-login"));
        final View password = new View(LAN.controller(), LAN.router(), 22, "root", true);
        assertThat(prove(seed(), password).breaches()).extracting(breach -> ((Subject.SshdSetting) breach
            .subject()).keyword()).containsExactly("permit-root-login", "password-authentication");
        final View user = new View(LAN.controller(), LAN.router(), 22, "pbr", false);
        assertThat(prove(edit("/etc/ssh/sshd_config", text -> text.replace("PermitRootLogin prohibit-password",
            "PermitRootLogin no")), user).verdict()).isEqualTo(Verdict.PROVEN);
    }

    @Test
    void aLocalForwardLeavesThePathUnknownButStillChecksTheLogin() {
        final View lab = new View(Fixtures.address("127.0.0.1"), Fixtures.address("127.0.0.1"), 2201, "root",
            false);
        assertThat(prove(seed(), lab)).satisfies(proof -> {
            assertThat(proof.verdict()).isEqualTo(Verdict.UNKNOWN);
            assertThat(proof.unknowns()).singleElement().asString().contains("a local forward");
        });
        assertThat(prove(edit("/etc/ssh/sshd_config", text -> text.replace("PermitRootLogin prohibit-password",
            "PermitRootLogin no")), lab).verdict()).isEqualTo(Verdict.REFUTED);
    }

    @Test
    void aDynamicManagementAddressIsUnknown() {
        final View pppoe = new View(Fixtures.address("198.51.100.7"), Fixtures.address("203.0.113.9"), 22, "root",
            false);
        assertThat(prove(seed(), pppoe)).satisfies(proof -> {
            assertThat(proof.verdict()).isEqualTo(Verdict.UNKNOWN);
            assertThat(proof.unknowns()).singleElement().asString().contains("pppoe0");
        });
    }
}

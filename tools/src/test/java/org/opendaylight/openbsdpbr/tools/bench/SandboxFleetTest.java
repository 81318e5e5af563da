/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opendaylight.openbsdpbr.api.device.Candidate;
import org.opendaylight.openbsdpbr.api.files.ManagedFile;
import org.opendaylight.openbsdpbr.impl.device.DevicePush;
import org.opendaylight.openbsdpbr.impl.device.PushOptions;
import org.opendaylight.openbsdpbr.impl.device.PushResult;
import org.opendaylight.openbsdpbr.impl.device.TimerThread;
import org.opendaylight.openbsdpbr.impl.render.ApplyPlanner;
import org.opendaylight.openbsdpbr.impl.ssh.SshDeviceConnector;
import org.opendaylight.openbsdpbr.impl.ssh.SshSettings;
import org.opendaylight.openbsdpbr.tools.sandbox.SandboxSshd;

/**
 * The machinery of the real-sshd fleet benchmark, on three routers: one account and one root per router behind one
 * sshd (each push lands in its own root only), and the scp + ssh loop installs the same files. Root only.
 */
class SandboxFleetTest {
    @TempDir
    Path dir;

    @Test
    void eachRouterHasItsOwnAccountAndRootAndTheLoopDoesTheSameWork() throws Exception {
        assumeTrue(SandboxSshd.available() && "root".equals(System.getProperty("user.name")),
            "needs root and /usr/sbin/sshd");
        try (SandboxSshd sshd = SandboxSshd.fleet(dir, 3);
             var connector = new SshDeviceConnector(SshSettings.defaults().withTimeouts(Duration.ofSeconds(30)));
             var timer = new TimerThread("sandbox-fleet-test-timer")) {
            assertThat(sshd.routers()).extracting(SandboxSshd.Router::user).containsExactly("pbr1", "pbr2", "pbr3");
            final var push = new DevicePush(connector, ApplyPlanner::plan, timer);
            final String owner = sshd.owner();
            final String group = sshd.group();
            final List<DevicePush.Job> jobs = sshd.routers().stream().map(router -> new DevicePush.Job(
                sshd.target(router), DeviceBenchmark.candidate(Integer.parseInt(router.name().substring(1)),
                    owner, group))).toList();
            final List<PushResult> results = push.pushAll(jobs, PushOptions.defaults()
                .withConfirm(Duration.ofSeconds(60)), 3).toCompletableFuture().get(120, TimeUnit.SECONDS);
            assertThat(results).allSatisfy(result -> assertThat(result.outcome()).as(result.summary())
                .isEqualTo(PushResult.Outcome.CONFIRMED));
            for (SandboxSshd.Router router : sshd.routers()) {
                final Candidate expected = DeviceBenchmark.candidate(Integer.parseInt(router.name().substring(1)),
                    owner, group);
                assertThat(Files.readString(router.root().resolve("etc/pf.conf")))
                    .isEqualTo(expected.files().get("/etc/pf.conf").orElseThrow().content());
                assertThat(router.root().resolve("var/pbr/current")).hasContent("1");
            }

            final Candidate next = DeviceBenchmark.candidate(9, owner, group);
            final ScpSshLoop.Result loop = new ScpSshLoop(sshd, next.files(), 3).run();
            assertThat(loop.failures()).isZero();
            for (SandboxSshd.Router router : sshd.routers()) {
                for (ManagedFile file : next.files().files().values()) {
                    assertThat(router.root().resolve(file.path().substring(1))).hasContent(file.content());
                }
            }
            assertThat(sshd.childCpu()).isPositive();
        }
    }
}

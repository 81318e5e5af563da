/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.tools.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opendaylight.openbsdpbr.tools.lab.LabFixture.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.opendaylight.openbsdpbr.api.device.CommitRequest;
import org.opendaylight.openbsdpbr.api.device.CommitResult;
import org.opendaylight.openbsdpbr.api.device.DeviceSession;
import org.opendaylight.openbsdpbr.api.device.RunningConfig;
import org.opendaylight.openbsdpbr.api.files.FileSet;
import org.opendaylight.openbsdpbr.impl.device.PushOptions;
import org.opendaylight.openbsdpbr.impl.device.PushResult;

class LabSmokeTest {
    @Test
    void sessionInstallsTheScriptAndCommits() throws Exception {
        try (var fixture = new LabFixture(1)) {
            final LabRouter router = fixture.lab.router("r1");
            assertThat(router.agentVersion()).isEmpty();
            final DeviceSession session = await(fixture.connector.open(fixture.target("r1")));
            await(session.lock());
            assertThat(router.agentVersion()).isPresent();
            await(session.editCandidate(LabFixture.candidate("one")));
            await(session.validate());
            final CommitResult result = await(session.commit(CommitRequest.confirmed(Duration.ofSeconds(30))));
            assertThat(result.generation()).isEqualTo(1);
            assertThat(result.isPending()).isTrue();
            assertThat(await(session.confirm(1)).generation()).isEqualTo(1);
            final RunningConfig config = await(session.getConfig());
            assertThat(config.generation()).isEqualTo(1);
            assertThat(config.isInSync(LabFixture.files("one"))).isTrue();
            await(session.unlock());
            session.close();
            assertThat(router.commandsRun()).containsExactly("sh /etc/netstart em1", "sh /etc/netstart pppoe0",
                "pfctl -f /etc/pf.conf");
        }
    }

    @Test
    void readFilesInstallsTheScriptAndReadsWhatIsOnDiskWithoutTheLock() throws Exception {
        try (var fixture = new LabFixture(1)) {
            final LabRouter router = fixture.lab.router("r1");
            router.editByHand("/etc/hostname.pppoe0", "inet 0.0.0.0 255.255.255.255 NONE pppoedev em0 authkey 's'\n");
            router.editByHand("/etc/hostname.pppoe0.bak", "up\n");
            // a fresh router: the first read installs the script, takes no lock and changes nothing
            final FileSet files = await(fixture.push.readFiles(fixture.target("r1")));
            assertThat(router.agentVersion()).isPresent();
            assertThat(files.files().keySet()).containsExactly("/etc/hostname.em0", "/etc/hostname.pppoe0",
                "/etc/pf.conf", "/etc/ssh/sshd_config");
            assertThat(files.get("/etc/hostname.pppoe0").orElseThrow().content())
                .isEqualTo(router.file("/etc/hostname.pppoe0").orElseThrow().text());
            assertThat(router.generation()).isZero();
            assertThat(router.commandsRun()).isEmpty();
            assertThat(router.lockHolder()).isEmpty();
        }
    }

    @Test
    void pushConfirmsFromANewConnection() throws Exception {
        try (var fixture = new LabFixture(1)) {
            final PushResult result = await(fixture.push.push(LabFixture.files("a"), fixture.target("r1"),
                PushOptions.defaults().withConfirm(Duration.ofSeconds(20))));
            assertThat(result.outcome()).as(result.summary()).isEqualTo(PushResult.Outcome.CONFIRMED);
            assertThat(result.generation()).hasValue(1);
            assertThat(fixture.lab.router("r1").lockHolder()).isEmpty();
        }
    }

    @Test
    void rebootFromTheControlInterfaceRevertsAPendingCommit() throws Exception {
        try (var fixture = new LabFixture(1)) {
            assertThat(fixture.lab.control().execute("reboot r1")).isEqualTo("ok");
            final DeviceSession session = await(fixture.connector.open(fixture.target("r1")));
            await(session.lock());
            await(session.editCandidate(LabFixture.candidate("one")));
            await(session.commit(CommitRequest.plain()));
            await(session.editCandidate(LabFixture.candidate("two")));
            await(session.commit(CommitRequest.confirmed(Duration.ofSeconds(300))));
            assertThat(fixture.lab.control().execute("reboot r1"))
                .isEqualTo("pbr-agent: generation 2 was not confirmed before the reboot: generation 1 restored");
            assertThat(fixture.lab.router("r1").generation()).isEqualTo(1);
            assertThat(fixture.lab.router("r1").lastRevert()).hasValueSatisfying(revert -> {
                assertThat(revert.generation()).isEqualTo(2);
                assertThat(revert.restored()).isEqualTo(1);
            });
            // the reboot dropped the session
            assertThat(LabFixture.failure(session.getConfig())).isInstanceOf(
                org.opendaylight.openbsdpbr.api.device.DeviceException.ConnectionLost.class);
        }
    }
}

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

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opendaylight.openbsdpbr.api.device.DeviceSession;
import org.opendaylight.openbsdpbr.api.device.RunningConfig;
import org.opendaylight.openbsdpbr.api.files.FileSet;
import org.opendaylight.openbsdpbr.api.files.ManagedFile;
import org.opendaylight.openbsdpbr.impl.device.PushOptions;
import org.opendaylight.openbsdpbr.impl.device.PushResult;

/**
 * The lab's ifstated emulation on the seed with failover: pushed, ifstated starts in normal; an uplink set down on the
 * control interface moves it to the state its ifstated.conf leads to, and get-config reports the state and the
 * changes as pbr-agent.sh reads them from ifstated's log.
 */
class LabFailoverTest {
    @Test
    void uplinksDownAndUpMoveTheFailoverStateAndGetConfigReportsIt() throws Exception {
        try (var fixture = new LabFixture(1)) {
            final PushResult pushed = await(fixture.push.push(golden("failover-seed-router"), fixture.target("r1"),
                PushOptions.defaults().withConfirm(Duration.ofSeconds(20))));
            assertThat(pushed.outcome()).as(pushed.summary()).isEqualTo(PushResult.Outcome.CONFIRMED);
            final LabRouter router = fixture.lab.router("r1");
            assertThat(router.commandsRun()).contains("rcctl start ifstated");
            assertThat(router.failoverState()).hasValue("normal");

            assertThat(fixture.lab.control().execute("uplink r1 pppoe0 down")).isEqualTo("failover down-pppoe");
            assertThat(fixture.lab.control().execute("uplink r1 gif0 down")).isEqualTo("failover all-down");
            assertThat(fixture.lab.control().execute("uplink r1 pppoe0 up")).isEqualTo("failover down-ipoe");
            assertThat(fixture.lab.control().execute("uplink r1 gif0 up")).isEqualTo("failover normal");
            assertThat(fixture.lab.control().execute("uplink r1 em1 down")).isEqualTo("failover normal");
            assertThat(fixture.lab.control().execute("status r1")).contains("\nfailover normal\n");

            final DeviceSession session = await(fixture.connector.open(fixture.target("r1")));
            final RunningConfig config = await(session.getConfig());
            session.close();
            assertThat(config.failover()).hasValueSatisfying(failover -> {
                assertThat(failover.state()).isEqualTo("normal");
                assertThat(failover.events()).extracting(event -> event.state()).containsExactly("normal",
                    "down-pppoe", "all-down", "down-ipoe", "normal");
            });
        }
    }

    /** A golden case of the renderer (impl's render/NAME: files.txt and the files) as the file set it describes. */
    static FileSet golden(final String name) throws IOException {
        final Path dir = Path.of("..", "impl", "src", "test", "resources", "render", name);
        final List<ManagedFile> files = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("files.txt"), StandardCharsets.UTF_8)) {
            final String[] words = line.split(" ");
            final String path = words[2];
            final String content = Files.readString(dir.resolve(path.substring(1)), StandardCharsets.UTF_8);
            final String kind = words.length > 3 ? words[3] : "";
            final String[] owner = words[1].split(":");
            files.add("lines".equals(kind) ? ManagedFile.ownedLines(path, content) : new ManagedFile(path, owner[0],
                owner[1], Integer.parseInt(words[0], 8), content, "secret".equals(kind)));
        }
        return FileSet.of(files);
    }
}

/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.tools.conformance;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.opendaylight.openbsdpbr.api.device.Credentials;
import org.opendaylight.openbsdpbr.api.device.DeviceTarget;
import org.opendaylight.openbsdpbr.impl.ssh.SshKeys;
import org.opendaylight.openbsdpbr.tools.lab.Lab;
import org.opendaylight.openbsdpbr.tools.lab.LabConfig;
import org.opendaylight.openbsdpbr.tools.lab.LabFault;
import org.opendaylight.openbsdpbr.tools.lab.LabFile;
import org.opendaylight.openbsdpbr.tools.lab.LabRouter;

/** The suite against a lab router: its answers must be the script's. */
class LabConformanceTest extends AgentConformance {
    @Override
    RouterUnderTest start(final Path dir) throws Exception {
        return new InLab(Lab.start(LabConfig.of(1)));
    }

    private static final class InLab implements RouterUnderTest {
        private final Lab lab;
        private final LabRouter router;
        private final Credentials key;

        InLab(final Lab lab) throws Exception {
            this.lab = lab;
            router = lab.router("r1");
            key = new Credentials.Key(SshKeys.generateEd25519());
        }

        @Override
        public DeviceTarget target() {
            return lab.target("r1", key);
        }

        @Override
        public String owner() {
            return "root";
        }

        @Override
        public String group() {
            return "wheel";
        }

        @Override
        public Optional<String> file(final String path) {
            return router.file(path).map(LabFile::text);
        }

        @Override
        public void write(final String path, final String text) {
            router.editByHand(path, text);
        }

        @Override
        public List<String> commandsRun() {
            return router.commandsRun();
        }

        @Override
        public void ageLock(final long seconds) {
            router.ageLock(seconds);
        }

        @Override
        public void killTimer() {
            router.killTimer();
        }

        @Override
        public String boot() {
            return lab.reboot("r1").map(line -> line + "\n").orElse("");
        }

        @Override
        public void setFault(final Fault fault) {
            lab.setFault("r1", labFault(fault), "");
        }

        @Override
        public void clearFault(final Fault fault) {
            lab.clearFault("r1", labFault(fault));
        }

        private static LabFault labFault(final Fault fault) {
            return switch (fault) {
                case DISK_FULL -> LabFault.DISK_FULL;
                case CRASH_SWITCH -> LabFault.CRASH_SWITCH;
                case PROBE_UNANSWERED -> LabFault.FAIL_PROBE;
            };
        }

        @Override
        public void close() {
            lab.close();
        }
    }
}

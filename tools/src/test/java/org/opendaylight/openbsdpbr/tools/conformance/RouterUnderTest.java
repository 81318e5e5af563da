/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.tools.conformance;

import java.util.List;
import java.util.Optional;
import org.opendaylight.openbsdpbr.api.device.DeviceTarget;

/**
 * A router the conformance suite runs against: the real {@code pbr-agent.sh} under Debian's real sshd in a sandbox
 * ({@link ScriptConformanceTest}), or a lab router ({@link LabConformanceTest}). What it offers besides the wire is
 * what an admin or the hardware does to a router: edit a file, age a lock, lose power, reboot.
 */
interface RouterUnderTest extends AutoCloseable {
    /** Faults that come from the router's hardware or tools rather than from the protocol. */
    enum Fault {
        /** The file system is full: staging a candidate fails. */
        DISK_FULL,
        /** The power goes half way through a commit's switch of files. */
        CRASH_SWITCH,
        /** No echo request the router sends is answered (its uplinks or the destinations are down). */
        PROBE_UNANSWERED
    }

    /** How to reach the router. */
    DeviceTarget target();

    /** The owner and group the router can give managed files. */
    String owner();

    String group();

    /** A file as it is on the router now. */
    Optional<String> file(String path) throws Exception;

    /** The admin writes a file (an empty text removes it). */
    void write(String path, String text) throws Exception;

    /** The plan commands the router ran, oldest first, as OpenBSD commands (e.g. {@code sh /etc/netstart em1}). */
    List<String> commandsRun() throws Exception;

    /** Make the lock's last use that much older. */
    void ageLock(long seconds) throws Exception;

    /** The confirm timer dies (a crash, a reboot) without reverting. */
    void killTimer() throws Exception;

    /** A reboot: the timer dies, then /etc/rc runs /etc/rc.local; what that printed. */
    String boot() throws Exception;

    void setFault(Fault fault) throws Exception;

    void clearFault(Fault fault) throws Exception;

    @Override
    void close();
}

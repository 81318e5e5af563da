/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.tools.lab;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.opendaylight.openbsdpbr.impl.ssh.AgentReply;

/**
 * What a lab router answers to one command, and what it does once the answer is out.
 *
 * @param exitStatus the exit status
 * @param stdout standard output
 * @param stderr standard error
 * @param losesManagement whether the router stops answering once this reply is out (management path lost)
 * @param dropped whether the router never answers: the connection drops (the router crashed or lost power)
 */
record LabReply(int exitStatus, byte[] stdout, byte[] stderr, boolean losesManagement, boolean dropped) {
    LabReply {
        stdout = stdout.clone();
        stderr = stderr.clone();
    }

    static LabReply ok(final int version, final List<String> data) {
        return new LabReply(0, bytes(AgentReply.ok(version, data)), new byte[0], false, false);
    }

    static LabReply error(final int version, final List<String> data, final String kind, final String detail) {
        return new LabReply(1, bytes(AgentReply.error(version, data, kind, detail)), new byte[0], false, false);
    }

    static LabReply raw(final int status, final byte[] stdout, final String stderr) {
        return new LabReply(status, stdout, bytes(stderr), false, false);
    }

    /** No answer: the connection drops. */
    static LabReply noAnswer() {
        return new LabReply(-1, new byte[0], new byte[0], false, true);
    }

    LabReply losingManagement() {
        return new LabReply(exitStatus, stdout, stderr, true, false);
    }

    @Override
    public byte[] stdout() {
        return stdout.clone();
    }

    @Override
    public byte[] stderr() {
        return stderr.clone();
    }

    private static byte[] bytes(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}

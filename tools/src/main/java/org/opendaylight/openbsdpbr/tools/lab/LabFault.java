/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.tools.lab;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Faults a lab router can be told to show, until cleared. */
public enum LabFault {
    /** Connection refused: the router's port is closed. */
    REFUSE("refuse"),
    /** The port accepts TCP connections but never speaks SSH (a hung box). */
    STALL("stall"),
    /** SSH works, but no command ever answers. */
    HANG("hang"),
    /** Every reply is delayed; argument: milliseconds (default 500). */
    SLOW("slow"),
    /** The connection drops as the candidate upload starts. */
    DROP_UPLOAD("drop-upload"),
    /** The connection drops when validation starts. */
    DROP_VALIDATE("drop-validate"),
    /** The commit is applied, then the connection drops before the reply. */
    DROP_COMMIT("drop-commit"),
    /** Validation fails; argument: the router's message (default a pf.conf syntax error). */
    FAIL_VALIDATE("fail-validate"),
    /** The apply plan fails (the router restores its generation); argument: the message. */
    FAIL_PLAN("fail-plan"),
    /**
     * Operator probes get no answer: argument: the addresses that do not answer, separated by commas (default: none
     * answers).
     */
    FAIL_PROBE("fail-probe"),
    /** The disk is full: storing a candidate fails. */
    DISK_FULL("disk-full"),
    /** The router presents a different host key. */
    HOSTKEY_CHANGED("hostkey-changed"),
    /** After a commit the router stops answering (management path lost) until it reverts. */
    LOSE_MGMT("lose-mgmt"),
    /**
     * A commit's power loss: the first file is installed, the rest not, the commit never answers; the next operation
     * that takes the router's mutex undoes the half switch, as {@code pbr-agent.sh} recovers from its txn file.
     */
    CRASH_SWITCH("crash-switch");

    private final String id;

    LabFault(final String id) {
        this.id = id;
    }

    /** The name used by the control interface, e.g. {@code drop-commit}. */
    public String id() {
        return id;
    }

    /** The fault of a control-interface name. */
    public static LabFault parse(final String id) {
        for (LabFault fault : values()) {
            if (fault.id.equals(id.toLowerCase(Locale.ROOT))) {
                return fault;
            }
        }
        throw new IllegalArgumentException("unknown fault " + id + "; faults: " + names());
    }

    /** Every fault name, space-separated. */
    public static String names() {
        return Arrays.stream(values()).map(LabFault::id).collect(Collectors.joining(" "));
    }
}

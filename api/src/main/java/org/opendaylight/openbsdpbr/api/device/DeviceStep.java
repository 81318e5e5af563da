/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.api.device;

/** The step of a device transaction a failure happened in, named after the RFC 6241 operation where there is one. */
public enum DeviceStep {
    /** TCP connect and SSH key exchange. */
    CONNECT("connect"),
    /** SSH user authentication. */
    AUTH("auth"),
    /** Installing or upgrading the router-side script. */
    INSTALL_AGENT("install-agent"),
    LOCK("lock"),
    UNLOCK("unlock"),
    EDIT_CANDIDATE("edit-candidate"),
    VALIDATE("validate"),
    COMMIT("commit"),
    CONFIRM("confirm"),
    CANCEL_COMMIT("cancel-commit"),
    ROLLBACK("rollback"),
    GET_CONFIG("get-config"),
    GET_GENERATION("show-generation"),
    /** Reading the files of {@link RouterFiles} as they are on disk (read-only, no lock). */
    READ_FILES("read-files"),
    /** An operator probe run on the router ({@link Probe}; read-only, no lock). */
    PROBE("probe");

    private final String operation;

    DeviceStep(final String operation) {
        this.operation = operation;
    }

    /** The operation name, e.g. {@code edit-candidate}. */
    public String operation() {
        return operation;
    }
}

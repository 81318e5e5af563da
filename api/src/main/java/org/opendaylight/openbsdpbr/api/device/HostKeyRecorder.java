/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.api.device;

/**
 * Receives the host key a trust-on-first-use router presented on first contact, so that the caller persists it and
 * pins it from then on. Called from an I/O thread during the key exchange: it must not block.
 */
@FunctionalInterface
public interface HostKeyRecorder {
    /**
     * Record a router's key.
     *
     * @param router the router's name
     * @param fingerprint the key's fingerprint, {@code SHA256:...} as OpenSSH prints it
     */
    void record(String router, String fingerprint);
}

/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.api.device;

/**
 * What a {@link Probe} found: ping's summary line ({@code 3 packets transmitted, 3 packets received}).
 *
 * @param transmitted echo requests sent
 * @param received echo replies received
 */
public record ProbeResult(int transmitted, int received) {
    public ProbeResult {
        if (transmitted < 0 || received < 0) {
            throw new IllegalArgumentException("probe counts are 0 or more: " + transmitted + " sent, " + received
                + " received");
        }
    }

    /** Whether it passed: an echo request was answered (ping's own exit status 0). */
    public boolean passed() {
        return received > 0;
    }

    @Override
    public String toString() {
        return received + " of " + transmitted + " answered";
    }
}

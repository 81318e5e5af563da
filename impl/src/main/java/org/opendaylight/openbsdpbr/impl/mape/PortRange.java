/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.mape;

/**
 * An inclusive range of transport ports, {@code start..end}, both within 0..65535.
 *
 * @param start the first port of the range
 * @param end the last port of the range, not smaller than {@code start}
 */
public record PortRange(int start, int end) {
    /** The largest port number. */
    public static final int MAX_PORT = 0xFFFF;

    public PortRange {
        if (start < 0 || start > MAX_PORT) {
            throw new IllegalArgumentException("port range start " + start + " is out of range 0..65535");
        }
        if (end < 0 || end > MAX_PORT) {
            throw new IllegalArgumentException("port range end " + end + " is out of range 0..65535");
        }
        if (start > end) {
            throw new IllegalArgumentException("port range start " + start + " is after its end " + end);
        }
    }

    /** The number of ports in this range. */
    public int size() {
        return end - start + 1;
    }

    /** Whether {@code port} lies in this range. */
    public boolean contains(final int port) {
        return port >= start && port <= end;
    }

    /** {@code start-end}, e.g. {@code 1232-1235}. */
    @Override
    public String toString() {
        return start + "-" + end;
    }
}

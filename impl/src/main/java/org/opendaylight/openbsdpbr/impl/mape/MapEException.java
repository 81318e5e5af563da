/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.mape;

import static java.util.Objects.requireNonNull;

import java.io.Serial;

/**
 * Invalid MAP-E parameters. The message starts with the name of the offending parameter ({@code delegated-prefix},
 * {@code rule-ipv6-prefix}, {@code rule-ipv4-prefix}, {@code ea-bits-length}, {@code psid-offset} or {@code layout}),
 * e.g. {@code rule-ipv4-prefix: prefix length 33 is out of range 0..32}.
 */
public final class MapEException extends IllegalArgumentException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** The parameter name, as in the YANG model. */
    private final String parameter;
    /** The message without the parameter name. */
    private final String detail;

    public MapEException(final String parameter, final String detail) {
        super(requireNonNull(parameter) + ": " + requireNonNull(detail));
        this.parameter = parameter;
        this.detail = detail;
    }

    /** The name of the offending parameter, e.g. {@code rule-ipv4-prefix}. */
    public String parameter() {
        return parameter;
    }

    /** What is wrong with it, without the parameter name. */
    public String detail() {
        return detail;
    }
}

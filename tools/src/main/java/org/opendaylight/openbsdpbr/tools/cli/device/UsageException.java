/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.tools.cli.device;

import java.io.Serial;

/** A command line the command cannot run: exit status 2, one line on the error stream. */
public final class UsageException extends Exception {
    @Serial
    private static final long serialVersionUID = 1L;

    public UsageException(final String message) {
        super(message);
    }

    public UsageException(final String message, final Throwable cause) {
        super(message, cause);
    }
}

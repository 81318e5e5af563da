/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.render;

import org.opendaylight.openbsdpbr.api.intent.RouterIntent;

/** Full element paths of the effective intent, as lints report them. */
final class RouterPaths {
    private RouterPaths() {
        // utility
    }

    /** {@code intent/} + a path relative to the intent container. */
    static String intent(final String relative) {
        return RouterIntent.PATH + "/" + relative;
    }
}

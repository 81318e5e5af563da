/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.importer;

import static java.util.Objects.requireNonNull;

/**
 * A line of a router's file that the import could not map into intent: rendering the imported intent will not
 * write it again, so the operator decides (add it to the intent by other means, accept its loss, or keep the router
 * hand-managed).
 *
 * @param file the file's path on the router, e.g. {@code /etc/pf.conf}
 * @param line the first line of the statement, 1-based (0 for the file as a whole)
 * @param text the statement as written (continuation lines joined with a space)
 * @param why why it has no intent counterpart
 */
public record Unmapped(String file, int line, String text, String why) {
    public Unmapped {
        requireNonNull(file, "file");
        requireNonNull(text, "text");
        requireNonNull(why, "why");
        if (line < 0) {
            throw new IllegalArgumentException("line numbers start at 1 (0: the whole file)");
        }
    }

    @Override
    public String toString() {
        return file + ":" + line + ": " + text + "  -- " + why;
    }
}

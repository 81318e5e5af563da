/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.render;

import org.opendaylight.openbsdpbr.api.files.ManagedFile;

/**
 * One line of a golden directory's {@code files.txt} ({@code MODE OWNER:GROUP PATH [secret] [lines]}, see the README
 * beside the golden files): the one format every golden comparison uses.
 */
public final class GoldenListing {
    private GoldenListing() {
        // utility
    }

    /** The files.txt line of {@code file}. */
    public static String line(final ManagedFile file) {
        return file.modeString() + " " + file.owner() + ":" + file.group() + " " + file.path()
            + (file.secret() ? " secret" : "") + (file.ownership() == ManagedFile.Ownership.LINES ? " lines" : "");
    }
}

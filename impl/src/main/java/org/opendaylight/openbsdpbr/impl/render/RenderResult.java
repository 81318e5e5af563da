/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.render;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.opendaylight.openbsdpbr.api.files.FileSet;

/**
 * What a router's effective intent renders to.
 *
 * @param files every file the controller owns on the router; {@link FileSet#revision()} is the revision identity
 * @param lints warnings and errors about the intent, in a stable order
 */
public record RenderResult(FileSet files, List<Lint> lints) {
    public RenderResult {
        requireNonNull(files, "files");
        lints = List.copyOf(lints);
    }
}

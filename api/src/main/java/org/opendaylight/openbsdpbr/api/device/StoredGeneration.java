/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.api.device;

import static java.util.Objects.requireNonNull;

import org.opendaylight.openbsdpbr.api.files.FileSet;

/**
 * The files of one generation kept on a router, e.g. to plan a rollback. Files whose mode gives no access to group
 * and others are marked secret.
 *
 * @param generation its number
 * @param files its files
 */
public record StoredGeneration(int generation, FileSet files) {
    public StoredGeneration {
        requireNonNull(files, "files");
    }
}

/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.importer;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.opendaylight.openbsdpbr.api.intent.RouterIntent;

/**
 * What an import produced.
 *
 * @param intent the router's intent as the files say it
 * @param unmapped the lines with no intent counterpart, in file then line order
 * @param notes what the import had to assume where the files are silent (a default of a daemon, a value the files
 *     do not carry), one sentence each, naming the file
 */
public record ImportResult(RouterIntent intent, List<Unmapped> unmapped, List<String> notes) {
    public ImportResult {
        requireNonNull(intent, "intent");
        unmapped = List.copyOf(unmapped);
        notes = List.copyOf(notes);
    }
}

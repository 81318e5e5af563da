/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.analysis.pf;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.opendaylight.openbsdpbr.impl.analysis.ip.PrefixSet;
import org.opendaylight.openbsdpbr.impl.analysis.source.SourceLine;

/**
 * A {@code table <name> [persist] [const] [{ ... }] [file "..."]} definition.
 *
 * @param name the table's name
 * @param source where it is defined
 * @param persist {@code persist}
 * @param constant {@code const}: pfctl cannot change its content at run time
 * @param set the addresses written in pf.conf, with the longest-prefix lookup
 * @param files {@code file "..."} sources, whose content the analysis does not know
 * @param interfaces interface names or {@code self} in the list (their addresses at load time)
 */
public record PfTable(String name, SourceLine source, boolean persist, boolean constant, PrefixSet set,
        List<String> files, List<String> interfaces) {
    public PfTable {
        requireNonNull(name, "name");
        requireNonNull(source, "source");
        requireNonNull(set, "set");
        files = List.copyOf(files);
        interfaces = List.copyOf(interfaces);
    }

    /** Whether the content is exactly what pf.conf lists: const, and no file or interface entries. */
    public boolean fixed() {
        return constant && files.isEmpty() && interfaces.isEmpty();
    }
}

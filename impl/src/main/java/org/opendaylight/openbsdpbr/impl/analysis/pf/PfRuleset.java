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
import java.util.Map;
import java.util.Set;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.openbsdpbr.impl.analysis.source.SourceLine;

/**
 * A parsed pf.conf: macros, tables, options and rules in file order, and the anchors it loads from other files.
 *
 * @param file the path on the router
 * @param macros macro definitions, by name
 * @param tables table definitions, by name
 * @param options the {@code set} options
 * @param rules the filter rules and anchors, in order
 * @param anchorFiles {@code load anchor NAME from FILE}: file by anchor name
 */
public record PfRuleset(String file, Map<String, String> macros, Map<String, PfTable> tables, Options options,
        List<PfRule> rules, Map<String, String> anchorFiles) {
    public PfRuleset {
        requireNonNull(file, "file");
        macros = Map.copyOf(macros);
        tables = Map.copyOf(tables);
        requireNonNull(options, "options");
        rules = List.copyOf(rules);
        anchorFiles = Map.copyOf(anchorFiles);
    }

    /** A table by name, or null. */
    public @Nullable PfTable table(final String name) {
        return tables.get(name);
    }

    /**
     * The {@code set} options that change where packets go, and the others as written.
     *
     * @param skip {@code set skip on ...}: interfaces and groups pf does not filter on
     * @param skipSource where {@code set skip} stands, or null
     * @param blockReturn {@code set block-policy return} (the default is drop)
     * @param ifBound {@code set state-policy if-bound} (the default is floating)
     * @param other every other option, as written
     */
    public record Options(Set<String> skip, @Nullable SourceLine skipSource, boolean blockReturn, boolean ifBound,
            List<SourceLine> other) {
        /** pf's defaults: no skip, block drop, floating states. */
        public static final Options DEFAULT = new Options(Set.of(), null, false, false, List.of());

        public Options {
            skip = Set.copyOf(skip);
            other = List.copyOf(other);
        }
    }
}

/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.api.intent;

import java.util.List;

/**
 * A pf table (YANG list {@code table}, key {@code name}), rendered as {@code table <name> [persist] [const] { ... }}.
 *
 * @param name the key, a pf name
 * @param description free text ("" when absent), rendered as a comment
 * @param constant pf's {@code const}: not changeable at run time (YANG default true)
 * @param persist pf's {@code persist}: kept when no rule refers to it (YANG default false)
 * @param entries addresses and networks, in the given order
 */
public record PfTable(String name, String description, boolean constant, boolean persist, List<String> entries) {
    public PfTable {
        Syntax.checkPfName("table/name", name);
        final String at = path(name);
        description = Syntax.checkDescription(at + "/description", description);
        entries = Syntax.checkAll(at + "/entry", entries, Syntax::checkNetworkOrAddress);
    }

    /** The element path of a table, relative to its intent: {@code table[name=NAME]}. */
    public static String path(final String name) {
        return "table[name=" + name + "]";
    }
}

/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.api.intent;

import static java.util.Objects.requireNonNull;

/**
 * Intent shared by many routers (YANG list {@code profiles/profile}, key {@code name}).
 *
 * @param name the key
 * @param description free text ("" when absent)
 * @param intent what the profile shares; null is nothing
 */
public record Profile(String name, String description, SharedIntent intent) {
    public Profile {
        Syntax.checkObjectName("profile/name", name);
        description = Syntax.checkDescription(path(name) + "/description", description);
        intent = intent == null ? SharedIntent.EMPTY : intent;
        requireNonNull(intent);
    }

    /** The element path of a profile: {@code profiles/profile[name=NAME]}. */
    public static String path(final String name) {
        return "profiles/profile[name=" + name + "]";
    }
}

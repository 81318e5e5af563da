/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.rollout;

/**
 * What a breached failure budget does (YANG {@code breach-action}). In every case no router is started any more from
 * the moment of the breach; commits already under way finish (a confirmed commit cannot be taken back half-way) and
 * are then treated like the others.
 */
public enum BreachAction {
    /** Stop: routers keep what they run (the new change where it was applied); the operator decides. */
    HALT("halt"),
    /** Stop, and put every router of the current wave that took the change back on what it ran before. */
    ROLLBACK_WAVE("rollback-wave"),
    /** Stop, and put every router that took the change, in any wave, back on what it ran before. */
    ROLLBACK_ALL("rollback-all");

    private final String yangName;

    BreachAction(final String yangName) {
        this.yangName = yangName;
    }

    /** The YANG enum name. */
    public String yangName() {
        return yangName;
    }

    /** The action of a YANG enum name. */
    public static BreachAction ofYang(final String name) {
        for (BreachAction action : values()) {
            if (action.yangName.equals(name)) {
                return action;
            }
        }
        throw new IllegalArgumentException("breach-action: halt, rollback-wave or rollback-all, not " + name);
    }
}

/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.controller;

/** Where routers' status goes: the operational datastore in the controller, a map in tests. */
public interface StatusSink {
    /** The router's whole status, replacing what was there. */
    void write(String router, StatusView status);

    /** The router is no longer managed here: remove its status. */
    void clear(String router);
}

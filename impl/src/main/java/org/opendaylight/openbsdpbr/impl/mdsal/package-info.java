/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
/**
 * The thin MD-SAL glue: listeners that turn configuration changes into immutable snapshots for the controller loop
 * ({@code impl.controller}), a commit cohort that refuses intent the renderer would refuse, the status writer (one
 * transaction chain per router), cluster ownership (one manager per router: routers hashed into singleton groups),
 * the RPCs, the secret sealer, and the OSGi component that wires them. Generated binding objects print secrets in
 * toString(): never log them.
 */
package org.opendaylight.openbsdpbr.impl.mdsal;

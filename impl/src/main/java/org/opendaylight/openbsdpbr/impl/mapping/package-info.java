/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
/**
 * From the generated YANG bindings ({@code routers/router}, {@code profiles/profile}) to the intent records the
 * renderer reads. {@link org.opendaylight.openbsdpbr.impl.mapping.IntentMapping} is the entry point; the grouping
 * {@code shared-intent} is mapped once for both a router's {@code intent} container and a profile. Pure: no I/O, no
 * MD-SAL.
 */
package org.opendaylight.openbsdpbr.impl.mapping;

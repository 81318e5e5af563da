/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
/**
 * Fleet rollouts, pure: a change reaches the routers it targets in waves (an optional named canary set first, then
 * counts or percentages), each wave soaks and passes a health gate per router before the next one starts, and a
 * failure budget per wave and for the whole rollout decides when to stop. Immutable state ({@link RolloutState}),
 * explicit transitions (one method per event), and a pure next step ({@link RolloutMachine#next}) that says which
 * routers to apply, check or revert; no I/O and no clock but the time it is given, so that another engine instance
 * (another cluster member) resumes a persisted state without applying anything twice. The engine that carries the
 * actions out over the reconcilers lives in {@code impl.controller}.
 */
package org.opendaylight.openbsdpbr.impl.rollout;

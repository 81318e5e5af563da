/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
/**
 * Which cluster member should manage which ownership group of routers: a pure function of the live members and the
 * groups' router counts, computed alike on every member (no coordination, no history), balanced and stable under
 * joins and leaves. Free of MD-SAL and Pekko: {@code impl.mdsal.ClusterOwnership} feeds it the membership it
 * observes and registers candidacy as it says.
 */
package org.opendaylight.openbsdpbr.impl.placement;

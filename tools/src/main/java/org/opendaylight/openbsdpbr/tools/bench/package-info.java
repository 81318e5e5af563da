/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
/**
 * JMH benchmarks of the renderer: {@link org.opendaylight.openbsdpbr.tools.bench.RenderBenchmark} renders
 * {@link org.opendaylight.openbsdpbr.tools.bench.LargeRouter} (8 rdomains, 6 uplinks, 130 policy routes).
 */
package org.opendaylight.openbsdpbr.tools.bench;

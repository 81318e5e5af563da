/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
/**
 * A lab of simulated OpenBSD routers for tests, demos and benchmarks: {@link org.opendaylight.openbsdpbr.tools.lab.Lab}
 * runs N routers on loopback (one SSH port each, so each has its own host key) that answer the router-side script's
 * subcommands from memory, with fault injection per router ({@link org.opendaylight.openbsdpbr.tools.lab.LabFault})
 * through {@link org.opendaylight.openbsdpbr.tools.lab.LabControl} (stdin of {@code ./openbsd-pbr lab}, its HTTP
 * control port, or Java).
 */
package org.opendaylight.openbsdpbr.tools.lab;

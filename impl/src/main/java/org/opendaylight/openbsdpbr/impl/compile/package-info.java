/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
/**
 * One compile per router and revision of its inputs: (the router's own intent, its profiles, how the controller logs
 * in) to a sealed {@link org.opendaylight.openbsdpbr.impl.compile.Compiled}: ready (the merged intent, its files,
 * lints and revision) or invalid (every error with its element path). Profiles are merged, the result validated and
 * resolved once and rendered from that resolution; further checks ({@link
 * org.opendaylight.openbsdpbr.impl.compile.CompileCheck}, e.g. the management-path proof: the rendered files still
 * let the controller reach the router and log in) run on the result.
 *
 * <p>The commit cohort, the reconcilers, the RPCs and the CLI all compile through here.
 * {@link org.opendaylight.openbsdpbr.impl.compile.Compilations} keeps the latest results per router, so that a result
 * computed while a write is validated is the one the reconciler applies and the render RPC shows, not a recomputation;
 * it counts compiles, which the controller benchmark reads to show one compile per router per accepted change.
 * Pure apart from that cache and counter: no I/O, no MD-SAL, no clock.
 */
package org.opendaylight.openbsdpbr.impl.compile;

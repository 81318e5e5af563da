/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
/**
 * From one router's effective intent to OpenBSD's own files, and from one file set to the next to the smallest
 * ordered set of commands. Everything here is pure: no I/O, no MD-SAL, no clock.
 *
 * <ul>
 *   <li>{@link org.opendaylight.openbsdpbr.impl.render.IntentMerger}: profiles, then the router's own intent.</li>
 *   <li>{@link org.opendaylight.openbsdpbr.impl.render.IntentValidator}: references and rules that only hold after
 *       the merge; returns every error, each with its element path.</li>
 *   <li>{@link org.opendaylight.openbsdpbr.impl.render.Renderer}: effective intent to a
 *       {@link org.opendaylight.openbsdpbr.api.files.FileSet} plus lints.</li>
 *   <li>{@link org.opendaylight.openbsdpbr.impl.render.ApplyPlanner}: two file sets to an
 *       {@link org.opendaylight.openbsdpbr.api.plan.ApplyPlan}.</li>
 * </ul>
 */
package org.opendaylight.openbsdpbr.impl.render;

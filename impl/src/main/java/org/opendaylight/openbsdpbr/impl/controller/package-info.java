/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
/**
 * The controller's loop, free of MD-SAL: per-router reconcilers that turn the effective intent (profiles merged with
 * the router's own intent) into a confirmed commit on the router, the fleet that fans profile changes out to the
 * routers using them, and the status each router reports. The MD-SAL glue ({@code impl.mdsal}) feeds it immutable
 * snapshots and writes the status it produces; tests drive it directly against the lab.
 */
package org.opendaylight.openbsdpbr.impl.controller;

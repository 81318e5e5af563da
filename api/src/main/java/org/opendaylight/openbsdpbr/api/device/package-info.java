/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
/**
 * The device protocol as the controller sees it: a NETCONF-like session on one OpenBSD router (names after RFC 6241,
 * behaviour after Junos {@code commit confirmed}), independent of its transport.
 *
 * <p>{@link org.opendaylight.openbsdpbr.api.device.DeviceConnector} opens a
 * {@link org.opendaylight.openbsdpbr.api.device.DeviceSession} on a
 * {@link org.opendaylight.openbsdpbr.api.device.DeviceTarget}; every operation returns a
 * {@link java.util.concurrent.CompletionStage} so that a fleet of routers needs no thread per router, and fails with
 * one of the sealed {@link org.opendaylight.openbsdpbr.api.device.DeviceException} kinds, which the controller maps
 * to status. The router keeps numbered generations of the managed files; a confirmed commit is reverted by the router
 * itself when no confirm arrives in time, even when the controller is gone.
 */
package org.opendaylight.openbsdpbr.api.device;

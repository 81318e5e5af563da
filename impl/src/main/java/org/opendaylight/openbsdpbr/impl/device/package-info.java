/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
/**
 * The commit transaction on a router, over the {@link org.opendaylight.openbsdpbr.api.device.DeviceSession} of any
 * {@link org.opendaylight.openbsdpbr.api.device.DeviceConnector} (no SSH here): connect, lock (waiting out another
 * holder), read what the router runs, stage, validate, commit confirmed, confirm from a new connection, unlock; in
 * explicit phases, each of which says what a failure means for the router's generation, with recovery after a lost
 * connection (reconnect and ask) and after a missed confirm (wait for the router's own revert and check it), on one
 * back-off policy ({@link org.opendaylight.openbsdpbr.impl.device.Backoff}).
 *
 * <p>{@link org.opendaylight.openbsdpbr.impl.device.DevicePush} runs transactions for one router one after the other
 * and for a fleet with bounded concurrency; every transaction ends in a
 * {@link org.opendaylight.openbsdpbr.impl.device.PushResult} that names the generation the router runs. Apply plans
 * come from the files the caller believes the router runs; the router's generation is downloaded only when what it
 * runs turns out to be something else.
 *
 * <p>Construction: {@code new DevicePush(new SshDeviceConnector(SshSettings.defaults()), ApplyPlanner::plan, timer)}
 * with a {@link org.opendaylight.openbsdpbr.impl.device.TimerThread} the caller owns and closes.
 */
package org.opendaylight.openbsdpbr.impl.device;

/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
/**
 * The device protocol over SSH: {@link org.opendaylight.openbsdpbr.impl.ssh.SshDeviceConnector} (one Apache MINA
 * SSHD client for the process, from ODL's {@code shaded-sshd}) opens
 * {@link org.opendaylight.openbsdpbr.api.device.DeviceSession}s whose operations run the fixed subcommands of the
 * router-side script {@code router/pbr-agent.sh} (installed and upgraded on first contact), with candidates and plans
 * as ustar archives on stdin ({@link org.opendaylight.openbsdpbr.impl.ssh.CandidateArchive}). Whole transactions
 * over these sessions live in {@code impl.device}.
 *
 * <p>Construction: {@code var connector = new SshDeviceConnector(SshSettings.defaults());} and close it at the end.
 */
package org.opendaylight.openbsdpbr.impl.ssh;

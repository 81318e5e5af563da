/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
/**
 * The router's network configuration other than pf, as netstart(8) and the daemons read it: interfaces from
 * {@code /etc/hostname.<if>} ({@link org.opendaylight.openbsdpbr.impl.analysis.host.HostnameFile}), one routing table
 * per rdomain ({@link org.opendaylight.openbsdpbr.impl.analysis.host.RoutingTable}), sshd's listeners and login
 * settings ({@link org.opendaylight.openbsdpbr.impl.analysis.host.SshdConfig}) and the daemon switches of
 * rc.conf.local ({@link org.opendaylight.openbsdpbr.impl.analysis.host.RcConf}).
 */
package org.opendaylight.openbsdpbr.impl.analysis.host;

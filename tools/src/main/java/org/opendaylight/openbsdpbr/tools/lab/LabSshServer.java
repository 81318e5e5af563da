/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.tools.lab;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.HashSet;
import java.util.Set;
import org.opendaylight.netconf.shaded.sshd.server.SshServer;

/** One MINA SSH server listening on many ports: one per lab router, bound and unbound at run time. */
final class LabSshServer extends SshServer {
    /** Listen on another address; the address actually bound (with the port chosen when asked for port 0). */
    synchronized InetSocketAddress bind(final InetSocketAddress address) throws IOException {
        final Set<SocketAddress> before = new HashSet<>(acceptor.getBoundAddresses());
        acceptor.bind(address);
        for (SocketAddress bound : acceptor.getBoundAddresses()) {
            if (!before.contains(bound)) {
                return (InetSocketAddress) bound;
            }
        }
        return address;
    }

    /** Stop listening on an address (sessions already open stay). */
    synchronized void unbind(final InetSocketAddress address) {
        acceptor.unbind(address);
    }
}

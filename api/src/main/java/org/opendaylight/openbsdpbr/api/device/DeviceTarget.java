/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.api.device;

import static java.util.Objects.requireNonNull;

import java.util.regex.Pattern;

/**
 * One router as the device protocol reaches it.
 *
 * @param name the router's name (its key in the intent), used in messages and as the serialization key
 * @param host host name or address of its management sshd
 * @param port sshd port, usually 22
 * @param user the account the router-side script runs as (root, or one allowed to run it through doas)
 * @param credentials how to authenticate; never shown by {@link #toString()}
 * @param hostKeyPolicy which host keys the router may present
 */
public record DeviceTarget(String name, String host, int port, String user, Credentials credentials,
        HostKeyPolicy hostKeyPolicy) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.:%-]{0,252}");
    private static final Pattern USER = Pattern.compile("[a-z_][a-z0-9_.-]{0,31}");

    public DeviceTarget {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("bad router name: " + name);
        }
        if (host == null || !HOST.matcher(host).matches()) {
            throw new IllegalArgumentException("bad host for " + name + ": " + host);
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("bad port for " + name + ": " + port);
        }
        if (user == null || !USER.matcher(user).matches()) {
            throw new IllegalArgumentException("bad user for " + name + ": " + user);
        }
        requireNonNull(credentials, "credentials");
        requireNonNull(hostKeyPolicy, "hostKeyPolicy");
    }

    /** The same router with another host-key policy (e.g. pinned after trust on first use). */
    public DeviceTarget withHostKeyPolicy(final HostKeyPolicy policy) {
        return new DeviceTarget(name, host, port, user, credentials, policy);
    }

    /** {@code host:port}, with brackets around an IPv6 literal. */
    public String endpoint() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}

/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.render;

import java.util.List;
import org.opendaylight.openbsdpbr.api.intent.DnsResolver;
import org.opendaylight.openbsdpbr.api.intent.Sshd;

/**
 * The daemons' files: {@code /etc/ssh/sshd_config}, {@code /etc/unwind.conf} and {@code /etc/rc.conf.local}.
 *
 * <p>sshd_config(5) is a complete file: a hardened base (keys only unless password authentication is asked for, no
 * forwarding of any kind, few tries, fingerprints logged) and one {@code ListenAddress} per listener, IPv4 before IPv6,
 * with {@code rdomain N} for rdomains above 0, which is how the seed writes them. Without listeners sshd listens on
 * every address of rdomain 0, its default.
 *
 * <p>rc.conf.local holds only what the intent manages, sorted as rcctl(8) leaves it: {@code dhcp6leased_flags=}
 * and {@code rad_flags=} when the intent delegates a prefix or advertises IPv6 (both are {@code NO} in
 * /etc/rc.conf), {@code unwind_flags=} (enabled, default flags) and {@code unwind_rtable=N} when unwind runs in
 * another table, which is what {@code rcctl enable unwind} and {@code rcctl set unwind rtable N} write; it exists
 * when the intent runs one of these daemons. unwind.conf(5) holds the forwarders in the given order; without
 * forwarders unwind resolves by itself; it exists only when the intent has a dns-resolver.
 */
final class ServiceRenderer {
    /** The hardened base, after Port and the ListenAddress lines. */
    static final String SSHD_BASE = """
        LogLevel VERBOSE
        LoginGraceTime 30
        MaxAuthTries 3
        MaxStartups 10:30:60
        PubkeyAuthentication yes
        AuthorizedKeysFile .ssh/authorized_keys
        KbdInteractiveAuthentication no
        PermitEmptyPasswords no
        PermitUserEnvironment no
        AllowAgentForwarding no
        AllowTcpForwarding no
        AllowStreamLocalForwarding no
        GatewayPorts no
        PermitTunnel no
        X11Forwarding no
        ClientAliveInterval 60
        ClientAliveCountMax 3
        UseDNS no
        Subsystem sftp /usr/libexec/sftp-server
        """;

    private ServiceRenderer() {
        // utility
    }

    static String sshdConfig(final Sshd sshd, final String header) {
        final StringBuilder sb = TextBuffer.take().append(header)
            .append("# sshd_config(5): a hardened base and one ListenAddress per listener\n\n")
            .append("Port ").append(sshd.port()).append('\n');
        for (Sshd.Listen listen : sshd.listeners()) {
            sb.append("ListenAddress ").append(listen.address());
            if (listen.rdomain() != 0) {
                sb.append(" rdomain ").append(listen.rdomain());
            }
            sb.append('\n');
        }
        return sb.append('\n')
            .append("PermitRootLogin ").append(sshd.permitRootLogin().keyword()).append('\n')
            .append("PasswordAuthentication ").append(sshd.passwordAuthentication() ? "yes" : "no").append('\n')
            .append(SSHD_BASE)
            .toString();
    }

    static String unwindConf(final DnsResolver resolver, final String header) {
        final StringBuilder sb = TextBuffer.take().append(header);
        final List<String> forwarders = resolver.forwarders();
        if (!forwarders.isEmpty()) {
            sb.append("forwarder {");
            for (String forwarder : forwarders) {
                sb.append(' ').append(forwarder);
            }
            sb.append(" }\n");
        }
        return sb.toString();
    }

    static String rcConfLocal(final DnsResolver resolver, final boolean dhcp6leased, final boolean ifstated,
            final boolean rad) {
        // sorted, as rcctl(8) leaves the file; no header: the block's marker lines say who owns it
        final StringBuilder sb = TextBuffer.take();
        if (dhcp6leased) {
            sb.append("dhcp6leased_flags=\n");
        }
        if (ifstated) {
            // rc.conf(8): ifstated_flags=NO by default; empty flags enable it with /etc/ifstated.conf
            sb.append("ifstated_flags=\n");
        }
        if (rad) {
            sb.append("rad_flags=\n");
        }
        if (resolver != null) {
            sb.append("unwind_flags=\n");
            if (resolver.rtable() != 0) {
                sb.append("unwind_rtable=").append(resolver.rtable()).append('\n');
            }
        }
        return sb.toString();
    }
}

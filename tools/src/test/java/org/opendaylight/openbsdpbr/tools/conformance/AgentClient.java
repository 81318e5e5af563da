/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.tools.conformance;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.OptionalInt;
import org.opendaylight.netconf.shaded.sshd.client.SshClient;
import org.opendaylight.netconf.shaded.sshd.client.channel.ChannelExec;
import org.opendaylight.netconf.shaded.sshd.client.channel.ClientChannelEvent;
import org.opendaylight.netconf.shaded.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.opendaylight.netconf.shaded.sshd.client.session.ClientSession;
import org.opendaylight.netconf.shaded.sshd.common.SshException;
import org.opendaylight.openbsdpbr.api.device.Credentials;
import org.opendaylight.openbsdpbr.api.device.DeviceTarget;
import org.opendaylight.openbsdpbr.impl.ssh.AgentReply;

/**
 * The wire as the suite sees it: one SSH session to a router, one exec channel per command with its stdin, and what
 * came back (exit status, stdout, stderr) byte for byte. No adapter logic in between: the suite talks the protocol.
 */
final class AgentClient implements AutoCloseable {
    /**
     * What one command returned.
     *
     * @param exitStatus the exit status, empty when the channel closed without one (the process was killed)
     * @param stdout standard output
     * @param stderr standard error
     */
    record Exec(OptionalInt exitStatus, byte[] stdout, byte[] stderr) {
        AgentReply reply() {
            return AgentReply.parse(text());
        }

        String text() {
            return new String(stdout, StandardCharsets.UTF_8);
        }

        String errors() {
            return new String(stderr, StandardCharsets.UTF_8);
        }
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final DeviceTarget target;
    private final SshClient client = SshClient.setUpDefaultClient();
    private ClientSession session;

    AgentClient(final DeviceTarget target) {
        this.target = requireNonNull(target);
        client.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
        client.start();
    }

    /**
     * Run one command line with this stdin. A session the router dropped (a reboot closes every connection, and the
     * client may learn it only when it asks for a channel) is replaced once, as the controller reconnects: the command
     * had not started, since its channel never opened.
     */
    Exec exec(final String command, final byte[] stdin) throws IOException {
        try {
            return execOnce(command, stdin);
        } catch (ChannelNotOpened e) {
            final ClientSession dropped = session;
            if (dropped == null || dropped.isOpen() && !dropped.isClosing()) {
                throw e;
            }
            return execOnce(command, stdin);
        }
    }

    private Exec execOnce(final String command, final byte[] stdin) throws IOException {
        final ChannelExec channel;
        try {
            channel = session().createExecChannel(command);
        } catch (IllegalStateException e) {
            // "not registered because session is being closed": the router dropped the session in between
            throw new ChannelNotOpened(e);
        }
        final var out = new ByteArrayOutputStream();
        final var err = new ByteArrayOutputStream();
        channel.setIn(new ByteArrayInputStream(stdin));
        channel.setOut(out);
        channel.setErr(err);
        try (channel) {
            try {
                channel.open().verify(TIMEOUT);
            } catch (SshException e) {
                throw new ChannelNotOpened(e);
            }
            channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), TIMEOUT);
            final Integer status = channel.getExitStatus();
            return new Exec(status == null ? OptionalInt.empty() : OptionalInt.of(status), out.toByteArray(),
                err.toByteArray());
        }
    }

    /** The channel of a command did not open: the command never ran. */
    private static final class ChannelNotOpened extends IOException {
        private static final long serialVersionUID = 1L;

        ChannelNotOpened(final Exception cause) {
            super("the command's channel did not open", cause);
        }
    }

    private synchronized ClientSession session() throws IOException {
        if (session == null || !session.isOpen() || session.isClosing()) {
            session = client.connect(target.user(), target.host(), target.port()).verify(TIMEOUT).getSession();
            if (target.credentials() instanceof Credentials.Key key) {
                session.addPublicKeyIdentity(key.keyPair());
            }
            session.auth().verify(TIMEOUT);
        }
        return session;
    }

    @Override
    public synchronized void close() {
        if (session != null) {
            session.close(true);
        }
        client.stop();
    }
}

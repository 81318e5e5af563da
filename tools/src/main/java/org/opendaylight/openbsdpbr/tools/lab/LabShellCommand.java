/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.tools.lab;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.opendaylight.netconf.shaded.sshd.common.io.IoInputStream;
import org.opendaylight.netconf.shaded.sshd.common.io.IoOutputStream;
import org.opendaylight.netconf.shaded.sshd.common.util.buffer.Buffer;
import org.opendaylight.netconf.shaded.sshd.common.util.buffer.ByteArrayBuffer;
import org.opendaylight.netconf.shaded.sshd.server.Environment;
import org.opendaylight.netconf.shaded.sshd.server.ExitCallback;
import org.opendaylight.netconf.shaded.sshd.server.channel.ChannelSession;
import org.opendaylight.netconf.shaded.sshd.server.command.AsyncCommand;
import org.opendaylight.openbsdpbr.impl.ssh.AgentProtocol;

/**
 * One exec request to a lab router, handled without blocking a thread: stdin is read asynchronously when the command
 * takes any, the router answers, and the reply goes out asynchronously. Connection faults (drops, hangs, slowness)
 * are applied here.
 */
final class LabShellCommand implements AsyncCommand {
    private final Lab lab;
    private final LabRouter router;
    private final String command;
    private final String subcommand;

    private IoInputStream in;
    private IoOutputStream out;
    private IoOutputStream err;
    private ExitCallback exit;
    private ChannelSession channel;

    LabShellCommand(final Lab lab, final LabRouter router, final String command) {
        this.lab = lab;
        this.router = router;
        this.command = command;
        final Optional<List<String>> words = AgentProtocol.parseCommand(command);
        subcommand = AgentProtocol.parseInstall(command).isPresent() ? "install"
            : words.filter(list -> list.size() > 2).map(list -> list.get(2)).orElse("");
    }

    @Override
    public void setIoInputStream(final IoInputStream stream) {
        in = stream;
    }

    @Override
    public void setIoOutputStream(final IoOutputStream stream) {
        out = stream;
    }

    @Override
    public void setIoErrorStream(final IoOutputStream stream) {
        err = stream;
    }

    @Override
    public void setInputStream(final InputStream stream) {
        // the asynchronous stream is used
    }

    @Override
    public void setOutputStream(final OutputStream stream) {
        // the asynchronous stream is used
    }

    @Override
    public void setErrorStream(final OutputStream stream) {
        // the asynchronous stream is used
    }

    @Override
    public void setExitCallback(final ExitCallback callback) {
        exit = callback;
    }

    @Override
    public void start(final ChannelSession session, final Environment env) {
        channel = session;
        if (router.hasFault(LabFault.HANG)) {
            return;
        }
        if ("edit-candidate".equals(subcommand) && router.hasFault(LabFault.DROP_UPLOAD)
                || "validate".equals(subcommand) && router.hasFault(LabFault.DROP_VALIDATE)) {
            drop();
            return;
        }
        if ("edit-candidate".equals(subcommand) || "rollback".equals(subcommand) || "install".equals(subcommand)) {
            readAll(new ByteArrayOutputStream());
        } else {
            answer(new byte[0]);
        }
    }

    private void readAll(final ByteArrayOutputStream received) {
        final Buffer buffer = new ByteArrayBuffer(32 * 1024);
        in.read(buffer).addListener(done -> {
            final Throwable failure = done.getException();
            if (failure instanceof EOFException) {
                answer(received.toByteArray());
                return;
            }
            if (failure != null) {
                return;
            }
            final Buffer data = done.getBuffer();
            final byte[] bytes = new byte[data.available()];
            data.getRawBytes(bytes);
            received.write(bytes, 0, bytes.length);
            readAll(received);
        });
    }

    private void answer(final byte[] stdin) {
        final LabReply reply = router.execute(command, stdin);
        if (reply.losesManagement()) {
            lab.loseManagement(router);
        }
        if (reply.dropped() || "commit".equals(subcommand) && router.hasFault(LabFault.DROP_COMMIT)) {
            drop();
            return;
        }
        final long delay = router.faultArgument(LabFault.SLOW).map(Lab::millis).orElse(0L);
        if (delay > 0) {
            lab.timers().schedule(() -> send(reply), delay, TimeUnit.MILLISECONDS);
        } else {
            send(reply);
        }
    }

    private void send(final LabReply reply) {
        try {
            out.writeBuffer(new ByteArrayBuffer(reply.stdout())).addListener(wrote -> {
                final byte[] stderr = reply.stderr();
                if (stderr.length == 0) {
                    finish(reply);
                    return;
                }
                try {
                    err.writeBuffer(new ByteArrayBuffer(stderr)).addListener(wroteErr -> finish(reply));
                } catch (IOException e) {
                    finish(reply);
                }
            });
        } catch (IOException e) {
            finish(reply);
        }
    }

    private void finish(final LabReply reply) {
        exit.onExit(reply.exitStatus());
    }

    private void drop() {
        channel.getSession().close(true);
    }

    @Override
    public void destroy(final ChannelSession session) {
        // nothing held
    }
}

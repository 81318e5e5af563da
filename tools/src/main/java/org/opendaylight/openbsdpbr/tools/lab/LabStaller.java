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
import java.nio.channels.AsynchronousServerSocketChannel;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.CompletionHandler;
import java.util.ArrayList;
import java.util.List;

/** A port that accepts TCP connections and never says anything: a router that hangs before SSH. */
final class LabStaller implements AutoCloseable {
    private final AsynchronousServerSocketChannel server;
    private final List<AsynchronousSocketChannel> held = new ArrayList<>();

    LabStaller(final InetSocketAddress address) throws IOException {
        server = AsynchronousServerSocketChannel.open().bind(address);
        accept();
    }

    private void accept() {
        server.accept(null, new CompletionHandler<AsynchronousSocketChannel, Void>() {
            @Override
            public void completed(final AsynchronousSocketChannel channel, final Void attachment) {
                synchronized (held) {
                    held.add(channel);
                }
                accept();
            }

            @Override
            public void failed(final Throwable failure, final Void attachment) {
                // closed
            }
        });
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // nothing to do
        }
        synchronized (held) {
            for (AsynchronousSocketChannel channel : held) {
                try {
                    channel.close();
                } catch (IOException e) {
                    // nothing to do
                }
            }
            held.clear();
        }
    }
}

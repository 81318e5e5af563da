/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.tools.lab;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The lab's control interface over HTTP on loopback: {@code GET /} lists the routers, {@code POST /} runs the
 * {@link LabControl} command lines of its body, e.g.
 * {@code curl -d 'fault r2 drop-commit' http://127.0.0.1:PORT/}.
 */
final class LabHttpControl implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor;

    LabHttpControl(final LabControl control, final InetSocketAddress address) throws IOException {
        server = HttpServer.create(address, 16);
        executor = Executors.newSingleThreadExecutor(runnable -> {
            final var thread = new Thread(runnable, "lab-control");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", exchange -> handle(control, exchange));
        server.start();
    }

    URI uri() {
        return URI.create("http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort() + "/");
    }

    private static void handle(final LabControl control, final HttpExchange exchange) throws IOException {
        final String reply;
        int status = 200;
        if ("POST".equals(exchange.getRequestMethod())) {
            final String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            final var text = new StringBuilder();
            for (String line : body.split("\n")) {
                final String answer = control.execute(line);
                if (answer.startsWith("error:")) {
                    status = 400;
                }
                if (!answer.isEmpty()) {
                    text.append(answer).append('\n');
                }
            }
            reply = text.toString();
        } else if ("GET".equals(exchange.getRequestMethod())) {
            reply = control.routers() + "\n";
        } else {
            status = 405;
            reply = "GET or POST\n";
        }
        final byte[] bytes = reply.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}

/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The lab of simulated routers as tools/test/e2e.sh started it: its control interface and the controller's key. */
final class Lab {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private Lab() {
        // utility
    }

    /** One line of the lab's control interface (cat r1 /etc/pf.conf, fault r2 refuse, ...); its answer. */
    static String command(final String command) {
        final String control = System.getProperty("e2e.lab.control", "http://127.0.0.1:2299/");
        try {
            final var response = HTTP.send(HttpRequest.newBuilder(URI.create(control))
                .POST(HttpRequest.BodyPublishers.ofString(command)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(command + ": " + response.body()).isEqualTo(200);
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The private key the controller logs in to lab routers with (the rendered sshd_config refuses passwords). */
    static String controllerKey() {
        final String path = System.getProperty("e2e.lab.key", "");
        assumeThat(path).as("the lab key is given by tools/test/e2e.sh").isNotEmpty();
        try {
            return Files.readString(Path.of(path), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The port of lab router rN. */
    static int port(final int router) {
        return Integer.getInteger("e2e.lab.port", 2201) + router - 1;
    }
}

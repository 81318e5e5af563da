/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * The lab's control interface (plain-text commands over HTTP POST: {@code status r1}, {@code cat r1 /etc/pf.conf},
 * {@code fault r2 lose-mgmt}, {@code routers}...), as the end-to-end tests drive it.
 *
 * @param url the control URL, e.g. {@code http://127.0.0.1:2299/}
 */
record LabControl(String url) {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** What the lab says of one router: its current generation and the one awaiting confirmation, if any. */
    record Generation(int current, int pending) {
        @Override
        public String toString() {
            return pending == 0 ? Integer.toString(current) : current + " (pending " + pending + ")";
        }
    }

    /** The lab tools/test/e2e.sh started. */
    static LabControl underTest() {
        return new LabControl(System.getProperty("e2e.lab.control", "http://127.0.0.1:2299/"));
    }

    /** Sends one command; returns the answer without the control interface's own final newline. */
    String send(final String command) {
        final HttpResponse<String> response;
        try {
            response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(command)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        assertThat(response.statusCode()).as(command + ": " + response.body()).isEqualTo(200);
        final String body = response.body();
        return body.endsWith("\n") ? body.substring(0, body.length() - 1) : body;
    }

    /** Every router's generation, by name ({@code r1}...), from {@code routers}. */
    Map<String, Generation> generations() {
        final Map<String, Generation> generations = new TreeMap<>();
        for (String line : send("routers").lines().toList()) {
            final String[] fields = line.strip().split("\\s+");
            if (fields.length == 0 || fields[0].isEmpty()) {
                continue;
            }
            int current = -1;
            int pending = 0;
            for (String field : fields) {
                if (field.startsWith("generation=")) {
                    current = Integer.parseInt(field.substring("generation=".length()));
                } else if (field.startsWith("pending=")) {
                    pending = Integer.parseInt(field.substring("pending=".length()));
                }
            }
            assertThat(current).as("a generation in the lab's line: " + line).isNotNegative();
            generations.put(fields[0], new Generation(current, pending));
        }
        return generations;
    }
}

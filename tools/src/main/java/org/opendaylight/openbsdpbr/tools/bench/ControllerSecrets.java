/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.tools.bench;

import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * How a benchmark writes secrets to the controller under test: sealed by its {@code seal-secret} RPC, since the
 * controller refuses clear values. A controller from before that RPC (the old side of
 * {@code controller-bench.sh --compare}) does not list it among its operations and took clear values: for it the
 * clear value is written, and the benchmark says so once, so that old and new figures come from one run.
 */
final class ControllerSecrets {
    private static final String RPC = "openbsd-pbr:seal-secret";

    private final HttpClient http;
    private final String restconf;
    private final String authorization;
    private final boolean sealing;

    private ControllerSecrets(final HttpClient http, final String restconf, final String authorization,
            final boolean sealing) {
        this.http = http;
        this.restconf = restconf;
        this.authorization = authorization;
        this.sealing = sealing;
    }

    /** Asks the controller (RFC 8040 {@code GET /operations}) whether it seals, and prints what it will do. */
    static ControllerSecrets of(final HttpClient http, final String restconf, final String authorization,
            final PrintStream out) throws IOException, InterruptedException {
        final var response = http.send(HttpRequest.newBuilder(URI.create(restconf + "/operations"))
            .header("Accept", "application/yang-data+json").header("Authorization", authorization)
            .timeout(Duration.ofSeconds(60)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET /operations: HTTP " + response.statusCode() + " " + response.body());
        }
        final boolean sealing = response.body().contains(RPC);
        if (!sealing) {
            out.println("(this controller has no seal-secret RPC, an older version: secrets are written clear)");
        }
        return new ControllerSecrets(http, restconf, authorization, sealing);
    }

    /** The value to write for the clear secret {@code clear} of the given kind (password, pppoe-secret, ...). */
    String value(final String clear, final String kind) throws IOException, InterruptedException {
        if (!sealing) {
            return clear;
        }
        final var response = http.send(HttpRequest.newBuilder(URI.create(restconf + "/operations/" + RPC))
            .POST(HttpRequest.BodyPublishers.ofString("{\"input\":{\"value\":" + new JsonPrimitive(clear)
                + ",\"kind\":\"" + kind + "\"}}"))
            .header("Content-Type", "application/yang-data+json").header("Accept", "application/yang-data+json")
            .header("Authorization", authorization).timeout(Duration.ofSeconds(60)).build(),
            HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("seal-secret: HTTP " + response.statusCode() + " " + response.body());
        }
        return JsonParser.parseString(response.body()).getAsJsonObject().getAsJsonObject("openbsd-pbr:output")
            .get("sealed").getAsString();
    }
}

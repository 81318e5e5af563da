/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.e2e;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;

/** A small RFC 8040 client for the end-to-end tests: JSON in and out, basic authentication. */
final class Restconf {
    static final String JSON = "application/yang-data+json";

    /** One HTTP answer. */
    record Reply(int status, String body) {
        JsonElement json() {
            return JsonParser.parseString(body);
        }

        @Override
        public String toString() {
            return "HTTP " + status + " " + body;
        }
    }

    // HTTP/1.1 as curl speaks it: netconf 10.0.2's Netty endpoint answers an h2c upgrade with 101 Switching Protocols
    // and then nothing (curl --http2: empty reply), and Java's client asks for one on every http:// request
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String authorization;

    Restconf(final String base, final String user, final String password) {
        this.base = base;
        authorization = user == null ? null : "Basic " + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** A user name and password the controller under test accepts. */
    record Login(String user, String password) {
        @Override
        public String toString() {
            return "Login[" + user + "]";
        }
    }

    /** The administrator's login to the distribution under test, as tools/test/e2e.sh started it. */
    static Login adminLogin() {
        return new Login("admin", adminPassword(Path.of(System.getProperty("e2e.karaf.home", ""))));
    }

    /**
     * The client for the distribution under test, as tools/test/e2e.sh started it: user admin with the password the
     * distribution generated at its first start (there is no default password to fall back on).
     */
    static Restconf admin() {
        return admin(baseUrl(), Path.of(System.getProperty("e2e.karaf.home", "")));
    }

    /** The client for the distribution at {@code home}, serving RESTCONF at {@code base}. */
    static Restconf admin(final String base, final Path home) {
        return new Restconf(base, "admin", adminPassword(home));
    }

    /**
     * The RESTCONF admin password of the distribution at {@code home}: the one place every tool reads it from,
     * {@code etc/admin-password} (written at the first start, mode 0600; distribution/first-boot).
     */
    static String adminPassword(final Path home) {
        final Path file = home.resolve("etc/admin-password");
        try {
            return Files.readString(file, StandardCharsets.UTF_8).lines().findFirst()
                .orElseThrow(() -> new IllegalStateException(file + " is empty"));
        } catch (IOException e) {
            throw new UncheckedIOException("the distribution's admin password (is e2e.karaf.home set?)", e);
        }
    }

    static String baseUrl() {
        return System.getProperty("e2e.restconf", "http://127.0.0.1:8181/rests");
    }

    static Path repoRoot() {
        return Path.of(System.getProperty("e2e.repo.root", "..")).toAbsolutePath().normalize();
    }

    static String example(final String relative) {
        try {
            return Files.readString(repoRoot().resolve("examples").resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The seed's router registration ({@code examples/seed-router/router.json}) under another name and management
     * port. Every e2e class registers its routers on ports of its own (one management endpoint is one router); a class
     * that never talks to the lab uses a port where nothing listens.
     */
    static String seedRouter(final String name, final int port) {
        final String router = example("seed-router/router.json");
        if (!router.contains("\"seed-router\"") || !router.contains("\"port\": 2201")) {
            throw new IllegalStateException("examples/seed-router/router.json: no seed-router on port 2201 to rename");
        }
        return router.replace("\"seed-router\"", "\"" + name + "\"").replace("\"port\": 2201", "\"port\": " + port);
    }

    /**
     * Registers the seed router as {@code name} on {@code port} ({@link #seedRouter}) with the seed's intent, its
     * secrets sealed; fails unless both writes are accepted.
     */
    void putSeed(final String name, final int port) {
        final String path = "/data/openbsd-pbr:routers/router=" + name;
        for (Reply reply : new Reply[] {
            put(path, seedRouter(name, port)),
            put(path + "/intent", Sealing.sealAll(this, example("seed-router/intent.json"))),
        }) {
            if (reply.status() / 100 != 2) {
                throw new IllegalStateException("registering " + name + ": " + reply);
            }
        }
    }

    Reply get(final String path) {
        return send(request(path).GET().header("Accept", JSON));
    }

    Reply get(final String path, final String accept) {
        return send(request(path).GET().header("Accept", accept));
    }

    Reply put(final String path, final String body) {
        return send(request(path).PUT(HttpRequest.BodyPublishers.ofString(body))
            .header("Content-Type", JSON).header("Accept", JSON));
    }

    Reply post(final String path, final String body) {
        return send(request(path).POST(HttpRequest.BodyPublishers.ofString(body))
            .header("Content-Type", JSON).header("Accept", JSON));
    }

    Reply delete(final String path) {
        return send(request(path).DELETE().header("Accept", JSON));
    }

    private HttpRequest.Builder request(final String path) {
        final var builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        return authorization == null ? builder : builder.header("Authorization", authorization);
    }

    private Reply send(final HttpRequest.Builder builder) {
        try {
            final var response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.tools.bench;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Conflicting writers against a running distribution (issue 10): {@code --writers} clients PUT the same router at
 * once (each a different intent, every body carrying the seed's PPPoE secret sealed by the seal-secret RPC, since the
 * controller refuses clear secrets)
 * while one more client writes an unrelated router; then one write whose sealed secret is malformed, beside another
 * unrelated write. Prints every answer's status and time, and the unrelated writes' latency. The routers point at
 * ports 1 and 2 (nothing listens), so no SSH work competes with the datastore. Asserts nothing.
 */
public final class ConflictBenchmark {
    private static final String ROUTERS = "/data/openbsd-pbr:routers/router=";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String restconf;
    private final String authorization;
    private final String router;
    private final String intent;
    private final String malformedIntent;
    private final PrintStream out;

    private ConflictBenchmark(final String restconf, final String authorization, final Path examples,
            final PrintStream out) throws IOException, InterruptedException {
        this.restconf = restconf;
        this.authorization = authorization;
        final ControllerSecrets secrets = ControllerSecrets.of(http, restconf, authorization, out);
        final JsonObject document = JsonParser.parseString(Files.readString(examples.resolve("router.json")))
            .getAsJsonObject();
        final JsonObject management = document.getAsJsonArray("openbsd-pbr:router").get(0).getAsJsonObject()
            .getAsJsonObject("management");
        management.addProperty("port", 1);
        management.addProperty("private-key", secrets.value(ControllerBenchmark.labKeyText(), "private-key"));
        router = document.toString();
        final String clearIntent = Files.readString(examples.resolve("intent.json"));
        malformedIntent = clearIntent.replace("\"secret\": \"secret\"", "\"secret\": \"$pbr1$bm90LXNlYWxlZA==\"");
        intent = clearIntent.replace("\"secret\": \"secret\"", "\"secret\": "
            + new JsonPrimitive(secrets.value("secret", "pppoe-secret")));
        this.out = out;
    }

    static final String USAGE = """
        usage: ./openbsd-pbr bench controller conflicts [--writers N] [--rounds R]
        Concurrent PUTs of one router's intent beside an unrelated writer, against a fresh copy of the built
        distribution (tools/bench/controller-bench.sh conflicts); prints every answer's status and time.
          --writers N           concurrent writers of one router (default 30)
          --rounds R            rounds (default 3)
          --restconf URL        the controller's RESTCONF base (default http://127.0.0.1:8181/rests)
          --examples DIR        router.json and intent.json to write (default examples/seed-router)
          --password-file FILE  the admin password (tools/bench/controller-bench.sh passes the distribution's)
          --pid PID             the controller's JVM (passed by tools/bench/controller-bench.sh; unused)""";

    public static void main(final String[] args) throws Exception {
        DeviceBenchmark.printing(args, USAGE, out -> {
            final int writers = DeviceBenchmark.intArg(args, "--writers", 30);
            final int rounds = DeviceBenchmark.intArg(args, "--rounds", 3);
            final String restconf = DeviceBenchmark.stringArg(args, "--restconf", "http://127.0.0.1:8181/rests");
            final Path examples = Path.of(DeviceBenchmark.stringArg(args, "--examples", "examples/seed-router"));
            final String authorization = ControllerLogin.authorization(ControllerLogin.passwordFile(args));
            new ConflictBenchmark(restconf, authorization, examples, out).run(writers, rounds);
        });
    }

    /** One answer. */
    private record Answer(int status, double ms, String error) {
        static Answer of(final HttpResponse<String> response, final long startNanos) {
            String error = "";
            if (response.statusCode() >= 300) {
                final String body = response.body();
                final int at = body.indexOf("\"error-message\"");
                error = at < 0 ? (body.isEmpty() ? "(empty body)" : body) : body.substring(at);
                error = error.length() > 100 ? error.substring(0, 100) : error;
            }
            return new Answer(response.statusCode(), (System.nanoTime() - startNanos) / 1e6, error);
        }
    }

    private void run(final int writers, final int rounds) throws Exception {
        out.printf(Locale.ROOT, "conflicting writers: %d concurrent PUTs of one router + 1 unrelated writer, "
            + "%d rounds%n", writers, rounds);
        check(put(ROUTERS + "c-target", router.replace("\"seed-router\"", "\"c-target\"")));
        // another port: two routers cannot share a management endpoint
        check(put(ROUTERS + "c-other", router.replace("\"seed-router\"", "\"c-other\"")
            .replace("\"port\":1", "\"port\":2")));
        final ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
        try {
            final List<Double> unrelated = new ArrayList<>();
            final List<Double> all = new ArrayList<>();
            final Map<String, Integer> outcomes = new TreeMap<>();
            for (int round = 0; round < rounds; round++) {
                final CountDownLatch start = new CountDownLatch(1);
                final List<Future<Answer>> answers = new ArrayList<>();
                for (int i = 0; i < writers; i++) {
                    final String body = intent.replace("\"mtu\": 1454", "\"mtu\": " + (1400 + round * writers + i));
                    answers.add(pool.submit(() -> {
                        start.await();
                        return timedPut(ROUTERS + "c-target/intent", body);
                    }));
                }
                final String other = intent.replace("\"mtu\": 1454", "\"mtu\": " + (1300 + round));
                final Future<Answer> unrelatedWrite = pool.submit(() -> {
                    start.await();
                    // a moment later, so that it queues behind the conflicting writers
                    Thread.sleep(20);
                    return timedPut(ROUTERS + "c-other/intent", other);
                });
                start.countDown();
                final List<Answer> done = new ArrayList<>();
                for (Future<Answer> answer : answers) {
                    done.add(answer.get());
                }
                final Answer mine = unrelatedWrite.get();
                unrelated.add(mine.ms());
                done.forEach(answer -> {
                    all.add(answer.ms());
                    outcomes.merge(answer.status() + (answer.error().isEmpty() ? "" : " " + answer.error()), 1,
                        Integer::sum);
                });
                out.printf(Locale.ROOT, "  round %d: writers answered in %s ms; unrelated write HTTP %d in %.0f ms%n",
                    round + 1, summary(done.stream().map(Answer::ms).toList()), mine.status(), mine.ms());
            }
            out.printf(Locale.ROOT, "writers' answer time: %s ms; unrelated write: %s ms%n", summary(all),
                summary(unrelated));
            outcomes.forEach((what, count) -> out.printf(Locale.ROOT, "  %3d x HTTP %s%n", count, what));

            // a malformed sealed secret, beside an unrelated write
            final String malformed = malformedIntent;
            final CountDownLatch start = new CountDownLatch(1);
            final Future<Answer> bad = pool.submit(() -> {
                start.await();
                return timedPut(ROUTERS + "c-target/intent", malformed);
            });
            final Future<Answer> beside = pool.submit(() -> {
                start.await();
                Thread.sleep(20);
                return timedPut(ROUTERS + "c-other/intent", intent);
            });
            start.countDown();
            final Answer badAnswer = bad.get();
            final Answer besideAnswer = beside.get();
            out.printf(Locale.ROOT, "malformed sealed secret: HTTP %d in %.0f ms (%s); unrelated write HTTP %d in "
                + "%.0f ms%n", badAnswer.status(), badAnswer.ms(), badAnswer.error(), besideAnswer.status(),
                besideAnswer.ms());
        } finally {
            pool.shutdownNow();
            delete(ROUTERS + "c-target");
            delete(ROUTERS + "c-other");
        }
    }

    private static String summary(final List<Double> values) {
        final List<Double> sorted = values.stream().sorted().toList();
        return String.format(Locale.ROOT, "p50 %.0f, p90 %.0f, max %.0f", sorted.get(sorted.size() / 2),
            sorted.get((int) (sorted.size() * 0.9)), sorted.get(sorted.size() - 1));
    }

    private static void check(final Answer answer) {
        if (answer.status() >= 300) {
            throw new IllegalStateException("set-up write failed: HTTP " + answer.status() + " " + answer.error());
        }
    }

    private Answer put(final String path, final String body) throws IOException, InterruptedException {
        return timedPut(path, body);
    }

    private Answer timedPut(final String path, final String body) throws IOException, InterruptedException {
        final long start = System.nanoTime();
        final var response = http.send(HttpRequest.newBuilder(URI.create(restconf + path))
            .PUT(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/yang-data+json")
            .header("Accept", "application/yang-data+json").header("Authorization", authorization)
            .timeout(Duration.ofSeconds(180)).build(), HttpResponse.BodyHandlers.ofString());
        return Answer.of(response, start);
    }

    private void delete(final String path) throws IOException, InterruptedException {
        http.send(HttpRequest.newBuilder(URI.create(restconf + path)).DELETE().header("Authorization", authorization)
            .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    }
}

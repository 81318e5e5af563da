/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the fleet view holds up with many routers: the real page in headless Chromium, served with its RESTCONF answers
 * by a small HTTP server in this JVM that stands in for the controller with a synthetic fleet (20, 1,000 and 10,000
 * routers: labels, profiles, every sync status, errors, drift), so the figures measure the page and the browser, not
 * the controller. Each interaction is timed inside the page from the event to the frame after it (the time an operator
 * waits to see the result): a keystroke in the search, a status filter, a sort, a jump in the scroll position, and a
 * refresh (fetch, parse and redraw). Medians and 95th percentiles, and the ratio to 20 routers, side by side in one
 * run. Not part of the e2e run; by hand:
 *
 * <pre>
 * ./mvnw -pl e2e verify -De2e.skip=false -Dtest=FleetPageBench -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
class FleetPageBench {
    private static final Logger LOG = LoggerFactory.getLogger(FleetPageBench.class);
    private static final int[] SIZES = { 20, 1_000, 10_000 };
    private static final String[] SYNC = { "in-sync", "in-sync", "in-sync", "in-sync", "in-sync", "in-sync",
        "in-sync", "out-of-sync", "applying", "awaiting-confirm", "reverted", "failed", "unreachable", "no-intent" };
    private static final String[] SITES = { "tokyo", "osaka", "nagoya", "sapporo", "fukuoka", "sendai", "kobe" };
    /**
     * Times one interaction: the action, then the next frame (requestAnimationFrame, then a task after it). The actions
     * are spelt out here, not passed as code: the page's policy forbids eval.
     */
    private static final String TIMED = """
        const [kind, value, done] = arguments;
        const start = performance.now();
        if (kind === 'search') {
          const search = document.getElementById('fleet-search');
          search.value = value;
          search.dispatchEvent(new Event('input'));
        } else if (kind === 'status') {
          document.querySelector(`.counts button[data-status='${value}']`).click();
        } else if (kind === 'sort') {
          document.querySelector(`.fleet .sort[data-sort='${value}']`).click();
        } else if (kind === 'scroll') {
          const viewport = document.querySelector('.fleet .viewport');
          viewport.scrollTop = value * (viewport.scrollHeight - viewport.clientHeight);
          viewport.dispatchEvent(new Event('scroll'));
        }
        requestAnimationFrame(() => setTimeout(() => done(performance.now() - start), 0));
        """;

    @Test
    void fleetViewFiguresFor20And1000And10000Routers() throws Exception {
        final Map<Integer, Map<String, double[]>> results = new LinkedHashMap<>();
        final Path page = Restconf.repoRoot().resolve("impl/src/main/resources/operator-page");
        for (int size : SIZES) {
            final HttpServer server = server(page, fleet(size), addresses(size));
            try (Browser browser = Browser.anonymous(new Dimension(1400, 900))) {
                final String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/openbsd-pbr/";
                browser.driver().get(base + "#/");
                browser.await().until(ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("section.fleet[data-loaded='true']")));
                assertThat(browser.driver().findElement(By.id("fleet-summary")).getText())
                    .isEqualTo("Showing " + size + " of " + size);
                results.put(size, measure(browser, size));
                assertThat(browser.errors()).isEmpty();
            } finally {
                server.stop(0);
            }
        }
        print(results);
    }

    private static Map<String, double[]> measure(final Browser browser, final int size) {
        final JavascriptExecutor js = browser.driver();
        final Map<String, double[]> figures = new LinkedHashMap<>();
        final List<Double> typing = new ArrayList<>();
        for (String query : List.of("branch-0", "tokyo", "10.1.", "zzz")) {
            for (int i = 1; i <= query.length(); i++) {
                typing.add(time(js, "search", query.substring(0, i)));
            }
            time(js, "search", "");
        }
        figures.put("search keystroke", stats(typing));
        final List<Double> status = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            status.add(time(js, "status", i % 2 == 0 ? "failed" : "all"));
        }
        figures.put("status filter", stats(status));
        final List<Double> sort = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            sort.add(time(js, "sort", List.of("status", "name", "generation", "labels").get(i % 4)));
        }
        figures.put("sort by a column", stats(sort));
        final List<Double> scroll = new ArrayList<>();
        final Random random = new Random(7);
        for (int i = 0; i < 30; i++) {
            scroll.add(time(js, "scroll", random.nextDouble()));
        }
        figures.put("scroll jump", stats(scroll));
        final List<Double> refresh = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            refresh.add(((Number) js.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const updated = document.getElementById('updated');
                const before = updated.textContent;
                const start = performance.now();
                document.getElementById('updated').textContent = '';
                new MutationObserver((changes, observer) => {
                  if (updated.textContent) {
                    observer.disconnect();
                    requestAnimationFrame(() => setTimeout(() => done(performance.now() - start), 0));
                  }
                }).observe(updated, {childList: true, characterData: true, subtree: true});
                document.getElementById('refresh-now').click();
                """)).doubleValue());
        }
        figures.put("refresh (fetch, parse, draw)", stats(refresh));
        final long rows = ((Number) js.executeScript("return document.querySelectorAll('.fleet .slice .row').length;"))
            .longValue();
        figures.put("row elements in the DOM", new double[] { rows, rows });
        return figures;
    }

    private static double time(final JavascriptExecutor js, final String kind, final Object value) {
        return ((Number) js.executeAsyncScript(TIMED, kind, value)).doubleValue();
    }

    private static double[] stats(final List<Double> samples) {
        final double[] sorted = samples.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return new double[] { sorted[sorted.length / 2], sorted[(int) Math.ceil(sorted.length * 0.95) - 1] };
    }

    private static void print(final Map<Integer, Map<String, double[]>> results) {
        final StringBuilder text = new StringBuilder("\nFleet view in headless Chromium ")
            .append("(ms from the event to the next frame; median / p95; ratio of medians to 20 routers)\n");
        text.append(String.format(Locale.ROOT, "%-30s", ""));
        for (int size : SIZES) {
            text.append(String.format(Locale.ROOT, "%22s", size + " routers"));
        }
        text.append('\n');
        for (String figure : results.get(SIZES[0]).keySet()) {
            text.append(String.format(Locale.ROOT, "%-30s", figure));
            final double baseline = results.get(SIZES[0]).get(figure)[0];
            for (int size : SIZES) {
                final double[] value = results.get(size).get(figure);
                text.append(figure.startsWith("row")
                    ? String.format(Locale.ROOT, "%22d", (long) value[0])
                    : String.format(Locale.ROOT, "%13.1f / %5.1f%s", value[0], value[1],
                        size == SIZES[0] ? "  " : String.format(Locale.ROOT, " x%.1f", value[0] / baseline)));
            }
            text.append('\n');
        }
        LOG.info("{}", text);
    }

    /** GET /rests/data/openbsd-pbr:routers?fields=... as RESTCONF answers it, for a synthetic fleet. */
    private static JsonObject fleet(final int size) {
        final Random random = new Random(size);
        final JsonArray routers = new JsonArray();
        for (int i = 1; i <= size; i++) {
            final JsonObject router = new JsonObject();
            final String site = SITES[random.nextInt(SITES.length)];
            router.addProperty("name", String.format(Locale.ROOT, "branch-%05d", i));
            router.addProperty("description", "Branch office " + i + " in " + site);
            router.add("label", array("site=" + site, i % 10 == 0 ? "tier=hub" : "tier=branch"));
            router.add("profile", i % 3 == 0 ? array("baseline", "voip") : array("baseline"));
            final String sync = SYNC[random.nextInt(SYNC.length)];
            final JsonObject status = new JsonObject();
            status.addProperty("managed-by", "member-" + (1 + random.nextInt(3)));
            status.addProperty("connection", sync.equals("unreachable") ? "unreachable" : "connected");
            status.addProperty("sync-status", sync);
            status.addProperty("applied-generation", 1 + random.nextInt(40));
            status.addProperty("applied-revision", "%064x".formatted(i));
            status.addProperty("intended-revision", "%064x".formatted(sync.equals("in-sync") ? i : i + 1));
            final boolean drift = random.nextInt(25) == 0;
            status.addProperty("drift-detected", drift);
            if (drift) {
                status.add("drifted-file", array("/etc/pf.conf"));
            }
            if (sync.equals("failed") || sync.equals("unreachable") || sync.equals("reverted")) {
                final JsonObject error = new JsonObject();
                error.addProperty("step", sync.equals("failed") ? "validate" : "connect");
                error.addProperty("message", sync.equals("failed")
                    ? "/etc/pf.conf:52: syntax error" : "connect to 10.1." + i % 250 + ".1 port 22: timed out");
                error.addProperty("time", Instant.parse("2026-11-24T09:00:00Z").plusSeconds(i).toString());
                status.add("last-error", error);
            }
            router.add("status", status);
            routers.add(router);
        }
        final JsonObject list = new JsonObject();
        list.add("router", routers);
        final JsonObject document = new JsonObject();
        document.add("openbsd-pbr:routers", list);
        return document;
    }

    /** GET ...?fields=router(name;management(address;port)) for the same fleet. */
    private static JsonObject addresses(final int size) {
        final JsonArray routers = new JsonArray();
        for (int i = 1; i <= size; i++) {
            final JsonObject management = new JsonObject();
            management.addProperty("address", "10.1." + i / 250 + "." + i % 250);
            management.addProperty("port", 22);
            final JsonObject router = new JsonObject();
            router.addProperty("name", String.format(Locale.ROOT, "branch-%05d", i));
            router.add("management", management);
            routers.add(router);
        }
        final JsonObject list = new JsonObject();
        list.add("router", routers);
        final JsonObject document = new JsonObject();
        document.add("openbsd-pbr:routers", list);
        return document;
    }

    private static JsonArray array(final String... values) {
        final JsonArray array = new JsonArray();
        Arrays.stream(values).forEach(array::add);
        return array;
    }

    /** The page's files as the bundle serves them (same policy header), and the two fleet answers. */
    private static HttpServer server(final Path page, final JsonObject fleet, final JsonObject addresses)
            throws IOException {
        final byte[] fleetBody = fleet.toString().getBytes(StandardCharsets.UTF_8);
        final byte[] addressBody = addresses.toString().getBytes(StandardCharsets.UTF_8);
        final HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/openbsd-pbr/", exchange -> {
            String path = exchange.getRequestURI().getPath().substring("/openbsd-pbr/".length());
            path = path.isEmpty() ? "index.html" : path;
            final Path file = page.resolve(path).normalize();
            if (!file.startsWith(page) || !Files.isRegularFile(file)) {
                answer(exchange, 404, "text/plain", new byte[0]);
                return;
            }
            exchange.getResponseHeaders().add("Content-Security-Policy",
                "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'");
            answer(exchange, 200, path.endsWith(".js") ? "text/javascript" : path.endsWith(".css") ? "text/css"
                : "text/html", Files.readAllBytes(file));
        });
        server.createContext("/rests/data/openbsd-pbr:routers", exchange -> {
            final String query = URLDecoder.decode(String.valueOf(exchange.getRequestURI().getRawQuery()),
                StandardCharsets.UTF_8);
            answer(exchange, 200, "application/yang-data+json", query.contains("management") ? addressBody : fleetBody);
        });
        server.start();
        return server;
    }

    private static void answer(final HttpExchange exchange, final int status, final String type, final byte[] body)
            throws IOException {
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (var out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}

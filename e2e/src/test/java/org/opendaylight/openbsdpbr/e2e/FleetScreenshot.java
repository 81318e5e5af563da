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

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The README's picture of the fleet view: a running controller and a lab of at least 100 routers, registered here
 * under branch names with labels and profiles, the seed's intent on most of them and, so that the picture shows what
 * the view is for, a few routers the lab makes fail (validation refused, port closed), a few changed on the router by
 * hand (drift) and a few without intent or profiles (observed only). Not part of the e2e run (it needs a lab of 100);
 * by hand, see e2e/README.md.
 */
class FleetScreenshot {
    private static final Restconf RESTCONF = Restconf.admin();
    private static final String[] SITES = { "tokyo", "osaka", "nagoya", "sapporo", "fukuoka", "sendai", "kobe",
        "hiroshima" };

    @Test
    void fleetOfTheLab() throws Exception {
        final String output = System.getProperty("e2e.page.screenshot", "");
        assumeThat(output).as("-De2e.page.screenshot=FILE asks for the picture").isNotEmpty();
        final int routers = Integer.getInteger("e2e.page.routers", 100);
        final String key = Lab.controllerKey();

        for (String profile : List.of("baseline", "voip")) {
            final var put = RESTCONF.put("/data/openbsd-pbr:profiles/profile=" + profile, """
                {"openbsd-pbr:profile":[{"name":"%s","description":"shared %s settings"}]}""".formatted(profile,
                profile));
            assertThat(put.status()).as(put.toString()).isIn(200, 201, 204);
        }
        final String intent = Restconf.example("seed-router/intent.json");
        final Set<Integer> failing = Set.of(17, 58);
        final Set<Integer> closed = Set.of(33, 71, 94);
        final Set<Integer> drifted = Set.of(46, 63);
        final Set<Integer> observed = Set.of(25, 26, 80);
        for (int n = 2; n <= routers; n++) {
            final String lab = "r" + n;
            if (failing.contains(n)) {
                Lab.command("fault " + lab + " fail-validate /etc/pf.conf:52: syntax error");
            } else if (closed.contains(n)) {
                Lab.command("fault " + lab + " refuse");
            }
            final String name = String.format(Locale.ROOT, "%s-%02d", SITES[n % SITES.length], n);
            final JsonObject router = JsonParser.parseString(Restconf.example("seed-router/router.json"))
                .getAsJsonObject().getAsJsonArray("openbsd-pbr:router").get(0).getAsJsonObject();
            router.addProperty("name", name);
            router.addProperty("description", "Branch office " + n + " in " + SITES[n % SITES.length]);
            router.add("label", strings("site=" + SITES[n % SITES.length], n % 12 == 0 ? "tier=hub" : "tier=branch"));
            if (!observed.contains(n)) {
                router.add("profile", n % 3 == 0 ? strings("baseline", "voip") : strings("baseline"));
            }
            router.getAsJsonObject("management").addProperty("port", Lab.port(n));
            router.getAsJsonObject("management").addProperty("private-key", key);
            final JsonObject document = new JsonObject();
            final JsonArray list = new JsonArray();
            list.add(router);
            document.add("openbsd-pbr:router", list);
            final String path = "/data/openbsd-pbr:routers/router=" + name;
            assertThat(RESTCONF.put(path, document.toString()).status()).isIn(200, 201, 204);
            if (!observed.contains(n)) {
                assertThat(RESTCONF.put(path + "/intent", intent).status()).isIn(200, 201, 204);
            }
        }
        awaitSettled(routers - 1);
        for (int n : drifted) {
            // an operator's edit on the router itself: the controller's read-back reports it as drift
            Lab.command("edit r" + n + " /etc/rc.conf.local unwind_flags=-v");
            final String name = String.format(Locale.ROOT, "%s-%02d", SITES[n % SITES.length], n);
            RESTCONF.post("/operations/openbsd-pbr:check-sync", "{\"input\":{\"router\":\"" + name + "\"}}");
        }

        try (Browser browser = Browser.loggedIn(Restconf.adminLogin(), new Dimension(1500, 780))) {
            browser.driver().get(Browser.pageUrl() + "#/?sort=status");
            browser.await().until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("section.fleet[data-loaded='true']")));
            browser.await(Duration.ofSeconds(60)).until(driver -> driver.findElements(
                By.cssSelector(".counts button[data-status='failed']")).size() == 1);
            browser.screenshot(Path.of(output));
        }
    }

    /** Until no router is applying or unreported (a few minutes at most for 100). */
    private static void awaitSettled(final int expected) throws InterruptedException {
        final Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
        while (Instant.now().isBefore(deadline)) {
            final var reply = RESTCONF.get("/data/openbsd-pbr:routers?fields=router(name;status/sync-status)");
            if (reply.status() == 200) {
                final JsonArray list = reply.json().getAsJsonObject().getAsJsonObject("openbsd-pbr:routers")
                    .getAsJsonArray("router");
                final long settled = list.asList().stream().map(element -> element.getAsJsonObject()
                    .getAsJsonObject("status")).filter(status -> status != null && status.has("sync-status")
                        && !Set.of("applying", "awaiting-confirm").contains(status.get("sync-status").getAsString()))
                    .count();
                if (settled >= expected) {
                    return;
                }
            }
            Thread.sleep(1_000);
        }
    }

    private static JsonArray strings(final String... values) {
        final JsonArray array = new JsonArray();
        for (String value : values) {
            array.add(value);
        }
        return array;
    }
}

/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The operator page in a real browser (Debian's headless Chromium) against the running distribution and lab: a
 * request without credentials is refused; an operator logs in, sees the seed router in sync in the fleet, filters,
 * opens it, reads the dry run, rolls back with the button (after a confirmation) and sees the generation change and the
 * diff the rollback left, pushes again, and no secret is anywhere on the page.
 *
 * <p>Expected text comes from the seed, not from the page: the pf rule of the seed's policy route (the golden pf.conf)
 * and the same rule with "proto tcp" (the README's policy-route change), the PPPoE secret the test stores.
 */
@TestMethodOrder(MethodOrderer.MethodName.class)
class PageE2E {
    private static final Restconf RESTCONF = Restconf.admin();
    private static final String ROUTER = "seed-router";
    private static final String ROUTER_PATH = "/data/openbsd-pbr:routers/router=" + ROUTER;
    private static final String PPPOE_SECRET = "Ppp0eS3cretPage";
    private static final Duration SETTLE = Duration.ofSeconds(90);
    /** The seed's policy route as pf.conf says it (impl/src/test/resources/render/seed-router/etc/pf.conf). */
    private static final String SEED_RULE = "pass in on vport0 inet from vport0:network to <via_pppoe> rtable 1";
    /** The same route after the README's change (TCP only). */
    private static final String TCP_RULE =
        "pass in on vport0 inet proto tcp from vport0:network to <via_pppoe> rtable 1";
    private static final String TCP_ROUTE = """
        {"openbsd-pbr:policy-route":[{"name":"to-via-pppoe","sequence":10,"ingress-interface":"vport0","protocol":"tcp",
          "source":{"interface-network":"vport0:network"},"destination":{"table":"via_pppoe"},"via-rdomain":1}]}""";
    private static final By FLEET_LOADED = By.cssSelector("section.fleet[data-loaded='true']");
    private static final By SEED_ROW = By.cssSelector(".fleet .row[data-router='" + ROUTER + "']");
    private static final By ROUTER_LOADED = By.cssSelector("section.router[data-loaded='true']");
    private static final By GENERATION = By.id("status-generation");
    private static final By SYNC = By.cssSelector("#status-sync .badge");
    private static final Path REPORTS = Path.of("target", "page-e2e");

    private static Browser browser;
    /** The generation the router runs once it has the TCP change (the one before it has the seed's rule). */
    private static long changed;

    @RegisterExtension
    final TestWatcher report = new TestWatcher() {
        @Override
        public void testFailed(final ExtensionContext context, final Throwable cause) {
            if (browser != null) {
                final String name = context.getRequiredTestMethod().getName();
                browser.screenshot(REPORTS.resolve(name + ".png"));
                browser.savePage(REPORTS.resolve(name + ".html"));
            }
        }
    };

    @BeforeAll
    static void seedRouterWithTwoGenerations() throws InterruptedException {
        final JsonObject router = JsonParser.parseString(Restconf.example("seed-router/router.json")).getAsJsonObject();
        final JsonObject management = router.getAsJsonArray("openbsd-pbr:router").get(0).getAsJsonObject()
            .getAsJsonObject("management");
        management.addProperty("port", Lab.port(1));
        management.addProperty("private-key", Sealing.seal(RESTCONF, Lab.controllerKey(), "private-key"));
        assertThat(RESTCONF.put(ROUTER_PATH, router.toString()).status()).isIn(200, 201, 204);
        final String intent = Restconf.example("seed-router/intent.json")
            .replace("\"secret\": \"secret\"", "\"secret\": \""
                + Sealing.seal(RESTCONF, PPPOE_SECRET, "pppoe-secret") + "\"");
        assertThat(RESTCONF.put(ROUTER_PATH + "/intent", intent).status()).isIn(200, 201, 204);
        final long seeded = generation(awaitStatus("in sync with the seed's intent",
            status -> inSync(status) && Lab.command("cat r1 /etc/pf.conf").contains(SEED_RULE)));
        final var put = RESTCONF.put(ROUTER_PATH + "/intent/policy-route=to-via-pppoe", TCP_ROUTE);
        assertThat(put.status()).as(put.toString()).isIn(200, 201, 204);
        changed = generation(awaitStatus("in sync with the TCP-only route",
            status -> inSync(status) && generation(status) > seeded));
        assertThat(Lab.command("cat r1 /etc/pf.conf")).contains(TCP_RULE);
    }

    @AfterAll
    static void closeBrowser() {
        try {
            if (browser != null) {
                assertThat(browser.errors()).as("script errors on the page").isEmpty();
                browser.close();
            }
        } finally {
            RESTCONF.delete(ROUTER_PATH);
        }
    }

    @Test
    void a_requestsWithoutTheLoginAreRefused() throws Exception {
        final HttpClient http = HttpClient.newHttpClient();
        for (String path : List.of("", "index.html", "js/main.js", "page.css")) {
            final URI uri = URI.create(Browser.pageUrl() + path);
            final var anonymous = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(anonymous.statusCode()).as("GET " + uri + " without credentials").isEqualTo(401);
            assertThat(anonymous.headers().firstValue("WWW-Authenticate")).get().asString()
                .containsIgnoringCase("basic");
            assertThat(anonymous.body()).doesNotContain("openbsd-pbr").doesNotContain("import ");
            final var wrong = http.send(HttpRequest.newBuilder(uri).header("Authorization", basic(
                Restconf.adminLogin().user(), "not-" + Restconf.adminLogin().password())).build(),
                HttpResponse.BodyHandlers.ofString());
            assertThat(wrong.statusCode()).as("GET " + uri + " with a wrong password").isEqualTo(401);
        }
        final var page = http.send(HttpRequest.newBuilder(URI.create(Browser.pageUrl())).header("Authorization",
            basic(Restconf.adminLogin().user(), Restconf.adminLogin().password())).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<script type=\"module\" src=\"js/main.js\">");
        assertThat(page.headers().firstValue("Content-Security-Policy")).get().asString()
            .contains("default-src 'self'").contains("frame-ancestors 'none'");

        // a browser whose user gives no password gets no page
        try (Browser stranger = Browser.anonymous()) {
            stranger.driver().get(Browser.pageUrl());
            assertThat(stranger.driver().findElements(By.cssSelector("section.fleet"))).isEmpty();
            assertThat(stranger.driver().getPageSource()).doesNotContain("Refresh every");
        }
    }

    @Test
    void b_operatorLogsInSeesTheSeedRouterInSyncFiltersAndOpensIt() {
        browser = Browser.loggedIn(Restconf.adminLogin(), new Dimension(1400, 900));
        final var driver = browser.driver();
        driver.get(Browser.pageUrl());
        browser.await().until(ExpectedConditions.presenceOfElementLocated(FLEET_LOADED));
        final WebElement badge = browser.await().until(driver1 -> {
            final var found = driver1.findElement(SEED_ROW).findElement(By.cssSelector(".badge[data-status]"));
            return "in-sync".equals(found.getDomAttribute("data-status")) ? found : null;
        });
        assertThat(badge.getText()).isEqualTo("In sync");
        // one login for the page; its RESTCONF requests went out with it, as a browser does in the same realm
        assertThat(browser.logins()).isEqualTo(1);
        assertThat(count("in-sync")).isPositive();
        final int all = count("all");

        // search by name: only matching routers remain
        final WebElement search = driver.findElement(By.id("fleet-search"));
        search.sendKeys("seed-rou");
        browser.await().until(d -> shownRouters().stream().allMatch(name -> name.contains("seed-rou")));
        assertThat(shownRouters()).contains(ROUTER);
        assertThat(driver.findElement(By.id("fleet-summary")).getText()).startsWith("Showing " + shownRouters().size()
            + " of " + all);
        assertThat(driver.getCurrentUrl()).contains("q=seed-rou");
        // by status (the count at the top) and by label (the seed's own label)
        driver.findElement(By.cssSelector(".counts button[data-status='in-sync']")).click();
        new Select(driver.findElement(By.id("filter-label"))).selectByValue("site=home");
        browser.await().until(d -> shownRouters().contains(ROUTER));
        new Select(driver.findElement(By.id("filter-status"))).selectByValue("failed");
        browser.await().until(d -> shownRouters().isEmpty());
        assertThat(driver.findElement(By.cssSelector(".fleet .empty")).getText())
            .isEqualTo("No router matches these filters.");
        driver.findElement(By.id("filter-clear")).click();
        browser.await().until(d -> shownRouters().size() == Math.min(all, d.findElements(
            By.cssSelector(".fleet .slice .row")).size()) && shownRouters().contains(ROUTER));
        assertThat(search.getDomProperty("value")).isEmpty();

        // open it
        driver.findElement(SEED_ROW).findElement(By.cssSelector("a.router-link")).click();
        browser.await().until(ExpectedConditions.presenceOfElementLocated(ROUTER_LOADED));
        assertThat(driver.getCurrentUrl()).endsWith("#/router/" + ROUTER);
        assertThat(driver.findElement(By.cssSelector(".router-head h1")).getText()).isEqualTo(ROUTER);
        assertThat(driver.findElement(GENERATION).getText()).isEqualTo(Long.toString(changed));
        assertThat(driver.findElement(SYNC).getDomAttribute("data-status")).isEqualTo("in-sync");

        // the dry run of a router in sync: nothing to change, and the files its intent gives
        final WebElement none = browser.await().until(
            ExpectedConditions.presenceOfElementLocated(By.id("dry-run-none")));
        assertThat(none.getText()).isEqualTo("No changes: the router runs the files of the current intent.");
        assertThat(driver.findElements(By.cssSelector("#router-dry-run .files-table summary")))
            .extracting(WebElement::getText).contains("/etc/pf.conf", "/etc/hostname.pppoe0");
    }

    @Test
    void c_rollbackAsksThenChangesTheGenerationAndTheDiffShowsWhatItUndid() {
        assumeThat(browser).as("the router view is open (test b)").isNotNull();
        final var driver = browser.driver();
        final WebElement target = driver.findElement(By.id("rollback-generation"));
        assertThat(target.getDomProperty("value")).isEqualTo(Long.toString(changed - 1));

        // asked first: Cancel changes nothing
        driver.findElement(By.id("rollback")).click();
        final WebElement dialog = browser.await().until(
            ExpectedConditions.visibilityOfElementLocated(By.cssSelector("dialog.confirm[open]")));
        assertThat(dialog.findElement(By.tagName("h2")).getText())
            .isEqualTo("Roll back " + ROUTER + " to generation " + (changed - 1) + "?");
        dialog.findElement(By.id("confirm-cancel")).click();
        browser.await().until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("dialog.confirm")));
        assertThat(generation(status())).isEqualTo(changed);

        // confirmed: a new generation with the files of the one before
        driver.findElement(By.id("rollback")).click();
        browser.await().until(ExpectedConditions.elementToBeClickable(By.id("confirm-ok"))).click();
        final WebElement done = browser.await(SETTLE).until(ExpectedConditions.presenceOfElementLocated(
            By.cssSelector("#action-result .ok-box")));
        assertThat(done.getText()).isEqualTo("Rolled back: " + ROUTER + " runs generation " + (changed + 1)
            + ", with the files of generation " + (changed - 1) + ".");
        browser.await(SETTLE).until(ExpectedConditions.textToBe(GENERATION, Long.toString(changed + 1)));
        browser.await(SETTLE).until(ExpectedConditions.attributeToBe(SYNC, "data-status", "out-of-sync"));
        assertThat(generation(status())).isEqualTo(changed + 1);
        assertThat(Lab.command("cat r1 /etc/pf.conf")).contains(SEED_RULE).doesNotContain(TCP_RULE);

        // the dry run now shows what a push would bring back: the TCP-only rule, and pf reloaded for it
        final WebElement diff = browser.await(SETTLE).until(ExpectedConditions.presenceOfElementLocated(
            By.id("dry-run-diff")));
        assertThat(diff.findElements(By.cssSelector(".diff-removed"))).extracting(WebElement::getText)
            .contains("-" + SEED_RULE);
        assertThat(diff.findElements(By.cssSelector(".diff-added"))).extracting(WebElement::getText)
            .contains("+" + TCP_RULE);
        assertThat(driver.findElements(By.cssSelector("#dry-run-plan li"))).extracting(WebElement::getText)
            .containsExactly("pfctl -f /etc/pf.conf");

        // pushed again with the button: in sync on a new generation, nothing left to change
        driver.findElement(By.id("push")).click();
        browser.await(SETTLE).until(ExpectedConditions.textToBe(GENERATION, Long.toString(changed + 2)));
        browser.await(SETTLE).until(ExpectedConditions.attributeToBe(SYNC, "data-status", "in-sync"));
        browser.await(SETTLE).until(ExpectedConditions.presenceOfElementLocated(By.id("dry-run-none")));
        assertThat(Lab.command("cat r1 /etc/pf.conf")).contains(TCP_RULE);
    }

    @Test
    void d_noSecretOnThePage() {
        assumeThat(browser).as("the router view is open (test b)").isNotNull();
        final var driver = browser.driver();
        for (WebElement summary : driver.findElements(By.cssSelector("#router-dry-run .files-table summary"))) {
            summary.click();
        }
        final WebElement pppoe = driver.findElements(By.cssSelector("#router-dry-run .files-table details")).stream()
            .filter(details -> details.findElement(By.tagName("summary")).getText().equals("/etc/hostname.pppoe0"))
            .findFirst().orElseThrow();
        assertThat(pppoe.findElement(By.tagName("pre")).getText()).contains("authkey '").doesNotContain(PPPOE_SECRET);
        final String key = Lab.controllerKey().lines().skip(1).findFirst().orElseThrow();
        for (String view : List.of("#/router/" + ROUTER, "#/")) {
            driver.get(Browser.pageUrl() + view);
            browser.await().until(ExpectedConditions.presenceOfElementLocated(view.equals("#/") ? FLEET_LOADED
                : ROUTER_LOADED));
            assertThat(driver.getPageSource()).as(view).doesNotContain(PPPOE_SECRET).doesNotContain(key)
                .doesNotContain("$aaa$");
        }
    }

    private static List<String> shownRouters() {
        return browser.driver().findElements(By.cssSelector(".fleet .slice .row")).stream()
            .map(row -> row.getDomAttribute("data-router")).toList();
    }

    private static int count(final String status) {
        return Integer.parseInt(browser.driver().findElement(By.cssSelector(".counts button[data-status='" + status
            + "'] .number")).getText());
    }

    private static String basic(final String user, final String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static JsonObject status() {
        final var reply = RESTCONF.get(ROUTER_PATH + "/status?content=nonconfig");
        return reply.status() == 200 ? reply.json().getAsJsonObject().getAsJsonObject("openbsd-pbr:status")
            : new JsonObject();
    }

    private static boolean inSync(final JsonObject status) {
        return status.has("sync-status") && "in-sync".equals(status.get("sync-status").getAsString());
    }

    private static long generation(final JsonObject status) {
        return status.has("applied-generation") ? status.get("applied-generation").getAsLong() : -1;
    }

    private static JsonObject awaitStatus(final String what, final Predicate<JsonObject> condition)
            throws InterruptedException {
        final Instant deadline = Instant.now().plus(SETTLE);
        JsonObject last = new JsonObject();
        while (Instant.now().isBefore(deadline)) {
            last = status();
            if (condition.test(last)) {
                return last;
            }
            Thread.sleep(250);
        }
        return fail(ROUTER + ": not " + what + " within " + SETTLE + "; last status " + last);
    }
}

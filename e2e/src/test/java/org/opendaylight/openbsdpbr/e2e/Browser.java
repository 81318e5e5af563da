/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.e2e;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium from Debian (chromium, driven through Debian's chromedriver by Selenium WebDriver), as the operator
 * page's tests and its screenshot use it.
 *
 * <p>The login is the browser's own: the controller answers the page with 401 and a Basic challenge, and the browser
 * answers the challenge with the login through the DevTools protocol (Fetch.authRequired, see {@link DevTools}), as an
 * operator answers the login prompt. Nothing puts credentials into a URL or a header by hand, so the page's own
 * requests to RESTCONF go out with the login the browser holds for the realm, exactly as in front of an operator.
 *
 * <p>The flags are the ones this machine's closed network needs (no background connections, no component updates,
 * no sync, no QUIC), headless without a sandbox (the tests run as root), and a fresh profile every time.
 */
final class Browser implements AutoCloseable {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final Path profile;
    private final ChromeDriver driver;
    private final DevTools devTools;
    private final List<String> errors = new CopyOnWriteArrayList<>();
    private final AtomicInteger logins = new AtomicInteger();

    private Browser(final Restconf.Login login, final Dimension window) {
        final String chromium = System.getProperty("e2e.chromium", "/usr/bin/chromium");
        final String chromedriver = System.getProperty("e2e.chromedriver", "/usr/bin/chromedriver");
        for (String program : new String[] { chromium, chromedriver }) {
            if (!Files.isExecutable(Path.of(program))) {
                throw new IllegalStateException(program + " is missing: './openbsd-pbr setup' installs Debian's "
                    + "chromium and chromium-driver");
            }
        }
        try {
            profile = Files.createTempDirectory("openbsd-pbr-chromium");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        final ChromeOptions options = new ChromeOptions().setBinary(chromium).addArguments("--headless",
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
            "--user-data-dir=" + profile, "--window-size=" + window.getWidth() + "," + window.getHeight());
        final ChromeDriverService service = new ChromeDriverService.Builder()
            .usingDriverExecutable(Path.of(chromedriver).toFile()).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        final var chrome = (Map<?, ?>) driver.getCapabilities().getCapability("goog:chromeOptions");
        devTools = DevTools.attach(String.valueOf(chrome.get("debuggerAddress")));
        devTools.collectErrors(errors);
        if (login != null) {
            devTools.answerLogins(login, logins);
        }
    }

    /** A browser that answers the controller's login prompt with this login. */
    static Browser loggedIn(final Restconf.Login login, final Dimension window) {
        return new Browser(login, window);
    }

    /** A browser whose user knows no password: the login prompt is left unanswered. */
    static Browser anonymous() {
        return anonymous(new Dimension(1280, 800));
    }

    static Browser anonymous(final Dimension window) {
        return new Browser(null, window);
    }

    /** The page's address on the distribution under test (RESTCONF's origin, path /openbsd-pbr/). */
    static String pageUrl() {
        final String restconf = Restconf.baseUrl();
        return restconf.substring(0, restconf.indexOf("/rests")) + "/openbsd-pbr/";
    }

    /** Uncaught exceptions and console errors of the pages this browser showed, in order. */
    List<String> errors() {
        return List.copyOf(errors);
    }

    private void assertNoProtocolFailure() {
        if (!devTools.failures().isEmpty()) {
            throw new IllegalStateException("the browser refused DevTools commands: " + devTools.failures());
        }
    }

    /** How often the browser asked for the login (each time an operator would have typed it). */
    int logins() {
        return logins.get();
    }

    ChromeDriver driver() {
        return driver;
    }

    WebDriverWait await() {
        return await(WAIT);
    }

    WebDriverWait await(final Duration timeout) {
        final WebDriverWait wait = new WebDriverWait(driver, timeout, Duration.ofMillis(100));
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        return wait;
    }

    /** A PNG of the window, for the README and for a failed test's report. */
    void screenshot(final Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The page's DOM as text, for a failed test's report. */
    void savePage(final Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, driver.getPageSource(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try (DevTools closing = devTools) {
            assertNoProtocolFailure();
        } finally {
            driver.quit();
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            } catch (IOException e) {
                // a profile left in the temporary directory harms nothing
            }
        }
    }
}

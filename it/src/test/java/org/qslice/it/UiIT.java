/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.qslice.tools.karaf.KarafInstance;
import org.qslice.tools.slice.SliceClient;
import org.qslice.tools.testbed.Testbed;

/**
 * The web view in a real browser: headless Chromium (Debian's {@code chromium} and {@code chromium-driver}) driven
 * by Selenium against the booted distribution and the simulated testbed. The page must show the topology as
 * RESTCONF holds it, highlight an activated slice's paths within 2 s, mark the link that blocks an infeasible dry
 * run, and not be served without credentials. A screenshot is saved as {@code target/ui-screenshot.png}.
 */
@ExtendWith({ ControllerExtension.class, TestbedExtension.class })
class UiIT {
    private static final String UC1 = "use-case-1";
    private static final Duration HIGHLIGHT_BOUND = Duration.ofSeconds(2);
    private static final Duration LOAD_BOUND = Duration.ofSeconds(30);
    private static final Path CHROMIUM = Path.of(System.getProperty("qslice.it.chromium", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getProperty("qslice.it.chromedriver",
        "/usr/bin/chromedriver"));

    private final Path root = TestbedExtension.root();
    private ChromeDriverService service;
    private ChromeDriver browser;
    private Path profile;

    @BeforeEach
    void startBrowser(final KarafInstance controller, final Testbed testbed) throws Exception {
        DeviceChecks.resetTestbed(controller, testbed, root);
        assertTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER), "the browser test needs "
            + CHROMIUM + " and " + CHROMEDRIVER + ": apt-get install chromium chromium-driver (.ci/run does)");
        profile = Files.createTempDirectory(ControllerExtension.workDir(), "chromium-");
        // chromedriver on a free loopback port, its own process, stopped by the service (by its process) at the end
        service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort()
            .withLogFile(ControllerExtension.workDir().resolve("chromedriver.log").toFile()).build();
        final ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
            .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1600,1200", "--no-first-run", "--no-default-browser-check",
                "--user-data-dir=" + profile);
        browser = new ChromeDriver(service, options);
    }

    @AfterEach
    void stopBrowser(final KarafInstance controller) throws Exception {
        try {
            if (browser != null) {
                browser.quit();
            }
        } finally {
            if (service != null) {
                service.stop();
            }
            final var slices = new SliceClient(controller.restconf());
            for (String id : slices.sliceIds()) {
                slices.deactivate(id);
                slices.delete(id);
            }
        }
    }

    @Test
    void theOperatorSeesTheNetworkTheSlicesPathsAndBlockingLinks(final KarafInstance controller) throws Exception {
        final var slices = new SliceClient(controller.restconf());
        final Map<String, String> levels = linkLevels(controller);
        final URI page = pageUri(controller);

        // the browser signs in once, for the page (AAA's 401 challenge answered from the URL); the page's own
        // RESTCONF requests then carry the same credentials, as a signed-in user's browser does
        browser.get(page.toString().replace("http://", "http://admin:admin@"));
        final Map<String, Object> loaded = await("the topology drawn", LOAD_BOUND,
            state -> ((List<?>) state.get("sites")).size() == 5 && ((List<?>) state.get("links")).size()
                == levels.size());
        assertEquals(Set.of("cell-1", "cell-2", "agg-1", "metro-1", "core-1"), strings(loaded.get("sites")));
        assertEquals(levels.keySet(), strings(loaded.get("links")));
        // each link drawn in its level's colour, as the legend says
        final Map<String, String> legend = legend();
        @SuppressWarnings("unchecked")
        final Map<String, Object> colors = (Map<String, Object>) loaded.get("colors");
        for (var link : levels.entrySet()) {
            assertEquals(legend.get(link.getValue()), colors.get(link.getKey()), link.getKey() + " offers "
                + link.getValue());
        }

        // Use-Case 1 reserved, selected in the list, then activated over RESTCONF: within 2 s the page shows it
        // active with exactly its paths highlighted
        slices.create(root.resolve("testbed/use-case-1.json"));
        // the page redraws the list at every poll: a row found just before a redraw is stale, so find and click again
        new WebDriverWait(browser, HIGHLIGHT_BOUND).ignoring(StaleElementReferenceException.class).until(driver -> {
            driver.findElement(By.cssSelector("#slices tr[data-slice='" + UC1 + "']")).click();
            return UC1.equals(state().get("selected"));
        });
        final Set<String> path = pathLinks(slices.slice(UC1).orElseThrow());
        assertFalse(path.isEmpty());
        assertEquals(200, slices.activate(UC1).status());
        final long activated = System.nanoTime();
        final Map<String, Object> shown = await("use-case-1 active and its paths highlighted", HIGHLIGHT_BOUND,
            state -> UC1.equals(state.get("selected")) && strings(state.get("highlighted")).equals(path)
                && "active".equals(sliceState(UC1)));
        final long millis = Duration.ofNanos(System.nanoTime() - activated).toMillis();
        assertEquals(path, strings(shown.get("highlighted")), "highlighted after " + millis + " ms");
        // its connections with their levels and latencies, and the provisioning steps with their timings
        final String detail = browser.findElement(By.id("slice-detail")).getText();
        for (String connection : List.of("cell-1-app", "cell-2-app", "metro-core", "cell-1-control",
                "cell-2-control")) {
            assertTrue(detail.contains(connection), detail);
        }
        assertTrue(detail.contains("qkd-aes") && detail.contains("qra-aes"), detail);
        final int steps = slices.provisioning(UC1).orElseThrow().getAsJsonArray("step").size();
        new WebDriverWait(browser, LOAD_BOUND).ignoring(StaleElementReferenceException.class).until(driver -> driver
            .findElements(By.cssSelector("#steps tbody tr"))
            .size() == steps);

        // the KMS: every rotating channel with its current key id (never key bytes)
        final Set<String> channels = kmsChannels(controller);
        assertFalse(channels.isEmpty(), "use-case-1 encrypts channels");
        new WebDriverWait(browser, LOAD_BOUND).ignoring(StaleElementReferenceException.class).until(driver -> channels
            .equals(driver.findElements(
            By.cssSelector("#kms-channels tr[data-channel]")).stream().map(e -> e.getAttribute("data-channel"))
            .collect(Collectors.toSet())));

        // an infeasible dry run from the form: the blocking link is marked, with the controller's reason
        final JsonObject request = dryRun("cell-1", "agg-1", "hybrid-qkd-qra-aes");
        final JsonObject output = controller.restconf().rpc("qslice-slice:compute-slice", request).expectOk(
            "compute-slice").json().getAsJsonObject("qslice-slice:output");
        assertFalse(output.get("feasible").getAsBoolean(), output.toString());
        final String reason = output.get("reason").getAsString();
        final StringBuilder reasons = new StringBuilder(reason);
        output.getAsJsonArray("connection").forEach(connection -> reasons.append('\n').append(
            connection.getAsJsonObject().has("reason") ? connection.getAsJsonObject().get("reason").getAsString()
                : ""));
        final Set<String> named = levels.keySet().stream().filter(id -> reasons.toString().contains(id))
            .collect(Collectors.toCollection(TreeSet::new));
        assertFalse(named.isEmpty(), "the reason names a link: " + reason);
        new Select(browser.findElement(By.id("dry-a"))).selectByValue("cell-1");
        new Select(browser.findElement(By.id("dry-z"))).selectByValue("agg-1");
        new Select(browser.findElement(By.id("dry-level"))).selectByValue("hybrid-qkd-qra-aes");
        browser.findElement(By.id("dry-run-button")).click();
        final Map<String, Object> blocked = await("the blocking link marked", HIGHLIGHT_BOUND,
            state -> !strings(state.get("blocked")).isEmpty());
        assertEquals(named, strings(blocked.get("blocked")), reason);
        assertEquals("infeasible", browser.findElement(By.id("dry-run-verdict")).getText());
        assertEquals(reason, browser.findElement(By.id("dry-run-reason")).getText());
        assertTrue(slices.slice("ui-dry-run").isEmpty(), "a dry run changes nothing");

        final Path screenshot = Path.of(System.getProperty("qslice.it.work")).getParent().resolve(
            "ui-screenshot.png");
        ((JavascriptExecutor) browser).executeScript("window.scrollTo(0, 0);");
        final File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), screenshot, StandardCopyOption.REPLACE_EXISTING);
        assertTrue(Files.size(screenshot) > 10_000, screenshot.toString());
    }

    @Test
    void nothingIsServedWithoutValidCredentials(final KarafInstance controller) throws Exception {
        final URI page = pageUri(controller);
        final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        for (String path : List.of("", "app.js", "lib/cytoscape/cytoscape.min.js", "index.html")) {
            final URI uri = page.resolve(path);
            assertEquals(401, get(client, uri, null).statusCode(), uri.toString());
            assertEquals(401, get(client, uri, "admin:not-the-password").statusCode(), uri.toString());
        }
        final HttpResponse<String> ok = get(client, page, "admin:admin");
        assertEquals(200, ok.statusCode());
        assertTrue(ok.headers().firstValue("Content-Type").orElse("").startsWith("text/html"), ok.headers()
            .toString());
        assertTrue(ok.body().contains("cytoscape.min.js"), ok.body());
        // and the browser gets no page without credentials either
        browser.get(page.toString());
        assertFalse(browser.getPageSource().contains("qslice-ui") || browser.getPageSource().contains("id=\"graph\""),
            browser.getPageSource());
    }

    private static HttpResponse<String> get(final HttpClient client, final URI uri, final String credentials)
            throws IOException, InterruptedException {
        final var request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET();
        if (credentials != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(
                StandardCharsets.UTF_8)));
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI pageUri(final KarafInstance controller) {
        return URI.create("http://127.0.0.1:" + controller.ports().http() + "/qslice/ui/");
    }

    /** Waits until the page's drawing state satisfies a condition, polling it; returns that state. */
    private Map<String, Object> await(final String what, final Duration bound, final Condition condition) {
        final long deadline = System.nanoTime() + bound.toNanos();
        Map<String, Object> state = state();
        while (!condition.test(state)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + bound.toMillis() + " ms: " + what + "; the page shows "
                    + state);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
            state = state();
        }
        return state;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> state() {
        final Object state = ((JavascriptExecutor) browser).executeScript(
            "return window.qsliceView ? window.qsliceView.state() : {sites: [], links: [], highlighted: [], "
                + "blocked: []};");
        return (Map<String, Object>) state;
    }

    // read in one script, as the page shows it at that moment (an element found before a redraw would be stale)
    private String sliceState(final String sliceId) {
        return (String) ((JavascriptExecutor) browser).executeScript("const badge = document.querySelector("
            + "'#slices tr[data-slice=\"' + arguments[0] + '\"] .state'); return badge ? badge.textContent : null;",
            sliceId);
    }

    private Map<String, String> legend() {
        @SuppressWarnings("unchecked")
        final Map<String, String> colors = (Map<String, String>) ((JavascriptExecutor) browser).executeScript(
            "const out = {}; document.querySelectorAll('#legend span').forEach(s => { const i = s.querySelector('i');"
                + " out[s.textContent] = i.style.background; }); return out;");
        // the legend's CSS colours come back as rgb(); the graph keeps the hex it was given
        final Map<String, String> hex = new TreeMap<>();
        colors.forEach((level, rgb) -> hex.put(level, toHex(rgb)));
        return hex;
    }

    private static String toHex(final String rgb) {
        final String[] parts = rgb.replaceAll("[^0-9,]", "").split(",");
        return String.format("#%02x%02x%02x", Integer.parseInt(parts[0]), Integer.parseInt(parts[1]),
            Integer.parseInt(parts[2]));
    }

    private static Set<String> strings(final Object list) {
        return ((List<?>) list).stream().map(String::valueOf).collect(Collectors.toCollection(TreeSet::new));
    }

    private Map<String, String> linkLevels(final KarafInstance controller) throws Exception {
        final JsonObject network = controller.restconf().get("ietf-network:networks/network=qslice")
            .expectOk("topology").json().getAsJsonArray("ietf-network:network").get(0).getAsJsonObject();
        final Map<String, String> levels = new TreeMap<>();
        for (JsonElement link : network.getAsJsonArray("ietf-network-topology:link")) {
            final JsonObject object = link.getAsJsonObject();
            levels.put(object.get("link-id").getAsString(), object.getAsJsonObject(
                "qslice-topology:link-attributes").get("security-level").getAsString());
        }
        return levels;
    }

    private static Set<String> pathLinks(final JsonObject slice) {
        final Set<String> links = new TreeSet<>();
        for (JsonElement connection : slice.getAsJsonObject("status").getAsJsonArray("connection")) {
            for (JsonElement hop : connection.getAsJsonObject().getAsJsonArray("hop")) {
                links.add(hop.getAsJsonObject().get("link-id").getAsString());
            }
        }
        return links;
    }

    private static Set<String> kmsChannels(final KarafInstance controller) throws Exception {
        final var response = controller.restconf().get("qslice-kms:kms/channels");
        if (response.status() != 200) {
            return Set.of();
        }
        final Set<String> ids = new TreeSet<>();
        response.json().getAsJsonObject("qslice-kms:channels").getAsJsonArray("channel").forEach(channel -> ids.add(
            channel.getAsJsonObject().get("channel-id").getAsString()));
        return ids;
    }

    private static JsonObject dryRun(final String from, final String to, final String level) {
        return JsonParser.parseString("""
            {"slice-id": "ui-dry-run", "connection": [{"name": "dry-run", "a-end": {"site": "%s"},
             "z-end": {"site": "%s"}, "min-security-level": "%s", "bandwidth-gbps": "1", "max-latency-us": 10000}]}
            """.formatted(from, to, level)).getAsJsonObject();
    }

    @FunctionalInterface
    private interface Condition {
        boolean test(Map<String, Object> state);
    }
}

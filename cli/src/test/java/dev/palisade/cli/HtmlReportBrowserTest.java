package dev.palisade.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.engine.PolicyEngine;
import dev.palisade.engine.batch.BatchListener;
import dev.palisade.engine.batch.BatchReport;
import dev.palisade.engine.batch.BatchRunner;
import dev.palisade.engine.batch.HtmlReportWriter;
import dev.palisade.engine.batch.JsonReportWriter;
import dev.palisade.engine.batch.JudgedRequest;
import dev.palisade.engine.batch.LogSource;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code batch --format html} in a real browser: headless Chromium loads the bundled example's
 * report over file:// and the test reads the page as a person would see it — the numbers of the
 * report the same run produced, the SVG charts drawn, the filter hiding rows when a user is typed,
 * no console error, no request beyond the file itself, no horizontal scrolling of the page at
 * 1,280 px or on a phone. Screenshots stay in {@code target/} for people to look at. Without
 * {@code /usr/bin/chromium} the test is skipped and says so, except under {@code CI=true}, where
 * a browser test that does not run is a failure.
 */
class HtmlReportBrowserTest {
    static final Duration BROWSER_LIMIT = Duration.ofSeconds(60);
    static final Path TARGET = Path.of("target");

    @TempDir
    Path tmp;

    @BeforeAll
    static void chromiumIsThere() {
        if (Files.isExecutable(HeadlessChromium.BINARY)) {
            return;
        }
        String why = HeadlessChromium.BINARY + " is missing (apt-get install chromium; .ci/run installs it)";
        if ("true".equals(System.getenv("CI"))) {
            fail("CI=true: the HTML report's browser test must run, but " + why);
        }
        Assumptions.assumeTrue(false, "browser test skipped: " + why);
    }

    @Test
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void theExampleReportShowsTheReportsNumbersChartsAndFiltersWithoutAConsoleError() throws Exception {
        BatchReport report = new BatchRunner(PolicyEngine.fromConfig(Path.of(BatchCommandTest.ADMISSION_CONFIG)))
                .run(List.of(LogSource.of(BatchCommandTest.LOG)), new BatchListener() { });
        StringWriter html = new StringWriter();
        HtmlReportWriter.write(report, html);
        CliTest.Run cli = CliTest.run("", "batch", "-c", BatchCommandTest.ADMISSION_CONFIG, BatchCommandTest.LOG,
                "--format", "html");
        assertEquals(0, cli.exit(), cli.err());
        assertEquals(html.toString(), cli.out(), "the command writes the page of the same report");
        Path page = Files.createDirectories(TARGET).resolve("example-report.html").toAbsolutePath();
        Files.writeString(page, cli.out());

        try (HeadlessChromium browser = new HeadlessChromium(tmp, BROWSER_LIMIT)) {
            for (String domain : List.of("Runtime.enable", "Log.enable", "Network.enable", "Page.enable")) {
                browser.send(domain, Map.of());
            }
            browser.send("Emulation.setDeviceMetricsOverride", Map.of("width", 1280, "height", 900,
                    "deviceScaleFactor", 1, "mobile", false));
            browser.open(page.toUri().toString());

            numbersAreTheReports(browser, report);
            chartsAreDrawn(browser, report);
            flipRowsNameTheirRules(browser, report);
            typingAUserFiltersTheRows(browser, report.newlyDeniedExamples());

            assertEquals(0, browser.evaluate("document.documentElement.scrollWidth - window.innerWidth").asInt(),
                    "no horizontal scrolling at 1,280 px");
            browser.screenshot(1280, false, TARGET.resolve("report.png"));
            browser.screenshot(390, true, TARGET.resolve("report-phone.png"));
            assertTrue(browser.evaluate("document.documentElement.scrollWidth <= window.innerWidth").asBoolean(),
                    "on a phone the page does not scroll sideways (tables and the time chart scroll in their boxes)");
            assertTrue(browser.evaluate("document.querySelector('meta[name=viewport]') !== null").asBoolean());

            noConsoleErrorAndNothingFetched(browser, page);
        }
    }

    @Test
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void aScriptInTheLogIsTextOnThePage() throws Exception {
        String user = "<script>alert(1)</script>";
        Path log = tmp.resolve("hostile.log");
        Files.writeString(log, "{\"kind\":\"Event\",\"apiVersion\":\"audit.k8s.io/v1\",\"level\":\"Metadata\","
                + "\"auditID\":\"<img src=x onerror=alert(2)>\",\"stage\":\"ResponseComplete\","
                + "\"requestURI\":\"/api/v1/namespaces/default/secrets/s\",\"verb\":\"get\",\"user\":{\"username\":\""
                + user.replace("/", "\\/") + "\"},\"responseStatus\":{\"code\":200},"
                + "\"requestReceivedTimestamp\":\"2024-05-02T09:00:00Z\"}\n");
        CliTest.Run cli = CliTest.run("", "batch", "-c", BatchCommandTest.CONFIG, log.toString(), "--format", "html");
        assertEquals(0, cli.exit(), cli.err());
        Path page = tmp.resolve("hostile.html");
        Files.writeString(page, cli.out());

        try (HeadlessChromium browser = new HeadlessChromium(tmp.resolve("browser"), BROWSER_LIMIT)) {
            for (String domain : List.of("Runtime.enable", "Log.enable", "Network.enable", "Page.enable")) {
                browser.send(domain, Map.of());
            }
            browser.open(page.toUri().toString());
            assertEquals(1, browser.evaluate("document.scripts.length").asInt(), "only the report's own script");
            assertEquals(0, browser.evaluate("document.querySelectorAll('img, iframe').length").asInt());
            assertEquals(user, browser.evaluate(
                    "document.querySelector('#allowed-to-denied-table tbody td').firstChild.textContent").asText(),
                    "the user is shown as the text it is");
            assertTrue(browser.events().stream().noneMatch(e -> e.path("method").asText()
                    .equals("Page.javascriptDialogOpening")), "no alert ran");
            noConsoleErrorAndNothingFetched(browser, page.toAbsolutePath());
        }
    }

    private static void numbersAreTheReports(HeadlessChromium browser, BatchReport r) throws Exception {
        JsonNode metrics = browser.evaluate("Object.fromEntries([...document.querySelectorAll('[data-metric]')]"
                + ".map(e => [e.dataset.metric, e.querySelector('dd').textContent.replace(/,/g, '')]))");
        Map<String, Long> expected = Map.ofEntries(Map.entry("records", r.records()), Map.entry("events", r.events()),
                Map.entry("requests", r.requests()), Map.entry("stages-merged", r.stagesMerged()),
                Map.entry("recorded-allow", r.recorded("allow")), Map.entry("recorded-deny", r.recorded("deny")),
                Map.entry("recorded-unknown", r.recorded("unknown")), Map.entry("now-allow", r.now("allow")),
                Map.entry("now-deny", r.now("deny")), Map.entry("allowed-to-denied", r.newlyDenied()),
                Map.entry("denied-to-allowed", r.newlyAllowed()), Map.entry("malformed", r.malformed()),
                Map.entry("skipped", r.skipped().values().stream().mapToLong(Long::longValue).sum()),
                Map.entry("admission-replayed", r.admission().replayed()),
                Map.entry("admission-allowed", r.admission().allowed()),
                Map.entry("admission-denied", r.admission().denied()),
                Map.entry("admission-allowed-to-denied", r.admission().newlyDenied()),
                Map.entry("admission-not-reached", r.admission().notReached()),
                Map.entry("admission-not-replayed", r.admission().notReplayedTotal()));
        expected.forEach((metric, value) -> assertEquals(String.valueOf(value), metrics.path(metric).asText(), metric));
        assertTrue(r.newlyDenied() > 0 && r.newlyAllowed() > 0 && r.malformed() > 0, "the example shows every part");
        assertEquals(r.malformed(), browser.evaluate("document.querySelectorAll('#malformed-table tbody tr').length")
                .asLong());
        assertTrue(browser.evaluate("document.querySelector('#malformed-table').textContent").asText()
                .contains(r.malformedExamples().get(0).place().render()), "each malformed line with its place");
    }

    private static void chartsAreDrawn(HeadlessChromium browser, BatchReport r) throws Exception {
        for (String chart : List.of("timeline-chart", "top-users", "top-resources", "top-rules", "top-admission-rules")) {
            assertTrue(browser.evaluate("(() => { const s = document.getElementById('" + chart + "');"
                    + " return s instanceof SVGSVGElement && s.getBoundingClientRect().width > 200"
                    + " && s.getBoundingClientRect().height > 20; })()").asBoolean(), chart + " is drawn");
        }
        assertEquals(r.requests() - r.timeline().undated(), browser.evaluate("[...document.querySelectorAll("
                + "'#timeline-chart g.bucket')].reduce((n, g) => n + (+g.dataset.allowed) + (+g.dataset.denied), 0)")
                .asLong(), "every dated request is in a bar over time");
        assertTrue(browser.evaluate("document.querySelectorAll('#timeline-chart rect.deny').length").asInt() > 0);
        JsonNode users = browser.evaluate("[...document.querySelectorAll('#top-users g.entry')]"
                + ".map(g => g.dataset.key + '=' + g.dataset.count)");
        // TopCounter.Entry is the engine's own: the report's JSON form names the same entries
        StringWriter json = new StringWriter();
        JsonReportWriter.write(r, json);
        List<String> expected = new java.util.ArrayList<>();
        CliTest.JSON.readTree(json.toString()).path("topDenied").path("users")
                .forEach(e -> expected.add(e.path("key").asText() + "=" + e.path("denials").asLong()));
        assertEquals(r.topDeniedUsers().size(), expected.size());
        assertEquals(expected, jsonList(users), "top denied users, in order");
    }

    private static void flipRowsNameTheirRules(HeadlessChromium browser, BatchReport r) throws Exception {
        assertEquals(r.newlyDeniedExamples().size(), browser.evaluate(
                "document.querySelectorAll('#allowed-to-denied-table tbody tr').length").asInt());
        assertEquals(r.newlyAllowedExamples().size(), browser.evaluate(
                "document.querySelectorAll('#denied-to-allowed-table tbody tr').length").asInt());
        String table = browser.evaluate("document.querySelector('#allowed-to-denied-table').textContent").asText();
        for (JudgedRequest j : r.newlyDeniedExamples()) {
            assertTrue(table.contains(j.judgement().rule()), j.judgement().rule());
            assertTrue(table.contains(j.judgement().source()), "the rule's place: " + j.judgement().source());
        }
        assertTrue(r.newlyDeniedExamples().stream().anyMatch(j -> j.judgement().source().matches(".*\\.pal:\\d+:\\d+")),
                "some deciding rule is a DSL rule with file:line:col");
    }

    private static void typingAUserFiltersTheRows(HeadlessChromium browser, List<JudgedRequest> examples)
            throws Exception {
        String user = examples.get(0).user();
        long expected = examples.stream().filter(j -> j.user().contains(user)).count();
        assertTrue(expected < examples.size(), "the filter has rows to hide");
        browser.evaluate("document.querySelector('#allowed-to-denied [data-filter=user]').focus()");
        browser.send("Input.insertText", Map.of("text", user));
        String visible = "[...document.querySelectorAll('#allowed-to-denied-table tbody tr')]"
                + ".filter(tr => tr.getClientRects().length > 0).length";
        assertEquals(expected, browser.evaluate(visible).asLong(), "rows of " + user);
        assertEquals(expected + " of " + examples.size() + " rows shown",
                browser.evaluate("document.querySelector('#allowed-to-denied .shown').textContent").asText());
        browser.evaluate("(() => { const i = document.querySelector('#allowed-to-denied [data-filter=user]');"
                + " i.value = ''; i.dispatchEvent(new Event('input', {bubbles: true})); })()");
        assertEquals(examples.size(), browser.evaluate(visible).asLong(), "cleared, every row again");
        browser.evaluate("document.querySelector('#allowed-to-denied [data-filter=rule]').focus()");
        browser.send("Input.insertText", Map.of("text", "ADMISSION:"));
        assertEquals(examples.stream().filter(j -> j.judgement().rule().startsWith("admission:")).count(),
                browser.evaluate(visible).asLong(), "the rule filter, case-insensitive");
    }

    private static void noConsoleErrorAndNothingFetched(HeadlessChromium browser, Path page) {
        Set<String> errors = new java.util.TreeSet<>();
        for (JsonNode e : browser.events()) {
            String method = e.path("method").asText();
            JsonNode p = e.path("params");
            if (method.equals("Runtime.exceptionThrown")
                    || method.equals("Runtime.consoleAPICalled") && Set.of("error", "assert", "warning")
                            .contains(p.path("type").asText())
                    || method.equals("Log.entryAdded") && Set.of("error", "warning")
                            .contains(p.path("entry").path("level").asText())) {
                errors.add(e.toString());
            }
            if (method.equals("Network.requestWillBeSent")) {
                String url = p.path("request").path("url").asText();
                if (!url.equals(page.toUri().toString()) && !url.equals("about:blank")) {
                    errors.add("fetched " + url);
                }
            }
        }
        assertEquals(Set.of(), errors, "console errors, warnings or requests");
    }

    private static List<String> jsonList(JsonNode array) {
        List<String> out = new java.util.ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}

package dev.palisade.engine.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palisade.engine.PolicyEngine;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --format html} on hand-made logs: hostile strings escaped, the numbers there, nothing fetched, bounded. */
class HtmlReportWriterTest {
    static final String SCRIPT_USER = "<script>alert(1)</script>";
    static PolicyEngine engine;

    @TempDir
    Path tmp;

    @BeforeAll
    static void engine() {
        BatchRunnerTest.engine();
        engine = BatchRunnerTest.engine;
    }

    static String event(String id, String user, String group, String verb, String uri, int code, String time) {
        String json = BatchRunnerTest.event(id, "ResponseComplete", user, group, verb, uri, code);
        return json.substring(0, json.length() - 1) + ",\"requestReceivedTimestamp\":\"" + time + "\"}";
    }

    private static String json(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    @Test
    void everyStringFromTheLogIsEscapedAndNoScriptButOursExists() throws Exception {
        Path log = tmp.resolve("a<b>&\"c'.log"); // the file name is in every place the report shows
        Files.writeString(log, String.join("\n",
                event("1", json(SCRIPT_USER), "readers", "get", "/api/v1/namespaces/x/pods/p", 200,
                        "2024-05-02T09:00:00Z"), // a reader allowed: no flip
                event("2", json(SCRIPT_USER), "nobody", "get", "/api/v1/namespaces/x/secrets/s", 200,
                        "2024-05-02T09:00:01Z"), // allowed then, denied now
                event("3", "eve\u202e<img src=x onerror=alert(2)>", "readers", "delete",
                        "/api/v1/namespaces/%3Cb%3E/pods/p", 403, "2024-05-02T09:00:05Z"),
                "{\"kind\":\"Event\",\"auditID\":\"<iframe src=//evil>\", \"verb\": 7}",
                "<svg onload=alert(3)>") + "\n");
        BatchReport report = BatchTesting.run(engine, 1, log).report();
        String html = HtmlReportWriter.render(report);

        assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "the user, escaped");
        assertFalse(html.contains(SCRIPT_USER));
        assertEquals(1, count(html.toLowerCase(Locale.ROOT), "<script"), "only the report's own script element");
        assertTrue(html.contains("<script>// Filters the rows"), "and it is the filter script");
        for (String hostile : List.of("<img", "<iframe", "<svg onload", "<b>", "\u202e", "a<b>")) {
            assertFalse(html.contains(hostile), hostile);
        }
        assertTrue(html.contains("a&lt;b&gt;&amp;&quot;c&#39;.log"), "the file name, escaped");
        assertTrue(html.contains("eve\\u202e&lt;img"), "a bidi override is made visible, as in the text report");
        assertTrue(html.chars().allMatch(c -> c == '\n' || (c >= 0x20 && c < 0x7f)), "plain ASCII, any encoding reads it");
    }

    @Test
    void theNumbersOfTheReportAreOnThePage() throws Exception {
        Path log = tmp.resolve("audit.log");
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String user = i % 3 == 0 ? "mallory" : "reader" + i;
            String group = i % 3 == 0 ? "nobody" : "readers";
            lines.add(event("id" + i, user, group, "list", "/api/v1/namespaces/ns" + i % 4 + "/pods", i % 5 == 0 ? 403 : 200,
                    Instant.parse("2024-05-02T09:00:00Z").plusSeconds(i * 7L).toString()));
        }
        lines.add("{broken");
        Files.writeString(log, String.join("\n", lines) + "\n");
        BatchReport r = BatchTesting.run(engine, 2, log).report();
        String html = HtmlReportWriter.render(r);

        assertEquals(r.requests(), metric(html, "requests"));
        assertEquals(r.events(), metric(html, "events"));
        assertEquals(r.records(), metric(html, "records"));
        assertEquals(r.recorded("allow"), metric(html, "recorded-allow"));
        assertEquals(r.recorded("deny"), metric(html, "recorded-deny"));
        assertEquals(r.now("allow"), metric(html, "now-allow"));
        assertEquals(r.now("deny"), metric(html, "now-deny"));
        assertEquals(r.newlyDenied(), metric(html, "allowed-to-denied"));
        assertEquals(r.newlyAllowed(), metric(html, "denied-to-allowed"));
        assertEquals(1, metric(html, "malformed"));
        assertTrue(r.newlyDenied() > 0 && r.now("deny") > 0, "the log has flips and denials: " + r.now());
        assertEquals(Math.min(r.newlyDenied(), 10) + Math.min(r.newlyAllowed(), 10), count(html, "<tr data-user="),
                "one row per example shown, both ways");
        assertTrue(html.contains("data-key=\"mallory\" data-count=\"" + r.topDeniedUsers().get(0).count() + "\""));
        long dated = 0;
        Matcher bucket = Pattern.compile("data-allowed=\"(\\d+)\" data-denied=\"(\\d+)\"").matcher(html);
        while (bucket.find()) {
            dated += Long.parseLong(bucket.group(1)) + Long.parseLong(bucket.group(2));
        }
        assertEquals(r.requests(), dated, "every request is in a bar of the time chart");
        assertTrue(html.contains("audit.log:31"), "the malformed line's place");
    }

    @Test
    void nothingIsFetchedAndThePolicyAllowsOnlyTheInlineStyleAndScript() throws Exception {
        Path log = tmp.resolve("audit.log");
        Files.writeString(log, event("1", "u", "nobody", "get", "/api/v1/pods", 200, "2024-05-02T09:00:00Z") + "\n");
        String html = HtmlReportWriter.render(BatchTesting.run(engine, 1, log).report());
        for (String fetch : List.of("http:", "https:", "://", "src=", "href=", "url(", "@import")) {
            assertFalse(html.contains(fetch), "no network reference: " + fetch);
        }
        assertTrue(html.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"));
        String style = between(html, "<style>", "</style>");
        String script = between(html, "<script>", "</script>");
        assertTrue(html.contains("default-src 'none'; style-src '" + sha256(style) + "'; script-src '" + sha256(script) + "'"),
                "the CSP names the exact inline blocks");
    }

    @Test
    void theOutputIsBoundedWhateverTheLog() throws Exception {
        Path log = tmp.resolve("big.log");
        String longName = "x".repeat(20_000);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            // distinct users, each with a long name; a year of timestamps; every request a flip
            b.append(event("id" + i, longName + i, "nobody", "get", "/api/v1/namespaces/n/secrets/s" + i, 200,
                    Instant.parse("2024-01-01T00:00:00Z").plusSeconds(i * 1_577L).toString())).append('\n');
        }
        Files.writeString(log, b);
        BatchReport r = BatchTesting.run(engine, 2, log).report();
        String html = HtmlReportWriter.render(r);
        assertEquals(20_000, r.newlyDenied());
        assertTrue(html.length() < 400_000, "bounded: " + html.length() + " chars for 20,000 requests of 20 KB names");
        assertTrue(count(html, "<g class=\"bucket\"") <= TimeHistogram.CAPACITY);
        assertTrue(html.contains("(clipped)"), "a huge field is clipped");
    }

    private static long metric(String html, String name) {
        Matcher m = Pattern.compile("data-metric=\"" + name + "\" data-value=\"(\\d+)\"><dt>[^<]*</dt><dd>([\\d,]+)</dd>")
                .matcher(html);
        assertTrue(m.find(), "metric " + name);
        assertEquals(m.group(1), m.group(2).replace(",", ""), "shown as it is counted: " + name);
        return Long.parseLong(m.group(1));
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    private static String between(String s, String open, String close) {
        int start = s.indexOf(open) + open.length();
        return s.substring(start, s.indexOf(close, start));
    }

    private static String sha256(String text) throws Exception {
        return "sha256-" + Base64.getEncoder().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}

package dev.palisade.engine.batch;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * {@code --format html}: the report as one self-contained page for people to look at — summary,
 * decisions over time, flips both ways as filterable tables, top denials, admission, skipped and
 * malformed lines. Nothing is fetched: the style and the small filter script are inline and the
 * charts are SVG drawn here. The page's Content-Security-Policy allows no network at all and
 * only the exact style and script written here (by hash), so even a mistake in escaping could
 * not run a script from the log. The output is bounded whatever the log: example lists, top
 * lists and time buckets are capped, and each string is clipped ({@link Html}).
 */
public final class HtmlReportWriter {
    private static final String CSS = resource("report.css");
    private static final String JS = resource("report.js");

    private HtmlReportWriter() {}

    public static void write(BatchReport r, Writer out) throws IOException {
        out.write(render(r));
        out.flush();
    }

    static String render(BatchReport r) {
        StringBuilder html = new StringBuilder(64 * 1024);
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src '")
                .append(sha256(CSS)).append("'; script-src '").append(sha256(JS))
                .append("'; base-uri 'none'; form-action 'none'\">")
                .append("<title>Palisade batch replay</title><style>").append(CSS).append("</style></head>\n<body>")
                .append("<header><h1>Palisade batch replay</h1><p class=\"muted\" id=\"inputs\">Replayed ")
                .append(Html.number(r.requests())).append(" requests from ").append(Html.text(String.join(", ", r.inputs())))
                .append("</p></header>\n<main>");
        summary(html, r);
        timeline(html, r.timeline());
        HtmlFlipsTable.render(html, "allowed-to-denied", "Allowed then, denied now", r.newlyDenied(),
                r.newlyDeniedExamples());
        HtmlFlipsTable.render(html, "denied-to-allowed", "Denied then, allowed now", r.newlyAllowed(),
                r.newlyAllowedExamples());
        topDenials(html, r);
        admission(html, r.admission());
        skipped(html, r);
        malformed(html, r);
        html.append("</main>\n<script>").append(JS).append("</script></body></html>\n");
        return html.toString();
    }

    private static void summary(StringBuilder html, BatchReport r) {
        html.append("<section id=\"summary\"><h2>Summary</h2><dl class=\"cards\">");
        card(html, "records", "records read", r.records(), "");
        card(html, "events", "audit events", r.events(), "");
        card(html, "requests", "requests judged", r.requests(), "");
        card(html, "stages-merged", "later stages merged", r.stagesMerged(), "");
        card(html, "recorded-allow", "recorded allowed", r.recorded("allow"), "allow");
        card(html, "recorded-deny", "recorded denied", r.recorded("deny"), "deny");
        card(html, "recorded-unknown", "recorded unknown", r.recorded("unknown"), "");
        card(html, "now-allow", "allowed now", r.now("allow"), "allow");
        card(html, "now-deny", "denied now", r.now("deny"), "deny");
        card(html, "allowed-to-denied", "allowed \u2192 now denied", r.newlyDenied(), "deny");
        card(html, "denied-to-allowed", "denied \u2192 now allowed", r.newlyAllowed(), "allow");
        card(html, "skipped", "skipped", r.skipped().values().stream().mapToLong(Long::longValue).sum(), "");
        card(html, "malformed", "malformed lines", r.malformed(), r.malformed() > 0 ? "deny" : "");
        html.append("</dl>");
        if (!r.notes().isEmpty()) {
            html.append("<ul class=\"notes muted\">");
            r.notes().forEach(n -> html.append("<li>").append(Html.text(n)).append("</li>"));
            html.append("</ul>");
        }
        html.append("</section>\n");
    }

    private static void card(StringBuilder html, String metric, String label, long value, String cls) {
        html.append("<div class=\"card").append(cls.isEmpty() ? "" : " " + cls).append("\" data-metric=\"")
                .append(metric).append("\" data-value=\"").append(value).append("\"><dt>").append(Html.text(label))
                .append("</dt><dd>").append(Html.number(value)).append("</dd></div>");
    }

    private static void timeline(StringBuilder html, Timeline t) {
        html.append("<section id=\"timeline\"><h2>Decisions over time</h2>");
        if (t.buckets() == 0) {
            html.append("<p class=\"muted\">No request carried a readable timestamp.</p></section>\n");
            return;
        }
        html.append("<figure><div class=\"chart-scroll\">").append(SvgTimelineChart.render(t)).append("</div>").append("<figcaption><span class=\"legend\">")
                .append("<span><i class=\"allow\"></i>allowed now</span><span><i class=\"deny\"></i>denied now</span>")
                .append("<span><i class=\"flip\"></i>bucket with flips</span></span> Requests per ")
                .append(SvgTimelineChart.width(t.widthMillis())).append(" (UTC, by <code>requestReceivedTimestamp</code>), ")
                .append(Instant.ofEpochMilli(t.startMillis())).append(" to ")
                .append(Instant.ofEpochMilli(t.bucketStart(t.buckets()))).append('.');
        if (t.undated() > 0) {
            html.append(" ").append(Html.number(t.undated())).append(" requests had no timestamp and are not shown.");
        }
        html.append("</figcaption></figure></section>\n");
    }

    private static void topDenials(StringBuilder html, BatchReport r) {
        html.append("<section id=\"top-denied\"><h2>Top denials</h2>");
        if (r.topApproximate()) {
            html.append("<p class=\"muted\">Approximate: too many distinct keys to count exactly.</p>");
        }
        html.append("<div class=\"charts\">");
        chart(html, "top-users", "Users", r.topDeniedUsers());
        chart(html, "top-resources", "Resources", r.topDeniedResources());
        chart(html, "top-rules", "Deciding rules", r.topDenyRules());
        html.append("</div></section>\n");
    }

    private static void chart(StringBuilder html, String id, String title, List<TopCounter.Entry> entries) {
        html.append("<figure><h3>").append(title).append("</h3>").append(SvgBarChart.render(id, title, entries))
                .append("</figure>");
    }

    private static void admission(StringBuilder html, AdmissionSummary a) {
        html.append("<section id=\"admission\"><h2>Admission</h2>");
        if (!a.enabled()) {
            html.append("<p class=\"muted\">No admission plugins configured: requests were judged for authorization only.</p>")
                    .append("</section>\n");
            return;
        }
        html.append("<p class=\"muted\">Replayed through ").append(Html.text(String.join(", ", a.plugins())))
                .append(".</p><dl class=\"cards\">");
        card(html, "admission-replayed", "replayed", a.replayed(), "");
        card(html, "admission-allowed", "admitted", a.allowed(), "allow");
        card(html, "admission-denied", "denied", a.denied(), "deny");
        card(html, "admission-allowed-to-denied", "of those allowed then", a.newlyDenied(), "deny");
        card(html, "admission-warned", "warned", a.warned(), "");
        card(html, "admission-warnings", "warnings", a.warnings(), "");
        card(html, "admission-not-reached", "not reached (authorization denies)", a.notReached(), "");
        card(html, "admission-not-replayed", "not replayed", a.notReplayedTotal(), "");
        html.append("</dl><div class=\"charts\">");
        chart(html, "top-admission-rules", "Denying checks and rules", a.topRules());
        if (!a.notReplayed().isEmpty()) {
            html.append("<figure><h3>Not replayed, by reason</h3>");
            counts(html, "admission-not-replayed-table", a.notReplayed());
            html.append("</figure>");
        }
        html.append("</div></section>\n");
    }

    private static void skipped(StringBuilder html, BatchReport r) {
        if (r.skipped().isEmpty() && r.auditIdsReused() == 0) {
            return;
        }
        html.append("<section id=\"skipped\"><h2>Skipped</h2>");
        counts(html, "skipped-table", r.skipped());
        if (r.auditIdsReused() > 0) {
            html.append("<p>").append(Html.number(r.auditIdsReused()))
                    .append(" auditIDs reused by a different request (judged separately), e.g. <code>")
                    .append(Html.text(r.auditIdReuseExamples().get(0).render())).append("</code>.</p>");
        }
        html.append("</section>\n");
    }

    private static void counts(StringBuilder html, String id, Map<String, Long> counts) {
        html.append("<div class=\"table-wrap\"><table id=\"").append(id)
                .append("\"><thead><tr><th class=\"num\">count</th><th>reason</th></tr></thead><tbody>");
        counts.forEach((reason, n) -> html.append("<tr><td class=\"num\">").append(Html.number(n)).append("</td><td>")
                .append(Html.text(reason)).append("</td></tr>"));
        html.append("</tbody></table></div>");
    }

    private static void malformed(StringBuilder html, BatchReport r) {
        html.append("<section id=\"malformed\"><h2>Malformed lines <span class=\"total\" data-value=\"")
                .append(r.malformed()).append("\">(").append(Html.number(r.malformed())).append(")</span></h2>");
        if (r.malformed() == 0) {
            html.append("<p class=\"muted\">None.</p></section>\n");
            return;
        }
        html.append("<p class=\"muted\">Reported on standard error and skipped.</p><div class=\"table-wrap\">")
                .append("<table id=\"malformed-table\"><thead><tr><th>where</th><th>why</th></tr></thead><tbody>");
        for (Problem p : r.malformedExamples()) {
            html.append("<tr><td><code>").append(Html.text(p.place().render())).append("</code></td><td>")
                    .append(Html.text(p.message())).append("</td></tr>");
        }
        html.append("</tbody></table></div>");
        if (r.malformed() > r.malformedExamples().size()) {
            html.append("<p class=\"muted\">&#x2026; and ").append(Html.number(r.malformed() - r.malformedExamples().size()))
                    .append(" more (all on standard error).</p>");
        }
        html.append("</section>\n");
    }

    /** The CSP source of an inline block: the hash of its exact text. */
    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static String resource(String name) {
        try (InputStream in = HtmlReportWriter.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name + " beside HtmlReportWriter");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

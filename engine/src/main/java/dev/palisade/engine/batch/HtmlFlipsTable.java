package dev.palisade.engine.batch;

import java.util.List;

/**
 * One direction of flips in the HTML report: a table of the example requests, each with its
 * deciding rule and the rule's {@code file:line:col}, and the filter inputs the report's script
 * applies to the rows' {@code data-*} attributes (user, namespace, verb, resource, rule).
 */
final class HtmlFlipsTable {
    static final List<String> FILTERS = List.of("user", "namespace", "verb", "resource", "rule");

    private HtmlFlipsTable() {}

    static void render(StringBuilder html, String id, String title, long total, List<JudgedRequest> examples) {
        html.append("<section id=\"").append(id).append("\"><h2>").append(title).append(" <span class=\"total\" data-value=\"")
                .append(total).append("\">(").append(Html.number(total)).append(")</span></h2>");
        if (total == 0) {
            html.append("<p class=\"muted\">None.</p></section>");
            return;
        }
        if (total > examples.size()) {
            html.append("<p class=\"muted\">The first ").append(Html.number(examples.size())).append(" of ")
                    .append(Html.number(total)).append(", in log order (<code>--examples N</code> shows more).</p>");
        }
        html.append("<div class=\"filters\" data-filters=\"").append(id).append("-table\">");
        for (String f : FILTERS) {
            html.append("<input type=\"search\" data-filter=\"").append(f).append("\" placeholder=\"").append(f)
                    .append("\" aria-label=\"filter by ").append(f).append("\">");
        }
        html.append("<span class=\"shown\"></span></div>");
        html.append("<div class=\"table-wrap\"><table id=\"").append(id).append("-table\"><thead><tr>")
                .append("<th>user</th><th>verb</th><th>resource</th><th>namespace</th><th>name / path</th>")
                .append("<th>recorded &#x2192; now</th><th>deciding rule, at</th><th>reason</th>")
                .append("<th>log line, auditID</th></tr></thead><tbody>");
        for (JudgedRequest j : examples) {
            row(html, j);
        }
        html.append("</tbody></table></div></section>");
    }

    private static void row(StringBuilder html, JudgedRequest j) {
        String rule = j.judgement().rule().isEmpty() ? "(none)" : j.judgement().rule();
        html.append("<tr data-user=\"").append(Html.text(j.user())).append("\" data-namespace=\"")
                .append(Html.text(j.namespace())).append("\" data-verb=\"").append(Html.text(j.verb()))
                .append("\" data-resource=\"").append(Html.text(j.resourceLabel())).append("\" data-rule=\"")
                .append(Html.text(rule)).append("\">");
        cell(html, Html.text(j.user()) + (j.impersonatedBy().isEmpty() ? ""
                : "<br><span class=\"muted\">impersonated by " + Html.text(j.impersonatedBy()) + "</span>"));
        cell(html, Html.text(j.verb()));
        cell(html, "<code>" + Html.text(j.resourceLabel()) + "</code>");
        cell(html, Html.text(j.namespace()));
        cell(html, Html.text(j.resourceRequest() ? j.name() : j.path()));
        cell(html, decision(j.recorded().label()) + " &#x2192; " + decision(j.decisionLabel()));
        cell(html, "<code>" + Html.text(rule) + "</code>" + (j.judgement().source().isEmpty() ? ""
                : "<br><code class=\"place\">" + Html.text(j.judgement().source()) + "</code>"));
        html.append("<td class=\"reason\">").append(Html.text(j.judgement().reason()));
        if (!j.admission().warnings().isEmpty()) {
            html.append("<br><span class=\"muted\">admission warnings: ")
                    .append(Html.text(String.join("; ", j.admission().warnings()))).append("</span>");
        }
        html.append("</td>");
        cell(html, "<code>" + Html.text(j.place().render()) + "</code><br><code class=\"place\">"
                + Html.text(j.auditID().isEmpty() ? "(no auditID)" : j.auditID()) + "</code>");
        html.append("</tr>");
    }

    private static String decision(String label) {
        String cls = switch (label) {
            case "allow" -> "allow-text";
            case "deny" -> "deny-text";
            default -> "muted";
        };
        return "<span class=\"" + cls + "\">" + Html.text(label) + "</span>";
    }

    /** {@code content} is already HTML (escaped where it came from outside). */
    private static void cell(StringBuilder html, String content) {
        html.append("<td>").append(content).append("</td>");
    }
}

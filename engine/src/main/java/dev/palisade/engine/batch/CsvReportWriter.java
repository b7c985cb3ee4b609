package dev.palisade.engine.batch;

import java.io.PrintWriter;
import java.util.List;

/**
 * {@code --format csv}: the report as rows of {@code section,key,count,detail} (RFC 4180
 * quoting), one table a spreadsheet or {@code awk} can filter by section.
 */
public final class CsvReportWriter {
    private CsvReportWriter() {}

    public static void write(BatchReport r, PrintWriter out) {
        out.print("section,key,count,detail\r\n");
        for (String input : r.inputs()) {
            row(out, "input", input, 1, "");
        }
        row(out, "total", "records", r.records(), "");
        row(out, "total", "events", r.events(), "");
        row(out, "total", "requests", r.requests(), "");
        row(out, "total", "stagesMerged", r.stagesMerged(), "");
        for (String label : List.of("allow", "deny", "unknown")) {
            row(out, "recorded", label, r.recorded(label), "");
        }
        for (String label : List.of("allow", "deny")) {
            row(out, "decision", label, r.now(label), "");
        }
        row(out, "flip", "allowedToDenied", r.newlyDenied(), "");
        row(out, "flip", "deniedToAllowed", r.newlyAllowed(), "");
        for (JudgedRequest j : r.newlyDeniedExamples()) {
            row(out, "flipAllowedToDenied", j.auditID(), 1, flipDetail(j));
        }
        for (JudgedRequest j : r.newlyAllowedExamples()) {
            row(out, "flipDeniedToAllowed", j.auditID(), 1, flipDetail(j));
        }
        AdmissionSummary a = r.admission();
        for (String plugin : a.plugins()) {
            row(out, "admissionPlugin", plugin, 1, "");
        }
        if (a.enabled()) {
            row(out, "admission", "replayed", a.replayed(), "");
            row(out, "admission", "allow", a.allowed(), "");
            row(out, "admission", "deny", a.denied(), "");
            row(out, "admission", "allowedToDenied", a.newlyDenied(), "");
            row(out, "admission", "warned", a.warned(), "");
            row(out, "admission", "warnings", a.warnings(), "");
            row(out, "admission", "notReached", a.notReached(), "");
            a.notReplayed().forEach((reason, n) -> row(out, "admissionNotReplayed", reason, n, ""));
        }
        for (String note : r.notes()) {
            row(out, "note", note, 1, "");
        }
        String approx = r.topApproximate() ? "approximate" : "";
        r.topDeniedUsers().forEach(e -> row(out, "topDeniedUser", e.key(), e.count(), approx));
        r.topDeniedResources().forEach(e -> row(out, "topDeniedResource", e.key(), e.count(), approx));
        r.topDenyRules().forEach(e -> row(out, "topDenyRule", e.key(), e.count(), approx));
        a.topRules().forEach(e -> row(out, "topAdmissionDenyRule", e.key(), e.count(), approx));
        r.skipped().forEach((reason, n) -> row(out, "skipped", reason, n, ""));
        if (r.auditIdsReused() > 0) {
            row(out, "auditIdReused", "count", r.auditIdsReused(),
                    String.join(" ", r.auditIdReuseExamples().stream().map(Place::render).toList()));
        }
        row(out, "malformed", "count", r.malformed(), "");
        for (Problem p : r.malformedExamples()) {
            row(out, "malformedLine", p.place().render(), 1, p.message());
        }
        out.flush();
    }

    private static String flipDetail(JudgedRequest j) {
        return j.user() + ": " + j.describe() + "; recorded " + j.recorded().label() + ", now " + j.decisionLabel()
                + " by " + j.judgement().rule() + " at " + j.place().render();
    }

    private static void row(PrintWriter out, String section, String key, long count, String detail) {
        out.print(quote(section) + "," + quote(key) + "," + count + "," + quote(detail) + "\r\n");
    }

    /** RFC 4180 quoting of the field with its control characters escaped first ({@link dev.palisade.engine.text.Printable}). */
    static String quote(String raw) {
        String field = dev.palisade.engine.text.Printable.escape(raw);
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0 && field.indexOf('\r') < 0) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }
}

package dev.palisade.engine.batch;

import dev.palisade.engine.text.Printable;
import java.io.PrintWriter;
import java.util.List;

/** The default, human summary of a {@link BatchReport}; audit data in it is escaped ({@link Printable}). */
public final class TextReportWriter {
    private TextReportWriter() {}

    public static void write(BatchReport r, PrintWriter out) {
        line(out, "Replayed %d requests from %d audit events (%s)", r.requests(), r.events(),
                String.join(", ", r.inputs()));
        line(out, "  read:      %d records, %d events, %d later stages merged, %d malformed",
                r.records(), r.events(), r.stagesMerged(), r.malformed());
        line(out, "  recorded:  %d allowed, %d denied, %d unknown",
                r.recorded("allow"), r.recorded("deny"), r.recorded("unknown"));
        line(out, "  policy:    %d allowed, %d denied", r.now("allow"), r.now("deny"));
        line(out, "  flips:     %d allowed -> now denied, %d denied -> now allowed",
                r.newlyDenied(), r.newlyAllowed());
        AdmissionSummary a = r.admission();
        if (a.enabled()) {
            out.printf("  admission: %d replayed: %d allowed, %d denied (%d of them allowed then), %d warned (%d warnings);"
                            + " %d not reached (authorization denies now), %d not replayed%n",
                    a.replayed(), a.allowed(), a.denied(), a.newlyDenied(), a.warned(), a.warnings(), a.notReached(),
                    a.notReplayedTotal());
            line(out, "             through %s", String.join(", ", a.plugins()));
        }
        for (String note : r.notes()) {
            line(out, "  note:      %s", note);
        }
        flips(out, "Allowed then, denied now", r.newlyDenied(), r.newlyDeniedExamples());
        flips(out, "Denied then, allowed now", r.newlyAllowed(), r.newlyAllowedExamples());
        String approx = r.topApproximate() ? " (approximate: too many distinct keys to count exactly)" : "";
        top(out, "Top denied users" + approx, r.topDeniedUsers());
        top(out, "Top denied resources" + approx, r.topDeniedResources());
        top(out, "Top deciding rules of denials" + approx, r.topDenyRules());
        top(out, "Top admission checks and rules of denials" + approx, a.topRules());
        if (!a.notReplayed().isEmpty()) {
            out.println();
            out.println("Admission not replayed:");
            a.notReplayed().forEach((reason, n) -> line(out, "  %6d  %s", n, reason));
        }
        if (!r.skipped().isEmpty() || r.auditIdsReused() > 0) {
            out.println();
            out.println("Skipped and notes:");
            r.skipped().forEach((reason, n) -> line(out, "  %6d  %s", n, reason));
            if (r.auditIdsReused() > 0) {
                line(out, "  %6d  auditID reused by a different request (judged separately), e.g. %s",
                        r.auditIdsReused(), r.auditIdReuseExamples().get(0).render());
            }
        }
        if (r.malformed() > 0) {
            out.println();
            line(out, "Malformed (%d, reported and skipped):", r.malformed());
            for (Problem p : r.malformedExamples()) {
                out.println("  " + p.render());
            }
            if (r.malformed() > r.malformedExamples().size()) {
                line(out, "  ... and %d more (all on stderr)", r.malformed() - r.malformedExamples().size());
            }
        }
        out.flush();
    }

    private static void flips(PrintWriter out, String title, long total, List<JudgedRequest> examples) {
        if (total == 0) {
            return;
        }
        out.println();
        line(out, "%s (%d%s):", title, total, total > examples.size() ? ", first " + examples.size() : "");
        for (JudgedRequest j : examples) {
            line(out, "  %s  %s%s: %s", j.auditID().isEmpty() ? "(no auditID)" : j.auditID(), j.user(),
                    j.impersonatedBy().isEmpty() ? "" : " (impersonated by " + j.impersonatedBy() + ")", j.describe());
            line(out, "      recorded %s, now %s by %s%s", j.recorded().label(), j.decisionLabel(),
                    j.judgement().rule().isEmpty() ? "(none)" : j.judgement().rule(),
                    j.judgement().reason().isEmpty() ? "" : ": " + j.judgement().reason());
            if (!j.admission().warnings().isEmpty()) {
                line(out, "      admission warnings: %s", String.join("; ", j.admission().warnings()));
            }
            line(out, "      at %s", j.place().render());
        }
    }

    /** One report line, every control character of the data in it escaped (see {@link Printable}). */
    private static void line(PrintWriter out, String format, Object... args) {
        out.println(Printable.escape(args.length == 0 ? format : String.format(format, args)));
    }

    private static void top(PrintWriter out, String title, List<TopCounter.Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        out.println();
        line(out, title + ":");
        for (TopCounter.Entry e : entries) {
            line(out, "  %6d  %s", e.count(), e.key());
        }
    }
}

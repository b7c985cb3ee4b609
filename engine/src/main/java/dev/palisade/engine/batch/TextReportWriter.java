package dev.palisade.engine.batch;

import java.io.PrintWriter;
import java.util.List;

/** The default, human summary of a {@link BatchReport}. */
public final class TextReportWriter {
    private TextReportWriter() {}

    public static void write(BatchReport r, PrintWriter out) {
        out.printf("Replayed %d requests from %d audit events (%s)%n", r.requests(), r.events(),
                String.join(", ", r.inputs()));
        out.printf("  read:      %d records, %d events, %d later stages merged, %d malformed%n",
                r.records(), r.events(), r.stagesMerged(), r.malformed());
        out.printf("  recorded:  %d allowed, %d denied, %d unknown%n",
                r.recorded("allow"), r.recorded("deny"), r.recorded("unknown"));
        out.printf("  policy:    %d allowed, %d denied%n", r.now("allow"), r.now("deny"));
        out.printf("  flips:     %d allowed -> now denied, %d denied -> now allowed%n",
                r.newlyDenied(), r.newlyAllowed());
        AdmissionSummary a = r.admission();
        if (a.enabled()) {
            out.printf("  admission: %d replayed: %d allowed, %d denied (%d of them allowed then), %d warned (%d warnings);"
                            + " %d not reached (authorization denies now), %d not replayed%n",
                    a.replayed(), a.allowed(), a.denied(), a.newlyDenied(), a.warned(), a.warnings(), a.notReached(),
                    a.notReplayedTotal());
            out.printf("             through %s%n", String.join(", ", a.plugins()));
        }
        for (String note : r.notes()) {
            out.printf("  note:      %s%n", note);
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
            a.notReplayed().forEach((reason, n) -> out.printf("  %6d  %s%n", n, reason));
        }
        if (!r.skipped().isEmpty() || r.auditIdsReused() > 0) {
            out.println();
            out.println("Skipped and notes:");
            r.skipped().forEach((reason, n) -> out.printf("  %6d  %s%n", n, reason));
            if (r.auditIdsReused() > 0) {
                out.printf("  %6d  auditID reused by a different request (judged separately), e.g. %s%n",
                        r.auditIdsReused(), r.auditIdReuseExamples().get(0).render());
            }
        }
        if (r.malformed() > 0) {
            out.println();
            out.printf("Malformed (%d, reported and skipped):%n", r.malformed());
            for (Problem p : r.malformedExamples()) {
                out.println("  " + p.render());
            }
            if (r.malformed() > r.malformedExamples().size()) {
                out.printf("  ... and %d more (all on stderr)%n", r.malformed() - r.malformedExamples().size());
            }
        }
        out.flush();
    }

    private static void flips(PrintWriter out, String title, long total, List<JudgedRequest> examples) {
        if (total == 0) {
            return;
        }
        out.println();
        out.printf("%s (%d%s):%n", title, total, total > examples.size() ? ", first " + examples.size() : "");
        for (JudgedRequest j : examples) {
            out.printf("  %s  %s%s: %s%n", j.auditID().isEmpty() ? "(no auditID)" : j.auditID(), j.user(),
                    j.impersonatedBy().isEmpty() ? "" : " (impersonated by " + j.impersonatedBy() + ")", j.describe());
            out.printf("      recorded %s, now %s by %s%s%n", j.recorded().label(), j.decisionLabel(),
                    j.judgement().rule().isEmpty() ? "(none)" : j.judgement().rule(),
                    j.judgement().reason().isEmpty() ? "" : ": " + j.judgement().reason());
            if (!j.admission().warnings().isEmpty()) {
                out.printf("      admission warnings: %s%n", String.join("; ", j.admission().warnings()));
            }
            out.printf("      at %s%n", j.place().render());
        }
    }

    private static void top(PrintWriter out, String title, List<TopCounter.Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        out.println();
        out.println(title + ":");
        for (TopCounter.Entry e : entries) {
            out.printf("  %6d  %s%n", e.count(), e.key());
        }
    }
}

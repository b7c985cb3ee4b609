package dev.palisade.engine.batch;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@code --format json}: the whole report as one JSON object (keys in a fixed order). */
public final class JsonReportWriter {
    private JsonReportWriter() {}

    public static void write(BatchReport r, Writer out) throws IOException {
        try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.setPrettyPrinter(new DefaultPrettyPrinter());
            g.writeStartObject();
            g.writeArrayFieldStart("inputs");
            for (String input : r.inputs()) {
                g.writeString(input);
            }
            g.writeEndArray();
            g.writeNumberField("records", r.records());
            g.writeNumberField("events", r.events());
            g.writeNumberField("requests", r.requests());
            g.writeNumberField("stagesMerged", r.stagesMerged());
            counts(g, "recorded", r.recorded(), "allow", "deny", "unknown");
            counts(g, "decisions", r.now(), "allow", "deny");
            g.writeObjectFieldStart("flips");
            g.writeNumberField("allowedToDenied", r.newlyDenied());
            g.writeNumberField("deniedToAllowed", r.newlyAllowed());
            examples(g, "allowedToDeniedExamples", r.newlyDeniedExamples());
            examples(g, "deniedToAllowedExamples", r.newlyAllowedExamples());
            g.writeEndObject();
            admission(g, r.admission());
            g.writeArrayFieldStart("notes");
            for (String note : r.notes()) {
                g.writeString(note);
            }
            g.writeEndArray();
            g.writeObjectFieldStart("topDenied");
            g.writeBooleanField("approximate", r.topApproximate());
            top(g, "users", r.topDeniedUsers());
            top(g, "resources", r.topDeniedResources());
            top(g, "rules", r.topDenyRules());
            g.writeEndObject();
            g.writeObjectFieldStart("skipped");
            for (Map.Entry<String, Long> e : new TreeMap<>(r.skipped()).entrySet()) {
                g.writeNumberField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
            g.writeObjectFieldStart("auditIdsReused");
            g.writeNumberField("count", r.auditIdsReused());
            g.writeArrayFieldStart("examples");
            for (Place p : r.auditIdReuseExamples()) {
                g.writeString(p.render());
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeObjectFieldStart("malformed");
            g.writeNumberField("count", r.malformed());
            g.writeArrayFieldStart("examples");
            for (Problem p : r.malformedExamples()) {
                g.writeStartObject();
                g.writeStringField("file", p.place().file());
                g.writeNumberField("line", p.place().line());
                g.writeStringField("message", p.message());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndObject();
            g.writeRaw('\n');
        }
        out.flush();
    }

    private static void admission(JsonGenerator g, AdmissionSummary a) throws IOException {
        g.writeObjectFieldStart("admission");
        g.writeArrayFieldStart("plugins");
        for (String p : a.plugins()) {
            g.writeString(p);
        }
        g.writeEndArray();
        g.writeNumberField("replayed", a.replayed());
        g.writeNumberField("allowed", a.allowed());
        g.writeNumberField("denied", a.denied());
        g.writeNumberField("allowedToDenied", a.newlyDenied());
        g.writeNumberField("warned", a.warned());
        g.writeNumberField("warnings", a.warnings());
        g.writeNumberField("notReached", a.notReached());
        g.writeObjectFieldStart("notReplayed");
        for (Map.Entry<String, Long> e : a.notReplayed().entrySet()) {
            g.writeNumberField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
        top(g, "topDenyRules", a.topRules());
        g.writeEndObject();
    }

    private static void counts(JsonGenerator g, String field, Map<String, Long> counts, String... labels)
            throws IOException {
        g.writeObjectFieldStart(field);
        for (String label : labels) {
            g.writeNumberField(label, counts.getOrDefault(label, 0L));
        }
        g.writeEndObject();
    }

    private static void examples(JsonGenerator g, String field, List<JudgedRequest> examples) throws IOException {
        g.writeArrayFieldStart(field);
        for (JudgedRequest j : examples) {
            RequestJson.write(g, j);
        }
        g.writeEndArray();
    }

    private static void top(JsonGenerator g, String field, List<TopCounter.Entry> entries) throws IOException {
        g.writeArrayFieldStart(field);
        for (TopCounter.Entry e : entries) {
            g.writeStartObject();
            g.writeStringField("key", e.key());
            g.writeNumberField("denials", e.count());
            g.writeEndObject();
        }
        g.writeEndArray();
    }
}

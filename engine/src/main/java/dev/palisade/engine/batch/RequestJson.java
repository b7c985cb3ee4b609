package dev.palisade.engine.batch;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/** The JSON form of a judged request: one {@code --events} line, and the flip examples of the JSON report. */
final class RequestJson {
    private RequestJson() {}

    static void write(JsonGenerator g, JudgedRequest j) throws IOException {
        g.writeStartObject();
        g.writeStringField("auditID", j.auditID());
        g.writeStringField("user", j.user());
        if (!j.impersonatedBy().isEmpty()) {
            g.writeStringField("impersonatedBy", j.impersonatedBy());
        }
        g.writeStringField("verb", j.verb());
        if (j.resourceRequest()) {
            g.writeStringField("apiGroup", j.apiGroup());
            g.writeStringField("resource", j.resource());
            if (!j.subresource().isEmpty()) {
                g.writeStringField("subresource", j.subresource());
            }
            g.writeStringField("namespace", j.namespace());
            g.writeStringField("name", j.name());
        } else {
            g.writeStringField("path", j.path());
        }
        g.writeStringField("recorded", j.recorded().label());
        g.writeStringField("decision", j.decisionLabel());
        g.writeBooleanField("flip", j.newlyDenied() || j.newlyAllowed());
        g.writeStringField("rule", j.judgement().rule());
        g.writeStringField("reason", j.judgement().reason());
        AdmissionVerdict a = j.admission();
        if (a.state() != AdmissionVerdict.State.NONE) {
            // only for writes admission runs for: reads stay as short as before
            g.writeStringField("admission", a.state().label());
            if (a.state() == AdmissionVerdict.State.NOT_REPLAYED) {
                g.writeStringField("admissionReason", a.reason());
            }
            if (!a.warnings().isEmpty()) {
                g.writeArrayFieldStart("warnings");
                for (String w : a.warnings()) {
                    g.writeString(w);
                }
                g.writeEndArray();
            }
        }
        g.writeStringField("source", j.place().render());
        g.writeEndObject();
    }
}

package dev.palisade.engine.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.engine.admission.AdmissionRequest;
import dev.palisade.engine.admission.PlainJson;
import dev.palisade.engine.request.RequestAttributes;
import java.util.Map;
import java.util.Set;

/**
 * What admission saw for a logged request, as far as the log tells. The apiserver runs admission
 * after authorization, for writes only, on the decoded object:
 * <ul>
 *   <li>{@code create} and {@code update}: the {@code requestObject} is the object (before
 *       defaulting, which admission saw applied; policies on fields that defaulting fills may
 *       therefore differ).</li>
 *   <li>{@code patch}: the {@code requestObject} is the patch, not an object; admission saw the
 *       patched object, which the log has only as the {@code responseObject} of a
 *       RequestResponse-level event (what was stored, i.e. after mutation). Without it the
 *       request is not replayed.</li>
 *   <li>{@code delete}: admission sees no new object (the body is DeleteOptions) and the object
 *       being deleted as {@code oldObject}, which the log never has: DELETE is replayed with
 *       neither, so rules on DELETE that read {@code oldObject} see it absent.</li>
 *   <li>{@code deletecollection} runs admission once per deleted object, none of which the log
 *       has: not replayed.</li>
 *   <li>{@code oldObject} of an update or patch is never in an audit log: always absent.</li>
 *   <li>Connect subresources (exec, attach, portforward, proxy) are CONNECT with their options
 *       as the object.</li>
 * </ul>
 */
public final class AuditAdmission {
    private static final Set<String> CONNECT_SUBRESOURCES = Set.of("exec", "attach", "portforward", "proxy");

    private AuditAdmission() {}

    /** Either a request to admit, or why this logged request cannot be replayed (or needs no admission). */
    public record Replay(AdmissionRequest request, String notReplayed) {
        public boolean replayable() {
            return request != null;
        }
    }

    /** Null when the request is not one admission runs for at all (reads, or nothing logged to judge). */
    public static Replay of(AuditEvent e, RequestAttributes attributes) {
        if (!e.hasRequestObject() || !attributes.resourceRequest()) {
            return null;
        }
        LoggedObjects logged = e.objects();
        String verb = e.verb();
        String operation;
        JsonNode object;
        if (CONNECT_SUBRESOURCES.contains(attributes.subresource()) && ("create".equals(verb) || "get".equals(verb))) {
            operation = "CONNECT";
            object = logged.requestObject();
        } else {
            switch (verb) {
                case "create" -> {
                    operation = "CREATE";
                    object = logged.requestObject();
                }
                case "update" -> {
                    operation = "UPDATE";
                    object = logged.requestObject();
                }
                case "patch" -> {
                    if (logged.responseObject() == null) {
                        return new Replay(null, "patch without its result (the body is the patch; "
                                + "level RequestResponse logs the patched object)");
                    }
                    operation = "UPDATE";
                    object = logged.responseObject();
                }
                case "delete" -> {
                    operation = "DELETE";
                    object = null;
                }
                case "deletecollection" -> {
                    return new Replay(null, "deletecollection (admitted per object; the objects are not logged)");
                }
                default -> {
                    return null; // a body on a read: admission does not run
                }
            }
        }
        if (object == null && !"DELETE".equals(operation)) {
            return new Replay(null, "request body not kept");
        }
        if (object != null && !object.isNull() && !object.isObject()) {
            return new Replay(null, "request body is not a JSON object");
        }
        String kind = object != null && object.path("kind").isTextual() ? object.path("kind").asText() : "";
        String name = attributes.name();
        if (name.isEmpty() && object != null) {
            // on create the apiserver takes the name from the new object, as the audit objectRef does
            name = object.path("metadata").path("name").asText("");
        }
        return new Replay(new AdmissionRequest(e.auditID(), operation, kind, attributes.resource(),
                attributes.subresource(), attributes.namespace(), name, attributes.user(), false,
                PlainJson.object(object), null, Map.of()), "");
    }
}

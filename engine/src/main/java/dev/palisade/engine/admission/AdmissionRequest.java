package dev.palisade.engine.admission;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.engine.request.UserInfo;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The attributes of an AdmissionReview v1 request that policies see. {@code object} and
 * {@code oldObject} are null when the operation has none (CREATE has no old object, DELETE no new one).
 *
 * @param resource plural lower-case resource ({@code pods}); a rule on pods also checks pod templates
 * @param data     existing objects supplied as data, by plural resource; empty when none
 */
public record AdmissionRequest(String uid, String operation, String kind, String resource, String subresource,
                               String namespace, String name, UserInfo user, boolean dryRun, JsonNode object,
                               JsonNode oldObject, Map<String, List<JsonNode>> data) {
    public AdmissionRequest {
        uid = Objects.requireNonNullElse(uid, "");
        operation = Objects.requireNonNull(operation, "operation");
        kind = Objects.requireNonNullElse(kind, "");
        resource = Objects.requireNonNull(resource, "resource");
        subresource = Objects.requireNonNullElse(subresource, "");
        namespace = Objects.requireNonNullElse(namespace, "");
        name = Objects.requireNonNullElse(name, "");
        user = Objects.requireNonNullElse(user, new UserInfo("", "", List.of(), Map.of()));
        data = data == null ? Map.of() : Map.copyOf(data);
    }

    /** The same request with existing objects supplied as data (e.g. the PodGroups of the cluster). */
    public AdmissionRequest withData(Map<String, List<JsonNode>> newData) {
        return new AdmissionRequest(uid, operation, kind, resource, subresource, namespace, name, user, dryRun,
                object, oldObject, newData);
    }
}

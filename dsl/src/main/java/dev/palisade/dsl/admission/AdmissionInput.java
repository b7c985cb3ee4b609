package dev.palisade.dsl.admission;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What an admission program reads: the AdmissionReview request's attributes and objects as plain
 * JSON values (Map, List, String, Number, Boolean; JSON null and missing are the same: absent).
 * Built by the engine from the wire format, so the DSL does not depend on it.
 *
 * @param resource plural lower-case resource, e.g. {@code pods}, {@code deployments}
 * @param data     existing objects supplied as data, by plural resource ({@code podgroups}); never null
 */
public record AdmissionInput(String operation, String resource, String subresource, String kind, String namespace,
                             String name, String userName, String userUid, List<String> userGroups, boolean dryRun,
                             Object object, Object oldObject, Map<String, List<Object>> data) {
    public AdmissionInput {
        operation = Objects.requireNonNullElse(operation, "");
        resource = Objects.requireNonNullElse(resource, "");
        subresource = Objects.requireNonNullElse(subresource, "");
        kind = Objects.requireNonNullElse(kind, "");
        namespace = Objects.requireNonNullElse(namespace, "");
        name = Objects.requireNonNullElse(name, "");
        userName = Objects.requireNonNullElse(userName, "");
        userUid = Objects.requireNonNullElse(userUid, "");
        userGroups = userGroups == null ? List.of() : List.copyOf(userGroups);
        data = data == null ? Map.of() : Map.copyOf(data);
    }

    /** The same request with another object: what the next mutating rule sees. */
    public AdmissionInput withObject(Object newObject) {
        return new AdmissionInput(operation, resource, subresource, kind, namespace, name, userName, userUid,
                userGroups, dryRun, newObject, oldObject, data);
    }
}

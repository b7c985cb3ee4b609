package dev.palisade.engine.admission;

import dev.palisade.Api;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palisade.engine.request.UserInfo;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The attributes of an AdmissionReview v1 request that policies see. {@code object} and
 * {@code oldObject} are null when the operation has none (CREATE has no old object, DELETE no new one).
 * Objects are plain JSON values — {@code Map<String, Object>}, {@code List}, {@code String},
 * {@code Number}, {@code Boolean}, null — read-only when parsed here ({@link #fromReview},
 * {@link Builder#objectJson}); policies never change them (mutations edit a copy).
 *
 * @param resource plural lower-case resource ({@code pods}); a rule on pods also checks pod templates
 * @param data     existing objects supplied as data, by plural resource; empty when none
 */
@Api
public record AdmissionRequest(String uid, String operation, String kind, String resource, String subresource,
                               String namespace, String name, UserInfo user, boolean dryRun, Map<String, Object> object,
                               Map<String, Object> oldObject, Map<String, List<Map<String, Object>>> data) {
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

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Reads the request of an AdmissionReview ({@code admission.k8s.io/v1} or {@code v1beta1}), as the
     * apiserver sends it to a webhook.
     *
     * @throws InvalidAdmissionReviewException when the text is not JSON or not a usable AdmissionReview;
     *                                         the message says which field is wrong
     */
    public static AdmissionRequest fromReview(String json) {
        try {
            return AdmissionReviews.toRequest(JSON.readTree(json));
        } catch (JacksonException e) {
            throw new InvalidAdmissionReviewException("not JSON: " + e.getOriginalMessage());
        }
    }

    /** As {@link #fromReview(String)}, reading (not closing) the stream. */
    public static AdmissionRequest fromReview(InputStream json) {
        try {
            return AdmissionReviews.toRequest(JSON.readTree(json));
        } catch (JacksonException e) {
            throw new InvalidAdmissionReviewException("not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidAdmissionReviewException("cannot read the review: " + e.getMessage());
        }
    }

    /**
     * Starts a request by name rather than by position:
     * {@code AdmissionRequest.builder().operation("CREATE").resource("pods").namespace("prod").objectJson(pod).build()}.
     */
    public static Builder builder() {
        return new Builder();
    }

    /** The same request with existing objects supplied as data (e.g. the PodGroups of the cluster). */
    public AdmissionRequest withData(Map<String, List<Map<String, Object>>> newData) {
        return new AdmissionRequest(uid, operation, kind, resource, subresource, namespace, name, user, dryRun,
                object, oldObject, newData);
    }

    /**
     * The same request with another object: what the next admission plugin is given once an
     * earlier one has mutated the object.
     */
    public AdmissionRequest withObject(Map<String, Object> newObject) {
        return new AdmissionRequest(uid, operation, kind, resource, subresource, namespace, name, user, dryRun,
                newObject, oldObject, data);
    }

    /** Builds an admission request attribute by attribute; objects are given as JSON text. */
    public static final class Builder {
        private String uid = "";
        private String operation;
        private String kind = "";
        private String resource;
        private String subresource = "";
        private String namespace = "";
        private String name = "";
        private UserInfo user;
        private boolean dryRun;
        private Map<String, Object> object;
        private Map<String, Object> oldObject;

        private Builder() {
        }

        public Builder uid(String value) { this.uid = value; return this; }
        /** {@code CREATE}, {@code UPDATE}, {@code DELETE} or {@code CONNECT}. */
        public Builder operation(String value) { this.operation = value; return this; }
        /** The object's kind, e.g. {@code Pod}. */
        public Builder kind(String value) { this.kind = value; return this; }
        /** The plural resource, e.g. {@code pods}. */
        public Builder resource(String value) { this.resource = value; return this; }
        public Builder subresource(String value) { this.subresource = value; return this; }
        public Builder namespace(String value) { this.namespace = value; return this; }
        public Builder name(String value) { this.name = value; return this; }
        public Builder user(UserInfo value) { this.user = value; return this; }
        public Builder dryRun(boolean value) { this.dryRun = value; return this; }
        /** The new object as JSON text. @throws InvalidAdmissionReviewException when it is not a JSON object */
        public Builder objectJson(String json) { this.object = parseObject("object", json); return this; }
        /** The existing object (UPDATE, DELETE) as JSON text. */
        public Builder oldObjectJson(String json) { this.oldObject = parseObject("oldObject", json); return this; }
        /** The new object as plain JSON values (maps, lists, strings, numbers, booleans), read, never changed. */
        public Builder object(Map<String, Object> value) { this.object = value; return this; }
        /** The existing object as plain JSON values. */
        public Builder oldObject(Map<String, Object> value) { this.oldObject = value; return this; }

        /** @throws IllegalStateException when the operation or the resource is missing */
        public AdmissionRequest build() {
            if (operation == null || operation.isEmpty()) {
                throw new IllegalStateException("an admission request needs an operation (CREATE, UPDATE, DELETE or CONNECT)");
            }
            if (resource == null || resource.isEmpty()) {
                throw new IllegalStateException("an admission request needs a resource, e.g. \"pods\"");
            }
            return new AdmissionRequest(uid, operation, kind, resource, subresource, namespace, name, user, dryRun,
                    object, oldObject, Map.of());
        }

        private static Map<String, Object> parseObject(String what, String json) {
            try {
                JsonNode n = JSON.readTree(json);
                if (n == null || !n.isObject()) {
                    throw new InvalidAdmissionReviewException(what + " is not a JSON object");
                }
                return PlainJson.object(n);
            } catch (JacksonException e) {
                throw new InvalidAdmissionReviewException(what + " is not JSON: " + e.getOriginalMessage());
            }
        }
    }
}

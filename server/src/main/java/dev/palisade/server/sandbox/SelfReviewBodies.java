package dev.palisade.server.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palisade.server.sandbox.ProtoReader.MalformedProtobufException;
import dev.palisade.server.sandbox.ProtoReader.Message;
import java.io.IOException;

/**
 * Reads the bodies of SelfSubjectAccessReview, SelfSubjectRulesReview and SelfSubjectReview in
 * either encoding kubectl may use, into the JSON shape of the API: Kubernetes protobuf
 * ({@code k8s\0} then a runtime.Unknown {typeMeta{apiVersion=1, kind=2}=1, raw=2,
 * contentEncoding=3, contentType=4}, raw the message) or JSON. Field numbers are those of
 * Kubernetes' authorization/v1 and authentication/v1 generated.proto.
 */
final class SelfReviewBodies {
    static final String PROTOBUF = "application/vnd.kubernetes.protobuf";
    private static final byte[] MAGIC = {'k', '8', 's', 0};
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A body that is neither valid JSON nor a valid protobuf envelope; the message names where. */
    static final class BadBodyException extends Exception {
        BadBodyException(String message) {
            super(message);
        }
    }

    private SelfReviewBodies() {}

    static boolean isProtobuf(String contentType, byte[] body) {
        if (contentType != null && contentType.toLowerCase(java.util.Locale.ROOT).startsWith(PROTOBUF)) {
            return true;
        }
        return contentType == null && body.length >= 4 && body[0] == 'k' && body[1] == '8' && body[2] == 's' && body[3] == 0;
    }

    /** The review as a JSON object, whatever encoding it came in. */
    static ObjectNode read(String contentType, byte[] body, String expectedKind) throws BadBodyException {
        if (isProtobuf(contentType, body)) {
            return fromProtobuf(body, expectedKind);
        }
        try {
            JsonNode n = JSON.readTree(body);
            if (n == null || !n.isObject()) {
                throw new BadBodyException("the body is not a JSON object");
            }
            return (ObjectNode) n;
        } catch (IOException e) {
            throw new BadBodyException("the body is not valid JSON: " + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()));
        }
    }

    static ObjectNode fromProtobuf(byte[] body, String expectedKind) throws BadBodyException {
        if (body.length < 4 || body[0] != MAGIC[0] || body[1] != MAGIC[1] || body[2] != MAGIC[2] || body[3] != MAGIC[3]) {
            throw new BadBodyException("the protobuf body does not start with the Kubernetes envelope (k8s\\0)");
        }
        try {
            Message unknown = ProtoReader.parse(java.util.Arrays.copyOfRange(body, 4, body.length));
            Message typeMeta = unknown.message(1);
            String apiVersion = typeMeta == null ? "" : typeMeta.string(1);
            String kind = typeMeta == null ? "" : typeMeta.string(2);
            if (!unknown.string(3).isEmpty()) {
                throw new BadBodyException("protobuf contentEncoding \"" + unknown.string(3) + "\" is not supported");
            }
            if (!kind.isEmpty() && !kind.equals(expectedKind)) {
                throw new BadBodyException("expected a " + expectedKind + ", the body is a " + kind);
            }
            byte[] raw = unknown.bytes(2);
            Message review = ProtoReader.parse(raw == null ? new byte[0] : raw);
            ObjectNode out = JSON.createObjectNode();
            out.put("kind", expectedKind);
            out.put("apiVersion", apiVersion);
            Message metadata = review.message(1);
            ObjectNode meta = out.putObject("metadata");
            if (metadata != null && !metadata.string(1).isEmpty()) {
                meta.put("name", metadata.string(1));
            }
            Message spec = review.message(2);
            ObjectNode specJson = out.putObject("spec");
            if (spec != null) {
                switch (expectedKind) {
                    case "SelfSubjectAccessReview" -> accessSpec(spec, specJson);
                    case "SelfSubjectRulesReview" -> specJson.put("namespace", spec.string(1));
                    default -> { }
                }
            }
            return out;
        } catch (MalformedProtobufException e) {
            throw new BadBodyException("the protobuf body is malformed: " + e.getMessage());
        }
    }

    private static void accessSpec(Message spec, ObjectNode out) throws MalformedProtobufException {
        Message ra = spec.message(1);
        if (ra != null) {
            ObjectNode r = out.putObject("resourceAttributes");
            String[] names = {"namespace", "verb", "group", "version", "resource", "subresource", "name"};
            for (int i = 0; i < names.length; i++) {
                String v = ra.string(i + 1);
                if (!v.isEmpty()) {
                    r.put(names[i], v);
                }
            }
        }
        Message nra = spec.message(2);
        if (nra != null) {
            ObjectNode n = out.putObject("nonResourceAttributes");
            n.put("path", nra.string(1));
            n.put("verb", nra.string(2));
        }
    }
}

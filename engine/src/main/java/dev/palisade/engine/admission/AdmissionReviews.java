package dev.palisade.engine.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palisade.dsl.admission.PatchOp;
import dev.palisade.engine.request.UserInfo;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The AdmissionReview wire format: request in, review with {@code response} out. v1 and v1beta1
 * have the same shape; a webhook must answer in the version it was asked in, so the answer
 * echoes the request's apiVersion.
 */
public final class AdmissionReviews {
    public static final String API_VERSION = "admission.k8s.io/v1";
    public static final String API_VERSION_V1BETA1 = "admission.k8s.io/v1beta1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private AdmissionReviews() {}

    public static AdmissionRequest toRequest(JsonNode review) throws InvalidAdmissionReviewException {
        if (review == null || !review.isObject()) {
            throw new InvalidAdmissionReviewException("expected an AdmissionReview object");
        }
        if (!"AdmissionReview".equals(review.path("kind").asText())) {
            throw new InvalidAdmissionReviewException("kind is \"" + review.path("kind").asText() + "\", expected \"AdmissionReview\"");
        }
        if (!isKnownVersion(review.path("apiVersion").asText())) {
            throw new InvalidAdmissionReviewException("apiVersion is \"" + review.path("apiVersion").asText()
                    + "\", expected \"" + API_VERSION + "\" or \"" + API_VERSION_V1BETA1 + "\"");
        }
        JsonNode r = review.get("request");
        if (r == null || !r.isObject()) {
            throw new InvalidAdmissionReviewException("missing \"request\"");
        }
        String operation = text(r, "operation", true);
        if (!List.of("CREATE", "UPDATE", "DELETE", "CONNECT").contains(operation)) {
            throw new InvalidAdmissionReviewException("request.operation \"" + operation + "\" is not CREATE, UPDATE, DELETE or CONNECT");
        }
        JsonNode resource = r.path("resource");
        String plural = text(resource, "resource", false);
        if (plural.isEmpty()) {
            throw new InvalidAdmissionReviewException("missing request.resource.resource");
        }
        String mismatch = ObjectTypeCheck.mismatch(r); // before any plugin: never judge what cannot be read (D7)
        if (mismatch != null) {
            throw new InvalidAdmissionReviewException(mismatch);
        }
        JsonNode u = r.path("userInfo");
        List<String> groups = new ArrayList<>();
        u.path("groups").forEach(g -> groups.add(g.asText()));
        Map<String, List<String>> extra = new LinkedHashMap<>();
        u.path("extra").fields().forEachRemaining(e -> {
            List<String> values = new ArrayList<>();
            e.getValue().forEach(v -> values.add(v.asText()));
            extra.put(e.getKey(), values);
        });
        UserInfo user = new UserInfo(u.path("username").asText(""), u.path("uid").asText(""), groups, extra);
        return new AdmissionRequest(r.path("uid").asText(""), operation, r.path("kind").path("kind").asText(""),
                plural, r.path("subResource").asText(""), r.path("namespace").asText(""), r.path("name").asText(""),
                user, r.path("dryRun").asBoolean(false), object(r, "object"), object(r, "oldObject"), Map.of());
    }

    /** {@code request.<field>} as a plain read-only object, null when absent or null. */
    private static Map<String, Object> object(JsonNode r, String field) throws InvalidAdmissionReviewException {
        JsonNode n = r.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isObject()) {
            throw new InvalidAdmissionReviewException("request." + field + " must be a JSON object, got "
                    + n.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
        }
        return PlainJson.object(n);
    }

    private static String text(JsonNode n, String field, boolean required) throws InvalidAdmissionReviewException {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) {
            if (required) {
                throw new InvalidAdmissionReviewException("missing or non-string request." + field);
            }
            return "";
        }
        return v.asText();
    }

    /** The version to answer a review in: its own when known, else v1. */
    public static String answerVersion(JsonNode review) {
        String v = review == null ? "" : review.path("apiVersion").asText("");
        return isKnownVersion(v) ? v : API_VERSION;
    }

    private static boolean isKnownVersion(String v) {
        return API_VERSION.equals(v) || API_VERSION_V1BETA1.equals(v);
    }

    /** The v1 review a webhook answers with: apiVersion, kind and {@code response}. */
    public static ObjectNode response(String uid, AdmissionDecision d) {
        return response(API_VERSION, uid, d);
    }

    /** The review a webhook answers with, in the given apiVersion. */
    public static ObjectNode response(String apiVersion, String uid, AdmissionDecision d) {
        ObjectNode review = JSON.createObjectNode();
        review.put("apiVersion", apiVersion);
        review.put("kind", "AdmissionReview");
        ObjectNode response = review.putObject("response");
        response.put("uid", uid);
        response.put("allowed", d.allowed());
        if (!d.allowed()) {
            ObjectNode status = response.putObject("status");
            status.put("code", 403);
            status.put("status", "Failure");
            status.put("reason", "Forbidden");
            status.put("message", d.message());
            ArrayNode causes = status.putObject("details").putArray("causes");
            for (AdmissionReason r : d.denials()) {
                ObjectNode c = causes.addObject();
                c.put("reason", r.ruleId());
                c.put("message", r.message());
                c.put("field", r.field());
            }
        }
        if (!d.warnings().isEmpty()) {
            ArrayNode w = response.putArray("warnings");
            d.warnings().forEach(w::add);
        }
        if (!d.patch().isEmpty()) {
            response.put("patchType", "JSONPatch");
            response.put("patch", Base64.getEncoder().encodeToString(patchJson(d.patch()).getBytes(StandardCharsets.UTF_8)));
        }
        return review;
    }

    /** An answer for input that could not be judged: not allowed, code 400, the reason as message. */
    public static ObjectNode invalid(JsonNode review, String message) {
        ObjectNode out = JSON.createObjectNode();
        out.put("apiVersion", answerVersion(review));
        out.put("kind", "AdmissionReview");
        ObjectNode response = out.putObject("response");
        response.put("uid", review == null ? "" : review.path("request").path("uid").asText(""));
        response.put("allowed", false);
        ObjectNode status = response.putObject("status");
        status.put("code", 400);
        status.put("status", "Failure");
        status.put("reason", "BadRequest");
        status.put("message", message);
        return out;
    }

    /** RFC 6902 JSON text of the operations. */
    public static String patchJson(List<PatchOp> ops) {
        ArrayNode arr = JSON.createArrayNode();
        for (PatchOp op : ops) {
            ObjectNode o = arr.addObject();
            o.put("op", op.op());
            o.put("path", op.path());
            if (!op.op().equals("remove")) {
                o.set("value", JSON.valueToTree(op.value()));
            }
        }
        return arr.toString();
    }
}

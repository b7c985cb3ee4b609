package dev.palisade.engine.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palisade.engine.authz.AuthorizerChain;
import dev.palisade.engine.authz.Decision;
import dev.palisade.engine.authz.Verdict;
import dev.palisade.engine.request.RequestAttributes;
import dev.palisade.engine.request.UserInfo;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * SubjectAccessReview ({@code authorization.k8s.io/v1}, also v1beta1) to request attributes and
 * back. Reading is strict about shape and lenient about absence, like the apiserver: exactly one
 * of resourceAttributes / nonResourceAttributes, and a user or at least one group.
 */
public final class SubjectAccessReviews {
    public static final Set<String> API_VERSIONS = Set.of("authorization.k8s.io/v1", "authorization.k8s.io/v1beta1");
    private static final Set<String> KINDS = Set.of("SubjectAccessReview", "LocalSubjectAccessReview");

    private SubjectAccessReviews() {}

    public static RequestAttributes toAttributes(JsonNode review) throws InvalidReviewException {
        if (review == null || !review.isObject()) {
            throw new InvalidReviewException("expected a SubjectAccessReview JSON object");
        }
        String apiVersion = ReviewFields.text(review, "apiVersion", "");
        if (!API_VERSIONS.contains(apiVersion)) {
            throw new InvalidReviewException("apiVersion \"" + apiVersion + "\" is not supported (expected "
                    + "authorization.k8s.io/v1 or v1beta1)");
        }
        String kind = ReviewFields.text(review, "kind", "");
        if (!KINDS.contains(kind)) {
            throw new InvalidReviewException("kind \"" + kind + "\" is not a SubjectAccessReview");
        }
        JsonNode spec = review.get("spec");
        if (spec == null || !spec.isObject()) {
            throw new InvalidReviewException("spec is missing");
        }
        String user = ReviewFields.text(spec, "user", "spec.user");
        // v1 names the field "groups", v1beta1 "group"; accept either
        List<String> groups = ReviewFields.strings(spec.has("groups") ? spec.get("groups") : spec.get("group"), "spec.groups");
        String uid = ReviewFields.text(spec, "uid", "spec.uid");
        Map<String, List<String>> extra = new LinkedHashMap<>();
        JsonNode extraNode = spec.get("extra");
        if (extraNode != null && !extraNode.isNull()) {
            if (!extraNode.isObject()) {
                throw new InvalidReviewException("spec.extra must be an object of string lists");
            }
            Iterator<Map.Entry<String, JsonNode>> it = extraNode.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                extra.put(e.getKey(), ReviewFields.strings(e.getValue(), "spec.extra." + e.getKey()));
            }
        }
        if (user.isEmpty() && groups.isEmpty()) {
            throw new InvalidReviewException("at least one of spec.user and spec.groups must be set");
        }
        UserInfo who = new UserInfo(user, uid, groups, extra);
        JsonNode res = spec.get("resourceAttributes");
        JsonNode nonRes = spec.get("nonResourceAttributes");
        boolean hasRes = res != null && !res.isNull();
        boolean hasNonRes = nonRes != null && !nonRes.isNull();
        if (hasRes == hasNonRes) {
            throw new InvalidReviewException("exactly one of spec.resourceAttributes and spec.nonResourceAttributes must be set");
        }
        if (hasRes) {
            if (!res.isObject()) {
                throw new InvalidReviewException("spec.resourceAttributes must be an object");
            }
            String p = "spec.resourceAttributes.";
            return new RequestAttributes(who, ReviewFields.text(res, "verb", p + "verb"), ReviewFields.text(res, "namespace", p + "namespace"),
                    ReviewFields.text(res, "group", p + "group"), ReviewFields.text(res, "version", p + "version"),
                    ReviewFields.text(res, "resource", p + "resource"), ReviewFields.text(res, "subresource", p + "subresource"),
                    ReviewFields.text(res, "name", p + "name"), true, "");
        }
        if (!nonRes.isObject()) {
            throw new InvalidReviewException("spec.nonResourceAttributes must be an object");
        }
        String p = "spec.nonResourceAttributes.";
        return RequestAttributes.nonResource(who, ReviewFields.text(nonRes, "verb", p + "verb"), ReviewFields.text(nonRes, "path", p + "path"));
    }

    /** The SubjectAccessReview (authorization.k8s.io/v1) that asks about {@code request}; what {@link #toAttributes} reads back. */
    public static ObjectNode review(RequestAttributes request) {
        ObjectNode review = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        review.put("apiVersion", "authorization.k8s.io/v1");
        review.put("kind", "SubjectAccessReview");
        ObjectNode spec = review.putObject("spec");
        spec.put("user", request.user().name());
        if (!request.user().uid().isEmpty()) {
            spec.put("uid", request.user().uid());
        }
        request.user().groups().forEach(spec.putArray("groups")::add);
        if (!request.user().extra().isEmpty()) {
            ObjectNode extra = spec.putObject("extra");
            request.user().extra().forEach((k, v) -> v.forEach(extra.putArray(k)::add));
        }
        if (request.resourceRequest()) {
            ObjectNode res = spec.putObject("resourceAttributes");
            putIfSet(res, "namespace", request.namespace());
            putIfSet(res, "verb", request.verb());
            putIfSet(res, "group", request.apiGroup());
            putIfSet(res, "version", request.apiVersion());
            putIfSet(res, "resource", request.resource());
            putIfSet(res, "subresource", request.subresource());
            putIfSet(res, "name", request.name());
        } else {
            ObjectNode res = spec.putObject("nonResourceAttributes");
            putIfSet(res, "path", request.path());
            putIfSet(res, "verb", request.verb());
        }
        return review;
    }

    private static void putIfSet(ObjectNode node, String field, String value) {
        if (!value.isEmpty()) {
            node.put(field, value);
        }
    }

    /** The review with its {@code status} set from the decision; every other field is kept as it was. */
    public static ObjectNode withStatus(ObjectNode review, Decision decision) {
        ObjectNode status = JsonNodeFactory.instance.objectNode();
        status.put("allowed", decision.verdict() == Verdict.ALLOW);
        // as the apiserver answers: "denied" only when an authorizer said DENY, not when the
        // chain ran out of opinions (Kubernetes' NoOpinion is not allowed, but not denied either)
        if (decision.verdict() == Verdict.DENY && !AuthorizerChain.deniedForLackOfOpinion(decision)) {
            status.put("denied", true);
        }
        String reason = decision.reasonText();
        if (!reason.isEmpty()) {
            status.put("reason", reason);
        }
        if (!decision.errors().isEmpty()) {
            status.put("evaluationError", decision.errorText());
        }
        review.set("status", status);
        return review;
    }

    /** The answer for a line or document that could not be read as a review: never allowed. */
    public static ObjectNode invalid(JsonNode original, String error) {
        ObjectNode out = original != null && original.isObject()
                ? ((ObjectNode) original).deepCopy()
                : JsonNodeFactory.instance.objectNode();
        if (!out.has("apiVersion")) {
            out.put("apiVersion", "authorization.k8s.io/v1");
        }
        if (!out.has("kind")) {
            out.put("kind", "SubjectAccessReview");
        }
        ObjectNode status = JsonNodeFactory.instance.objectNode();
        status.put("allowed", false);
        status.put("evaluationError", error);
        out.set("status", status);
        return out;
    }
}

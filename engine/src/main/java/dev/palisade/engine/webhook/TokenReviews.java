package dev.palisade.engine.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palisade.engine.authn.AuthenticationResult;
import dev.palisade.engine.request.UserInfo;
import dev.palisade.engine.wire.InvalidReviewException;
import dev.palisade.engine.wire.ReviewFields;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * TokenReview ({@code authentication.k8s.io/v1}, also v1beta1) both ways: the request a webhook
 * authenticator sends and the status it reads back, and, for {@code palisade authenticate}, the
 * token of an incoming review and the status written onto it. The token is read from and
 * written to the review only; it is never echoed into a status or an error.
 */
public final class TokenReviews {
    public static final String API_VERSION = "authentication.k8s.io/v1";
    private static final Set<String> API_VERSIONS = Set.of(API_VERSION, "authentication.k8s.io/v1beta1");
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private TokenReviews() {}

    /** The status part of a TokenReview answer. */
    public record Status(boolean authenticated, UserInfo user, List<String> audiences, String error) {
        public Status {
            audiences = List.copyOf(audiences);
        }
    }

    public static ObjectNode request(String token, List<String> audiences) {
        ObjectNode review = F.objectNode();
        review.put("apiVersion", API_VERSION);
        review.put("kind", "TokenReview");
        ObjectNode spec = review.putObject("spec");
        spec.put("token", token);
        if (!audiences.isEmpty()) {
            ArrayNode a = spec.putArray("audiences");
            audiences.forEach(a::add);
        }
        return review;
    }

    /** Reads a webhook's answer strictly: an authenticated status must name a user. */
    public static Status status(JsonNode review) throws InvalidReviewException {
        checkHeader(review);
        JsonNode status = review.get("status");
        if (status == null || !status.isObject()) {
            throw new InvalidReviewException("TokenReview answer has no status");
        }
        JsonNode authenticated = status.get("authenticated");
        if (authenticated != null && !authenticated.isNull() && !authenticated.isBoolean()) {
            throw new InvalidReviewException("status.authenticated must be true or false");
        }
        boolean ok = authenticated != null && authenticated.asBoolean(false);
        String error = ReviewFields.text(status, "error", "status.error");
        List<String> audiences = ReviewFields.strings(status.get("audiences"), "status.audiences");
        if (!ok) {
            return new Status(false, new UserInfo("", "", List.of(), Map.of()), audiences, error);
        }
        JsonNode user = status.get("user");
        if (user == null || !user.isObject()) {
            throw new InvalidReviewException("status.user is missing from an authenticated TokenReview");
        }
        String username = ReviewFields.text(user, "username", "status.user.username");
        if (username.isEmpty()) {
            throw new InvalidReviewException("status.user.username is empty in an authenticated TokenReview");
        }
        Map<String, List<String>> extra = new LinkedHashMap<>();
        JsonNode extraNode = user.get("extra");
        if (extraNode != null && !extraNode.isNull()) {
            if (!extraNode.isObject()) {
                throw new InvalidReviewException("status.user.extra must be an object of string lists");
            }
            Iterator<Map.Entry<String, JsonNode>> it = extraNode.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                extra.put(e.getKey(), ReviewFields.strings(e.getValue(), "status.user.extra." + e.getKey()));
            }
        }
        UserInfo info = new UserInfo(username, ReviewFields.text(user, "uid", "status.user.uid"),
                ReviewFields.strings(user.get("groups"), "status.user.groups"), extra);
        return new Status(true, info, audiences, error);
    }

    /** The token of an incoming review ({@code palisade authenticate}); empty is an error. */
    public static String token(JsonNode review) throws InvalidReviewException {
        checkHeader(review);
        JsonNode spec = review.get("spec");
        if (spec == null || !spec.isObject()) {
            throw new InvalidReviewException("spec is missing");
        }
        String token = ReviewFields.text(spec, "token", "spec.token");
        if (token.isEmpty()) {
            for (java.util.Iterator<String> names = spec.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (name.equalsIgnoreCase("token")) {
                    throw new InvalidReviewException("spec." + name + " is not read: field names are case-sensitive, write spec.token");
                }
            }
            throw new InvalidReviewException("spec.token is missing or empty");
        }
        return token;
    }

    /** The audiences of an incoming review. */
    public static List<String> audiences(JsonNode review) throws InvalidReviewException {
        JsonNode spec = review.get("spec");
        return spec == null ? List.of() : ReviewFields.strings(spec.get("audiences"), "spec.audiences");
    }

    /**
     * The review with {@code status} set from an authentication result, every other field kept
     * except the token itself: a secret is never written back out (answers end up in logs and
     * pipes), as the webhook response format also leaves it out.
     */
    public static ObjectNode withStatus(ObjectNode review, AuthenticationResult result, List<String> audiences) {
        withoutToken(review);
        ObjectNode status = F.objectNode();
        status.put("authenticated", result.authenticated());
        if (result.authenticated()) {
            ObjectNode user = status.putObject("user");
            user.put("username", result.user().name());
            if (!result.user().uid().isEmpty()) {
                user.put("uid", result.user().uid());
            }
            ArrayNode groups = user.putArray("groups");
            result.user().groups().forEach(groups::add);
            if (!result.user().extra().isEmpty()) {
                ObjectNode extra = user.putObject("extra");
                result.user().extra().forEach((k, v) -> {
                    ArrayNode values = extra.putArray(k);
                    v.forEach(values::add);
                });
            }
            if (!audiences.isEmpty()) {
                ArrayNode a = status.putArray("audiences");
                audiences.forEach(a::add);
            }
        } else {
            status.put("error", result.reason());
        }
        review.set("status", status);
        return review;
    }

    /** The answer for input that is not a TokenReview: never authenticated. */
    public static ObjectNode invalid(JsonNode original, String error) {
        ObjectNode out = original != null && original.isObject() ? ((ObjectNode) original).deepCopy() : F.objectNode();
        withoutToken(out);
        if (!out.has("apiVersion")) {
            out.put("apiVersion", API_VERSION);
        }
        if (!out.has("kind")) {
            out.put("kind", "TokenReview");
        }
        ObjectNode status = F.objectNode();
        status.put("authenticated", false);
        status.put("error", error);
        out.set("status", status);
        return out;
    }

    /**
     * Removes whatever may hold the token: every spec field named token in any case (decoders
     * differ on case), and a spec that is not an object at all (a token given as the whole spec).
     */
    private static void withoutToken(ObjectNode review) {
        JsonNode spec = review.get("spec");
        if (spec instanceof ObjectNode fields) {
            List<String> names = new java.util.ArrayList<>();
            fields.fieldNames().forEachRemaining(names::add);
            names.stream().filter(n -> n.equalsIgnoreCase("token")).forEach(fields::remove);
        } else if (spec != null) {
            review.remove("spec");
        }
    }

    private static void checkHeader(JsonNode review) throws InvalidReviewException {
        if (review == null || !review.isObject()) {
            throw new InvalidReviewException("expected a TokenReview JSON object");
        }
        String apiVersion = ReviewFields.text(review, "apiVersion", "apiVersion");
        if (!API_VERSIONS.contains(apiVersion)) {
            throw new InvalidReviewException("apiVersion \"" + apiVersion + "\" is not supported (expected authentication.k8s.io/v1 or v1beta1)");
        }
        String kind = ReviewFields.text(review, "kind", "kind");
        if (!"TokenReview".equals(kind)) {
            throw new InvalidReviewException("kind \"" + kind + "\" is not TokenReview");
        }
    }
}

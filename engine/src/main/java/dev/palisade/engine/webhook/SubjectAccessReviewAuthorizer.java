package dev.palisade.engine.webhook;

import dev.palisade.engine.authz.FailurePolicy;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palisade.engine.authz.Authorizer;
import dev.palisade.engine.authz.Decision;
import dev.palisade.engine.authz.Reason;
import dev.palisade.engine.authz.Verdict;
import dev.palisade.engine.request.RequestAttributes;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Authorization by a remote SubjectAccessReview webhook ({@code authorization.k8s.io/v1}), as the
 * apiserver's Webhook authorizer: {@code allowed} is ALLOW, {@code denied} is DENY, neither is
 * NO_OPINION. Allowed answers are cached for {@code allowTTL}, denied and no-opinion ones for
 * {@code denyTTL} (keyed by the whole review spec). When the webhook fails, the failure policy
 * answers: DENY or NO_OPINION, both carrying the error, never ALLOW.
 */
public final class SubjectAccessReviewAuthorizer implements Authorizer {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private final String name;
    private final WebhookClient client;
    private final Duration allowTTL;
    private final Duration denyTTL;
    private final FailurePolicy failurePolicy;
    private final WebhookAnswers<Decision> cache;

    public SubjectAccessReviewAuthorizer(String name, WebhookClient client, Duration allowTTL, Duration denyTTL,
                                         FailurePolicy failurePolicy, Clock clock) {
        this.name = name;
        this.client = client;
        this.allowTTL = allowTTL;
        this.denyTTL = denyTTL;
        this.failurePolicy = failurePolicy;
        this.cache = new WebhookAnswers<>(clock);
    }

    /** The webhook applies its own failurePolicy (a failure is already a DENY or NO_OPINION); the chain is told the same. */
    @Override
    public FailurePolicy defaultFailurePolicy() {
        return failurePolicy;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Decision authorize(RequestAttributes request) {
        ObjectNode review = review(request);
        String key = review.get("spec").toString();
        Decision cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        JsonNode answer;
        try {
            answer = client.post(review);
        } catch (WebhookException e) {
            return failed(e.getMessage());
        }
        JsonNode status = answer.get("status");
        if (status == null || !status.isObject() || !status.path("allowed").isBoolean()
                || status.has("denied") && !status.get("denied").isBoolean()) {
            return failed("webhook answer has no valid status (allowed must be true or false)");
        }
        boolean allowed = status.get("allowed").booleanValue();
        boolean denied = status.path("denied").asBoolean(false);
        String reason = status.path("reason").isTextual() ? status.get("reason").textValue() : "";
        String evaluationError = status.path("evaluationError").isTextual() ? status.get("evaluationError").textValue() : "";
        Decision d;
        if (allowed && denied) {
            return failed("webhook answered both allowed and denied");
        } else if (allowed) {
            d = Decision.allow(new Reason(name, "", reason.isEmpty() ? "allowed by webhook" : reason, client.endpoint().url().toString()));
            cache.put(key, d, allowTTL);
        } else if (denied) {
            d = new Decision(Verdict.DENY, List.of(new Reason(name, "", reason.isEmpty() ? "denied by webhook" : reason,
                    client.endpoint().url().toString())), evaluationError.isEmpty() ? List.of() : List.of(name + ": " + evaluationError));
            cache.put(key, d, denyTTL);
        } else {
            d = new Decision(Verdict.NO_OPINION, List.of(), evaluationError.isEmpty() ? List.of() : List.of(name + ": " + evaluationError));
            cache.put(key, d, denyTTL);
        }
        return d;
    }

    private Decision failed(String error) {
        String message = name + ": " + error;
        if (failurePolicy == FailurePolicy.DENY) {
            return new Decision(Verdict.DENY, List.of(new Reason(name, "", "webhook failed; failure policy is Deny", "")), List.of(message));
        }
        return Decision.error(message);
    }

    /** The SubjectAccessReview v1 the apiserver would send for these attributes. */
    public static ObjectNode review(RequestAttributes r) {
        ObjectNode review = F.objectNode();
        review.put("apiVersion", "authorization.k8s.io/v1");
        review.put("kind", "SubjectAccessReview");
        ObjectNode spec = review.putObject("spec");
        if (r.resourceRequest()) {
            ObjectNode a = spec.putObject("resourceAttributes");
            putIfSet(a, "namespace", r.namespace());
            putIfSet(a, "verb", r.verb());
            putIfSet(a, "group", r.apiGroup());
            putIfSet(a, "version", r.apiVersion());
            putIfSet(a, "resource", r.resource());
            putIfSet(a, "subresource", r.subresource());
            putIfSet(a, "name", r.name());
        } else {
            ObjectNode a = spec.putObject("nonResourceAttributes");
            putIfSet(a, "path", r.path());
            putIfSet(a, "verb", r.verb());
        }
        putIfSet(spec, "user", r.user().name());
        putIfSet(spec, "uid", r.user().uid());
        if (!r.user().groups().isEmpty()) {
            ArrayNode groups = spec.putArray("groups");
            r.user().groups().forEach(groups::add);
        }
        if (!r.user().extra().isEmpty()) {
            ObjectNode extra = spec.putObject("extra");
            r.user().extra().forEach((k, v) -> {
                ArrayNode values = extra.putArray(k);
                v.forEach(values::add);
            });
        }
        return review;
    }

    private static void putIfSet(ObjectNode node, String field, String value) {
        if (!value.isEmpty()) {
            node.put(field, value);
        }
    }
}

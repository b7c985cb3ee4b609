package dev.palisade.engine.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palisade.engine.PolicyEngine;
import dev.palisade.engine.authz.StaticAuthorizer;
import dev.palisade.engine.config.Limits;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one place a review becomes an answer: limits, failures and the server's body entry. */
class ReviewResponderTest {
    private static final PolicyEngine ALLOW_ALL = PolicyEngine.builder().add(StaticAuthorizer.alwaysAllow())
            .limits(Limits.DEFAULTS.with(Map.of("maxGroupsPerRequest", 3, "maxRequestBytes", 400))).build();

    private static String review(int groups) {
        StringBuilder g = new StringBuilder();
        for (int i = 0; i < groups; i++) {
            g.append(i == 0 ? "" : ",").append("\"g").append(i).append('"');
        }
        return "{\"apiVersion\":\"authorization.k8s.io/v1\",\"kind\":\"SubjectAccessReview\",\"spec\":{\"user\":\"u\",\"groups\":["
                + g + "],\"resourceAttributes\":{\"verb\":\"get\",\"resource\":\"pods\"}}}";
    }

    private final ReviewResponder<?> responder = new ReviewResponder<>(ALLOW_ALL, ReviewProtocols.SUBJECT_ACCESS_REVIEW);

    @Test
    void withinTheLimitsAReviewIsJudged() {
        ReviewResponder.Result r = responder.answerBody(review(3).getBytes(StandardCharsets.UTF_8));
        assertEquals(ReviewResponder.Outcome.ANSWERED, r.outcome());
        assertTrue(r.body().at("/status/allowed").asBoolean());
    }

    @Test
    void moreGroupsThanTheLimitIsAnInvalidReviewNamingFieldAndLimit() {
        ReviewResponder.Result r = responder.answerBody(review(4).getBytes(StandardCharsets.UTF_8));
        assertEquals(ReviewResponder.Outcome.INVALID, r.outcome());
        assertFalse(r.body().at("/status/allowed").asBoolean());
        assertEquals("request body: spec.groups has 4 entries, more than 3 (limits.maxGroupsPerRequest)",
                r.body().at("/status/evaluationError").asText());
    }

    @Test
    void aBodyOverTheLimitIsNotParsed() {
        byte[] body = (review(1) + " ".repeat(400)).getBytes(StandardCharsets.UTF_8);
        ReviewResponder.Result r = responder.answerBody(body);
        assertEquals(ReviewResponder.Outcome.INVALID, r.outcome());
        assertEquals("request body: " + body.length + " bytes is more than 400 (limits.maxRequestBytes)",
                r.body().at("/status/evaluationError").asText());
    }

    @Test
    void anAnswerEchoingAReviewAsDeepAsTheLimitAllowsIsWritten() {
        PolicyEngine deepOk = PolicyEngine.builder().add(StaticAuthorizer.alwaysAllow())
                .limits(Limits.DEFAULTS.with(Map.of("maxNestingDepth", 1500))).build();
        ReviewResponder<?> r = new ReviewResponder<>(deepOk, ReviewProtocols.SUBJECT_ACCESS_REVIEW);
        String review = review(1).replace("\"spec\":", "\"deep\":" + "[".repeat(1400) + "]".repeat(1400) + ",\"spec\":");
        ReviewResponder.Result result = r.answerBody(review.getBytes(StandardCharsets.UTF_8));
        assertEquals(ReviewResponder.Outcome.ANSWERED, result.outcome());
        ReviewResponder.Written w = r.write(result, "request body");
        assertEquals(ReviewResponder.Outcome.ANSWERED, w.result().outcome(), "written with its echo, past Jackson's 1,000");
        assertTrue(new String(w.bytes(), StandardCharsets.UTF_8).contains("\"allowed\":true"));
    }

    @Test
    void aLoneSurrogateIsWrittenAsItsEscape() {
        ReviewResponder.Result result = responder.answerBody(review(1).replace("\"u\"", "\"u\\ud800\"")
                .getBytes(StandardCharsets.UTF_8));
        String written = new String(responder.write(result, "request body").bytes(), StandardCharsets.UTF_8);
        assertTrue(written.contains("\"user\":\"u\\uD800\""), written);
    }

    @Test
    void anExceptionWhileJudgingIsThatReviewsRefusalWithoutItsMessage() {
        ReviewProtocol<String> throwing = new ReviewProtocol<>() {
            @Override
            public String kind() {
                return "SubjectAccessReview";
            }

            @Override
            public String read(JsonNode review) {
                return "x";
            }

            @Override
            public Answer answer(PolicyEngine engine, JsonNode review, String request) {
                throw new IllegalStateException("secret-in-message");
            }

            @Override
            public ObjectNode invalid(JsonNode review, String message) {
                return SubjectAccessReviews.invalid(review, message);
            }
        };
        ReviewResponder.Result r = new ReviewResponder<>(ALLOW_ALL, throwing).answer(
                ReviewProtocols.SUBJECT_ACCESS_REVIEW.invalid(null, "x"), "line 7");
        assertEquals(ReviewResponder.Outcome.INVALID, r.outcome());
        assertFalse(r.body().at("/status/allowed").asBoolean());
        assertEquals("line 7: cannot judge this SubjectAccessReview (internal error: IllegalStateException)",
                r.body().at("/status/evaluationError").asText());
        assertFalse(r.body().toString().contains("secret-in-message"));
    }
}

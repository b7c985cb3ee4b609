package dev.palisade.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palisade.engine.PolicyEngine;
import dev.palisade.engine.admission.AdmissionRequest;
import dev.palisade.engine.admission.PlainJson;
import dev.palisade.engine.admission.AdmissionReviews;
import dev.palisade.engine.explain.AdmissionExplanation;
import dev.palisade.engine.explain.AuthorizationExplanation;
import dev.palisade.engine.explain.Explainer;
import dev.palisade.engine.explain.ExplanationJson;
import dev.palisade.engine.explain.ExplanationText;
import dev.palisade.engine.wire.InvalidReviewException;
import dev.palisade.engine.wire.SubjectAccessReviews;

/** Picks the explanation for a review by its kind. */
final class ReviewExplainer {
    private final Explainer explainer;
    private final PolicyEngine engine;
    private final java.util.Map<String, java.util.List<JsonNode>> data;

    /** One review explained, as text and as JSON. */
    record Explained(boolean allowed, String text, ObjectNode json) {}

    ReviewExplainer(Explainer explainer, PolicyEngine engine, java.util.Map<String, java.util.List<JsonNode>> data) {
        this.explainer = explainer;
        this.engine = engine;
        this.data = data;
    }

    Explained explain(JsonNode review) throws InvalidReviewException {
        String kind = review.path("kind").asText("");
        if (kind.equals("SubjectAccessReview")) {
            AuthorizationExplanation e = explainer.explain(SubjectAccessReviews.toAttributes(review));
            return new Explained(e.decision().allowed(), ExplanationText.render(e), ExplanationJson.render(e));
        }
        if (kind.equals("AdmissionReview")) {
            AdmissionRequest request;
            try {
                request = AdmissionReviews.toRequest(review);
                if (!data.isEmpty()) {
                    request = request.withData(PlainJson.data(data));
                }
            } catch (InvalidReviewException e) {
                throw e;
            } catch (Exception e) {
                throw new InvalidReviewException(e.getMessage());
            }
            AdmissionExplanation e = explainer.explain(request);
            return new Explained(e.decision().allowed(), ExplanationText.render(e), ExplanationJson.render(e));
        }
        throw new InvalidReviewException("kind must be SubjectAccessReview or AdmissionReview, got \"" + kind + "\"");
    }
}

package dev.palisade.server.webhook;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palisade.engine.PolicyEngine;
import dev.palisade.engine.authz.Decision;
import dev.palisade.engine.wire.InvalidReviewException;
import dev.palisade.engine.wire.SubjectAccessReviews;
import dev.palisade.server.EngineSource;
import dev.palisade.server.HttpResponse;
import java.io.IOException;

/**
 * {@code POST /apis/authorization.k8s.io/{v1,v1beta1}/subjectaccessreviews}: the authorization
 * webhook. The review comes back in the version it was asked in, with {@code status} filled, as
 * {@code palisade authorize} answers it.
 */
public final class SubjectAccessReviewHandler extends ReviewHandler {
    public SubjectAccessReviewHandler(EngineSource engines) {
        super(engines);
    }

    @Override
    protected String kind() {
        return "SubjectAccessReview";
    }

    @Override
    protected HttpResponse answer(PolicyEngine engine, ObjectNode review) throws InvalidReviewException, IOException {
        Decision decision = engine.authorize(SubjectAccessReviews.toAttributes(review));
        ObjectNode answer = SubjectAccessReviews.withStatus(review, decision);
        return json(answer, answer.path("status").path("allowed").asBoolean(false) ? "allowed" : "denied");
    }
}

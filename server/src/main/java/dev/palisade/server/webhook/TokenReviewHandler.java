package dev.palisade.server.webhook;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palisade.engine.PolicyEngine;
import dev.palisade.engine.authn.AuthenticationResult;
import dev.palisade.engine.authn.Credentials;
import dev.palisade.engine.webhook.TokenReviews;
import dev.palisade.engine.wire.InvalidReviewException;
import dev.palisade.server.EngineSource;
import dev.palisade.server.HttpResponse;
import java.io.IOException;

/**
 * {@code POST /apis/authentication.k8s.io/{v1,v1beta1}/tokenreviews}: the authentication webhook,
 * answered as {@code palisade authenticate} answers it. The token is dropped from the answer by
 * {@link TokenReviews#withStatus}; it reaches no log or metric (those see only the verdict).
 */
public final class TokenReviewHandler extends ReviewHandler {
    public TokenReviewHandler(EngineSource engines) {
        super(engines);
    }

    @Override
    protected String kind() {
        return "TokenReview";
    }

    @Override
    protected HttpResponse answer(PolicyEngine engine, ObjectNode review) throws InvalidReviewException, IOException {
        String token = TokenReviews.token(review);
        AuthenticationResult result = engine.authenticate(Credentials.bearer(token));
        ObjectNode answer = TokenReviews.withStatus(review, result, TokenReviews.audiences(review));
        return json(answer, result.authenticated() ? "authenticated" : "unauthenticated");
    }
}

package dev.palisade.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palisade.engine.PolicyEngine;
import dev.palisade.engine.authn.Credentials;
import dev.palisade.engine.webhook.TokenReviews;
import dev.palisade.engine.wire.InvalidReviewException;
import picocli.CommandLine.Command;

/**
 * {@code palisade authenticate -c CONFIG [FILE|-]}: TokenReviews in (one JSON document, or JSON
 * lines), each out with {@code status} filled by the configured authenticator chain, one compact
 * line per input. A malformed input is answered {@code authenticated: false} with an error, the
 * stream goes on, and the exit code is 2. Tokens are never written out, to stdout or stderr.
 */
@Command(name = "authenticate", description = "Answer TokenReviews (authentication.k8s.io/v1) from a file or stdin.")
final class AuthenticateCommand extends ReviewCommand {
    @Override
    protected ObjectNode answer(PolicyEngine engine, JsonNode review) throws InvalidReviewException {
        String token = TokenReviews.token(review);
        return TokenReviews.withStatus(((ObjectNode) review).deepCopy(),
                engine.authenticate(Credentials.bearer(token)), TokenReviews.audiences(review));
    }

    @Override
    protected ObjectNode invalid(JsonNode review, String message) {
        return TokenReviews.invalid(review, message);
    }
}

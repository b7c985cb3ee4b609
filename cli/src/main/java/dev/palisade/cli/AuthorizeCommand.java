package dev.palisade.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palisade.engine.PolicyEngine;
import dev.palisade.engine.wire.InvalidReviewException;
import dev.palisade.engine.wire.SubjectAccessReviews;
import picocli.CommandLine.Command;

/**
 * {@code palisade authorize -c CONFIG [FILE|-]}: SubjectAccessReviews in (one JSON document, or
 * JSON lines), each review out with its {@code status} filled, one compact line per input, in
 * input order. A malformed input yields {@code allowed: false} with an {@code evaluationError}
 * and the stream goes on; the exit code is then 2.
 */
@Command(name = "authorize", description = "Answer SubjectAccessReviews (authorization.k8s.io/v1) from a file or stdin.")
final class AuthorizeCommand extends ReviewCommand {
    @Override
    protected ObjectNode answer(PolicyEngine engine, JsonNode review) throws InvalidReviewException {
        return SubjectAccessReviews.withStatus(((ObjectNode) review).deepCopy(),
                engine.authorize(SubjectAccessReviews.toAttributes(review)));
    }

    @Override
    protected ObjectNode invalid(JsonNode review, String message) {
        return SubjectAccessReviews.invalid(review, message);
    }
}

package dev.palisade.engine.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palisade.engine.PolicyEngine;
import dev.palisade.engine.authz.Decision;
import dev.palisade.engine.request.RequestAttributes;
import dev.palisade.engine.wire.InvalidReviewException;
import dev.palisade.engine.wire.SubjectAccessReviews;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code palisade authorize -c CONFIG [FILE|-]}: SubjectAccessReviews in (one JSON document, or
 * JSON lines), each review out with its {@code status} filled, one compact line per input, in
 * input order. A malformed input yields {@code allowed: false} with an {@code evaluationError}
 * and the stream goes on; the exit code is then 2.
 */
@Command(name = "authorize", description = "Answer SubjectAccessReviews (authorization.k8s.io/v1) from a file or stdin.")
final class AuthorizeCommand implements Callable<Integer> {
    @Option(names = {"-c", "--config"}, required = true, paramLabel = "CONFIG", description = "palisade.yaml")
    Path config;

    @Parameters(arity = "0..1", paramLabel = "FILE", defaultValue = "-",
            description = "A SubjectAccessReview JSON document or JSON lines; '-' (default) reads stdin.")
    String input;

    @Spec
    CommandSpec spec;

    private final ObjectMapper json = ReviewInput.JSON;
    private String where;
    private PolicyEngine engine;
    private PrintWriter out;
    private PrintWriter err;
    private int inputErrors;

    @Override
    public Integer call() throws IOException {
        out = spec.commandLine().getOut();
        err = spec.commandLine().getErr();
        engine = ConfiguredEngine.load(config, err).orElse(null);
        if (engine == null) {
            return PalisadeCommand.INPUT_ERROR;
        }
        ReviewInput reviews = new ReviewInput(input);
        if (!reviews.exists(err)) {
            return PalisadeCommand.INPUT_ERROR;
        }
        where = reviews.displayName();
        reviews.read(new ReviewInput.Handler() {
            @Override
            public void review(JsonNode review, int line) {
                answer(review, line);
            }

            @Override
            public void malformed(int line, String message) {
                fail(null, line, message);
            }
        });
        out.flush();
        err.flush();
        return inputErrors > 0 ? PalisadeCommand.INPUT_ERROR : PalisadeCommand.OK;
    }

    private void answer(JsonNode node, int number) {
        RequestAttributes request;
        try {
            request = SubjectAccessReviews.toAttributes(node);
        } catch (InvalidReviewException e) {
            fail(node, number, e.getMessage());
            return;
        }
        Decision decision = engine.authorize(request);
        emit(SubjectAccessReviews.withStatus(((ObjectNode) node).deepCopy(), decision));
    }

    private void fail(JsonNode node, int number, String message) {
        inputErrors++;
        err.println(where + ":" + number + ": " + message);
        emit(SubjectAccessReviews.invalid(node, "line " + number + ": " + message));
    }

    private void emit(ObjectNode review) {
        try {
            out.println(json.writeValueAsString(review));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }
}

package dev.palisade.engine.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palisade.engine.PolicyEngine;
import dev.palisade.engine.authn.AuthenticationResult;
import dev.palisade.engine.authn.Credentials;
import dev.palisade.engine.webhook.TokenReviews;
import dev.palisade.engine.wire.InvalidReviewException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code palisade authenticate -c CONFIG [FILE|-]}: TokenReviews in (one JSON document, or JSON
 * lines), each out with {@code status} filled by the configured authenticator chain, one compact
 * line per input. A malformed input is answered {@code authenticated: false} with an error, the
 * stream goes on, and the exit code is 2. Tokens are never written to stderr.
 */
@Command(name = "authenticate", description = "Answer TokenReviews (authentication.k8s.io/v1) from a file or stdin.")
final class AuthenticateCommand implements Callable<Integer> {
    @Option(names = {"-c", "--config"}, required = true, paramLabel = "CONFIG", description = "palisade.yaml")
    Path config;

    @Parameters(arity = "0..1", paramLabel = "FILE", defaultValue = "-",
            description = "A TokenReview JSON document or JSON lines; '-' (default) reads stdin.")
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

    private void answer(JsonNode review, int number) {
        String token;
        List<String> audiences;
        try {
            token = TokenReviews.token(review);
            audiences = TokenReviews.audiences(review);
        } catch (InvalidReviewException e) {
            fail(review, number, e.getMessage());
            return;
        }
        AuthenticationResult result = engine.authenticate(Credentials.bearer(token));
        emit(TokenReviews.withStatus(((ObjectNode) review).deepCopy(), result, audiences));
    }

    /** Never echoes the input line: it may hold a token. */
    private void fail(JsonNode review, int number, String message) {
        inputErrors++;
        err.println(where + ":" + number + ": " + message);
        emit(TokenReviews.invalid(review, "line " + number + ": " + message));
    }

    private void emit(ObjectNode review) {
        try {
            out.println(json.writeValueAsString(review));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }
}

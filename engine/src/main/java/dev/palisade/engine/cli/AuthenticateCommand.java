package dev.palisade.engine.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palisade.engine.PolicyEngine;
import dev.palisade.engine.authn.AuthenticationResult;
import dev.palisade.engine.authn.Credentials;
import dev.palisade.engine.config.ConfigException;
import dev.palisade.engine.webhook.TokenReviews;
import dev.palisade.engine.wire.InvalidReviewException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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

    private final ObjectMapper json = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private int inputErrors;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        PolicyEngine engine;
        try {
            engine = PolicyEngine.fromConfig(config);
        } catch (ConfigException e) {
            e.problems().forEach(err::println);
            err.flush();
            return PalisadeCommand.INPUT_ERROR;
        }
        String text;
        if ("-".equals(input)) {
            text = new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
        } else if (Files.isRegularFile(Path.of(input))) {
            text = Files.readString(Path.of(input), StandardCharsets.UTF_8);
        } else {
            err.println(input + ": no such file");
            err.flush();
            return PalisadeCommand.INPUT_ERROR;
        }
        List<String> lines = text.lines().toList();
        String where = "-".equals(input) ? "<stdin>" : input;
        // JSON lines when the first non-blank line is a JSON value by itself; otherwise one document
        if (!isJson(firstNonBlank(lines)) && isJson(text)) {
            out.println(answer(engine, json.readTree(text), where + ":1", err));
        } else {
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).isBlank()) {
                    continue;
                }
                JsonNode node;
                try {
                    node = json.readTree(lines.get(i));
                } catch (JsonProcessingException e) {
                    inputErrors++;
                    err.println(where + ":" + (i + 1) + ": malformed JSON: " + e.getOriginalMessage());
                    out.println(json.writeValueAsString(TokenReviews.invalid(null, "line " + (i + 1) + ": malformed JSON")));
                    continue;
                }
                out.println(answer(engine, node, where + ":" + (i + 1), err));
            }
        }
        out.flush();
        err.flush();
        return inputErrors > 0 ? PalisadeCommand.INPUT_ERROR : PalisadeCommand.OK;
    }

    private String answer(PolicyEngine engine, JsonNode review, String where, PrintWriter err) throws JsonProcessingException {
        String token;
        List<String> audiences;
        try {
            token = TokenReviews.token(review);
            audiences = TokenReviews.audiences(review);
        } catch (InvalidReviewException e) {
            inputErrors++;
            err.println(where + ": " + e.getMessage());
            return json.writeValueAsString(TokenReviews.invalid(review, e.getMessage()));
        }
        AuthenticationResult result = engine.authenticate(Credentials.bearer(token));
        return json.writeValueAsString(TokenReviews.withStatus(((ObjectNode) review).deepCopy(), result, audiences));
    }

    private boolean isJson(String line) {
        try {
            json.readTree(line);
            return true;
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    private static String firstNonBlank(List<String> lines) {
        return lines.stream().filter(l -> !l.isBlank()).findFirst().orElse("");
    }
}

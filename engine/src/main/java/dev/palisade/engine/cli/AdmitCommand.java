package dev.palisade.engine.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palisade.engine.PolicyEngine;
import dev.palisade.engine.admission.AdmissionDecision;
import dev.palisade.engine.admission.AdmissionRequest;
import dev.palisade.engine.admission.AdmissionReviews;
import dev.palisade.engine.admission.InvalidAdmissionReviewException;
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
 * {@code palisade admit -c CONFIG [FILE|-]}: AdmissionReviews (admission.k8s.io/v1) in (one JSON
 * document, or JSON lines), each answered with a review holding {@code response} (uid copied,
 * allowed, status with one cause per violation, warnings, base64 JSONPatch), one compact line per
 * input, in input order. A malformed input is answered with a 400 status and the stream goes on;
 * the exit code is then 2, else 1 when any request was denied, else 0.
 */
@Command(name = "admit", description = "Answer AdmissionReviews (admission.k8s.io/v1) from a file or stdin.")
final class AdmitCommand implements Callable<Integer> {
    @Option(names = {"-c", "--config"}, required = true, paramLabel = "CONFIG", description = "palisade.yaml")
    Path config;

    @Parameters(arity = "0..1", paramLabel = "FILE", defaultValue = "-",
            description = "An AdmissionReview JSON document or JSON lines; '-' (default) reads stdin.")
    String input;

    @Spec
    CommandSpec spec;

    private final ObjectMapper json = ReviewInput.JSON;
    private String where;
    private PolicyEngine engine;
    private PrintWriter out;
    private PrintWriter err;
    private int inputErrors;
    private int denied;

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
        return inputErrors > 0 ? PalisadeCommand.INPUT_ERROR : denied > 0 ? PalisadeCommand.FINDINGS : PalisadeCommand.OK;
    }

    private void answer(JsonNode node, int number) {
        AdmissionRequest request;
        try {
            request = AdmissionReviews.toRequest(node);
        } catch (InvalidAdmissionReviewException e) {
            fail(node, number, e.getMessage());
            return;
        }
        AdmissionDecision decision = engine.admit(request);
        if (!decision.allowed()) {
            denied++;
        }
        emit(AdmissionReviews.response(AdmissionReviews.answerVersion(node), request.uid(), decision));
    }

    private void fail(JsonNode node, int number, String message) {
        inputErrors++;
        err.println(where + ":" + number + ": " + message);
        emit(AdmissionReviews.invalid(node, "line " + number + ": " + message));
    }

    private void emit(ObjectNode review) {
        try {
            out.println(json.writeValueAsString(review));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }
}

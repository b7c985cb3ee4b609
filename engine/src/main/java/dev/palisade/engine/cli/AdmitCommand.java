package dev.palisade.engine.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palisade.engine.PolicyEngine;
import dev.palisade.engine.admission.AdmissionDecision;
import dev.palisade.engine.admission.AdmissionRequest;
import dev.palisade.engine.admission.AdmissionReviews;
import dev.palisade.engine.admission.InvalidAdmissionReviewException;
import dev.palisade.engine.config.ConfigException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

    private final ObjectMapper json = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private PolicyEngine engine;
    private PrintWriter out;
    private PrintWriter err;
    private int inputErrors;
    private int denied;

    @Override
    public Integer call() throws IOException {
        out = spec.commandLine().getOut();
        err = spec.commandLine().getErr();
        try {
            engine = PolicyEngine.fromConfig(config);
        } catch (ConfigException e) {
            e.problems().forEach(err::println);
            err.flush();
            return PalisadeCommand.INPUT_ERROR;
        }
        if (!"-".equals(input) && !Files.isRegularFile(Path.of(input))) {
            err.println(input + ": no such file");
            err.flush();
            return PalisadeCommand.INPUT_ERROR;
        }
        try (Reader reader = "-".equals(input)
                ? new InputStreamReader(System.in, StandardCharsets.UTF_8)
                : Files.newBufferedReader(Path.of(input), StandardCharsets.UTF_8);
             BufferedReader lines = new BufferedReader(reader, 1 << 16)) {
            process(lines);
        }
        out.flush();
        err.flush();
        return inputErrors > 0 ? PalisadeCommand.INPUT_ERROR : denied > 0 ? PalisadeCommand.FINDINGS : PalisadeCommand.OK;
    }

    /**
     * JSON lines are streamed. When the first non-blank line is not a JSON value by itself, the
     * input is one (pretty-printed) document; if even that fails, each line is reported.
     */
    private void process(BufferedReader lines) throws IOException {
        String line;
        int number = 0;
        while ((line = lines.readLine()) != null) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            if (isJsonValue(line)) {
                answerLine(line, number);
                while ((line = lines.readLine()) != null) {
                    number++;
                    if (!line.isBlank()) {
                        answerLine(line, number);
                    }
                }
                return;
            }
            List<String> rest = new ArrayList<>();
            rest.add(line);
            int first = number;
            while ((line = lines.readLine()) != null) {
                rest.add(line);
            }
            answerDocument(rest, first);
            return;
        }
    }

    private boolean isJsonValue(String line) {
        try {
            json.readTree(line);
            return true;
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    private void answerDocument(List<String> lines, int firstLine) {
        String text = String.join("\n", lines);
        try {
            answer(json.readTree(text), firstLine);
        } catch (JsonProcessingException e) {
            // not one document either: judge line by line so each bad line is named
            for (int i = 0; i < lines.size(); i++) {
                if (!lines.get(i).isBlank()) {
                    answerLine(lines.get(i), firstLine + i);
                }
            }
        }
    }

    private void answerLine(String line, int number) {
        JsonNode node;
        try {
            node = json.readTree(line);
        } catch (JsonProcessingException e) {
            fail(null, number, "malformed JSON: " + e.getOriginalMessage());
            return;
        }
        answer(node, number);
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
        String where = ("-".equals(input) ? "<stdin>" : input) + ":" + number;
        err.println(where + ": " + message);
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

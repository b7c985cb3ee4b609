package dev.palisade.cli;

import dev.palisade.PalisadeException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palisade.engine.PolicyEngine;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The shape shared by {@code authorize}, {@code admit} and {@code authenticate}: build the engine
 * a configuration describes, read reviews (one document or streamed JSON lines), write one
 * compact answer per input in input order. An input that cannot be judged is answered as the
 * wire format answers refusals, reported on stderr with its line, and the stream goes on; the
 * exit code is then 2, else 1 when {@link #findings()} counted any, else 0.
 */
abstract class ReviewCommand implements Callable<Integer> {
    @Option(names = {"-c", "--config"}, required = true, paramLabel = "CONFIG", description = "palisade.yaml")
    Path config;

    @Parameters(arity = "0..1", paramLabel = "FILE", defaultValue = "-",
            description = "A review as one JSON document or JSON lines; '-' (default) reads stdin.")
    String input;

    @Spec
    CommandSpec spec;

    private String where;
    private PrintWriter out;
    private PrintWriter err;
    private int inputErrors;

    /**
     * The answer to one review. A checked exception means the review itself is invalid: its
     * message is reported with the line and the input is answered by {@link #invalid}.
     */
    protected abstract ObjectNode answer(PolicyEngine engine, JsonNode review) throws Exception;

    /** The answer for input that could not be judged (never allowed); {@code review} may be null. */
    protected abstract ObjectNode invalid(JsonNode review, String message);

    /** How many answered reviews make the exit code 1 (e.g. denied admissions); 0 by default. */
    protected int findings() {
        return 0;
    }

    @Override
    public final Integer call() throws IOException {
        out = spec.commandLine().getOut();
        err = spec.commandLine().getErr();
        PolicyEngine engine = ConfiguredEngine.load(config, err).orElse(null);
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
                answerOne(engine, review, line);
            }

            @Override
            public void malformed(int line, String message) {
                fail(null, line, message);
            }
        });
        out.flush();
        err.flush();
        return inputErrors > 0 ? PalisadeCommand.INPUT_ERROR : findings() > 0 ? PalisadeCommand.FINDINGS : PalisadeCommand.OK;
    }

    private void answerOne(PolicyEngine engine, JsonNode review, int line) {
        ObjectNode answer;
        try {
            answer = answer(engine, review);
        } catch (PalisadeException e) {
            fail(review, line, e.getMessage());
            return;
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            fail(review, line, e.getMessage());
            return;
        }
        emit(answer);
    }

    /** Never echoes the input line itself: it may hold a secret. */
    private void fail(JsonNode review, int line, String message) {
        inputErrors++;
        err.println(where + ":" + line + ": " + message);
        emit(invalid(review, "line " + line + ": " + message));
    }

    private void emit(ObjectNode answer) {
        try {
            out.println(ReviewInput.JSON.writeValueAsString(answer));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }
}

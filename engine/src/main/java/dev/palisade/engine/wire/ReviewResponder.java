package dev.palisade.engine.wire;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palisade.PalisadeException;
import dev.palisade.engine.PolicyEngine;
import dev.palisade.engine.config.Limits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The one place where a review becomes an answer, whatever it holds: read, checked against the
 * limits, judged, and — on any failure at all, an invalid review, an exception from a converter
 * or an authorizer, even a stack overflow on absurd input — answered as the wire format answers
 * what it cannot judge (never allowed), with the reason prefixed by where the review came from.
 * Used by the CLI's review commands (through {@link ReviewStream}) and by the server (through
 * {@link #answerBody} and {@link #write}). Thread-safe when the engine is.
 */
public final class ReviewResponder<R> {
    /** What came of one review. {@code problem} is null unless {@code outcome} is INVALID. */
    public record Result(ObjectNode body, Outcome outcome, String problem) {
    }

    public enum Outcome {
        /** judged; the answer may allow or refuse */
        ANSWERED,
        /** judged, and a finding the caller counts (a denied admission) */
        FINDING,
        /** not judged: malformed or invalid input, or a failure while judging; never allowed */
        INVALID
    }

    private final PolicyEngine engine;
    private final ReviewProtocol<R> protocol;
    private final JsonInput json;
    private final Limits limits;
    private final ObjectMapper output;

    public ReviewResponder(PolicyEngine engine, ReviewProtocol<R> protocol) {
        this(engine, protocol, engine.limits());
    }

    /** With limits of its own (a server may bound its bodies differently from the engine's configuration). */
    public ReviewResponder(PolicyEngine engine, ReviewProtocol<R> protocol, Limits limits) {
        this.engine = engine;
        this.protocol = protocol;
        this.limits = limits;
        this.json = new JsonInput(limits);
        // an answer echoes its review, which may nest as deep as the input limit allows: the writer
        // must accept that depth (Jackson's own write limit is 1,000) plus the answer's own levels
        this.output = new ObjectMapper(JsonFactory.builder()
                .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
                .streamWriteConstraints(StreamWriteConstraints.builder().maxNestingDepth(limits.maxNestingDepth() + 16).build())
                .build());
    }

    /** An answer as written: its compact UTF-8 JSON, and the result it is (a fallback refusal if the first could not be written). */
    public record Written(Result result, byte[] bytes) {
    }

    /**
     * The answer's compact JSON as UTF-8 (no line break): a lone surrogate from an escaped input
     * string is written as its backslash-u escape, pairs as their character, so the bytes are
     * always valid UTF-8. Should even that fail, the answer is a refusal without the review's echo.
     */
    public Written write(Result result, String where) {
        try {
            return new Written(result, output.writeValueAsBytes(result.body()));
        } catch (IOException | RuntimeException e) {
            Result fallback = invalid(null, where, "cannot write the answer (" + e.getClass().getSimpleName() + ")");
            try {
                return new Written(fallback, output.writeValueAsBytes(fallback.body()));
            } catch (IOException impossible) {
                throw new UncheckedIOException(impossible);
            }
        }
    }

    public JsonInput json() {
        return json;
    }

    public ReviewProtocol<R> protocol() {
        return protocol;
    }

    /** The answer to one HTTP request body (or any bytes holding one review). */
    public Result answerBody(byte[] body) {
        if (body.length > limits.maxRequestBytes()) {
            return invalid(null, "request body", body.length + " bytes is more than " + limits.maxRequestBytes()
                    + " (limits.maxRequestBytes)");
        }
        JsonNode review;
        try {
            review = json.parse(body);
        } catch (MalformedJsonException e) {
            return invalid(null, "request body", e.getMessage());
        }
        return answer(review, "request body");
    }

    /** The answer to a parsed review; {@code where} ("line 3", "request body") prefixes any problem. */
    public Result answer(JsonNode review, String where) {
        try {
            R request = protocol.read(review);
            List<String> groups = protocol.groups(request);
            int max = limits.maxGroupsPerRequest();
            if (groups.size() > max) {
                return invalid(review, where, protocol.groupsField() + " has " + groups.size() + " entries, more than "
                        + max + " (limits.maxGroupsPerRequest)");
            }
            ReviewProtocol.Answer answer = protocol.answer(engine, review, request);
            return new Result(answer.body(), answer.finding() ? Outcome.FINDING : Outcome.ANSWERED, null);
        } catch (PalisadeException e) {
            // a review that is not a valid request: its message names the field and never quotes a secret
            return invalid(review, where, e.getMessage());
        } catch (RuntimeException | StackOverflowError e) {
            // a bug or an authorizer failure on odd input: this review is not allowed, the stream goes on.
            // The exception's message is not shown: it may quote the input, and the input may hold a secret.
            return invalid(review, where, "cannot judge this " + protocol.kind() + " (internal error: "
                    + e.getClass().getSimpleName() + ")");
        } catch (Exception e) {
            return invalid(review, where, e.getMessage());
        }
    }

    /** The answer for input that could not be judged. */
    public Result invalid(JsonNode review, String where, String problem) {
        String message = where + ": " + problem;
        ObjectNode body;
        try {
            body = protocol.invalid(review, message);
        } catch (RuntimeException e) {
            body = protocol.invalid(null, message); // even the echo of a strange review must not fail
        }
        return new Result(body, Outcome.INVALID, problem);
    }
}

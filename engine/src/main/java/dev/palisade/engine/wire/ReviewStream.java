package dev.palisade.engine.wire;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.engine.text.Printable;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * Reviews in ({@link JsonLines}), answers out: one compact JSON line per review, in input
 * order, written as soon as it is known. Each problem is also reported on {@code err} as
 * {@code NAME:LINE: reason} (control characters escaped, the input never quoted). Answers are
 * UTF-8 with a lone surrogate from an escaped input string written back as its {@code \\uXXXX}
 * escape, so every answer is valid UTF-8 and says what the input said.
 */
public final class ReviewStream {

    /** How a stream went: answers, findings among them, and inputs that could not be judged. */
    public record Summary(long answered, long findings, long invalid) {
    }

    private final ReviewResponder<?> responder;
    private final String name;

    /** {@code name} is how problems name the input: a path or {@code <stdin>}. */
    public ReviewStream(ReviewResponder<?> responder, String name) {
        this.responder = responder;
        this.name = name;
    }

    public Summary run(InputStream in, PrintWriter out, PrintWriter err) throws IOException {
        long[] counts = new long[3];
        new JsonLines(responder.json()).read(in, new JsonLines.Sink() {
            @Override
            public void value(JsonNode value, long line) {
                emit(responder.answer(value, "line " + line), line);
            }

            @Override
            public void malformed(long line, String message) {
                emit(responder.invalid(null, "line " + line, message), line);
            }

            private void emit(ReviewResponder.Result answer, long line) {
                ReviewResponder.Written w = responder.write(answer, "line " + line);
                ReviewResponder.Result r = w.result();
                String text = new String(w.bytes(), StandardCharsets.UTF_8);
                counts[0]++;
                if (r.outcome() == ReviewResponder.Outcome.FINDING) {
                    counts[1]++;
                } else if (r.outcome() == ReviewResponder.Outcome.INVALID) {
                    counts[2]++;
                    err.println(Printable.escape(name + ":" + line + ": " + r.problem()));
                }
                out.println(text);
            }

            @Override
            public void idle() {
                out.flush();
                err.flush();
            }
        });
        out.flush();
        err.flush();
        return new Summary(counts[0], counts[1], counts[2]);
    }
}

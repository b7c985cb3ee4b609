package dev.palisade.engine.batch;

import dev.palisade.engine.PolicyEngine;
import dev.palisade.engine.audit.AuditEvent;
import dev.palisade.engine.audit.AuditEventParser;
import dev.palisade.engine.audit.AuditRequest;
import dev.palisade.engine.audit.MalformedEventException;
import dev.palisade.engine.wire.Utf8;
import java.util.ArrayList;
import java.util.List;

/**
 * The parallel part of the pipeline: parses each line of a chunk and judges its events. One per
 * worker thread (its {@link RequestJudge} memo is not shared). Whatever a line holds, the result
 * is an outcome: a broken line becomes a {@link Problem}, never an exception.
 */
final class ChunkWorker {
    private final AuditEventParser parser;
    private final RequestJudge judge;

    /** With {@code admission}, request bodies are parsed (as trees) and writes are admitted too. */
    ChunkWorker(PolicyEngine engine, boolean memoise, boolean admission) {
        this.parser = (admission ? AuditEventParser.keepingObjects() : new AuditEventParser()).withLimits(engine.limits());
        this.judge = new RequestJudge(engine, memoise, admission);
    }

    /** The chunk's outcomes in input order (the reader's own problems merged in by line). */
    List<Outcome> process(Chunk chunk) {
        List<Outcome> out = new ArrayList<>(chunk.count() + chunk.problems().size());
        int nextProblem = 0;
        List<Problem> problems = chunk.problems();
        for (int i = 0; i < chunk.count(); i++) {
            long line = chunk.lineNumbers()[i];
            while (nextProblem < problems.size() && problems.get(nextProblem).place().line() <= line) {
                out.add(problems.get(nextProblem++));
            }
            processLine(chunk, i, out);
        }
        while (nextProblem < problems.size()) {
            out.add(problems.get(nextProblem++));
        }
        return out;
    }

    private void processLine(Chunk chunk, int i, List<Outcome> out) {
        Place linePlace = new Place(chunk.source(), chunk.lineNumbers()[i], -1);
        List<AuditEvent> events;
        int start = chunk.starts()[i];
        int bad = Utf8.firstInvalid(chunk.data(), start, chunk.ends()[i] - start);
        if (bad >= 0) {
            // also in fields replay skips unread: invalid UTF-8 is a malformed line everywhere, never judged
            out.add(new Problem(linePlace, "invalid UTF-8 (byte 0x" + Integer.toHexString(chunk.data()[start + bad] & 0xff)
                    + " at byte " + (bad + 1) + ")"));
            return;
        }
        try {
            events = parser.parse(chunk.data(), chunk.starts()[i], chunk.ends()[i] - chunk.starts()[i]);
        } catch (MalformedEventException e) {
            out.add(new Problem(linePlace, e.getMessage()));
            return;
        } catch (RuntimeException | StackOverflowError e) {
            // whatever a line holds, it is that line's problem; the run goes on and reports
            out.add(new Problem(linePlace, "cannot read this line (internal error: " + e.getClass().getSimpleName() + ")"));
            return;
        }
        boolean list = events.size() != 1;
        for (int item = 0; item < events.size(); item++) {
            Place place = list ? new Place(chunk.source(), linePlace.line(), item) : linePlace;
            AuditEvent event = events.get(item);
            try {
                AuditRequest request = AuditRequest.of(event);
                RequestJudge.Judged judged = judge.judge(event, request);
                out.add(new JudgedEvent(place, event.withoutObjects(), request, judged.judgement(), judged.admission()));
            } catch (RuntimeException | StackOverflowError e) {
                // a bug or an authorizer failure on odd input must not end the run: report it here
                out.add(new Problem(place, "cannot judge this event (internal error: " + e.getClass().getSimpleName() + ")"));
            }
        }
    }
}

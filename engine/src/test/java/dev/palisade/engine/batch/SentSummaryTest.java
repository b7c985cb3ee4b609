package dev.palisade.engine.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A distributed replay sends each part's summary to be merged (on Spark: one per task, and a
 * run of many small files is hundreds of tasks). A summary is sent without its run's inputs, so
 * that what a part sends does not grow with the number of inputs; given them again, it merges
 * and builds as if it had never been sent, examples in input order included.
 */
class SentSummaryTest {
    /** Inputs named out of alphabetical order: the examples' order is the inputs', not the names'. */
    private static List<String> inputs(int n) {
        return IntStream.range(0, n).mapToObj(i -> String.format("s3a://audit/logs/%05d-%s.log.gz", n - i, "x".repeat(40)))
                .toList();
    }

    private static DistributedReplay.Summary partWithAProblemIn(DistributedReplay.RunInputs run, int input) {
        DistributedReplay.Merger part = DistributedReplay.Merger.ofInputPart(run, 10, List.of(), List.of(), null);
        part.records(1);
        part.problem(new Problem(new Place(run.names().get(input), 7, -1), "malformed JSON"));
        return part.summary();
    }

    private static byte[] sent(Object o) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        return bytes.toByteArray();
    }

    private static DistributedReplay.Summary received(byte[] b) throws IOException, ClassNotFoundException {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(b))) {
            return (DistributedReplay.Summary) in.readObject();
        }
    }

    @Test
    void whatAPartSendsDoesNotGrowWithTheInputs() throws IOException {
        int few = sent(partWithAProblemIn(new DistributedReplay.RunInputs(inputs(2)), 1)).length;
        int many = sent(partWithAProblemIn(new DistributedReplay.RunInputs(inputs(20_000)), 1)).length;
        // 20,000 names of ~70 characters would add ~1.4 MB
        assertTrue(many - few < 100, "a part's summary with 2 inputs: " + few + " bytes; with 20,000: " + many);
    }

    @Test
    void aSentSummaryGivenItsInputsMergesAndBuildsAsIfNeverSent() throws Exception {
        DistributedReplay.RunInputs run = new DistributedReplay.RunInputs(inputs(3));
        // the problems in inputs 2, 0, 1: input order puts the one in input 0 first, though its name sorts last
        BatchReport kept = partWithAProblemIn(run, 2).merge(partWithAProblemIn(run, 0)).merge(partWithAProblemIn(run, 1))
                .build(10);
        DistributedReplay.Summary first = received(sent(partWithAProblemIn(run, 2)));
        assertThrows(IllegalStateException.class, () -> first.merge(partWithAProblemIn(run, 0)), "no inputs, no order");
        assertThrows(IllegalStateException.class, () -> first.build(10), "no inputs, no report");
        BatchReport wasSent = first.of(run).merge(received(sent(partWithAProblemIn(run, 0))))
                .merge(received(sent(partWithAProblemIn(run, 1)))).build(10);
        assertEquals(run.names(), wasSent.inputs());
        assertEquals(List.of(run.names().get(0), run.names().get(1), run.names().get(2)),
                wasSent.malformedExamples().stream().map(p -> p.place().file()).toList(), "examples in input order");
        assertEquals(kept, wasSent);
    }
}

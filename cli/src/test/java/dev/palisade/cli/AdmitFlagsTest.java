package dev.palisade.cli;

import static dev.palisade.cli.CliTest.ROOT;
import static dev.palisade.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code admit --show-patch} (issue 11 item 5). */
class AdmitFlagsTest {
    private static final Path CONFIG = ROOT.resolve("examples/serve/palisade.yaml");
    private static final Path REVIEWS = ROOT.resolve("examples/serve/admission-reviews.jsonl");

    @Test
    void showPatch_printsTheDecodedPatchAfterEachAnswer() throws IOException {
        List<String> reviews = Files.readAllLines(REVIEWS);
        CliTest.Run r = run(reviews.get(0) + "\n" + reviews.get(1) + "\n", "admit", "--show-patch", "-c", CONFIG.toString());
        assertEquals(1, r.exit(), r.err());
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.get(0).startsWith("{\"apiVersion\":\"admission.k8s.io/v1\""), lines.get(0));
        assertEquals("# uid 1: patch", lines.get(1));
        assertTrue(r.out().contains("\"path\" : \"/spec/securityContext/runAsNonRoot\""), r.out());
        assertTrue(r.out().contains("# uid 2: no patch"), r.out());
    }

    @Test
    void withoutShowPatch_theAnswersAreJsonLinesOnly() throws IOException {
        CliTest.Run r = run(Files.readAllLines(REVIEWS).get(0) + "\n", "admit", "-c", CONFIG.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals(1, r.out().lines().count());
    }
}

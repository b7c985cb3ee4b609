package dev.palisade.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The example decides as its configuration says, from four threads, and closes cleanly. */
class EmbeddingExampleTest {
    private static final Path CONFIG = Path.of("config/palisade.yaml");

    @Test
    void example_authenticatesAuthorizesAndAdmits() throws Exception {
        EmbeddingExample.Report report = EmbeddingExample.run(CONFIG);

        assertEquals("alice [dev, system:authenticated]", report.users().get(0));
        assertEquals("ivan [interns, dev, system:authenticated]", report.users().get(1));
        assertTrue(report.users().get(2).startsWith("rejected: "), report.users().get(2));

        List<String> d = report.decisions();
        assertEquals(6, d.size(), d.toString());
        assertTrue(d.get(0).startsWith("alice get pods in namespace \"dev\": ALLOW"), d.get(0));
        assertTrue(d.get(1).startsWith("alice get secrets in namespace \"dev\": ALLOW"), d.get(1));
        assertTrue(d.get(2).startsWith("alice delete pods in namespace \"dev\": DENY"), d.get(2));
        assertTrue(d.get(3).startsWith("ivan get pods in namespace \"dev\": ALLOW"), d.get(3));
        assertTrue(d.get(4).startsWith("ivan get secrets in namespace \"dev\": DENY")
                && d.get(4).contains("interns may not read secrets"), d.get(4));

        assertEquals("allowed", report.admissions().get(0));
        assertTrue(report.admissions().get(1).startsWith("denied: ") && report.admissions().get(1).contains("privileged"),
                report.admissions().get(1));
    }

    @Test
    void example_runsAgainAfterClose_eachEngineIsIndependent() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertEquals(6, EmbeddingExample.run(CONFIG).decisions().size());
        }
    }
}

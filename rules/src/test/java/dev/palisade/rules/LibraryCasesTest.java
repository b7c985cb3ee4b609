package dev.palisade.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palisade.engine.cases.CaseFile;
import dev.palisade.engine.cases.CaseFileReader;
import dev.palisade.engine.cases.CaseFileResult;
import dev.palisade.engine.cases.CaseOutcome;
import dev.palisade.engine.cases.CaseRunner;
import dev.palisade.engine.cases.CaseStage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The shipped library's cases, run by the same runner as {@code palisade test}: every
 * {@code *.cases.yaml} under policies/, each case a test. Authorization, authentication and
 * admission (the versioned Pod Security checks included) case files all live there.
 */
class LibraryCasesTest {
    static final Path LIBRARY = Path.of("policies");

    private static List<Path> files(String suffix) throws IOException {
        try (Stream<Path> s = Files.walk(LIBRARY)) {
            return s.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        }
    }

    @Test
    void everyPolicyIsTestedByACaseFile_andEveryStageHasCases() throws IOException {
        List<Path> policies = files(".pal");
        assertFalse(policies.isEmpty(), "no policies under " + LIBRARY.toAbsolutePath());
        Set<Path> covered = new HashSet<>();
        Set<CaseStage> stages = EnumSet.noneOf(CaseStage.class);
        for (Path f : files(CaseFileReader.SUFFIX)) {
            CaseFile file = CaseFileReader.read(f);
            file.policies().forEach(p -> covered.add(p.normalize()));
            stages.add(file.stage());
        }
        for (Path p : policies) {
            assertTrue(covered.contains(p.normalize()), "policy without cases: " + p);
        }
        assertEquals(EnumSet.allOf(CaseStage.class), stages);
    }

    @TestFactory
    Stream<DynamicNode> libraryCases() throws IOException {
        List<DynamicNode> nodes = new ArrayList<>();
        for (Path f : files(CaseFileReader.SUFFIX)) {
            CaseFileResult result = CaseRunner.run(CaseFileReader.read(f), name -> true);
            assertFalse(result.outcomes().isEmpty(), () -> f + " ran no case");
            List<DynamicTest> tests = new ArrayList<>();
            for (CaseOutcome o : result.outcomes()) {
                tests.add(DynamicTest.dynamicTest(o.name(), () -> assertTrue(o.passed(),
                        () -> o.location() + ": expected " + o.expected() + ", got " + o.got() + "; decided by " + o.deciding())));
            }
            nodes.add(DynamicContainer.dynamicContainer(f.toString(), tests));
        }
        return nodes.stream();
    }
}

package dev.palisade.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palisade.dsl.admission.AdmissionCompiler;
import dev.palisade.dsl.admission.AdmissionInput;
import dev.palisade.dsl.admission.AdmissionProgram;
import dev.palisade.dsl.admission.AdmissionResult;
import dev.palisade.dsl.admission.AdmissionTracer;
import dev.palisade.dsl.ast.AdmissionRule;
import dev.palisade.dsl.ast.Effect;
import dev.palisade.dsl.ast.PolicyFile;
import dev.palisade.dsl.compile.PolicyCompiler;
import dev.palisade.dsl.compile.RuleInfo;
import dev.palisade.dsl.explain.AdmissionRuleTrace;
import dev.palisade.dsl.explain.AuthzRuleTracer;
import dev.palisade.dsl.explain.RuleTrace;
import dev.palisade.dsl.load.PolicyLoader;
import dev.palisade.dsl.runtime.PolicyProgram;
import dev.palisade.dsl.runtime.PolicyResult;
import dev.palisade.engine.cases.CaseFile;
import dev.palisade.engine.cases.CaseFileReader;
import dev.palisade.engine.cases.CaseRunner;
import dev.palisade.engine.cases.CaseStage;
import dev.palisade.engine.cases.PolicyCase;
import dev.palisade.engine.request.RequestAttributes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code palisade explain} traces rules in plain Java beside the compiled programs; on every
 * request of the shipped library's case files (the versioned Pod Security checks included) the
 * trace must find exactly the matches the programs find.
 */
class ExplainAgreesWithTheLibraryTest {
    private static List<Path> caseFiles() throws IOException {
        try (Stream<Path> s = Files.walk(LibraryCasesTest.LIBRARY)) {
            return s.filter(p -> p.toString().endsWith(CaseFileReader.SUFFIX)).sorted().toList();
        }
    }

    @Test
    void admissionTraceMatchesAreTheProgramsViolations() throws IOException {
        int compared = 0;
        for (Path f : caseFiles()) {
            CaseFile file = CaseFileReader.read(f);
            if (file.stage() != CaseStage.ADMISSION) {
                continue;
            }
            for (Path policy : file.policies()) {
                List<PolicyFile> files = PolicyLoader.load(policy).orThrow().files();
                AdmissionTracer tracer = new AdmissionTracer(files);
                try (AdmissionProgram program = AdmissionCompiler.compile(files).build()) {
                    for (PolicyCase c : file.cases()) {
                        AdmissionInput input = CaseRunner.admissionInput(c);
                        AdmissionResult result = program.evaluate(input);
                        List<String> violations = result.violations().stream()
                                .map(v -> v.rule().id() + "@" + v.field()).sorted().toList();
                        List<String> traced = new ArrayList<>();
                        for (AdmissionRuleTrace t : tracer.trace(input.withObject(result.object()))) {
                            if (t.kind() == AdmissionRule.Kind.VALIDATE) {
                                t.elements().stream().filter(AdmissionRuleTrace.ElementTrace::matched)
                                        .forEach(e -> traced.add(t.id() + "@" + e.field()));
                            }
                        }
                        assertEquals(violations, traced.stream().sorted().toList(), c.location() + " " + c.name() + " on " + policy);
                        compared++;
                    }
                }
            }
        }
        assertTrue(compared > 100, "compared only " + compared + " admission cases");
    }

    @Test
    void authorizationTraceMatchesAreTheProgramsDecidingRules() throws IOException {
        int compared = 0;
        for (Path f : caseFiles()) {
            CaseFile file = CaseFileReader.read(f);
            if (file.stage() != CaseStage.AUTHORIZATION) {
                continue;
            }
            List<PolicyFile> files = PolicyLoader.load(file.policies()).orThrow().files();
            AuthzRuleTracer tracer = new AuthzRuleTracer(files);
            try (PolicyProgram program = PolicyCompiler.compile(files).build()) {
                for (PolicyCase c : file.cases()) {
                    RequestAttributes request = CaseRunner.authorizationRequest(c);
                    PolicyResult result = program.evaluate(request);
                    List<RuleTrace> traces = tracer.trace(request);
                    boolean deny = traces.stream().anyMatch(t -> t.outcome() == RuleTrace.Outcome.MATCHED && t.effect() == Effect.DENY);
                    Effect deciding = deny ? Effect.DENY : Effect.ALLOW;
                    assertEquals(result.matched().stream().map(RuleInfo::id).sorted().toList(),
                            traces.stream().filter(t -> t.outcome() == RuleTrace.Outcome.MATCHED && t.effect() == deciding)
                                    .map(RuleTrace::id).sorted().collect(Collectors.toList()),
                            c.location() + " " + c.name());
                    compared++;
                }
            }
        }
        assertTrue(compared > 20, "compared only " + compared + " authorization cases");
    }
}

package dev.palisade.engine.cases;

import java.nio.file.Path;
import java.util.List;

/** A read case file: its stage, the policy files its cases run against, and the cases in order. */
public record CaseFile(Path file, CaseStage stage, List<Path> policies, List<PolicyCase> cases) {
    public CaseFile {
        policies = List.copyOf(policies);
        cases = List.copyOf(cases);
    }
}

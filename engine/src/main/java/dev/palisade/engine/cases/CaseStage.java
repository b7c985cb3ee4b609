package dev.palisade.engine.cases;

/**
 * Which stage a case file tests, read off its shape: a top-level {@code policies} list is an
 * admission file; otherwise the policy beside it ({@code X.pal} for {@code X.cases.yaml})
 * holds authorization rules or authentication ({@code reject}) rules.
 */
public enum CaseStage {
    AUTHORIZATION, AUTHENTICATION, ADMISSION;

    /** The verdicts a case of this stage may expect, as written in the file. */
    public java.util.List<String> verdicts() {
        return switch (this) {
            case AUTHORIZATION -> java.util.List.of("ALLOW", "DENY", "NO_OPINION");
            case AUTHENTICATION -> java.util.List.of("ACCEPT", "REJECT");
            case ADMISSION -> java.util.List.of("allowed", "denied");
        };
    }
}

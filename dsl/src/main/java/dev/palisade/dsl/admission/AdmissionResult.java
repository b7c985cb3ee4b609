package dev.palisade.dsl.admission;

import java.util.List;

/**
 * The outcome of one admission program for one request.
 *
 * @param violations every match of every validating rule (deny, warn and audit alike), in rule order
 * @param patch      the JSONPatch that turns the request's object into {@code object}
 * @param object     the object after all mutations (the input object itself when none applied)
 * @param mutatedBy  the mutate rules that changed something, in order
 */
public record AdmissionResult(List<Violation> violations, List<PatchOp> patch, Object object,
                              List<AdmissionRuleInfo> mutatedBy) {
    public AdmissionResult {
        violations = List.copyOf(violations);
        patch = List.copyOf(patch);
        mutatedBy = List.copyOf(mutatedBy);
    }
}

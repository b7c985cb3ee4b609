package dev.palisade.engine.admission;

import dev.palisade.Api;
import dev.palisade.dsl.admission.PatchOp;
import java.util.List;
import java.util.Objects;

/**
 * The answer to one admission request. Immutable.
 *
 * @param allowed  false when any deny rule matched
 * @param message  every deny message joined with "; " (empty when allowed)
 * @param warnings the messages of matched warn rules, for {@code response.warnings}
 * @param patch    RFC 6902 operations from the mutating rules; empty when nothing changed
 * @param denials  one reason per deny violation (the Status causes)
 * @param reasons  every reason: denials, warnings, audit records and mutations, in evaluation order
 */
@Api
public record AdmissionDecision(boolean allowed, String message, List<String> warnings, List<PatchOp> patch,
                                List<AdmissionReason> denials, List<AdmissionReason> reasons) {
    public static final AdmissionDecision ALLOW = new AdmissionDecision(true, "", List.of(), List.of(), List.of(), List.of());

    public AdmissionDecision {
        Objects.requireNonNull(message, "message");
        warnings = List.copyOf(warnings);
        patch = List.copyOf(patch);
        denials = List.copyOf(denials);
        reasons = List.copyOf(reasons);
        if (allowed != denials.isEmpty()) {
            throw new IllegalArgumentException("a decision is denied exactly when it has denials");
        }
    }
}

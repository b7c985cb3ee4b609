package dev.palisade.engine.admission;

import dev.palisade.Api;
import dev.palisade.dsl.ast.AdmissionRule.Enforcement;
import java.util.Objects;

/**
 * Why a decision came out as it did: one violated validating rule, or one mutating rule that
 * changed the object ({@code enforcement} null, {@code message} "mutated").
 *
 * @param location {@code file:line:col} of the rule
 * @param field    the object field the violation is about, e.g. {@code spec.containers[0]}; "" for the object
 */
@Api
public record AdmissionReason(String ruleId, String location, Enforcement enforcement, String message, String field) {
    public AdmissionReason {
        Objects.requireNonNull(ruleId, "ruleId");
        location = Objects.requireNonNullElse(location, "");
        Objects.requireNonNull(message, "message");
        field = Objects.requireNonNullElse(field, "");
    }

    /** The reason a mutating rule reports when it changed the object. */
    public static AdmissionReason mutated(String ruleId, String location) {
        return new AdmissionReason(ruleId, location, null, "mutated", "");
    }
}

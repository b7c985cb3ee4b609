package dev.palisade.dsl.admission;

import dev.palisade.dsl.ast.AdmissionRule;
import dev.palisade.dsl.source.Span;
import java.util.Objects;

/** What a decision reports about one admission rule; kept in Java, indexed by the DRL's ints. */
public record AdmissionRuleInfo(String id, AdmissionRule.Kind kind, AdmissionRule.Enforcement enforcement, Span span) {
    public AdmissionRuleInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(enforcement, "enforcement");
    }

    /** {@code file:line:col}, or "" when the rule has no source position. */
    public String location() {
        return span == null ? "" : span.location();
    }
}

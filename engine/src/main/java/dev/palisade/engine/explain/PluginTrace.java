package dev.palisade.engine.explain;

import dev.palisade.dsl.explain.AdmissionRuleTrace;
import dev.palisade.engine.admission.AdmissionReason;
import java.util.List;
import java.util.Objects;

/**
 * One admission plugin, asked about the request with the object the plugins before it left.
 *
 * @param name      the plugin's configured name
 * @param describe  its description, e.g. {@code guard-rails (Policy)}
 * @param outcomes  what it reported: each violation (deny, warn, audit) and each mutation
 * @param rules     for a DSL plugin, every rule's trace (validate rules on the object after its
 *                  mutations, mutate rules on the object it was given); empty for others
 * @param notes     anything the trace could not show
 */
public record PluginTrace(String name, String describe, List<AdmissionReason> outcomes, List<AdmissionRuleTrace> rules,
                          List<String> notes) {
    public PluginTrace {
        Objects.requireNonNull(name, "name");
        outcomes = List.copyOf(outcomes);
        rules = List.copyOf(rules);
        notes = List.copyOf(notes);
    }
}

package dev.palisade.dsl.explain;

import dev.palisade.dsl.ast.AdmissionRule;
import java.util.List;
import java.util.Objects;

/**
 * What one admission rule made of one request: whether it was asked at all, and for each object
 * it saw (the object, or a workload's pod template) and each element of its {@code for each},
 * whether it matched and what its conditions saw.
 *
 * @param id          the rule's id ({@code package/name})
 * @param kind        validate or mutate
 * @param enforcement deny, warn or audit (deny for mutate rules)
 * @param location    {@code file:line:col} of the rule
 * @param skipped     why the rule was not asked (operation or resource not its own), or "" when it was
 * @param elements    one entry per object and element the rule was evaluated on, in order
 */
public record AdmissionRuleTrace(String id, AdmissionRule.Kind kind, AdmissionRule.Enforcement enforcement,
                                 String location, String skipped, List<ElementTrace> elements) {
    public AdmissionRuleTrace {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(skipped, "skipped");
        elements = List.copyOf(elements);
    }

    /** Whether the rule matched anywhere. */
    public boolean matched() {
        return elements.stream().anyMatch(ElementTrace::matched);
    }

    /**
     * The rule on one object or element.
     *
     * @param field      where: {@code spec.containers[0]} for an element, the pod template's path for
     *                   a workload's template, "" for the object itself
     * @param matched    whether the condition held there
     * @param conditions the conditions of the alternative that matched, or else of the one that came
     *                   closest (fewest failed), each with its outcome and the values it read
     */
    public record ElementTrace(String field, boolean matched, List<ConditionTrace> conditions) {
        public ElementTrace {
            conditions = List.copyOf(conditions);
        }

        /** The conditions that failed (empty when matched). */
        public List<ConditionTrace> failed() {
            return conditions.stream().filter(c -> !c.held()).toList();
        }
    }

    /**
     * One condition, as written, where it was evaluated.
     *
     * @param condition the condition's source text ({@code not (...)} when the rule needs it false)
     * @param location  its {@code file:line:col}
     * @param held      whether it held (as the rule needs it)
     * @param values    each path it read and the value there, e.g. {@code c.securityContext.privileged = true}
     */
    public record ConditionTrace(String condition, String location, boolean held, List<String> values) {
        public ConditionTrace {
            values = List.copyOf(values);
        }
    }
}

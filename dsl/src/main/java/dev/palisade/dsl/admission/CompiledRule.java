package dev.palisade.dsl.admission;

import dev.palisade.dsl.ast.Mutation;
import java.util.List;
import java.util.Set;

/**
 * An admission rule's run-time side: targeting (also checked by the DRL; here to skip whole
 * mutation stages cheaply), the message template and the edits.
 *
 * @param stage        the {@link ObjectFact#getStage()} its Drools rules require: -1 for
 *                     validating rules, the mutation's position for mutating ones
 * @param messageParts Strings and {@link Node.Value}s, or empty for no {@code because}
 */
record CompiledRule(AdmissionRuleInfo info, int stage, Set<String> operations, Set<String> resources,
                    List<Object> messageParts, List<Edit> edits) {

    /**
     * One mutation; {@code source} is the {@code for each} source the target starts from, or -1
     * for the object. A remove-where has {@code where}, tested with each element bound to slot
     * {@code whereSlot}; other edits have null and -1.
     */
    record Edit(Mutation.Op op, int source, List<Object> segments, Node.Value value, int whereSlot, Node.Test where) {
        Edit(Mutation.Op op, int source, List<Object> segments, Node.Value value) {
            this(op, source, segments, value, -1, null);
        }
    }

    /** The resources whose requests this rule sees: as written, and the workloads when it is on pods. */
    AdmissionTarget target() {
        Set<String> seen = new java.util.TreeSet<>(resources);
        if (resources.contains("pods")) {
            seen.addAll(Workloads.resources());
        }
        return new AdmissionTarget(info.kind(), operations, seen);
    }

    boolean targets(AdmissionInput in) {
        return operations.contains(in.operation()) && (resources.contains(in.resource())
                || resources.contains("pods") && Workloads.templateOf(in.resource()) != null);
    }
}

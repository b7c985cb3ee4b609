package dev.palisade.engine.admission;

import dev.palisade.dsl.admission.AdmissionInput;
import dev.palisade.dsl.admission.AdmissionPhase;
import dev.palisade.dsl.admission.AdmissionProgram;
import dev.palisade.dsl.admission.AdmissionResult;
import dev.palisade.dsl.admission.AdmissionRuleInfo;
import dev.palisade.dsl.admission.Violation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a compiled DSL admission program for a plugin: the one translation between the plugin SPI's
 * types ({@link AdmissionRequest}, {@link AdmissionPluginResult}) and the compiler's own, which
 * know nothing of the engine.
 */
public final class AdmissionPrograms {
    private AdmissionPrograms() {}

    /** The rules of {@code phase} on the request's object. Exceptions propagate (callers fail closed). */
    public static AdmissionPluginResult evaluate(AdmissionProgram program, AdmissionRequest request, AdmissionPhase phase) {
        AdmissionResult r = program.evaluate(input(request), phase);
        List<AdmissionReason> violations = new ArrayList<>(r.violations().size());
        for (Violation v : r.violations()) {
            violations.add(reason(v));
        }
        List<AdmissionReason> mutations = new ArrayList<>(r.mutatedBy().size());
        for (AdmissionRuleInfo m : r.mutatedBy()) {
            mutations.add(AdmissionReason.mutated(m.id(), m.location()));
        }
        return new AdmissionPluginResult(violations, r.patch(), object(r.object()), mutations);
    }

    /** What a program reads of a request: the DSL's view of it. */
    public static AdmissionInput input(AdmissionRequest r) {
        Map<String, List<Object>> data = r.data().isEmpty() ? Map.of() : new LinkedHashMap<>();
        r.data().forEach((k, v) -> data.put(k, List.copyOf(v)));
        return new AdmissionInput(r.operation(), r.resource(), r.subresource(), r.kind(), r.namespace(), r.name(),
                r.user().name(), r.user().uid(), r.user().groups(), r.dryRun(), r.object(), r.oldObject(), data);
    }

    /** A violation as a decision reports it. */
    private static AdmissionReason reason(Violation v) {
        return new AdmissionReason(v.rule().id(), v.rule().location(), v.rule().enforcement(), v.message(), v.field());
    }

    /**
     * The program's object is the request's own (a map, or null) or, once a rule edited it, its
     * deep copy, again a map: programs only edit maps.
     */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object programObject) {
        return (Map<String, Object>) programObject;
    }
}

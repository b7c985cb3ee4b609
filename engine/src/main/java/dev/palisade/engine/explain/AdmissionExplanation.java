package dev.palisade.engine.explain;

import dev.palisade.engine.admission.AdmissionDecision;
import dev.palisade.engine.admission.AdmissionRequest;
import java.util.List;
import java.util.Objects;

/**
 * Why one admission request was allowed or denied.
 *
 * @param request  the request explained
 * @param decision the engine's decision, exactly as {@code admit} returns it
 * @param plugins  every admission plugin, in order
 */
public record AdmissionExplanation(AdmissionRequest request, AdmissionDecision decision, List<PluginTrace> plugins) {
    public AdmissionExplanation {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(decision, "decision");
        plugins = List.copyOf(plugins);
    }
}

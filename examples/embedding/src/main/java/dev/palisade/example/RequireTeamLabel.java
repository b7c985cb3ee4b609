package dev.palisade.example;

import dev.palisade.dsl.admission.AdmissionTarget;
import dev.palisade.dsl.ast.AdmissionRule;
import dev.palisade.engine.admission.AdmissionPlugin;
import dev.palisade.engine.admission.AdmissionPluginResult;
import dev.palisade.engine.admission.AdmissionReason;
import dev.palisade.engine.admission.AdmissionRequest;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An admission plugin of the application's own, written against the API only: pods need a
 * {@code team} label. Add it with {@code PolicyEngine.builder().admission(new RequireTeamLabel())}.
 */
public final class RequireTeamLabel implements AdmissionPlugin {
    @Override
    public String name() {
        return "require-team";
    }

    @Override
    public String describe() {
        return "require-team (team label)";
    }

    /** What a webhook configuration registers this plugin for. */
    @Override
    public List<AdmissionTarget> targets() {
        return List.of(new AdmissionTarget(AdmissionRule.Kind.VALIDATE, Set.of("CREATE", "UPDATE"), Set.of("pods")));
    }

    @Override
    public AdmissionPluginResult evaluate(AdmissionRequest request) {
        Map<String, Object> pod = request.object();
        Object metadata = pod == null ? null : pod.get("metadata");
        Object labels = metadata instanceof Map<?, ?> m ? m.get("labels") : null;
        if (!request.resource().equals("pods") || pod == null
                || (labels instanceof Map<?, ?> l && l.get("team") != null)) {
            return AdmissionPluginResult.unchanged(request);
        }
        return AdmissionPluginResult.validated(request, List.of(new AdmissionReason("require-team", "",
                AdmissionRule.Enforcement.DENY, "pods need a team label", "metadata.labels")));
    }
}

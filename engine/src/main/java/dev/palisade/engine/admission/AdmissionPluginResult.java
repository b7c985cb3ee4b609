package dev.palisade.engine.admission;

import dev.palisade.Api;
import dev.palisade.dsl.admission.PatchOp;
import java.util.List;
import java.util.Map;

/**
 * What one {@link AdmissionPlugin} answers for one request; the chain combines the answers of all
 * plugins into an {@link AdmissionDecision}. Immutable.
 *
 * @param violations every match of the plugin's validating checks (deny, warn and audit alike), in
 *                   order; each has an {@link AdmissionReason#enforcement() enforcement}
 * @param patch      the RFC 6902 operations that turn the request's object into {@code object}
 * @param object     the object after the plugin's mutations: the request's own object when nothing
 *                   changed, else a changed copy (the request's object is never edited); null when
 *                   the request has none
 * @param mutations  one {@link AdmissionReason#mutated mutated} reason per mutating rule that
 *                   changed the object, in order
 */
@Api
public record AdmissionPluginResult(List<AdmissionReason> violations, List<PatchOp> patch, Map<String, Object> object,
                                    List<AdmissionReason> mutations) {
    public AdmissionPluginResult {
        violations = List.copyOf(violations);
        patch = List.copyOf(patch);
        mutations = List.copyOf(mutations);
        for (AdmissionReason v : violations) {
            if (v.enforcement() == null) {
                throw new IllegalArgumentException("violation of " + v.ruleId() + " has no enforcement");
            }
        }
        for (AdmissionReason m : mutations) {
            if (m.enforcement() != null) {
                throw new IllegalArgumentException("mutation by " + m.ruleId() + " has an enforcement");
            }
        }
    }

    /** Nothing to report: no violation, the request's object unchanged. */
    public static AdmissionPluginResult unchanged(AdmissionRequest request) {
        return new AdmissionPluginResult(List.of(), List.of(), request.object(), List.of());
    }

    /** The answer of a plugin that only validates: these violations (none allows), the object unchanged. */
    public static AdmissionPluginResult validated(AdmissionRequest request, List<AdmissionReason> violations) {
        return new AdmissionPluginResult(violations, List.of(), request.object(), List.of());
    }
}

package dev.palisade.engine.admission;

import dev.palisade.dsl.admission.AdmissionPhase;
import dev.palisade.dsl.admission.PatchOp;
import dev.palisade.dsl.ast.AdmissionRule.Enforcement;
import java.util.ArrayList;
import java.util.List;

/**
 * Admission plugins in configured order, in two phases as the apiserver runs admission: every
 * plugin's mutations first, each on the object the previous ones left, then every plugin's
 * validations, all on the final object (so a validating plugin such as Pod Security sees the
 * defaults a later plugin sets). Any deny anywhere rejects, and every violation of every plugin is
 * reported. Errors propagate: callers fail closed.
 */
public final class AdmissionChain {
    private final List<AdmissionPlugin> plugins;

    public AdmissionChain(List<AdmissionPlugin> plugins) {
        this.plugins = List.copyOf(plugins);
    }

    public List<AdmissionPlugin> plugins() {
        return plugins;
    }

    public AdmissionDecision admit(AdmissionRequest request) {
        return admit(request, AdmissionPhase.ALL);
    }

    /**
     * The rules of one phase of every plugin (see {@link AdmissionPhase}): {@code VALIDATE} never
     * yields a patch, {@code MUTATE} never a violation.
     */
    public AdmissionDecision admit(AdmissionRequest request, AdmissionPhase phase) {
        AdmissionRequest current = request;
        List<PatchOp> patch = new ArrayList<>();
        List<AdmissionReason> reasons = new ArrayList<>();
        List<AdmissionReason> denials = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        List<String> denyMessages = new ArrayList<>();
        // as the apiserver: every plugin's mutations first, in order, each on the object the previous
        // ones left; then every plugin's validations, all on the final object
        if (phase.mutates()) {
            for (AdmissionPlugin plugin : plugins) {
                AdmissionPluginResult result = plugin.evaluate(current, AdmissionPhase.MUTATE);
                patch.addAll(result.patch());
                reasons.addAll(result.mutations());
                if (result.object() != current.object()) { // unchanged: the same request, not a copy per plugin
                    current = current.withObject(result.object());
                }
            }
        }
        for (AdmissionPlugin plugin : phase.validates() ? plugins : List.<AdmissionPlugin>of()) {
            AdmissionPluginResult result = plugin.evaluate(current, AdmissionPhase.VALIDATE);
            List<String> pluginDenials = new ArrayList<>();
            List<String> pluginWarnings = new ArrayList<>();
            for (AdmissionReason r : result.violations()) {
                reasons.add(r);
                if (r.enforcement() == Enforcement.DENY) {
                    denials.add(r);
                    pluginDenials.add(r.message());
                } else if (r.enforcement() == Enforcement.WARN) {
                    pluginWarnings.add(r.message());
                }
            }
            denyMessages.addAll(plugin.summarize(Enforcement.DENY, pluginDenials));
            warnings.addAll(plugin.summarize(Enforcement.WARN, pluginWarnings));
        }
        String message = denyMessages.isEmpty() ? "" : String.join("; ", denyMessages.stream().distinct().toList());
        // a denied request is not written, so its mutations are moot
        return new AdmissionDecision(denials.isEmpty(), message, warnings, denials.isEmpty() ? patch : List.of(),
                denials, reasons);
    }
}

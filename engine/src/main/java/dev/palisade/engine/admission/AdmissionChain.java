package dev.palisade.engine.admission;

import dev.palisade.dsl.admission.AdmissionInput;
import dev.palisade.dsl.admission.AdmissionPhase;
import dev.palisade.dsl.admission.AdmissionResult;
import dev.palisade.dsl.admission.AdmissionRuleInfo;
import dev.palisade.dsl.admission.PatchOp;
import dev.palisade.dsl.admission.Violation;
import dev.palisade.dsl.ast.AdmissionRule.Enforcement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
        Object original = request.object();
        AdmissionInput input = input(request, original);
        List<PatchOp> patch = new ArrayList<>();
        List<AdmissionReason> reasons = new ArrayList<>();
        List<AdmissionReason> denials = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        List<String> denyMessages = new ArrayList<>();
        // as the apiserver: every plugin's mutations first, in order, each on the object the previous
        // ones left; then every plugin's validations, all on the final object
        if (phase.mutates()) {
            for (AdmissionPlugin plugin : plugins) {
                AdmissionResult result = plugin.evaluate(input, AdmissionPhase.MUTATE);
                patch.addAll(result.patch());
                for (AdmissionRuleInfo m : result.mutatedBy()) {
                    reasons.add(new AdmissionReason(m.id(), m.location(), null, "mutated", ""));
                }
                input = input.withObject(result.object());
            }
        }
        for (AdmissionPlugin plugin : phase.validates() ? plugins : List.<AdmissionPlugin>of()) {
            AdmissionResult result = plugin.evaluate(input, AdmissionPhase.VALIDATE);
            List<String> pluginDenials = new ArrayList<>();
            List<String> pluginWarnings = new ArrayList<>();
            for (Violation v : result.violations()) {
                AdmissionReason r = new AdmissionReason(v.rule().id(), v.rule().location(), v.rule().enforcement(),
                        v.message(), v.field());
                reasons.add(r);
                if (v.rule().enforcement() == Enforcement.DENY) {
                    denials.add(r);
                    pluginDenials.add(v.message());
                } else if (v.rule().enforcement() == Enforcement.WARN) {
                    pluginWarnings.add(v.message());
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

    /** What the first plugin sees of a request: the DSL's view of it, the object as submitted. */
    public static AdmissionInput inputOf(AdmissionRequest r) {
        return input(r, r.object());
    }

    private static AdmissionInput input(AdmissionRequest r, Object object) {
        Map<String, List<Object>> data = r.data().isEmpty() ? Map.of() : new LinkedHashMap<>();
        r.data().forEach((k, v) -> data.put(k, List.copyOf(v)));
        return new AdmissionInput(r.operation(), r.resource(), r.subresource(), r.kind(), r.namespace(), r.name(),
                r.user().name(), r.user().uid(), r.user().groups(), r.dryRun(), object, r.oldObject(), data);
    }
}

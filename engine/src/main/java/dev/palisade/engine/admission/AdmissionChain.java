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
 * Admission plugins in configured order. Each plugin mutates the object the previous ones left
 * and validates its own result, as the apiserver's admission chain does; any deny anywhere
 * rejects, and every violation of every plugin is reported. Errors propagate: callers fail closed.
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
        Object original = PlainJson.of(request.object());
        AdmissionInput input = input(request, original);
        List<PatchOp> patch = new ArrayList<>();
        List<AdmissionReason> reasons = new ArrayList<>();
        List<AdmissionReason> denials = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        List<String> denyMessages = new ArrayList<>();
        for (AdmissionPlugin plugin : plugins) {
            AdmissionResult result = plugin.evaluate(input, phase);
            patch.addAll(result.patch());
            for (AdmissionRuleInfo m : result.mutatedBy()) {
                reasons.add(new AdmissionReason(m.id(), m.location(), null, "mutated", ""));
            }
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
            input = input.withObject(result.object());
        }
        String message = String.join("; ", denyMessages.stream().distinct().toList());
        // a denied request is not written, so its mutations are moot
        return new AdmissionDecision(denials.isEmpty(), message, warnings, denials.isEmpty() ? patch : List.of(),
                denials, reasons);
    }

    private static AdmissionInput input(AdmissionRequest r, Object object) {
        Map<String, List<Object>> data = new LinkedHashMap<>();
        r.data().forEach((k, v) -> data.put(k, v.stream().map(PlainJson::of).toList()));
        return new AdmissionInput(r.operation(), r.resource(), r.subresource(), r.kind(), r.namespace(), r.name(),
                r.user().name(), r.user().uid(), r.user().groups(), r.dryRun(), object, PlainJson.of(r.oldObject()), data);
    }
}

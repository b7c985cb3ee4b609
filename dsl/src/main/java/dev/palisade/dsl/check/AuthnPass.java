package dev.palisade.dsl.check;

import dev.palisade.dsl.ast.AdmissionRule;
import dev.palisade.dsl.ast.AuthnRule;
import dev.palisade.dsl.ast.ObjPath;
import dev.palisade.dsl.ast.PolicyFile;
import dev.palisade.dsl.ast.Rule;
import dev.palisade.dsl.schema.AuthzAttribute;
import dev.palisade.dsl.schema.RuleStage;
import dev.palisade.dsl.source.Diagnostic;
import dev.palisade.dsl.source.Span;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;

/**
 * Authn rules: names not empty, ids unique across the whole policy set (whatever the kind of the
 * other rule: ids name rules in reports, which must never be ambiguous), and every message hole
 * names an authn attribute. Their conditions are checked by the attribute, type and glob passes.
 */
final class AuthnPass implements CheckPass {
    @Override
    public String name() {
        return "authn";
    }

    @Override
    public void run(List<PolicyFile> files, List<Diagnostic> out) {
        Map<String, Span> seen = new HashMap<>();
        for (PolicyFile f : files) {
            for (Rule r : f.rules()) {
                seen.putIfAbsent(RuleId.of(f, r), r.nameSpan());
            }
            for (AdmissionRule r : f.admissionRules()) {
                seen.putIfAbsent(f.packageName().isEmpty() ? r.name() : f.packageName() + "/" + r.name(), r.nameSpan());
            }
        }
        for (PolicyFile f : files) {
            for (AuthnRule r : f.authnRules()) {
                Span first;
                if (r.name().isBlank()) {
                    out.add(Diagnostic.error(r.nameSpan(), "rule name must not be empty",
                            "the name identifies the rule in authentication failures, e.g. \"masters-need-client-certs\""));
                } else if ((first = seen.putIfAbsent(RuleId.of(f, r), r.nameSpan())) != null) {
                    out.add(Diagnostic.error(r.nameSpan(), "duplicate rule id \"" + RuleId.of(f, r) + "\"",
                            "first defined at " + first.location() + "; rule ids are package/name and must be unique in the policy set"));
                }
                MessageHoles.check(r.because(), RuleStage.AUTHENTICATION, "authn", out);
            }
        }
    }
}

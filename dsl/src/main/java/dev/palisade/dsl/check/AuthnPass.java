package dev.palisade.dsl.check;

import dev.palisade.dsl.ast.AdmissionRule;
import dev.palisade.dsl.ast.AuthnRule;
import dev.palisade.dsl.ast.ObjPath;
import dev.palisade.dsl.ast.PolicyFile;
import dev.palisade.dsl.ast.Rule;
import dev.palisade.dsl.schema.AuthzAttribute;
import dev.palisade.dsl.schema.RuleStage;
import dev.palisade.dsl.source.Diagnostic;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

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
        Set<String> seen = new HashSet<>();
        for (PolicyFile f : files) {
            for (Rule r : f.rules()) {
                seen.add(RuleId.of(f, r));
            }
            for (AdmissionRule r : f.admissionRules()) {
                seen.add(f.packageName().isEmpty() ? r.name() : f.packageName() + "/" + r.name());
            }
        }
        for (PolicyFile f : files) {
            for (AuthnRule r : f.authnRules()) {
                if (r.name().isBlank()) {
                    out.add(Diagnostic.error(r.nameSpan(), "rule name must not be empty",
                            "the name identifies the rule in authentication failures, e.g. \"masters-need-client-certs\""));
                } else if (!seen.add(RuleId.of(f, r))) {
                    out.add(Diagnostic.error(r.nameSpan(), "duplicate rule id \"" + RuleId.of(f, r) + "\"",
                            "rule ids are package/name and must be unique in the policy set"));
                }
                MessageHoles.check(r.because(), RuleStage.AUTHENTICATION, "authn", out);
            }
        }
    }
}

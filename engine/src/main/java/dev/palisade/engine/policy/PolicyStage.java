package dev.palisade.engine.policy;

import dev.palisade.dsl.ast.PolicyFile;
import dev.palisade.dsl.source.Diagnostic;
import dev.palisade.dsl.source.PolicyException;
import java.util.ArrayList;
import java.util.List;

/**
 * The stage a set of policy files is configured for. One language serves the three stages, but
 * each configured place runs only its own kind of rule: a rule of another kind there would
 * silently never run, so it is an error naming the rule and where it belongs.
 */
public enum PolicyStage {
    AUTHORIZATION("authorization policies hold only 'allow' and 'deny' rules"),
    AUTHENTICATION("authentication policies hold only 'reject' rules"),
    ADMISSION("admission policies hold only 'validate' and 'mutate' rules");

    private final String holds;

    PolicyStage(String holds) {
        this.holds = holds;
    }

    /** @throws PolicyException naming every rule of another stage, with its place */
    public void requireOwnRules(List<PolicyFile> files) {
        List<Diagnostic> misplaced = new ArrayList<>();
        for (PolicyFile f : files) {
            if (this != AUTHORIZATION) {
                f.rules().forEach(r -> misplaced.add(Diagnostic.error(r.span(),
                        holds + "; this " + r.effect().name().toLowerCase() + " rule would never run here",
                        "move it to a Policy authorizer's paths")));
            }
            if (this != AUTHENTICATION) {
                f.authnRules().forEach(r -> misplaced.add(Diagnostic.error(r.span(),
                        holds + "; this reject rule would never run here",
                        "move it to authentication.policies.paths")));
            }
            if (this != ADMISSION) {
                f.admissionRules().forEach(r -> misplaced.add(Diagnostic.error(r.span(),
                        holds + "; this " + r.kind().name().toLowerCase() + " rule would never run here",
                        "move it to an admission plugin's paths")));
            }
        }
        if (!misplaced.isEmpty()) {
            throw new PolicyException(misplaced);
        }
    }
}

package dev.palisade.engine.authz;

import dev.palisade.engine.request.RequestAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * Kubernetes' union authorizer: authorizers are asked in order; the first ALLOW or DENY
 * decides; NO_OPINION passes on; when every authorizer has no opinion, the request is denied.
 * Errors of authorizers that passed are kept in the final decision, so that an operator sees
 * that, say, a webhook failed even when a later authorizer decided.
 */
public final class AuthorizerChain implements Authorizer {
    /** The authorizer name on the reason of the deny that ends a chain where nobody had an opinion. */
    public static final String NAME = "chain";
    private final List<Authorizer> authorizers;

    public AuthorizerChain(List<Authorizer> authorizers) {
        this.authorizers = List.copyOf(authorizers);
    }

    /** True when the decision is the chain's own deny: every authorizer passed (Kubernetes' NoOpinion). */
    public static boolean deniedForLackOfOpinion(Decision d) {
        return d.verdict() == Verdict.DENY && d.reasons().stream().allMatch(r -> NAME.equals(r.authorizer()));
    }

    public List<Authorizer> authorizers() {
        return authorizers;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Decision authorize(RequestAttributes request) {
        List<String> errors = new ArrayList<>();
        for (Authorizer authorizer : authorizers) {
            Decision d = ask(authorizer, request);
            errors.addAll(d.errors());
            if (d.verdict() == Verdict.DENY) {
                return new Decision(Verdict.DENY, d.reasons(), errors);
            }
            if (d.verdict() == Verdict.ALLOW) {
                // an ALLOW decision may not carry errors: earlier authorizers' errors are dropped
                // here on purpose, the allow came from an authorizer that worked
                return d;
            }
        }
        List<Reason> reasons = List.of(new Reason(NAME, "", "no authorizer had an opinion", ""));
        return new Decision(Verdict.DENY, reasons, errors);
    }

    /** An authorizer that throws has failed: it gets no say, and its failure is recorded. */
    private static Decision ask(Authorizer authorizer, RequestAttributes request) {
        try {
            Decision d = authorizer.authorize(request);
            return d == null ? Decision.error(authorizer.name() + ": returned no decision") : d;
        } catch (RuntimeException e) {
            return Decision.error(authorizer.name() + ": " + e);
        }
    }
}

package dev.palisade.engine.authz;

import dev.palisade.engine.request.RequestAttributes;
import java.util.ArrayList;
import java.util.Arrays;
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
    /** The chain's own deny when nobody had an opinion and nothing failed: shared, immutable. */
    private static final Reason NO_OPINION_REASON = new Reason(NAME, "", "no authorizer had an opinion", "");
    private static final Decision NO_OPINION_DENY = Decision.deny(NO_OPINION_REASON);

    private final Authorizer[] authorizers;
    private final List<Authorizer> list;

    public AuthorizerChain(List<Authorizer> authorizers) {
        this.list = List.copyOf(authorizers);
        this.authorizers = list.toArray(Authorizer[]::new);
    }

    /** True when the decision is the chain's own deny: every authorizer passed (Kubernetes' NoOpinion). */
    public static boolean deniedForLackOfOpinion(Decision d) {
        if (d.verdict() != Verdict.DENY) {
            return false;
        }
        for (Reason r : d.reasons()) {
            if (!NAME.equals(r.authorizer())) {
                return false;
            }
        }
        return true;
    }

    public List<Authorizer> authorizers() {
        return list;
    }

    /** A chain is pure when every authorizer in it is. */
    @Override
    public boolean pure() {
        return Arrays.stream(authorizers).allMatch(Authorizer::pure);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Decision authorize(RequestAttributes request) {
        // the error list is created only when an authorizer fails: the usual request allocates nothing here
        List<String> errors = null;
        for (Authorizer authorizer : authorizers) {
            Decision d = ask(authorizer, request);
            if (d.verdict() == Verdict.ALLOW) {
                // an ALLOW decision may not carry errors: earlier authorizers' errors are dropped
                // here on purpose, the allow came from an authorizer that worked
                return d;
            }
            if (d.verdict() == Verdict.DENY) {
                if (errors == null) {
                    return d; // carries its own errors, if any, and nobody else's
                }
                errors.addAll(d.errors());
                return new Decision(Verdict.DENY, d.reasons(), errors);
            }
            if (!d.errors().isEmpty()) {
                if (errors == null) {
                    errors = new ArrayList<>();
                }
                errors.addAll(d.errors());
            }
        }
        return errors == null ? NO_OPINION_DENY : new Decision(Verdict.DENY, List.of(NO_OPINION_REASON), errors);
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

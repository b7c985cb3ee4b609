package dev.palisade.engine.authz;

import dev.palisade.engine.request.RequestAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Kubernetes' union authorizer: authorizers are asked in order; the first ALLOW or DENY
 * decides; NO_OPINION passes on; when every authorizer has no opinion, the request is denied.
 * An authorizer that fails (an error decision, or it throws) is handled by its
 * {@link FailurePolicy}: {@code Deny} ends the chain with a denial, {@code NoOpinion} passes on.
 * Every failure's error is kept in the final decision, ALLOW included, so that an operator sees
 * that, say, a guard rail crashed even when a later authorizer decided.
 */
public final class AuthorizerChain implements Authorizer {
    /** The authorizer name on the reason of the deny that ends a chain where nobody had an opinion. */
    public static final String NAME = "chain";
    /** The chain's own deny when nobody had an opinion and nothing failed: shared, immutable. */
    private static final Reason NO_OPINION_REASON = new Reason(NAME, "", "no authorizer had an opinion", "");
    private static final Decision NO_OPINION_DENY = Decision.deny(NO_OPINION_REASON);
    /** An admission- or authentication-only configuration has no authorizer: every request is refused, saying why. */
    private static final Decision NO_AUTHORIZERS = Decision.deny(new Reason(NAME, "",
            "no authorizer is configured (this configuration has no \"authorization\" section)", ""));

    private final Authorizer[] authorizers;
    private final FailurePolicy[] onFailure;
    private final List<Authorizer> list;

    /** Each authorizer with its {@link Authorizer#defaultFailurePolicy()}. */
    public AuthorizerChain(List<Authorizer> authorizers) {
        this(authorizers, authorizers.stream().map(Authorizer::defaultFailurePolicy).toList());
    }

    /** {@code onFailure.get(i)} is what a failure of authorizer i means. */
    public AuthorizerChain(List<Authorizer> authorizers, List<FailurePolicy> onFailure) {
        if (onFailure.size() != authorizers.size()) {
            throw new IllegalArgumentException("one failure policy per authorizer: " + onFailure.size() + " for " + authorizers.size());
        }
        this.list = List.copyOf(authorizers);
        this.authorizers = list.toArray(Authorizer[]::new);
        this.onFailure = onFailure.toArray(FailurePolicy[]::new);
    }

    /** The failure policy of each authorizer, in chain order. */
    public List<FailurePolicy> failurePolicies() {
        return List.of(onFailure);
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
        for (int i = 0; i < authorizers.length; i++) {
            Authorizer authorizer = authorizers[i];
            Decision d = ask(authorizer, request);
            if (d.verdict() == Verdict.ALLOW) {
                // earlier failures (NoOpinion policy) travel with the allow: they must leave a trace
                if (errors == null) {
                    return d;
                }
                errors.addAll(d.errors());
                return new Decision(Verdict.ALLOW, d.reasons(), errors);
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
                if (onFailure[i] == FailurePolicy.DENY) {
                    return new Decision(Verdict.DENY, List.of(new Reason(authorizer.name(), "",
                            "authorizer failed and its failurePolicy is Deny", "")), errors);
                }
            }
        }
        if (authorizers.length == 0) {
            return NO_AUTHORIZERS;
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

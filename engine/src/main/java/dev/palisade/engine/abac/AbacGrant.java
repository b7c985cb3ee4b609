package dev.palisade.engine.abac;

import dev.palisade.engine.authz.Reason;

/**
 * One policy line as a static fact. {@code subjectKey} is the most selective subject the line
 * names (its user, else its group, else {@link AbacKey#ANY}), which the rule joins on; the full
 * upstream match then runs on the few lines the join leaves. {@code order} is the line's
 * position, so the reported line is the first that allows, as the apiserver's loop finds it.
 */
public final class AbacGrant {
    private final AbacPolicy policy;
    private final String subjectKey;
    private final int order;
    private final Reason reason;

    AbacGrant(AbacPolicy policy, int order) {
        this.policy = policy;
        this.order = order;
        this.subjectKey = subjectKey(policy);
        String where = policy.line() > 0 ? "line " + policy.line() : "policy " + (order + 1);
        this.reason = new Reason(AbacAuthorizer.NAME, where, "allowed by ABAC policy " + where, policy.source());
    }

    /** The join key, or null for a line no subject can match (neither user nor group). */
    static String subjectKey(AbacPolicy p) {
        if (!p.user().isEmpty() && !p.user().equals("*")) {
            return AbacKey.user(p.user());
        }
        if (!p.group().isEmpty() && !p.group().equals("*")) {
            return AbacKey.group(p.group());
        }
        if (p.user().equals("*") || p.group().equals("*")) {
            return AbacKey.ANY;
        }
        return null;
    }

    public String getSubjectKey() {
        return subjectKey;
    }

    public boolean matches(AbacQuery query) {
        return AbacMatcher.matches(policy, query.request());
    }

    int order() {
        return order;
    }

    Reason reason() {
        return reason;
    }

    AbacPolicy policy() {
        return policy;
    }

    @Override
    public String toString() {
        return "AbacGrant[" + subjectKey + " " + policy.source() + "]";
    }
}

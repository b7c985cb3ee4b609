package dev.palisade.diff;

import com.microsoft.z3.BoolExpr;

/**
 * One grant or denial of an authorizer, the unit a change adds or removes: a DSL rule, an RBAC
 * (binding, subject, rule) triple, an ABAC policy line, a fixed AlwaysAllow/AlwaysDeny.
 *
 * @param key         what makes two elements the same in two configurations (never positions)
 * @param effect      whether matching it allows or denies
 * @param description how a person reads it
 * @param location    where it is written ({@code file:line[:col]}), or ""
 * @param match       the requests it matches
 * @param namespace   the one namespace it can match, or null for any (lets a question about one
 *                    element leave out the elements that cannot match where it does)
 * @param user        the one user name it can match, or null for any
 */
record Element(String key, Effect effect, String description, String location, BoolExpr match, String namespace, String user) {
    enum Effect { ALLOW, DENY }

    Element(String key, Effect effect, String description, String location, BoolExpr match) {
        this(key, effect, description, location, match, null, null);
    }

    /** Whether some request could match both: they do not name different namespaces or users. */
    boolean mayOverlap(Element other) {
        return (namespace == null || other.namespace == null || namespace.equals(other.namespace))
                && (user == null || other.user == null || user.equals(other.user));
    }
}

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
 */
record Element(String key, Effect effect, String description, String location, BoolExpr match) {
    enum Effect { ALLOW, DENY }
}

/**
 * What a policy set allows one user, as RBAC-shaped rules: the answer to
 * {@code kubectl auth can-i --list} (SelfSubjectRulesReview) for DSL allow rules.
 */
package dev.palisade.dsl.listing;

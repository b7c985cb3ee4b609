package dev.palisade.engine.suggest;

import dev.palisade.engine.rbac.model.RbacPolicy;

/** Suggested RBAC objects and what they were built from. */
public record Suggestion(String subject, RbacPolicy policy, int requests, int distinctAccesses) {
}

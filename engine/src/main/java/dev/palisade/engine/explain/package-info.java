/**
 * {@code palisade explain}: why a request was decided as it was, authorizer by authorizer, with
 * the DSL rules that matched or nearly matched and the RBAC bindings that came closest. Built only
 * when asked; the decision path does not know this package exists.
 */
package dev.palisade.engine.explain;

package dev.palisade.engine.explain;

import dev.palisade.dsl.explain.RuleTrace;
import dev.palisade.engine.authz.Decision;
import dev.palisade.engine.rbac.BindingTrace;
import java.util.List;
import java.util.Objects;

/**
 * One authorizer of the chain, asked about the request.
 *
 * @param name     the authorizer's name (configured name for policy sets, {@code RBAC}, ...)
 * @param type     Policy, RBAC, ABAC, Webhook, AlwaysAllow/AlwaysDeny or the class name
 * @param decision what it answered
 * @param role     whether it decided the request, passed it on, or comes after the one that decided
 * @param rules    for a policy set: the rules that matched, then the near misses, in rule order
 * @param bindings for RBAC: every binding naming the user, with its closest rule and gaps
 * @param notes    anything the trace could not show (e.g. an authorizer that cannot be explained)
 */
public record AuthorizerTrace(String name, String type, Decision decision, Role role, List<RuleTrace> rules,
                              List<BindingTrace> bindings, List<String> notes) {
    public AuthorizerTrace {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(role, "role");
        rules = List.copyOf(rules);
        bindings = List.copyOf(bindings);
        notes = List.copyOf(notes);
    }

    public enum Role {
        /** Its ALLOW or DENY (or its failure under failurePolicy Deny) ended the chain. */
        DECIDED,
        /** It had no opinion (or failed under failurePolicy NoOpinion): the next one was asked. */
        PASSED,
        /** An earlier authorizer decided; the real chain never asks this one. Shown for what it would say. */
        NOT_REACHED
    }
}

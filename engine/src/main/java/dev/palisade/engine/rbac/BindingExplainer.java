package dev.palisade.engine.rbac;

import dev.palisade.engine.rbac.model.ClusterRoleBinding;
import dev.palisade.engine.rbac.model.PolicyRule;
import dev.palisade.engine.rbac.model.RbacPolicy;
import dev.palisade.engine.rbac.model.RoleBinding;
import dev.palisade.engine.rbac.model.RoleRef;
import dev.palisade.engine.rbac.model.Subject;
import dev.palisade.engine.request.RequestAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The question every {@code kubectl auth can-i} user asks next: of the bindings that name me,
 * which came closest, and what did it not cover? Every ClusterRoleBinding and every RoleBinding
 * (in any namespace: a binding in the wrong namespace is a near miss too) whose subjects apply to
 * the user is listed with its closest rule. Uses the same matchers as the decision, so a binding
 * with no gaps is exactly one that allows. Built only when explaining.
 */
final class BindingExplainer {
    private final RbacPolicy policy;
    private final RuleResolver resolver;

    BindingExplainer(RbacPolicy aggregatedPolicy, RuleResolver resolver) {
        this.policy = aggregatedPolicy;
        this.resolver = resolver;
    }

    List<BindingTrace> explain(RequestAttributes request) {
        List<BindingTrace> out = new ArrayList<>();
        for (ClusterRoleBinding b : policy.clusterRoleBindings()) {
            int i = SubjectMatcher.appliesTo(request.user(), b.subjects(), "");
            if (i >= 0) {
                out.add(trace(RuleResolver.clusterBindingId(b), b.roleRef(), "", b.subjects().get(i), null, request));
            }
        }
        for (RoleBinding b : policy.roleBindings()) {
            int i = SubjectMatcher.appliesTo(request.user(), b.subjects(), b.namespace());
            if (i >= 0) {
                BindingTrace.Gap namespace = b.namespace().equals(request.namespace()) ? null
                        : new BindingTrace.Gap("namespace", request.namespace(), List.of(b.namespace()));
                out.add(trace(RuleResolver.roleBindingId(b), b.roleRef(), b.namespace(), b.subjects().get(i), namespace, request));
            }
        }
        return out;
    }

    private BindingTrace trace(String binding, RoleRef ref, String bindingNamespace, Subject subject,
                               BindingTrace.Gap namespaceGap, RequestAttributes request) {
        String role = ref.kind() + " " + GoQuote.quote(ref.name());
        String who = SubjectMatcher.describe(subject, bindingNamespace);
        Optional<List<PolicyRule>> rules = resolver.roleRules(ref, bindingNamespace);
        if (rules.isEmpty()) {
            return new BindingTrace(binding, role, who, false, null, namespaceGap == null ? List.of() : List.of(namespaceGap));
        }
        PolicyRule closest = null;
        List<BindingTrace.Gap> fewest = null;
        for (PolicyRule rule : rules.get()) {
            List<BindingTrace.Gap> gaps = new ArrayList<>();
            if (namespaceGap != null) {
                gaps.add(namespaceGap);
            }
            gaps.addAll(gaps(rule, request));
            if (fewest == null || gaps.size() < fewest.size()) {
                closest = rule;
                fewest = gaps;
            }
        }
        if (closest == null) {
            return new BindingTrace(binding, role, who, true, null, namespaceGap == null ? List.of() : List.of(namespaceGap));
        }
        return new BindingTrace(binding, role, who, true, closest, fewest);
    }

    /** What the rule does not cover, field by field, with the decision's own matchers. */
    static List<BindingTrace.Gap> gaps(PolicyRule rule, RequestAttributes request) {
        List<BindingTrace.Gap> gaps = new ArrayList<>();
        // a rule of the other kind can never apply: saying so is the whole story
        if (request.resourceRequest() && rule.resources().isEmpty() && !rule.nonResourceURLs().isEmpty()) {
            return List.of(new BindingTrace.Gap("kind", "resource request", List.of("non-resource URLs only")));
        }
        if (!request.resourceRequest() && rule.nonResourceURLs().isEmpty()) {
            return List.of(new BindingTrace.Gap("kind", "non-resource request", List.of("resources only")));
        }
        if (!RuleMatcher.verbMatches(rule, request.verb())) {
            gaps.add(new BindingTrace.Gap("verb", request.verb(), rule.verbs()));
        }
        if (request.resourceRequest()) {
            if (!RuleMatcher.apiGroupMatches(rule, request.apiGroup())) {
                gaps.add(new BindingTrace.Gap("apiGroup", request.apiGroup(), rule.apiGroups()));
            }
            if (!RuleMatcher.resourceMatches(rule, request.resource(), request.subresource())) {
                gaps.add(new BindingTrace.Gap("resource", RuleMatcher.combinedResource(request), rule.resources()));
            }
            if (!RuleMatcher.resourceNameMatches(rule, request.name())) {
                gaps.add(new BindingTrace.Gap("resourceName", request.name(), rule.resourceNames()));
            }
        } else if (!RuleMatcher.nonResourceUrlMatches(rule, request.path())) {
            gaps.add(new BindingTrace.Gap("nonResourceURL", request.path(), rule.nonResourceURLs()));
        }
        return gaps;
    }
}

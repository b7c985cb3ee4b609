package dev.palisade.engine.explain;

import dev.palisade.dsl.admission.AdmissionPhase;
import dev.palisade.dsl.admission.AdmissionTracer;
import dev.palisade.dsl.ast.AdmissionRule;
import dev.palisade.dsl.ast.Effect;
import dev.palisade.dsl.explain.AdmissionRuleTrace;
import dev.palisade.dsl.explain.AuthzRuleTracer;
import dev.palisade.dsl.explain.RuleTrace;
import dev.palisade.engine.PolicyEngine;
import dev.palisade.engine.abac.AbacAuthorizer;
import dev.palisade.engine.admission.AdmissionDecision;
import dev.palisade.engine.admission.AdmissionPlugin;
import dev.palisade.engine.admission.AdmissionPluginResult;
import dev.palisade.engine.admission.AdmissionPrograms;
import dev.palisade.engine.admission.AdmissionReason;
import dev.palisade.engine.admission.AdmissionRequest;
import dev.palisade.engine.admission.PolicyAdmissionPlugin;
import dev.palisade.engine.authz.Authorizer;
import dev.palisade.engine.authz.Decision;
import dev.palisade.engine.authz.FailurePolicy;
import dev.palisade.engine.authz.Reason;
import dev.palisade.engine.authz.StaticAuthorizer;
import dev.palisade.engine.authz.Verdict;
import dev.palisade.engine.policy.PolicyAuthorizer;
import dev.palisade.engine.rbac.BindingTrace;
import dev.palisade.engine.rbac.RbacAuthorizer;
import dev.palisade.engine.request.RequestAttributes;
import dev.palisade.engine.webhook.SubjectAccessReviewAuthorizer;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Explains authorization and admission decisions of one engine. The decision itself comes from
 * {@link PolicyEngine#authorize}; the trace asks each authorizer again, in chain order, and adds
 * what that authorizer can say about itself: a policy set its matched rules and near misses, RBAC
 * its bindings naming the user. Where the trace of a policy set disagrees with the compiled
 * program's own answer the explanation says so in a note (tests assert it never does).
 * Explaining costs a walk of the rules and bindings per request: for people and tools, not for
 * the request path. Thread-safe.
 */
public final class Explainer {
    private final PolicyEngine engine;
    private final List<FailurePolicy> failurePolicies;
    private final Map<PolicyAuthorizer, AuthzRuleTracer> tracers = new IdentityHashMap<>();
    private final Map<PolicyAdmissionPlugin, AdmissionTracer> admissionTracers = new IdentityHashMap<>();

    public Explainer(PolicyEngine engine) {
        this.engine = engine;
        this.failurePolicies = engine.failurePolicies();
        for (AdmissionPlugin plugin : engine.admissionPlugins()) {
            if (plugin instanceof PolicyAdmissionPlugin p) {
                p.source().ifPresent(files -> admissionTracers.put(p, new AdmissionTracer(files)));
            }
        }
        for (Authorizer a : engine.authorizers()) {
            if (a instanceof PolicyAuthorizer p) {
                p.source().ifPresent(files -> tracers.put(p, new AuthzRuleTracer(files)));
            }
        }
    }

    /**
     * Explains an admission request: the engine's decision, then each plugin as the chain ran it
     * (mutations of every plugin in order, then validations on the final object), with every DSL
     * rule's trace per element.
     */
    public AdmissionExplanation explain(AdmissionRequest request) {
        AdmissionDecision decision = engine.admit(request);
        List<AdmissionPlugin> plugins = engine.admissionPlugins();
        List<AdmissionRequest> given = new ArrayList<>();
        List<AdmissionPluginResult> mutated = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        AdmissionRequest input = request;
        for (AdmissionPlugin plugin : plugins) {
            given.add(input);
            try {
                AdmissionPluginResult result = plugin.evaluate(input, AdmissionPhase.MUTATE);
                mutated.add(result);
                failures.add(null);
                input = input.withObject(result.object());
            } catch (RuntimeException e) {
                mutated.add(null);
                failures.add("mutating failed: " + e.getMessage() + " (the request is refused)");
            }
        }
        List<PluginTrace> traces = new ArrayList<>();
        for (int i = 0; i < plugins.size(); i++) {
            AdmissionPlugin plugin = plugins.get(i);
            List<String> notes = new ArrayList<>();
            if (failures.get(i) != null) {
                notes.add(failures.get(i));
            }
            List<AdmissionReason> outcomes = new ArrayList<>();
            if (mutated.get(i) != null) {
                outcomes.addAll(mutated.get(i).mutations());
            }
            AdmissionPluginResult validated = null;
            try {
                validated = plugin.evaluate(input, AdmissionPhase.VALIDATE);
                outcomes.addAll(validated.violations());
            } catch (RuntimeException e) {
                notes.add("validating failed: " + e.getMessage() + " (the request is refused)");
            }
            List<AdmissionRuleTrace> rules = new ArrayList<>();
            AdmissionTracer tracer = plugin instanceof PolicyAdmissionPlugin p ? admissionTracers.get(p) : null;
            if (tracer != null) {
                List<AdmissionRuleTrace> before = tracer.trace(AdmissionPrograms.input(given.get(i)));
                List<AdmissionRuleTrace> after = tracer.trace(AdmissionPrograms.input(input));
                for (int k = 0; k < after.size(); k++) {
                    rules.add(after.get(k).kind() == AdmissionRule.Kind.MUTATE ? before.get(k) : after.get(k));
                }
                if (validated != null) {
                    admissionDisagreement(after, validated).ifPresent(notes::add);
                }
                if (mutated.get(i) != null && mutated.get(i).mutations().size() > 1) {
                    notes.add("mutate rules are traced on the object this plugin was given; each ran on the object the mutations before it left");
                }
            } else if (plugin instanceof PolicyAdmissionPlugin) {
                notes.add("built without its source files: rules cannot be traced");
            } else {
                notes.add("its checks are listed as it reported them; its rules are not traced");
            }
            traces.add(new PluginTrace(plugin.name(), plugin.describe(), outcomes, rules, notes));
        }
        return new AdmissionExplanation(request, decision, traces);
    }

    /** The traced matches of validating rules must be the program's violations, element by element. */
    private static java.util.Optional<String> admissionDisagreement(List<AdmissionRuleTrace> traced, AdmissionPluginResult result) {
        List<String> program = result.violations().stream().map(v -> v.ruleId() + "@" + v.field()).sorted().toList();
        List<String> trace = new ArrayList<>();
        for (AdmissionRuleTrace t : traced) {
            if (t.kind() == AdmissionRule.Kind.VALIDATE) {
                t.elements().stream().filter(AdmissionRuleTrace.ElementTrace::matched).forEach(e -> trace.add(t.id() + "@" + e.field()));
            }
        }
        List<String> sorted = trace.stream().sorted().toList();
        return program.equals(sorted) ? java.util.Optional.empty()
                : java.util.Optional.of("explain disagrees with the compiled policy: traced " + sorted + ", program found " + program);
    }

    public AuthorizationExplanation explain(RequestAttributes request) {
        Decision decision = engine.authorize(request);
        List<AuthorizerTrace> traces = new ArrayList<>();
        boolean decided = false;
        List<Authorizer> authorizers = engine.authorizers();
        for (int i = 0; i < authorizers.size(); i++) {
            Authorizer a = authorizers.get(i);
            Decision d = ask(a, request);
            AuthorizerTrace.Role role;
            if (decided) {
                role = AuthorizerTrace.Role.NOT_REACHED;
            } else if (d.verdict() != Verdict.NO_OPINION
                    || (!d.errors().isEmpty() && failurePolicies.get(i) == FailurePolicy.DENY)) {
                role = AuthorizerTrace.Role.DECIDED;
                decided = true;
            } else {
                role = AuthorizerTrace.Role.PASSED;
            }
            traces.add(trace(a, d, role, request));
        }
        return new AuthorizationExplanation(request, decision, traces);
    }

    private AuthorizerTrace trace(Authorizer a, Decision d, AuthorizerTrace.Role role, RequestAttributes request) {
        List<RuleTrace> rules = List.of();
        List<BindingTrace> bindings = List.of();
        List<String> notes = new ArrayList<>();
        if (a instanceof PolicyAuthorizer p) {
            AuthzRuleTracer tracer = tracers.get(p);
            if (tracer == null) {
                notes.add("built without its source files: rules cannot be traced");
            } else {
                rules = new ArrayList<>();
                for (RuleTrace t : tracer.trace(request)) {
                    if (t.outcome() != RuleTrace.Outcome.MISSED) {
                        rules.add(t);
                    }
                }
                disagreement(rules, d).ifPresent(notes::add);
            }
        } else if (a instanceof RbacAuthorizer r) {
            bindings = r.explain(request);
            boolean traced = bindings.stream().anyMatch(BindingTrace::allows);
            if (traced != (d.verdict() == Verdict.ALLOW)) {
                notes.add("explain disagrees with the authorizer: the bindings traced "
                        + (traced ? "allow" : "do not allow") + " the request, the authorizer said " + d.verdict());
            }
        } else if (a instanceof SubjectAccessReviewAuthorizer) {
            notes.add("a webhook: it was asked again for this explanation; its reasons are its own");
        } else if (!(a instanceof StaticAuthorizer) && !(a instanceof AbacAuthorizer)) {
            notes.add("this authorizer cannot be traced further");
        }
        return new AuthorizerTrace(a.name(), type(a), d, role, rules, bindings, notes);
    }

    /** The compiled program's deciding rules must be exactly the traced matches of the deciding effect. */
    private static java.util.Optional<String> disagreement(List<RuleTrace> traced, Decision d) {
        Set<String> engine = new LinkedHashSet<>();
        if (d.verdict() != Verdict.NO_OPINION) {
            for (Reason r : d.reasons()) {
                engine.add(r.ruleId());
            }
        }
        boolean anyDeny = traced.stream().anyMatch(t -> t.outcome() == RuleTrace.Outcome.MATCHED && t.effect() == Effect.DENY);
        Effect deciding = anyDeny ? Effect.DENY : Effect.ALLOW;
        Set<String> trace = new LinkedHashSet<>();
        for (RuleTrace t : traced) {
            if (t.outcome() == RuleTrace.Outcome.MATCHED && t.effect() == deciding) {
                trace.add(t.id());
            }
        }
        if (!d.errors().isEmpty() || engine.equals(trace)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of("explain disagrees with the compiled policy: traced " + trace + ", program decided by " + engine);
    }

    private static Decision ask(Authorizer a, RequestAttributes request) {
        try {
            Decision d = a.authorize(request);
            return d == null ? Decision.error(a.name() + ": returned no decision") : d;
        } catch (RuntimeException e) {
            return Decision.error(a.name() + ": " + e);
        }
    }

    private static String type(Authorizer a) {
        if (a instanceof PolicyAuthorizer) {
            return "Policy";
        }
        if (a instanceof RbacAuthorizer) {
            return "RBAC";
        }
        if (a instanceof AbacAuthorizer) {
            return "ABAC";
        }
        if (a instanceof SubjectAccessReviewAuthorizer) {
            return "Webhook";
        }
        if (a instanceof StaticAuthorizer) {
            return a.name();
        }
        return a.getClass().getSimpleName();
    }
}

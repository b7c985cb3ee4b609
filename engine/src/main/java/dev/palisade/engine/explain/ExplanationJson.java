package dev.palisade.engine.explain;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palisade.dsl.explain.AdmissionRuleTrace;
import dev.palisade.dsl.explain.RuleTrace;
import dev.palisade.engine.admission.AdmissionDecision;
import dev.palisade.engine.admission.AdmissionReason;
import dev.palisade.engine.admission.AdmissionRequest;
import dev.palisade.engine.authz.Decision;
import dev.palisade.engine.authz.Reason;
import dev.palisade.engine.rbac.BindingTrace;
import dev.palisade.engine.rbac.model.PolicyRule;
import dev.palisade.engine.request.RequestAttributes;
import java.util.List;
import java.util.Locale;

/** An explanation as JSON for tools; the shape is documented in docs/explain.md. */
public final class ExplanationJson {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private ExplanationJson() {}

    public static ObjectNode render(AuthorizationExplanation e) {
        ObjectNode out = F.objectNode();
        out.put("kind", "AuthorizationExplanation");
        out.set("request", request(e.request()));
        out.put("allowed", e.decision().allowed());
        out.set("decision", decision(e.decision()));
        ArrayNode authorizers = out.putArray("authorizers");
        for (AuthorizerTrace t : e.authorizers()) {
            ObjectNode a = authorizers.addObject();
            a.put("name", t.name());
            a.put("type", t.type());
            a.put("role", t.role().name());
            a.set("decision", decision(t.decision()));
            ArrayNode rules = a.putArray("rules");
            for (RuleTrace r : t.rules()) {
                rules.add(rule(r));
            }
            ArrayNode bindings = a.putArray("bindings");
            for (BindingTrace b : t.bindings()) {
                bindings.add(binding(b));
            }
            strings(a.putArray("notes"), t.notes());
        }
        return out;
    }

    public static ObjectNode render(AdmissionExplanation e) {
        ObjectNode out = F.objectNode();
        out.put("kind", "AdmissionExplanation");
        AdmissionRequest r = e.request();
        ObjectNode req = out.putObject("request");
        req.put("uid", r.uid());
        req.put("operation", r.operation());
        req.put("resource", r.resource());
        req.put("subresource", r.subresource());
        req.put("namespace", r.namespace());
        req.put("name", r.name());
        req.put("user", r.user().name());
        AdmissionDecision d = e.decision();
        out.put("allowed", d.allowed());
        out.put("message", d.message());
        strings(out.putArray("warnings"), d.warnings());
        out.put("patchOperations", d.patch().size());
        ArrayNode plugins = out.putArray("plugins");
        for (PluginTrace p : e.plugins()) {
            ObjectNode plugin = plugins.addObject();
            plugin.put("name", p.name());
            plugin.put("describe", p.describe());
            ArrayNode outcomes = plugin.putArray("outcomes");
            for (AdmissionReason o : p.outcomes()) {
                ObjectNode outcome = outcomes.addObject();
                outcome.put("ruleId", o.ruleId());
                outcome.put("location", o.location());
                outcome.put("enforcement", o.enforcement() == null ? "mutated" : o.enforcement().name().toLowerCase(Locale.ROOT));
                outcome.put("message", o.message());
                outcome.put("field", o.field());
            }
            ArrayNode rules = plugin.putArray("rules");
            for (AdmissionRuleTrace t : p.rules()) {
                ObjectNode rule = rules.addObject();
                rule.put("id", t.id());
                rule.put("kind", t.kind().name().toLowerCase(Locale.ROOT));
                rule.put("enforcement", t.enforcement().name().toLowerCase(Locale.ROOT));
                rule.put("location", t.location());
                rule.put("skipped", t.skipped());
                rule.put("matched", t.matched());
                ArrayNode elements = rule.putArray("elements");
                for (AdmissionRuleTrace.ElementTrace el : t.elements()) {
                    ObjectNode element = elements.addObject();
                    element.put("field", el.field());
                    element.put("matched", el.matched());
                    ArrayNode conditions = element.putArray("conditions");
                    for (AdmissionRuleTrace.ConditionTrace c : el.conditions()) {
                        ObjectNode condition = conditions.addObject();
                        condition.put("condition", c.condition());
                        condition.put("location", c.location());
                        condition.put("held", c.held());
                        strings(condition.putArray("values"), c.values());
                    }
                }
            }
            strings(plugin.putArray("notes"), p.notes());
        }
        return out;
    }

    static ObjectNode request(RequestAttributes r) {
        ObjectNode o = F.objectNode();
        o.put("user", r.user().name());
        strings(o.putArray("groups"), r.user().groups());
        o.put("verb", r.verb());
        o.put("resourceRequest", r.resourceRequest());
        if (r.resourceRequest()) {
            o.put("namespace", r.namespace());
            o.put("apiGroup", r.apiGroup());
            o.put("resource", r.resource());
            o.put("subresource", r.subresource());
            o.put("name", r.name());
        } else {
            o.put("path", r.path());
        }
        return o;
    }

    static ObjectNode decision(Decision d) {
        ObjectNode o = F.objectNode();
        o.put("verdict", d.verdict().name());
        ArrayNode reasons = o.putArray("reasons");
        for (Reason r : d.reasons()) {
            ObjectNode reason = reasons.addObject();
            reason.put("authorizer", r.authorizer());
            reason.put("ruleId", r.ruleId());
            reason.put("message", r.message());
            reason.put("source", r.source());
        }
        strings(o.putArray("errors"), d.errors());
        return o;
    }

    private static ObjectNode rule(RuleTrace r) {
        ObjectNode o = F.objectNode();
        o.put("id", r.id());
        o.put("effect", r.effect().name().toLowerCase(Locale.ROOT));
        o.put("location", r.location());
        o.put("outcome", r.outcome().name());
        ArrayNode misses = o.putArray("misses");
        for (RuleTrace.Miss m : r.misses()) {
            ObjectNode miss = misses.addObject();
            miss.put("condition", m.condition());
            miss.put("location", m.location());
            strings(miss.putArray("actual"), m.actual());
        }
        return o;
    }

    private static ObjectNode binding(BindingTrace b) {
        ObjectNode o = F.objectNode();
        o.put("binding", b.binding());
        o.put("role", b.role());
        o.put("subject", b.subject());
        o.put("roleFound", b.roleFound());
        o.put("allows", b.allows());
        if (b.closestRule() != null) {
            o.set("closestRule", rule(b.closestRule()));
        }
        ArrayNode gaps = o.putArray("gaps");
        for (BindingTrace.Gap g : b.gaps()) {
            ObjectNode gap = gaps.addObject();
            gap.put("field", g.field());
            gap.put("requested", g.requested());
            strings(gap.putArray("granted"), g.granted());
        }
        return o;
    }

    private static ObjectNode rule(PolicyRule r) {
        ObjectNode o = F.objectNode();
        strings(o.putArray("verbs"), r.verbs());
        strings(o.putArray("apiGroups"), r.apiGroups());
        strings(o.putArray("resources"), r.resources());
        strings(o.putArray("resourceNames"), r.resourceNames());
        strings(o.putArray("nonResourceURLs"), r.nonResourceURLs());
        return o;
    }

    static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }
}

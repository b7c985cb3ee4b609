package dev.palisade.engine.explain;

import dev.palisade.dsl.ast.AdmissionRule;
import dev.palisade.dsl.explain.AdmissionRuleTrace;
import dev.palisade.dsl.explain.RuleTrace;
import dev.palisade.engine.admission.AdmissionDecision;
import dev.palisade.engine.admission.AdmissionReason;
import dev.palisade.engine.admission.AdmissionRequest;
import dev.palisade.engine.authz.Decision;
import dev.palisade.engine.authz.Reason;
import dev.palisade.engine.rbac.BindingTrace;
import dev.palisade.engine.request.RequestAttributes;
import dev.palisade.engine.text.Printable;
import java.util.List;
import java.util.Locale;

/** An explanation as text for people: the decision, then each authorizer with what it saw. */
public final class ExplanationText {
    private ExplanationText() {}

    public static String render(AuthorizationExplanation e) {
        StringBuilder b = new StringBuilder();
        b.append(describe(e.request())).append('\n');
        b.append("  decision: ").append(e.decision().verdict()).append(reasons(e.decision())).append('\n');
        List<AuthorizerTrace> traces = e.authorizers();
        for (int i = 0; i < traces.size(); i++) {
            AuthorizerTrace t = traces.get(i);
            b.append("  ").append(i + 1).append(". ").append(t.name());
            if (!t.type().equals(t.name())) {
                b.append(" (").append(t.type()).append(')');
            }
            b.append(": ").append(t.decision().verdict()).append(reasons(t.decision()));
            b.append(switch (t.role()) {
                case DECIDED -> "  <- decided";
                case PASSED -> "  (passed on)";
                case NOT_REACHED -> "  (not reached: an earlier authorizer decided)";
            }).append('\n');
            for (String error : t.decision().errors()) {
                b.append("       error: ").append(Printable.escapeLines(error)).append('\n');
            }
            rules(b, t.rules());
            bindings(b, t.bindings());
            if (t.type().equals("Policy") && t.rules().isEmpty() && t.notes().isEmpty()) {
                b.append("       no rule matched, and none missed on just one condition\n");
            }
            if (t.type().equals("RBAC") && t.bindings().isEmpty()) {
                b.append("       no binding names this user or any of its groups\n");
            }
            for (String note : t.notes()) {
                b.append("       note: ").append(Printable.escapeLines(note)).append('\n');
            }
        }
        return b.toString();
    }

    public static String render(AdmissionExplanation e) {
        StringBuilder b = new StringBuilder();
        AdmissionRequest r = e.request();
        b.append(Printable.escapeLines("AdmissionReview " + r.operation() + " "
                + (r.subresource().isEmpty() ? r.resource() : r.resource() + "/" + r.subresource())
                + (r.name().isEmpty() ? "" : " " + quote(r.name()))
                + (r.namespace().isEmpty() ? " (cluster-wide)" : " in namespace " + r.namespace())
                + " by " + quote(r.user().name()))).append('\n');
        AdmissionDecision d = e.decision();
        b.append("  decision: ").append(d.allowed() ? "ALLOWED" : "DENIED");
        if (!d.message().isEmpty()) {
            b.append(": ").append(Printable.escapeLines(d.message()));
        }
        if (!d.warnings().isEmpty()) {
            b.append(" (").append(d.warnings().size()).append(d.warnings().size() == 1 ? " warning" : " warnings").append(')');
        }
        if (!d.patch().isEmpty()) {
            b.append(" (patch of ").append(d.patch().size()).append(d.patch().size() == 1 ? " operation" : " operations").append(')');
        }
        b.append('\n');
        if (e.plugins().isEmpty()) {
            b.append("  no admission plugin is configured: every request is allowed unchanged\n");
        }
        for (int i = 0; i < e.plugins().size(); i++) {
            PluginTrace p = e.plugins().get(i);
            b.append("  ").append(i + 1).append(". ").append(Printable.escapeLines(p.describe())).append('\n');
            if (p.rules().isEmpty()) {
                for (AdmissionReason o : p.outcomes()) {
                    b.append("       ").append(o.enforcement() == null ? "mutated" : o.enforcement().name().toLowerCase(Locale.ROOT))
                            .append(" \"").append(o.ruleId()).append("\"").append(o.field().isEmpty() ? "" : " at " + o.field())
                            .append(": ").append(Printable.escapeLines(o.message())).append('\n');
                }
            }
            for (AdmissionRuleTrace t : p.rules()) {
                admissionRule(b, t);
            }
            for (String note : p.notes()) {
                b.append("       note: ").append(Printable.escapeLines(note)).append('\n');
            }
        }
        return b.toString();
    }

    private static void admissionRule(StringBuilder b, AdmissionRuleTrace t) {
        String what = t.kind() == AdmissionRule.Kind.MUTATE ? "mutate" : t.enforcement().name().toLowerCase(Locale.ROOT);
        b.append("       ").append(what).append(" \"").append(t.id()).append("\" (").append(t.location()).append(')');
        if (!t.skipped().isEmpty()) {
            b.append(": not asked: ").append(Printable.escapeLines(t.skipped())).append('\n');
            return;
        }
        if (t.elements().isEmpty()) {
            b.append(": nothing to look at (no element to iterate)\n");
            return;
        }
        b.append(t.matched() ? ": MATCHED" : ": no match").append('\n');
        for (AdmissionRuleTrace.ElementTrace e : t.elements()) {
            String where = e.field().isEmpty() ? "the object" : e.field();
            b.append("         ").append(e.matched() ? "matched at " : "no match at ").append(Printable.escapeLines(where)).append('\n');
            for (AdmissionRuleTrace.ConditionTrace c : e.matched() ? e.conditions() : e.failed()) {
                b.append("           ").append(c.held() ? "held:   " : "failed: ").append(Printable.escapeLines(c.condition()))
                        .append(" (").append(c.location()).append(")\n");
                for (String v : c.values()) {
                    b.append("             saw ").append(Printable.escapeLines(v)).append('\n');
                }
            }
        }
    }

    private static void rules(StringBuilder b, List<RuleTrace> rules) {
        for (RuleTrace r : rules) {
            String effect = r.effect().name().toLowerCase(Locale.ROOT);
            if (r.outcome() == RuleTrace.Outcome.MATCHED) {
                b.append("       matched:   ").append(effect).append(" \"").append(r.id()).append("\" (").append(r.location()).append(")\n");
                continue;
            }
            b.append("       near miss: ").append(effect).append(" \"").append(r.id()).append("\" (").append(r.location()).append(")\n");
            for (RuleTrace.Miss m : r.misses()) {
                b.append("         failed: ").append(Printable.escapeLines(m.condition())).append(" (").append(m.location()).append(")\n");
                for (String actual : m.actual()) {
                    b.append("           request has ").append(actual).append('\n');
                }
            }
        }
    }

    private static void bindings(StringBuilder b, List<BindingTrace> bindings) {
        for (BindingTrace t : bindings) {
            b.append("       ").append(t.binding()).append(" of ").append(t.role()).append(" to ").append(t.subject());
            if (!t.roleFound()) {
                b.append(": the role does not exist, so it grants nothing\n");
                continue;
            }
            if (t.closestRule() == null) {
                b.append(": the role has no rules\n");
                continue;
            }
            b.append(t.allows() ? ": allows, by rule " : ": closest rule ").append(t.closestRule().compact()).append('\n');
            for (BindingTrace.Gap g : t.gaps()) {
                b.append("         not covered: ").append(g.field()).append(' ').append(quote(g.requested()))
                        .append(" (granted: ").append(String.join(", ", g.granted())).append(")\n");
            }
        }
    }

    private static String reasons(Decision d) {
        return d.reasons().isEmpty() ? "" : ": " + Printable.escapeLines(String.join("; ", d.reasons().stream().map(Reason::render).toList()));
    }

    /** {@code alice [devs, system:authenticated] get pods/log "api" in namespace payments (group apps)}. */
    public static String describe(RequestAttributes r) {
        StringBuilder b = new StringBuilder(quote(r.user().name()));
        if (!r.user().groups().isEmpty()) {
            b.append(" [").append(String.join(", ", r.user().groups())).append(']');
        }
        b.append(' ').append(r.verb().isEmpty() ? "(no verb)" : r.verb()).append(' ');
        if (!r.resourceRequest()) {
            return Printable.escapeLines(b.append(r.path()).toString());
        }
        b.append(r.subresource().isEmpty() ? r.resource() : r.resource() + "/" + r.subresource());
        if (!r.name().isEmpty()) {
            b.append(' ').append(quote(r.name()));
        }
        b.append(r.namespace().isEmpty() ? " (cluster-wide)" : " in namespace " + r.namespace());
        if (!r.apiGroup().isEmpty()) {
            b.append(" (group ").append(r.apiGroup()).append(')');
        }
        return Printable.escapeLines(b.toString());
    }

    private static String quote(String s) {
        return "\"" + s + "\"";
    }
}

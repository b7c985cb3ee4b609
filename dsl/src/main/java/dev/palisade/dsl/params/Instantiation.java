package dev.palisade.dsl.params;

import dev.palisade.dsl.admission.JsonValues;
import dev.palisade.dsl.ast.AdmissionRule;
import dev.palisade.dsl.ast.CmpOp;
import dev.palisade.dsl.ast.Cond;
import dev.palisade.dsl.ast.Message;
import dev.palisade.dsl.ast.Mutation;
import dev.palisade.dsl.ast.ObjPath;
import dev.palisade.dsl.ast.ParamDecl;
import dev.palisade.dsl.ast.PolicyFile;
import dev.palisade.dsl.ast.Term;
import dev.palisade.dsl.source.Span;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Makes the admission rules of parameterised policies concrete: every {@code params.NAME} becomes
 * the instance's value (a literal, so the checker then judges it against the schema like any
 * other), each instance gets its own copy of every rule, named {@code rule@instance}, with its
 * {@code match} added to the rule's condition. Without instances the defaults apply. Files
 * without parameters and without instances are returned as they are.
 */
public final class Instantiation {
    private Instantiation() {}

    /** A value or declaration that cannot make an instance; the message names the place. */
    public static final class InstanceException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final List<String> problems;

        InstanceException(List<String> problems) {
            super(String.join("\n", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }

    /** @throws InstanceException with every problem: a missing value, a value of the wrong type, an unknown parameter */
    public static List<PolicyFile> instantiate(List<PolicyFile> files, List<PolicyInstance> instances) {
        List<String> problems = new ArrayList<>();
        Map<String, ParamDecl> declared = new LinkedHashMap<>();
        files.forEach(f -> f.params().forEach(p -> declared.putIfAbsent(p.name(), p)));
        for (PolicyInstance instance : instances) {
            for (Map.Entry<String, PolicyInstance.Value> e : instance.values().entrySet()) {
                if (!declared.containsKey(e.getKey())) {
                    problems.add(e.getValue().place() + ": instance \"" + instance.name() + "\" gives parameter \"" + e.getKey()
                            + "\", which no policy of the plugin declares" + (declared.isEmpty() ? "" : " (declared: "
                            + String.join(", ", declared.keySet()) + ")"));
                }
            }
        }
        List<PolicyFile> out = new ArrayList<>();
        for (PolicyFile f : files) {
            if (instances.isEmpty()) {
                if (f.params().isEmpty()) {
                    out.add(f);
                    continue;
                }
                Map<String, Term> values = values(f, null, problems);
                out.add(f.withAdmissionRules(f.admissionRules().stream().map(r -> new Rewrite(values).rule(r, null, null)).toList()));
                continue;
            }
            List<AdmissionRule> rules = new ArrayList<>();
            for (PolicyInstance instance : instances) {
                Map<String, Term> values = values(f, instance, problems);
                for (AdmissionRule r : f.admissionRules()) {
                    rules.add(new Rewrite(values).rule(r, instance.name(), instance.match()));
                }
            }
            out.add(f.withAdmissionRules(rules));
        }
        if (!problems.isEmpty()) {
            throw new InstanceException(problems.stream().distinct().toList());
        }
        return out;
    }

    /** The file's parameters as literals: the instance's value, else the default. */
    private static Map<String, Term> values(PolicyFile f, PolicyInstance instance, List<String> problems) {
        Map<String, Term> out = new LinkedHashMap<>();
        for (ParamDecl p : f.params()) {
            PolicyInstance.Value given = instance == null ? null : instance.values().get(p.name());
            if (given == null) {
                if (p.defaultValue() == null) {
                    problems.add((instance == null ? f.source().path() + ":" + p.nameSpan().line() + ":" + p.nameSpan().column()
                            : instance.place()) + ": parameter \"" + p.name() + "\" (" + f.source().path() + ":" + p.nameSpan().line()
                            + ") has no default" + (instance == null ? "; give it in the plugin's instances"
                            : " and instance \"" + instance.name() + "\" gives no value"));
                } else {
                    out.put(p.name(), p.defaultValue());
                }
                continue;
            }
            Term literal = literal(given.value(), p.span());
            String mismatch = literal == null || p.type() == null || p.type().accepts(literal) ? null : ParamDecl.describe(literal);
            if (literal == null || mismatch != null) {
                problems.add(given.place() + ": parameter \"" + p.name() + "\" of instance \"" + instance.name() + "\" must be "
                        + (p.type() == null ? "a literal" : p.type().spelling()) + (mismatch == null ? "" : ", got " + mismatch));
            } else {
                out.put(p.name(), literal);
            }
        }
        return out;
    }

    /** A YAML value as a literal (null for maps and other shapes a parameter cannot have). */
    private static Term literal(Object v, Span at) {
        if (v instanceof String s) {
            return new Term.Str(s, at);
        }
        if (v instanceof Boolean b) {
            return new Term.Bool(b, at);
        }
        if (v instanceof Number n) {
            return new Term.Num(new BigDecimal(n.toString()), at);
        }
        if (v instanceof List<?> l) {
            List<Term> elements = new ArrayList<>();
            for (Object o : l) {
                Term t = literal(o, at);
                if (t == null || t instanceof Term.ListLit) {
                    return null;
                }
                elements.add(t);
            }
            return new Term.ListLit(elements, at);
        }
        return null;
    }

    /** One rule with the parameters' values put in, renamed and narrowed to an instance's match. */
    private record Rewrite(Map<String, Term> values) {
        AdmissionRule rule(AdmissionRule r, String instance, PolicyInstance.Match match) {
            Cond condition = r.condition() == null ? null : cond(r.condition());
            Cond where = match == null ? null : match(match, r.span());
            if (where != null) {
                condition = condition == null ? where : new Cond.And(where, condition, condition.span());
            }
            Message because = r.because() == null ? null : message(r.because());
            List<Mutation> mutations = r.mutations().stream().map(this::mutation).toList();
            return new AdmissionRule(r.kind(), instance == null ? r.name() : r.name() + "@" + instance, r.nameSpan(), r.operations(),
                    r.resources(), r.forEach(), r.enforcement(), condition, because, mutations, r.span());
        }

        private Mutation mutation(Mutation m) {
            return new Mutation(m.op(), path(m.target()), m.value() == null ? null : term(m.value()), m.var(), m.varSpan(),
                    m.where() == null ? null : cond(m.where()), m.span());
        }

        private Message message(Message m) {
            List<Object> parts = new ArrayList<>();
            for (Object p : m.parts()) {
                if (p instanceof ObjPath path && path.root().equals("params")) {
                    Term v = values.get(String.valueOf(path.segments().get(0)));
                    parts.add(v == null ? JsonValues.ABSENT : JsonValues.display(constant(v)));
                } else {
                    parts.add(p instanceof ObjPath path ? path(path) : p);
                }
            }
            return new Message(m.template(), parts, m.span());
        }

        private static Object constant(Term t) {
            if (t instanceof Term.Str s) {
                return s.value();
            }
            if (t instanceof Term.Num n) {
                return n.value();
            }
            if (t instanceof Term.Bool b) {
                return b.value();
            }
            return ((Term.ListLit) t).elements().stream().map(Rewrite::constant).toList();
        }

        private Cond cond(Cond c) {
            if (c instanceof Cond.And a) {
                return new Cond.And(cond(a.left()), cond(a.right()), a.span());
            }
            if (c instanceof Cond.Or o) {
                return new Cond.Or(cond(o.left()), cond(o.right()), o.span());
            }
            if (c instanceof Cond.Not n) {
                return new Cond.Not(cond(n.operand()), n.span());
            }
            if (c instanceof Cond.Compare cmp) {
                return new Cond.Compare(term(cmp.left()), cmp.op(), cmp.opSpan(), term(cmp.right()), cmp.span());
            }
            if (c instanceof Cond.Truthy t) {
                return new Cond.Truthy(term(t.term()), t.span());
            }
            if (c instanceof Cond.Presence p) {
                return new Cond.Presence(path(p.path()), p.absent(), p.span());
            }
            Cond.Quantified q = (Cond.Quantified) c;
            return new Cond.Quantified(q.all(), q.var(), q.varSpan(), q.lists().stream().map(this::path).toList(), cond(q.body()), q.span());
        }

        private Term term(Term t) {
            if (t instanceof Term.PathRef p) {
                if (p.path().root().equals("params") && p.path().segments().size() == 1) {
                    Term v = values.get(String.valueOf(p.path().segments().get(0)));
                    return v == null ? t : withSpan(v, p.span());
                }
                return new Term.PathRef(path(p.path()));
            }
            if (t instanceof Term.Concat c) {
                return new Term.Concat(c.parts().stream().map(this::term).toList(), c.span());
            }
            if (t instanceof Term.ListLit l) {
                return new Term.ListLit(l.elements().stream().map(this::term).toList(), l.span());
            }
            if (t instanceof Term.ObjLit o) {
                return new Term.ObjLit(o.fields().stream().map(f -> new Term.ObjLit.Field(f.key(), f.keySpan(), term(f.value()))).toList(),
                        o.span());
            }
            if (t instanceof Term.Call c) {
                return new Term.Call(c.name(), c.function(), c.nameSpan(), c.args().stream().map(this::term).toList(), c.span());
            }
            return t;
        }

        /** The value, placed where the rule reads it: errors about it then point into the rule. */
        private static Term withSpan(Term v, Span at) {
            if (v instanceof Term.Str s) {
                return new Term.Str(s.value(), at);
            }
            if (v instanceof Term.Num n) {
                return new Term.Num(n.value(), at);
            }
            if (v instanceof Term.Bool b) {
                return new Term.Bool(b.value(), at);
            }
            return new Term.ListLit(((Term.ListLit) v).elements().stream().map(e -> withSpan(e, at)).toList(), at);
        }

        private ObjPath path(ObjPath p) {
            if (!p.hasComputedKey()) {
                return p;
            }
            List<Object> segments = new ArrayList<>();
            for (Object s : p.segments()) {
                segments.add(s instanceof ObjPath.Computed c ? new ObjPath.Computed(term(c.key()), c.span()) : s);
            }
            return new ObjPath(p.root(), segments, p.span());
        }

        /** An instance's match as a condition on the request: namespaces, operations, resources, labels. */
        private static Cond match(PolicyInstance.Match m, Span at) {
            List<Cond> parts = new ArrayList<>();
            if (!m.namespaces().isEmpty()) {
                parts.add(in("namespace", m.namespaces(), CmpOp.IN, at));
            }
            if (!m.excludedNamespaces().isEmpty()) {
                parts.add(in("namespace", m.excludedNamespaces(), CmpOp.NOT_IN, at));
            }
            if (!m.operations().isEmpty()) {
                parts.add(in("operation", m.operations(), CmpOp.IN, at));
            }
            if (!m.resources().isEmpty()) {
                parts.add(in("resource", m.resources(), CmpOp.IN, at));
            }
            m.labels().forEach((k, v) -> parts.add(new Cond.Compare(new Term.PathRef(new ObjPath("object", List.of("metadata", "labels", k), at)),
                    CmpOp.EQ, at, new Term.Str(v, at), at)));
            Cond out = null;
            for (Cond c : parts) {
                out = out == null ? c : new Cond.And(out, c, at);
            }
            return out;
        }

        private static Cond in(String attribute, List<String> values, CmpOp op, Span at) {
            return new Cond.Compare(new Term.PathRef(new ObjPath(attribute, List.of(), at)), op, at,
                    new Term.ListLit(values.stream().map(v -> (Term) new Term.Str(v, at)).toList(), at), at);
        }
    }
}

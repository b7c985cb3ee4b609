package dev.palisade.dsl.admission;

import dev.palisade.dsl.ast.AdmissionRule;
import dev.palisade.dsl.ast.Cond;
import dev.palisade.dsl.ast.CmpOp;
import dev.palisade.dsl.ast.ObjPath;
import dev.palisade.dsl.ast.PolicyFile;
import dev.palisade.dsl.ast.Term;
import dev.palisade.dsl.explain.AdmissionRuleTrace;
import dev.palisade.dsl.explain.AdmissionRuleTrace.ConditionTrace;
import dev.palisade.dsl.explain.AdmissionRuleTrace.ElementTrace;
import dev.palisade.dsl.lower.BooleanLowering;
import dev.palisade.dsl.lower.Dnf;
import dev.palisade.dsl.lower.Negatable;
import dev.palisade.dsl.source.Span;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Traces admission rules over one request, for {@code palisade explain}: per rule, per object it
 * sees (the object, and a workload's pod template as a pod) and per {@code for each} element,
 * whether it matched, and each condition of the closest alternative with the values it read.
 *
 * <p>The conditions are evaluated with the compiler's own {@link NodeCompiler} nodes (the same
 * Java the compiled rules call), on the same views and elements the program inserts; only the
 * boolean structure on top, which Drools evaluates in the program, is walked here. Tests check
 * that the traced matches of validating rules are exactly the program's violations.
 */
public final class AdmissionTracer {
    private static final int DNF_CAP = AdmissionCompiler.MAX_ALTERNATIVES;
    private static final int MAX_VALUE_CHARS = 200;

    private final List<Traced> rules = new ArrayList<>();
    private final NodeCompiler nodes = new NodeCompiler();

    /** A leaf of a condition, or its negation. */
    private record Lit(Cond leaf, boolean negated) implements Negatable<Lit> {
        @Override
        public Lit negate() {
            return new Lit(leaf, !negated);
        }
    }

    /** A literal ready to run: its test, and the values it reads for display. */
    /**
     * A literal ready to run: the compiled node, or (for a hashed test of a request field) the field,
     * the values it is compared with and whether the operator is {@code !=} / {@code not in}; and
     * the paths it reads, for display.
     */
    private record Check(Lit lit, Node.Test test, Field field, List<Object> fieldValues, boolean fieldNegated,
                         Map<String, Node.Value> reads) {}

    /** @param chain the sources of the rule's for-each variables, outermost first; empty without for each */
    private record Traced(String id, AdmissionRule rule, List<Integer> chain, List<List<Check>> terms) {}

    public AdmissionTracer(List<PolicyFile> files) {
        for (PolicyFile file : files) {
            for (AdmissionRule rule : file.admissionRules()) {
                String id = file.packageName().isEmpty() ? rule.name() : file.packageName() + "/" + rule.name();
                Map<String, Integer> vars = AdmissionCompiler.eachSources(rule, nodes);
                List<List<Check>> terms = new ArrayList<>();
                for (Set<Lit> term : lower(rule.condition()).terms()) {
                    List<Check> checks = new ArrayList<>();
                    for (Lit lit : term) {
                        checks.add(check(lit, vars));
                    }
                    terms.add(checks);
                }
                rules.add(new Traced(id, rule, List.copyOf(vars.values()), terms));
            }
        }
    }

    /**
     * Every rule's trace for the request. {@code input.object()} is what the rules see: pass the
     * object after mutations to trace validating rules as the program runs them.
     */
    public List<AdmissionRuleTrace> trace(AdmissionInput input) {
        List<AdmissionRuleTrace> out = new ArrayList<>();
        for (Traced t : rules) {
            out.add(trace(t, input));
        }
        return out;
    }

    private AdmissionRuleTrace trace(Traced t, AdmissionInput input) {
        AdmissionRule rule = t.rule();
        String location = rule.span().location();
        List<String> operations = rule.operations().stream().map(AdmissionRule.Word::text).toList();
        List<String> resources = rule.resources().stream().map(AdmissionRule.Word::text).toList();
        if (!operations.contains(input.operation())) {
            return new AdmissionRuleTrace(t.id(), rule.kind(), rule.enforcement(), location,
                    "operation " + input.operation() + " is not one of " + operations, List.of());
        }
        List<ElementTrace> elements = new ArrayList<>();
        for (View view : views(input)) {
            if (!resources.contains(view.resource)) {
                continue;
            }
            if (!(view.fact.object instanceof Map<?, ?>) && rule.kind() == AdmissionRule.Kind.MUTATE) {
                continue;
            }
            if (t.chain().isEmpty()) {
                Scope scope = new Scope(view.fact, nodes.sources().size());
                elements.add(element(t, view, scope, JsonValues.fieldPath(view.fact.prefix)));
                continue;
            }
            Source first = nodes.sources().get(t.chain().get(0));
            Object base = first.root().equals("data") ? input.data()
                    : first.root().equals("object") ? view.fact.object : view.fact.oldObject;
            List<Object> at = first.root().equals("data") ? List.of("data") : view.fact.prefix;
            each(t, view, 0, new Scope(view.fact, nodes.sources().size()), base, at, elements);
        }
        String skipped = elements.isEmpty() && views(input).stream().noneMatch(v -> resources.contains(v.resource))
                ? "resource " + input.resource() + " is not one of " + resources : "";
        return new AdmissionRuleTrace(t.id(), rule.kind(), rule.enforcement(), location, skipped, elements);
    }

    /** Every tuple of a (nested) for each, as the program makes element facts: level by level, each within the one before. */
    private void each(Traced t, View view, int level, Scope scope, Object base, List<Object> at, List<ElementTrace> out) {
        int id = t.chain().get(level);
        nodes.sources().get(id).elements(base, at, (value, loc) -> {
            scope.slots[id] = value;
            if (level == t.chain().size() - 1) {
                Scope own = new Scope(view.fact, nodes.sources().size());
                System.arraycopy(scope.slots, 0, own.slots, 0, scope.slots.length);
                out.add(element(t, view, own, JsonValues.fieldPath(loc)));
            } else {
                each(t, view, level + 1, scope, value, loc, out);
            }
        });
    }

    /** The object, and for a workload (no subresource) its pod template as a pod: as the program inserts them. */
    private record View(String resource, ObjectFact fact) {}

    private List<View> views(AdmissionInput input) {
        List<View> views = new ArrayList<>();
        views.add(new View(input.resource(), fact(input, input.object(), input.oldObject(), List.of())));
        List<Object> template = Workloads.templateOf(input.resource());
        if (template != null && input.subresource().isEmpty()) {
            Object pod = JsonValues.at(input.object(), template);
            if (pod instanceof Map<?, ?>) {
                views.add(new View("pods", fact(input, pod, JsonValues.at(input.oldObject(), template), template)));
            }
        }
        return views;
    }

    private ObjectFact fact(AdmissionInput input, Object object, Object oldObject, List<Object> prefix) {
        return new ObjectFact(-1, new int[Field.values().length], input, object, oldObject, prefix, new Node.Test[0], new EachScan[0],
                nodes.sources().size());
    }

    private ElementTrace element(Traced t, View view, Scope scope, String field) {
        List<ConditionTrace> closest = null;
        int fewest = Integer.MAX_VALUE;
        for (List<Check> term : t.terms()) {
            List<ConditionTrace> conditions = new ArrayList<>();
            int failed = 0;
            for (Check c : term) {
                boolean held = holds(c, view, scope) != c.lit().negated();
                failed += held ? 0 : 1;
                conditions.add(new ConditionTrace(text(c.lit()), c.lit().leaf().span().location(), held, values(c, view, scope)));
            }
            if (failed == 0) {
                return new ElementTrace(field, true, conditions);
            }
            if (failed < fewest) {
                fewest = failed;
                closest = conditions;
            }
        }
        return new ElementTrace(field, false, closest == null ? List.of() : closest);
    }

    /** As the program: field tests compare the view's own fields (a template is a pod); the rest run the compiled node. */
    private static boolean holds(Check c, View view, Scope scope) {
        if (c.field() != null) {
            String actual = c.field() == Field.RESOURCE ? view.resource : c.field().of(view.fact.input);
            return c.fieldValues().contains(actual) != c.fieldNegated();
        }
        return c.test().test(scope);
    }

    private List<String> values(Check c, View view, Scope scope) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, Node.Value> read : c.reads().entrySet()) {
            Object v = c.field() == Field.RESOURCE ? view.resource : read.getValue().get(scope);
            out.add(read.getKey() + " = " + (v == null ? "(absent)" : json(v)));
        }
        return out;
    }

    private Check check(Lit lit, Map<String, Integer> vars) {
        Cond leaf = lit.leaf();
        Map<String, Node.Value> reads = new LinkedHashMap<>();
        collectReads(leaf, vars, reads);
        Field field = null;
        List<Object> fieldValues = List.of();
        if (leaf instanceof Cond.Compare cmp && cmp.left() instanceof Term.PathRef p && field(p.path()) != null) {
            // Lowering makes these hashed tests on the view's fields; mirror its cases exactly
            if ((cmp.op() == CmpOp.EQ || cmp.op() == CmpOp.NE) && cmp.right() instanceof Term.Str s) {
                field = field(p.path());
                fieldValues = List.of(s.value());
            } else if ((cmp.op() == CmpOp.IN || cmp.op() == CmpOp.NOT_IN) && cmp.right() instanceof Term.ListLit l
                    && !l.elements().isEmpty() && l.elements().stream().allMatch(e -> e instanceof Term.Str)) {
                field = field(p.path());
                fieldValues = l.elements().stream().map(e -> (Object) ((Term.Str) e).value()).toList();
            }
            if (field != null) {
                return new Check(lit, null, field, fieldValues, cmp.op() == CmpOp.NE || cmp.op() == CmpOp.NOT_IN, reads);
            }
        }
        return new Check(lit, nodes.test(leaf, vars), null, List.of(), false, reads);
    }

    private static Field field(ObjPath p) {
        if (p.root().equals("user")) {
            return p.segments().size() == 1 ? Field.bySpelling("user." + p.segments().get(0)) : null;
        }
        return p.segments().isEmpty() ? Field.bySpelling(p.root()) : null;
    }

    private void collectReads(Cond c, Map<String, Integer> vars, Map<String, Node.Value> reads) {
        if (c instanceof Cond.Compare cmp) {
            read(cmp.left(), vars, reads);
            read(cmp.right(), vars, reads);
        } else if (c instanceof Cond.Truthy t) {
            read(t.term(), vars, reads);
        } else if (c instanceof Cond.Presence p) {
            read(new Term.PathRef(p.path()), vars, reads);
        } else if (c instanceof Cond.Quantified q) {
            for (ObjPath list : q.lists()) {
                reads.putIfAbsent(list.text(), nodes.path(list, vars));
            }
        }
    }

    private void read(Term t, Map<String, Integer> vars, Map<String, Node.Value> reads) {
        for (ObjPath p : Term.paths(t)) {
            reads.putIfAbsent(p.text(), nodes.path(p, vars));
        }
    }

    private static Dnf<Lit> lower(Cond condition) {
        return new BooleanLowering<>(new BooleanLowering.Leaves<Cond, Lit>() {
            @Override
            public BooleanLowering.Shape<Cond> shape(Cond c) {
                if (c instanceof Cond.And a) {
                    return new BooleanLowering.Shape.And<>(a.left(), a.right());
                }
                if (c instanceof Cond.Or o) {
                    return new BooleanLowering.Shape.Or<>(o.left(), o.right());
                }
                if (c instanceof Cond.Not n) {
                    return new BooleanLowering.Shape.Not<>(n.operand());
                }
                return new BooleanLowering.Shape.Leaf<>();
            }

            @Override
            public Dnf<Lit> leaf(Cond c, boolean negate) {
                return Dnf.of(new Lit(c, negate));
            }
        }, DNF_CAP).lower(condition, false);
    }

    private static String text(Lit lit) {
        String text = source(lit.leaf().span());
        if (!lit.negated()) {
            return text;
        }
        return text.startsWith("(") && text.endsWith(")") ? "not " + text : "not (" + text + ")";
    }

    private static String source(Span span) {
        String text = span.file().text();
        int start = span.file().lineStart(span.line()) + span.column() - 1;
        int end = span.file().lineStart(span.endLine()) + span.endColumn();
        if (start < 0 || end > text.length() || start >= end) {
            return "?";
        }
        return text.substring(start, end).replaceAll("\\s+", " ");
    }

    /** A value as compact JSON, cut at {@value #MAX_VALUE_CHARS} characters. */
    static String json(Object v) {
        return JsonValues.json(v, MAX_VALUE_CHARS);
    }
}

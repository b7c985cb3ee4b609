package dev.palisade.dsl.admission;

import dev.palisade.dsl.ast.CmpOp;
import dev.palisade.dsl.ast.Cond;
import dev.palisade.dsl.ast.ObjPath;
import dev.palisade.dsl.ast.Term;
import dev.palisade.dsl.runtime.Glob;
import java.math.BigDecimal;
import java.util.Deque;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Compiles checked admission conditions into Java {@link Node}s. Policy text (paths, literals)
 * lives only in these objects, which the DRL reaches by index; it never becomes DRL. Anything the
 * checker should have rejected is an {@link IllegalArgumentException}, never a silent default.
 */
final class NodeCompiler {
    /** Roots that are request scalars rather than objects. */
    static final List<String> SCALAR_ROOTS = List.of("operation", "resource", "subresource", "kind", "namespace",
            "name", "dryRun");

    private final List<Source> sources = new ArrayList<>();
    private final Map<Source, Integer> ids = new HashMap<>();
    /** Root path prefixes ({@code object.spec.securityContext}...) by id, for the view's memo. */
    private final Map<List<Object>, Integer> prefixes = new HashMap<>();

    List<Source> sources() {
        return List.copyOf(sources);
    }

    /** The shared id of the lists of a {@code for each} or quantifier in scope {@code vars}. */
    int source(List<ObjPath> lists, Map<String, Integer> vars) {
        String root = lists.get(0).root();
        int parent = vars.getOrDefault(root, -1);
        if (parent < 0 && !root.equals("object") && !root.equals("oldObject") && !root.equals("data")) {
            throw new IllegalArgumentException("cannot iterate over " + root);
        }
        List<List<Object>> paths = new ArrayList<>();
        for (ObjPath p : lists) {
            if (!p.root().equals(root)) {
                throw new IllegalArgumentException("lists of one quantifier must share their root");
            }
            paths.add(p.segments());
        }
        Source key = new Source(0, parent, parent < 0 ? root : "", paths);
        Integer known = ids.get(key);
        if (known != null) {
            return known;
        }
        int id = sources.size();
        sources.add(new Source(id, parent, key.root(), paths));
        ids.put(key, id);
        return id;
    }

    /**
     * A chain of one connective ({@code a and b and c ...}, which the parser builds left-deep)
     * becomes one test over an array, so neither compiling nor evaluating it recurses per link;
     * recursion is left only for nesting, which the parser bounds ({@code SourceLimits.MAX_NESTING_DEPTH}).
     */
    Node.Test test(Cond c, Map<String, Integer> vars) {
        if (c instanceof Cond.And || c instanceof Cond.Or) {
            boolean and = c instanceof Cond.And;
            List<Node.Test> parts = new ArrayList<>();
            for (Cond operand : chain(c, and)) {
                parts.add(test(operand, vars));
            }
            Node.Test[] tests = parts.toArray(Node.Test[]::new);
            return and ? s -> {
                for (Node.Test t : tests) {
                    if (!t.test(s)) {
                        return false;
                    }
                }
                return true;
            } : s -> {
                for (Node.Test t : tests) {
                    if (t.test(s)) {
                        return true;
                    }
                }
                return false;
            };
        }
        if (c instanceof Cond.Not n) {
            Node.Test t = test(n.operand(), vars);
            return s -> !t.test(s);
        }
        if (c instanceof Cond.Truthy t) {
            Node.Value v = value(t.term(), vars);
            return s -> Boolean.TRUE.equals(v.get(s));
        }
        if (c instanceof Cond.Presence p) {
            Node.Value v = path(p.path(), vars);
            boolean absent = p.absent();
            return s -> (v.get(s) == null) == absent;
        }
        if (c instanceof Cond.Quantified q) {
            return quantified(q, vars);
        }
        if (c instanceof Cond.Compare cmp) {
            return compare(cmp, vars);
        }
        throw new IllegalArgumentException("unknown condition " + c);
    }

    /** The operands of a chain of one connective, left to right, collected without recursion. */
    private static List<Cond> chain(Cond c, boolean and) {
        List<Cond> operands = new ArrayList<>();
        Deque<Cond> stack = new ArrayDeque<>();
        stack.push(c);
        while (!stack.isEmpty()) {
            Cond next = stack.pop();
            if (and && next instanceof Cond.And a) {
                stack.push(a.right());
                stack.push(a.left());
            } else if (!and && next instanceof Cond.Or o) {
                stack.push(o.right());
                stack.push(o.left());
            } else {
                operands.add(next);
            }
        }
        return operands;
    }

    private Node.Test quantified(Cond.Quantified q, Map<String, Integer> vars) {
        int id = source(q.lists(), vars);
        Source src = sources.get(id);
        Map<String, Integer> inner = new HashMap<>(vars);
        inner.put(q.var(), id);
        Node.Test body = test(q.body(), inner);
        boolean all = q.all();
        List<List<Object>> paths = src.paths();
        // a plain loop, not Source.values: no lambda or result box per evaluation on the hot path
        return s -> {
            Object base = src.parent() >= 0 ? s.slots[src.parent()] : s.root.rootValue(src.root());
            Object saved = s.slots[id];
            try {
                for (int p = 0, np = paths.size(); p < np; p++) {
                    Object list = JsonValues.at(base, paths.get(p));
                    if (list instanceof List<?> l) {
                        for (int i = 0, n = l.size(); i < n; i++) {
                            Object element = l.get(i);
                            if (element != null) {
                                s.slots[id] = element;
                                if (body.test(s) != all) {
                                    return !all;
                                }
                            }
                        }
                    } else if (list instanceof Map<?, ?> m) {
                        // one entry view per evaluation, re-pointed: the body only reads it while it runs
                        MapEntryView entry = new MapEntryView();
                        for (Map.Entry<?, ?> e : m.entrySet()) {
                            s.slots[id] = entry.pointAt(e);
                            if (body.test(s) != all) {
                                return !all;
                            }
                        }
                    }
                }
                return all;
            } finally {
                s.slots[id] = saved;
            }
        };
    }

    /**
     * A message hole that names an {@code any} variable: the value it had for the first element
     * (in list order) for which its quantifier's condition holds — and, for a quantifier inside
     * another, within the first outer element that has such an inner one. Absent when there is none
     * (the quantifier sat under a 'not' or in an 'or' branch that did not hold).
     *
     * @param chain the quantifiers from the outermost to the one binding the variable
     */
    Node.Value witnessed(ObjPath hole, List<Cond.Quantified> chain, Map<String, Integer> vars) {
        int n = chain.size();
        int[] ids = new int[n];
        Node.Test[] bodies = new Node.Test[n];
        Map<String, Integer> inner = new HashMap<>(vars);
        for (int i = 0; i < n; i++) {
            Cond.Quantified q = chain.get(i);
            if (q.all()) {
                throw new IllegalArgumentException("an 'all' variable has no single value: " + q.var());
            }
            ids[i] = source(q.lists(), inner);
            inner.put(q.var(), ids[i]);
            bodies[i] = test(q.body(), new HashMap<>(inner));
        }
        Source[] levels = new Source[n];
        for (int i = 0; i < n; i++) {
            levels[i] = sources.get(ids[i]);
        }
        Node.Value value = path(hole, inner);
        return s -> {
            Object[] saved = new Object[n];
            for (int i = 0; i < n; i++) {
                saved[i] = s.slots[ids[i]];
            }
            try {
                return find(levels, bodies, 0, s) ? value.get(s) : null;
            } finally {
                for (int i = 0; i < n; i++) {
                    s.slots[ids[i]] = saved[i];
                }
            }
        };
    }

    /** Binds level {@code i} to its first element whose condition holds and whose inner levels have one too. */
    private static boolean find(Source[] levels, Node.Test[] bodies, int i, Scope s) {
        Source src = levels[i];
        Object base = src.parent() >= 0 ? s.slots[src.parent()] : s.root.rootValue(src.root());
        List<Object> elements = new ArrayList<>();
        src.elements(base, List.of(), (element, location) -> elements.add(element));
        for (Object element : elements) {
            s.slots[src.id()] = element;
            if (bodies[i].test(s) && (i == levels.length - 1 || find(levels, bodies, i + 1, s))) {
                return true;
            }
        }
        return false;
    }

    private Node.Test compare(Cond.Compare c, Map<String, Integer> vars) {
        Node.Value l = value(c.left(), vars);
        Node.Value r = value(c.right(), vars);
        CmpOp op = c.op();
        return switch (op) {
            case EQ -> s -> JsonValues.equal(l.get(s), r.get(s));
            case NE -> s -> !JsonValues.equal(l.get(s), r.get(s));
            case LT -> s -> ordered(l.get(s), r.get(s), x -> x < 0);
            case LE -> s -> ordered(l.get(s), r.get(s), x -> x <= 0);
            case GT -> s -> ordered(l.get(s), r.get(s), x -> x > 0);
            case GE -> s -> ordered(l.get(s), r.get(s), x -> x >= 0);
            case IN -> s -> member(l.get(s), r.get(s));
            case NOT_IN -> s -> !member(l.get(s), r.get(s));
            case CONTAINS -> s -> contains(l.get(s), r.get(s));
            case STARTS_WITH -> s -> l.get(s) instanceof String a && r.get(s) instanceof String b && a.startsWith(b);
            case ENDS_WITH -> s -> l.get(s) instanceof String a && r.get(s) instanceof String b && a.endsWith(b);
            case MATCHES -> {
                // a list of globs comes from a parameter (the parser splits a written list into 'or's)
                List<Glob> globs = new ArrayList<>();
                if (c.right() instanceof Term.Str pattern) {
                    globs.add(Glob.compile(pattern.value()));
                } else if (c.right() instanceof Term.ListLit list && list.elements().stream().allMatch(e -> e instanceof Term.Str)) {
                    list.elements().forEach(e -> globs.add(Glob.compile(((Term.Str) e).value())));
                } else {
                    throw new IllegalArgumentException("matches needs a string literal or a list of them");
                }
                yield s -> {
                    if (!(l.get(s) instanceof String a)) {
                        return false;
                    }
                    for (Glob g : globs) {
                        if (g.matches(a)) {
                            return true;
                        }
                    }
                    return false;
                };
            }
        };
    }

    private interface IntTest {
        boolean test(int x);
    }

    private static boolean ordered(Object a, Object b, IntTest t) {
        Integer c = JsonValues.compare(a, b);
        return c != null && t.test(c);
    }

    /** {@code x in list}: an equal element; {@code k in map}: a key. */
    private static boolean member(Object x, Object container) {
        if (x == null) {
            return false;
        }
        if (container instanceof List<?> l) {
            for (int i = 0, n = l.size(); i < n; i++) { // indexed: no iterator per test on the hot path
                if (JsonValues.equal(x, l.get(i))) {
                    return true;
                }
            }
            return false;
        }
        return container instanceof Map<?, ?> m && x instanceof String k && m.containsKey(k);
    }

    private static boolean contains(Object container, Object x) {
        if (container instanceof String a && x instanceof String b) {
            return a.contains(b);
        }
        return member(x, container);
    }

    Node.Value value(Term t, Map<String, Integer> vars) {
        if (t instanceof Term.PathRef p) {
            return path(p.path(), vars);
        }
        if (t instanceof Term.Concat c) {
            return concat(c, vars);
        }
        if (t instanceof Term.Call call) {
            return FunctionCalls.compile(call, call.args().stream().map(a -> value(a, vars)).toArray(Node.Value[]::new));
        }
        if (Term.paths(t).isEmpty()) {
            Object constant = constant(t);
            return s -> constant;
        }
        if (t instanceof Term.ObjLit o) {
            List<String> keys = o.fields().stream().map(Term.ObjLit.Field::key).toList();
            Node.Value[] values = o.fields().stream().map(f -> value(f.value(), vars)).toArray(Node.Value[]::new);
            return s -> {
                Map<String, Object> out = new java.util.LinkedHashMap<>();
                for (int i = 0; i < values.length; i++) {
                    Object v = values[i].get(s);
                    if (v != null) { // an absent value leaves its field out, as a missing path would
                        out.put(keys.get(i), v);
                    }
                }
                return out;
            };
        }
        if (t instanceof Term.ListLit l) {
            Node.Value[] values = l.elements().stream().map(e -> value(e, vars)).toArray(Node.Value[]::new);
            return s -> {
                List<Object> out = new ArrayList<>(values.length);
                for (Node.Value v : values) {
                    Object x = v.get(s);
                    if (x != null) {
                        out.add(x);
                    }
                }
                return out;
            };
        }
        throw new IllegalArgumentException("not a value: " + t);
    }

    /** The parts' text joined; absent when a part is absent, a list or an object (never "null" or "[...]" text). */
    private Node.Value concat(Term.Concat c, Map<String, Integer> vars) {
        Node.Value[] parts = c.parts().stream().map(p -> value(p, vars)).toArray(Node.Value[]::new);
        return s -> {
            StringBuilder b = new StringBuilder();
            for (Node.Value part : parts) {
                Object v = part.get(s);
                if (v == null || v instanceof Map<?, ?> || v instanceof List<?>) {
                    return null;
                }
                b.append(JsonValues.display(v));
            }
            return b.toString();
        };
    }

    /**
     * A path whose keys are computed: each computed key is evaluated in the scope, and a key that
     * is absent (or not a string) makes the path absent.
     */
    private Node.Value computedPath(ObjPath p, Map<String, Integer> vars) {
        List<Object> segs = p.segments();
        Node.Value[] keys = new Node.Value[segs.size()];
        for (int i = 0; i < segs.size(); i++) {
            if (segs.get(i) instanceof ObjPath.Computed c) {
                keys[i] = value(c.key(), vars);
            }
        }
        Node.Value base = path(new ObjPath(p.root(), List.of(), p.span()), vars);
        return s -> {
            Object[] resolved = new Object[segs.size()];
            for (int i = 0; i < resolved.length; i++) {
                if (keys[i] == null) {
                    resolved[i] = segs.get(i);
                } else if (keys[i].get(s) instanceof String key) {
                    resolved[i] = key;
                } else {
                    return null;
                }
            }
            return JsonValues.at(base.get(s), java.util.Arrays.asList(resolved));
        };
    }

    /** The JSON value of a literal; integral numbers become Long as Jackson would give them. */
    static Object constant(Term t) {
        if (t instanceof Term.Str s) {
            return s.value();
        }
        if (t instanceof Term.Bool b) {
            return b.value();
        }
        if (t instanceof Term.Num n) {
            BigDecimal d = n.value();
            try {
                return d.longValueExact();
            } catch (ArithmeticException e) {
                return d;
            }
        }
        if (t instanceof Term.ListLit l) {
            List<Object> out = new ArrayList<>();
            for (Term e : l.elements()) {
                out.add(constant(e));
            }
            return List.copyOf(out);
        }
        if (t instanceof Term.ObjLit o) {
            Map<String, Object> out = new java.util.LinkedHashMap<>();
            for (Term.ObjLit.Field f : o.fields()) {
                out.put(f.key(), constant(f.value()));
            }
            return java.util.Collections.unmodifiableMap(out);
        }
        throw new IllegalArgumentException("not a literal: " + t);
    }

    Node.Value path(ObjPath p, Map<String, Integer> vars) {
        if (p.hasComputedKey()) {
            return computedPath(p, vars);
        }
        List<Object> segs = p.segments();
        Object[] steps = JsonValues.steps(segs);
        Integer slot = vars.get(p.root());
        if (slot != null) {
            int i = slot;
            return s -> JsonValues.at(s.slots[i], steps);
        }
        switch (p.root()) {
            case "object", "oldObject", "data" -> {
                String root = p.root();
                if (steps.length < 2) {
                    return s -> JsonValues.at(s.root.rootValue(root), steps);
                }
                // many rules read below the same prefix (object.spec.securityContext...): the view
                // resolves each prefix once while the rules run, then one step remains
                Object[] prefix = java.util.Arrays.copyOf(steps, steps.length - 1);
                Object[] last = {steps[steps.length - 1]};
                List<Object> key = new ArrayList<>();
                key.add(root);
                key.addAll(List.of(prefix));
                int id = prefixes.computeIfAbsent(key, k -> prefixes.size());
                return s -> JsonValues.at(s.root.prefix(id, root, prefix), last);
            }
            case "dryRun" -> {
                requireNoSegments(p);
                return s -> s.root.input.dryRun();
            }
            case "user" -> {
                if (segs.size() != 1) {
                    throw new IllegalArgumentException("user takes one field: " + p.text());
                }
                return switch ((String) segs.get(0)) {
                    case "name" -> s -> s.root.input.userName();
                    case "uid" -> s -> s.root.input.userUid();
                    case "groups" -> s -> s.root.input.userGroups();
                    default -> throw new IllegalArgumentException("unknown user field " + p.text());
                };
            }
            default -> {
                Field f = Field.bySpelling(p.root());
                if (f == null) {
                    throw new IllegalArgumentException("unknown attribute " + p.text());
                }
                requireNoSegments(p);
                return s -> f.of(s.root.input);
            }
        }
    }

    private static void requireNoSegments(ObjPath p) {
        if (!p.segments().isEmpty()) {
            throw new IllegalArgumentException(p.root() + " has no fields: " + p.text());
        }
    }
}

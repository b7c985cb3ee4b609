package dev.palisade.dsl.admission;

import dev.palisade.dsl.ast.CmpOp;
import dev.palisade.dsl.ast.Cond;
import dev.palisade.dsl.ast.ObjPath;
import dev.palisade.dsl.ast.Term;
import dev.palisade.dsl.lower.BooleanLowering;
import dev.palisade.dsl.lower.BooleanLowering.Shape;
import dev.palisade.dsl.lower.Dnf;
import dev.palisade.dsl.lower.Literal;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Lowers a rule's condition to DNF over {@link AdmissionAtom}s. The boolean structure at the top becomes
 * Drools patterns (constant tests on the view, element patterns with exists / not); each leaf
 * becomes a predicate compiled by {@link NodeCompiler}, placed on the fact it reads.
 */
final class Lowering {
    private final NodeCompiler nodes;
    private final Map<String, Integer> symbols;
    private final List<Node.Test> predicates;
    private final int cap;

    Lowering(NodeCompiler nodes, Map<String, Integer> symbols, List<Node.Test> predicates, int cap) {
        this.nodes = nodes;
        this.symbols = symbols;
        this.predicates = predicates;
        this.cap = cap;
    }

    int symbol(String s) {
        return symbols.computeIfAbsent(s, k -> symbols.size());
    }

    /**
     * @param eachVars every {@code for each} variable with its source id: the rule's element and,
     *                 for a nested for each, the elements around it (bound through its parents)
     * @param eachVar  the innermost variable (the rule's element), or null
     */
    Dnf<Literal<AdmissionAtom>> lower(Cond c, boolean negate, Map<String, Integer> eachVars, String eachVar) {
        return new BooleanLowering<>(new Leaves(eachVars, eachVar), cap).lower(c, negate);
    }

    /** The admission stage's leaves: view fields, quantifiers and predicates on the view or element. */
    private final class Leaves implements BooleanLowering.Leaves<Cond, Literal<AdmissionAtom>> {
        private final Map<String, Integer> vars;
        private final String eachVar;

        Leaves(Map<String, Integer> vars, String eachVar) {
            this.vars = Map.copyOf(vars);
            this.eachVar = eachVar;
        }

        @Override
        public Shape<Cond> shape(Cond c) {
            if (c instanceof Cond.And a) {
                return new Shape.And<>(a.left(), a.right());
            }
            if (c instanceof Cond.Or o) {
                return new Shape.Or<>(o.left(), o.right());
            }
            if (c instanceof Cond.Not n) {
                return new Shape.Not<>(n.operand());
            }
            return new Shape.Leaf<>();
        }

        @Override
        public Dnf<Literal<AdmissionAtom>> leaf(Cond c, boolean negate) {
            AdmissionAtom constant = fieldTest(c);
            if (constant != null) {
                return Dnf.of(new Literal<>(constant, negate != negatedField(c)));
            }
            int pred = predicate(nodes.test(c, vars));
            AdmissionAtom atom = vars.keySet().stream().anyMatch(v -> references(c, v))
                    ? new AdmissionAtom.EachTest(pred) : new AdmissionAtom.RootTest(pred);
            return Dnf.of(new Literal<>(atom, negate));
        }
    }

    private int predicate(Node.Test t) {
        predicates.add(t);
        return predicates.size() - 1;
    }

    /** {@code namespace == "x"}, {@code operation in [...]}, {@code dryRun}: hashed tests on the view. */
    private AdmissionAtom fieldTest(Cond c) {
        if (c instanceof Cond.Truthy t && t.term() instanceof Term.PathRef p && isRoot(p.path(), "dryRun")) {
            return new AdmissionAtom.DryRun();
        }
        if (!(c instanceof Cond.Compare cmp) || !(cmp.left() instanceof Term.PathRef p)) {
            return null;
        }
        Field f = field(p.path());
        if (f == null) {
            return null;
        }
        if ((cmp.op() == CmpOp.EQ || cmp.op() == CmpOp.NE) && cmp.right() instanceof Term.Str s) {
            return new AdmissionAtom.FieldEq(f, symbol(s.value()));
        }
        if ((cmp.op() == CmpOp.IN || cmp.op() == CmpOp.NOT_IN) && cmp.right() instanceof Term.ListLit l
                && !l.elements().isEmpty() && l.elements().stream().allMatch(e -> e instanceof Term.Str)) {
            List<Integer> syms = new ArrayList<>(new java.util.TreeSet<>(
                    l.elements().stream().map(e -> symbol(((Term.Str) e).value())).toList()));
            return syms.size() == 1 ? new AdmissionAtom.FieldEq(f, syms.get(0)) : new AdmissionAtom.FieldIn(f, syms);
        }
        return null;
    }

    private static boolean negatedField(Cond c) {
        return c instanceof Cond.Compare cmp && (cmp.op() == CmpOp.NE || cmp.op() == CmpOp.NOT_IN);
    }

    private static Field field(ObjPath p) {
        if (p.root().equals("user")) {
            return p.segments().size() == 1 ? Field.bySpelling("user." + p.segments().get(0)) : null;
        }
        return p.segments().isEmpty() ? Field.bySpelling(p.root()) : null;
    }

    private static boolean isRoot(ObjPath p, String root) {
        return p.root().equals(root) && p.segments().isEmpty();
    }

    /** Whether any path in {@code c} starts at {@code var} (quantifiers that rebind it excepted). */
    static boolean references(Cond c, String var) {
        Set<String> roots = new HashSet<>();
        collectRoots(c, roots, new HashSet<>());
        return roots.contains(var);
    }

    /** Iterative, so a long chain of 'and's cannot overflow the stack. */
    private static void collectRoots(Cond root, Set<String> out, Set<String> rootBound) {
        record Item(Cond cond, Set<String> bound) {}
        Deque<Item> stack = new ArrayDeque<>();
        stack.push(new Item(root, rootBound));
        while (!stack.isEmpty()) {
            Item item = stack.pop();
            Cond c = item.cond();
            Set<String> bound = item.bound();
            if (c instanceof Cond.And a) {
                stack.push(new Item(a.right(), bound));
                stack.push(new Item(a.left(), bound));
            } else if (c instanceof Cond.Or o) {
                stack.push(new Item(o.right(), bound));
                stack.push(new Item(o.left(), bound));
            } else if (c instanceof Cond.Not n) {
                stack.push(new Item(n.operand(), bound));
            } else if (c instanceof Cond.Truthy t) {
                termRoots(t.term(), out, bound);
            } else if (c instanceof Cond.Presence p) {
                pathRoot(p.path(), out, bound);
            } else if (c instanceof Cond.Compare cmp) {
                termRoots(cmp.left(), out, bound);
                termRoots(cmp.right(), out, bound);
            } else if (c instanceof Cond.Quantified q) {
                q.lists().forEach(p -> pathRoot(p, out, bound));
                Set<String> inner = new HashSet<>(bound);
                inner.add(q.var());
                stack.push(new Item(q.body(), inner));
            }
        }
    }

    private static void termRoots(Term t, Set<String> out, Set<String> bound) {
        Term.paths(t).forEach(p -> pathRoot(p, out, bound));
    }

    /** The path's root and the roots its computed keys read. */
    private static void pathRoot(ObjPath p, Set<String> out, Set<String> bound) {
        if (!bound.contains(p.root())) {
            out.add(p.root());
        }
        for (ObjPath inKey : p.keyPaths()) {
            if (!bound.contains(inKey.root())) {
                out.add(inKey.root());
            }
        }
    }

    static Map<String, Integer> newSymbols() {
        return new LinkedHashMap<>();
    }
}

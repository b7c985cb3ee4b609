package dev.palisade.dsl.check;

import dev.palisade.dsl.ast.AdmissionRule;
import dev.palisade.dsl.ast.CmpOp;
import dev.palisade.dsl.ast.Cond;
import dev.palisade.dsl.ast.Mutation;
import dev.palisade.dsl.ast.ObjPath;
import dev.palisade.dsl.ast.PolicyFile;
import dev.palisade.dsl.ast.Rule;
import dev.palisade.dsl.ast.Term;
import dev.palisade.dsl.source.Diagnostic;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Admission rules: operations and resources, ids unique across the whole set, paths rooted at
 * something that exists, loop variables in scope, operators used on values they can apply to,
 * and mutation targets inside the object.
 */
final class AdmissionPass implements CheckPass {
    private static final List<String> OPERATIONS = List.of("CREATE", "UPDATE", "DELETE", "CONNECT");
    private static final List<String> ROOTS = List.of("object", "oldObject", "data", "params", "operation", "resource",
            "subresource", "kind", "namespace", "name", "dryRun", "user");
    private static final List<String> SCALARS = List.of("operation", "resource", "subresource", "kind", "namespace",
            "name", "dryRun");
    private static final List<String> USER_FIELDS = List.of("name", "uid", "groups");

    @Override
    public String name() {
        return "admission";
    }

    @Override
    public void run(List<PolicyFile> files, List<Diagnostic> out) {
        Map<String, dev.palisade.dsl.source.Span> seen = new HashMap<>();
        for (PolicyFile f : files) {
            for (Rule r : f.rules()) {
                seen.putIfAbsent(id(f, r.name()), r.nameSpan());
            }
        }
        for (PolicyFile f : files) {
            for (AdmissionRule r : f.admissionRules()) {
                if (r.name().isEmpty()) {
                    out.add(Diagnostic.error(r.nameSpan(), "rule name must not be empty"));
                } else {
                    dev.palisade.dsl.source.Span first = seen.putIfAbsent(id(f, r.name()), r.nameSpan());
                    if (first != null) {
                        out.add(Diagnostic.error(r.nameSpan(), "duplicate rule id \"" + id(f, r.name()) + "\"",
                                "first defined at " + first.location() + "; rule ids are package/name and must be unique in the policy set"));
                    }
                }
                check(r, out);
            }
        }
    }

    private static String id(PolicyFile f, String name) {
        return f.packageName().isEmpty() ? name : f.packageName() + "/" + name;
    }

    /** Every variable the rule binds, with the keyword and place that bind it: to say why one is out of scope. */
    private record Vars(Map<String, String> bindings) {
        static Vars of(AdmissionRule r) {
            Map<String, String> out = new HashMap<>();
            if (r.forEach() != null) {
                for (AdmissionRule.ForEach.Binding b : r.forEach().bindings()) {
                    out.put(b.var(), "'for each' at " + b.varSpan().location());
                }
            }
            Cond.forEachNode(r.condition(), c -> {
                if (c instanceof Cond.Quantified q) {
                    out.putIfAbsent(q.var(), "'" + (q.all() ? "all" : "any") + "' at " + q.varSpan().location());
                }
            });
            return new Vars(out);
        }
    }

    private void check(AdmissionRule r, List<Diagnostic> out) {
        Vars vars = Vars.of(r);
        for (AdmissionRule.Word op : r.operations()) {
            if (!OPERATIONS.contains(op.text())) {
                out.add(Diagnostic.error(op.span(), "unknown operation '" + op.text() + "'",
                        ClosestName.to(op.text().toUpperCase(), OPERATIONS).map(s -> "did you mean '" + s + "'?")
                                .orElse("operations are CREATE, UPDATE, DELETE and CONNECT")));
            }
        }
        for (AdmissionRule.Word res : r.resources()) {
            if (!res.text().matches("[a-z][a-z0-9.-]*")) {
                out.add(Diagnostic.error(res.span(), "resource '" + res.text() + "' must be a lower-case plural",
                        "e.g. pods, deployments"));
            }
        }
        Set<String> scope = new HashSet<>();
        if (r.forEach() != null) {
            String previous = null;
            for (AdmissionRule.ForEach.Binding b : r.forEach().bindings()) {
                lists(b.lists(), scope, vars, out);
                if (previous != null && !b.lists().get(0).root().equals(previous)) {
                    out.add(Diagnostic.error(b.lists().get(0).span(), "a nested 'for each' iterates a list of the element before it",
                            "e.g. for each c in object.spec.containers, p in c.ports; for unrelated lists write two rules"));
                }
                declare(b.var(), b.varSpan(), scope, out);
                previous = b.var();
            }
        }
        if (r.condition() != null) {
            cond(r.condition(), scope, vars, out);
        }
        if (r.because() != null) {
            for (Object part : r.because().parts()) {
                if (part instanceof ObjPath p) {
                    hole(r, p, scope, vars, out);
                }
            }
        }
        for (Mutation m : r.mutations()) {
            ObjPath t = m.target();
            fixed(t, "a mutation target", out);
            boolean inObject = t.root().equals("object") || r.forEach() != null && t.root().equals(r.forEach().var());
            if (!inObject || t.segments().isEmpty()) {
                out.add(Diagnostic.error(t.span(), "cannot change '" + t.text() + "'",
                        "mutations change paths below object or below the (innermost) for-each element"));
            }
            if (m.value() != null) {
                term(m.value(), scope, vars, out);
            }
            if (m.where() != null) {
                Set<String> inner = new HashSet<>(scope);
                declare(m.var(), m.varSpan(), inner, out);
                cond(m.where(), inner, vars, out);
            }
        }
    }

    /**
     * A message hole may name an {@code any} variable (it shows the element that made the
     * condition hold) and the variables of the quantifiers around it; an {@code all} variable has
     * no single value to show.
     */
    private void hole(AdmissionRule r, ObjPath p, Set<String> scope, Vars vars, List<Diagnostic> out) {
        Set<String> holeScope = scope;
        List<Cond.Quantified> chain = scope.contains(p.root()) ? List.of() : Cond.chainTo(r.condition(), p.root());
        if (!chain.isEmpty()) {
            if (chain.stream().anyMatch(Cond.Quantified::all)) {
                out.add(Diagnostic.error(p.span(), "'" + p.root() + "' is bound by an 'all' (or inside one): it has no single value to show",
                        "a message can show an 'any' variable, the element that made the condition hold"));
                return;
            }
            holeScope = new HashSet<>(scope);
            for (Cond.Quantified q : chain) {
                holeScope.add(q.var());
            }
        }
        path(p, holeScope, vars, out);
    }

    private void declare(String var, dev.palisade.dsl.source.Span span, Set<String> scope, List<Diagnostic> out) {
        if (ROOTS.contains(var) || scope.contains(var)) {
            out.add(Diagnostic.error(span, "'" + var + "' is already defined", "choose another variable name"));
        }
        scope.add(var);
    }

    private void lists(List<ObjPath> lists, Set<String> scope, Vars vars, List<Diagnostic> out) {
        String root = lists.get(0).root();
        for (ObjPath p : lists) {
            fixed(p, "a list to iterate", out);
            if (!p.root().equals(root)) {
                out.add(Diagnostic.error(p.span(), "all lists of one quantifier must start at the same root",
                        "split it into two quantifiers joined by 'or' / 'and'"));
            } else if (!scope.contains(root) && !List.of("object", "oldObject", "data").contains(root)) {
                path(p, scope, vars, out);
                if (ROOTS.contains(root)) {
                    out.add(Diagnostic.error(p.span(), "cannot iterate over '" + p.text() + "'",
                            "iterate over lists below object, oldObject, data or a loop variable"));
                }
            } else if (root.equals("data") && p.segments().isEmpty()) {
                out.add(Diagnostic.error(p.span(), "'data' needs a resource", "e.g. data.podgroups"));
            }
        }
    }

    /** Iterative (left to right, as written), so a long chain of 'and's cannot overflow the stack. */
    private void cond(Cond root, Set<String> rootScope, Vars vars, List<Diagnostic> out) {
        record Item(Cond cond, Set<String> scope) {}
        Deque<Item> stack = new ArrayDeque<>();
        stack.push(new Item(root, rootScope));
        while (!stack.isEmpty()) {
            Item item = stack.pop();
            Cond c = item.cond();
            Set<String> scope = item.scope();
            if (c instanceof Cond.And a) {
                stack.push(new Item(a.right(), scope));
                stack.push(new Item(a.left(), scope));
            } else if (c instanceof Cond.Or o) {
                stack.push(new Item(o.right(), scope));
                stack.push(new Item(o.left(), scope));
            } else if (c instanceof Cond.Not n) {
                stack.push(new Item(n.operand(), scope));
            } else if (c instanceof Cond.Presence p) {
                path(p.path(), scope, vars, out);
            } else if (c instanceof Cond.Truthy t) {
                term(t.term(), scope, vars, out);
                if (t.term() instanceof Term.Call call && call.function() != null
                        && call.function() != dev.palisade.dsl.ast.AdmissionFunction.REGEX
                        && call.function() != dev.palisade.dsl.ast.AdmissionFunction.COALESCE) {
                    out.add(Diagnostic.error(t.span(), "'" + call.name() + "(...)' is not true or false",
                            "compare it, e.g. " + call.function().example()));
                } else if (t.term() instanceof Term.Str || t.term() instanceof Term.Num || t.term() instanceof Term.ListLit) {
                    out.add(Diagnostic.error(t.span(), "a condition must be boolean, got a constant",
                            "compare it, e.g. object.spec.hostNetwork == true"));
                }
            } else if (c instanceof Cond.Quantified q) {
                lists(q.lists(), scope, vars, out);
                Set<String> inner = new HashSet<>(scope);
                declare(q.var(), q.varSpan(), inner, out);
                stack.push(new Item(q.body(), inner));
            } else if (c instanceof Cond.Compare cmp) {
                term(cmp.left(), scope, vars, out);
                term(cmp.right(), scope, vars, out);
                types(cmp, out);
            }
        }
    }

    private static void types(Cond.Compare c, List<Diagnostic> out) {
        Term l = c.left();
        Term r = c.right();
        if (isConstant(l) && isConstant(r)) {
            out.add(Diagnostic.error(c.opSpan(), "'" + c.op().spelling() + "' compares two constants",
                    "one side must be a path such as object.spec.hostNetwork"));
            return;
        }
        CmpOp op = c.op();
        if (op.isOrdering() && (isKind(l, Term.Str.class, Term.Bool.class, Term.ListLit.class, Term.Concat.class)
                || isKind(r, Term.Str.class, Term.Bool.class, Term.ListLit.class, Term.Concat.class))) {
            out.add(Diagnostic.error(c.opSpan(), "'" + op.spelling() + "' compares numbers",
                    "compare with a number, e.g. c.securityContext.runAsUser < 1000"));
        } else if ((op == CmpOp.IN || op == CmpOp.NOT_IN) && isKind(r, Term.Str.class, Term.Num.class, Term.Bool.class, Term.Concat.class)) {
            out.add(Diagnostic.error(c.opSpan(), "'" + op.spelling() + "' needs a list on its right",
                    "e.g. c.name in [\"a\", \"b\"]"));
        } else if ((op == CmpOp.STARTS_WITH || op == CmpOp.ENDS_WITH) && !isKind(r, Term.Str.class, Term.PathRef.class, Term.Concat.class)) {
            out.add(Diagnostic.error(c.opSpan(), "'" + op.spelling() + "' needs a string on its right"));
        } else if (op == CmpOp.MATCHES && !(r instanceof Term.Str) && !isGlobList(r)
                && !(r instanceof Term.PathRef p && p.path().root().equals("params"))) {
            out.add(Diagnostic.error(c.opSpan(), "'matches' needs a glob string literal (or a list of them) on its right"));
        } else if ((op == CmpOp.EQ || op == CmpOp.NE) && r instanceof Term.ListLit) {
            out.add(Diagnostic.error(c.opSpan(), "'" + op.spelling() + "' compares single values, not a list",
                    "to test membership try 'in'"));
        }
    }

    private static boolean isGlobList(Term t) {
        return t instanceof Term.ListLit l && l.elements().stream().allMatch(e -> e instanceof Term.Str);
    }

    /** A literal, or a concatenation of literals only: known before any request. */
    private static boolean isConstant(Term t) {
        if (t instanceof Term.Concat c) {
            return c.parts().stream().allMatch(AdmissionPass::isConstant);
        }
        if (t instanceof Term.Call c) {
            return c.args().stream().allMatch(AdmissionPass::isConstant);
        }
        return !(t instanceof Term.PathRef);
    }

    @SafeVarargs
    private static boolean isKind(Term t, Class<? extends Term>... kinds) {
        for (Class<? extends Term> k : kinds) {
            if (k.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private void term(Term t, Set<String> scope, Vars vars, List<Diagnostic> out) {
        if (t instanceof Term.PathRef p) {
            path(p.path(), scope, vars, out);
        } else if (t instanceof Term.Concat c) {
            c.parts().forEach(part -> term(part, scope, vars, out));
        } else if (t instanceof Term.ListLit l) {
            l.elements().forEach(e -> term(e, scope, vars, out));
        } else if (t instanceof Term.ObjLit o) {
            o.fields().forEach(f -> term(f.value(), scope, vars, out));
        } else if (t instanceof Term.Call c) {
            call(c, out);
            c.args().forEach(a -> term(a, scope, vars, out));
        }
    }

    private static void call(Term.Call c, List<Diagnostic> out) {
        if (FunctionChecks.signature(c.name(), c.function(), c.nameSpan(), c.span(), c.args().size(), out)
                && c.function() == dev.palisade.dsl.ast.AdmissionFunction.REGEX) {
            Term pattern = c.args().get(1);
            FunctionChecks.regexPattern(pattern instanceof Term.Str s ? s.value() : null, pattern.span(), out);
        }
    }

    /** Lists iterated and mutation targets are fixed paths: a key computed per element is for conditions. */
    private static void fixed(ObjPath p, String what, List<Diagnostic> out) {
        if (p.hasComputedKey()) {
            out.add(Diagnostic.error(p.span(), "a computed key cannot name " + what,
                    "computed keys are for conditions; name the " + what + " with constant keys"));
        }
    }

    private void path(ObjPath p, Set<String> scope, Vars vars, List<Diagnostic> out) {
        for (Object segment : p.segments()) {
            if (segment instanceof ObjPath.Computed c) {
                term(c.key(), scope, vars, out);
            }
        }
        String root = p.root();
        if (scope.contains(root) || List.of("object", "oldObject").contains(root)) {
            return;
        }
        if (root.equals("params")) {
            return; // the parameters pass knows the file's declarations
        }
        if (root.equals("data")) {
            if (p.segments().isEmpty()) {
                out.add(Diagnostic.error(p.span(), "'data' needs a resource", "e.g. data.podgroups"));
            }
            return;
        }
        if (SCALARS.contains(root)) {
            if (!p.segments().isEmpty()) {
                out.add(Diagnostic.error(p.span(), "'" + root + "' has no fields"));
            }
            return;
        }
        if (root.equals("user")) {
            if (p.segments().size() != 1 || !USER_FIELDS.contains(String.valueOf(p.segments().get(0)))) {
                out.add(Diagnostic.error(p.span(), "unknown attribute '" + p.text() + "'",
                        "user has name, uid and groups"));
            }
            return;
        }
        String binding = vars.bindings().get(root);
        if (binding != null) {
            out.add(Diagnostic.error(p.span(), "'" + root + "' is not in scope here: it is bound by the " + binding,
                    "a quantifier's variable lives in its own condition only; put the whole test in parentheses after ':', "
                            + "e.g. any " + root + " in LIST: (" + root + ".a == 1 and " + root + ".b == 2)"));
            return;
        }
        Set<String> candidates = new HashSet<>(ROOTS);
        candidates.addAll(scope);
        out.add(Diagnostic.error(p.span(), "unknown name '" + root + "'",
                ClosestName.to(root, candidates).map(s -> "did you mean '" + s + "'?")
                        .orElse("paths start at object, oldObject, data, a request attribute or a loop variable")));
    }
}

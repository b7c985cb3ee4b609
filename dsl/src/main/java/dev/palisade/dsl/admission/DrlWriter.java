package dev.palisade.dsl.admission;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Renders admission DNF terms as DRL. Everything written is a keyword, a property name from this
 * code, a generated identifier or an int: no policy or request text can reach the output.
 */
final class DrlWriter {
    static final String PACKAGE = "dev.palisade.generated.admission";

    private final StringBuilder out = new StringBuilder();

    DrlWriter() {
        out.append("package ").append(PACKAGE).append(";\n\n");
        out.append("import ").append(ObjectFact.class.getName()).append(";\n");
        out.append("import ").append(ElementFact.class.getName()).append(";\n");
    }

    /**
     * @param eachSource the rule's {@code for each} source, or -1
     */
    void rule(int rule, int term, int stage, List<Integer> operations, List<Integer> resources, int eachSource,
              Set<Atom.Lit> literals) {
        List<Atom.Lit> sorted = new ArrayList<>(literals);
        sorted.sort(ORDER);
        List<String> view = new ArrayList<>();
        view.add("stage == " + stage);
        view.add(in(Field.OPERATION, operations));
        view.add(in(Field.RESOURCE, resources));
        List<String> each = new ArrayList<>();
        List<String> patterns = new ArrayList<>();
        String with = eachSource >= 0 ? "$e" : "null";
        for (Atom.Lit l : sorted) {
            String not = l.negated() ? "!" : "";
            if (l.atom() instanceof Atom.FieldEq f) {
                view.add(f.field().property() + (l.negated() ? " != " : " == ") + f.sym());
            } else if (l.atom() instanceof Atom.FieldIn f) {
                view.add(f.field().property() + (l.negated() ? " not in (" : " in (") + ints(f.syms()) + ")");
            } else if (l.atom() instanceof Atom.DryRun) {
                view.add("dryRun == " + !l.negated());
            } else if (l.atom() instanceof Atom.RootTest t) {
                view.add(not + "test(" + t.predicate() + ")");
            } else if (l.atom() instanceof Atom.EachTest t) {
                each.add(not + "test(" + t.predicate() + ", null)");
            } else if (l.atom() instanceof Atom.Exists x) {
                String join = x.underEach() ? "parent == $e" : "root == $o";
                patterns.add((l.negated() ? "not " : "exists ") + "ElementFact( source == " + x.source() + ", " + join
                        + (x.predicate() < 0 ? "" : ", test(" + x.predicate() + ", " + with + ")") + " )");
            } else {
                throw new IllegalArgumentException("unknown atom " + l.atom());
            }
        }
        out.append("\nrule \"a").append(rule).append('_').append(term).append("\"\nwhen\n");
        out.append("    $o : ObjectFact( ").append(String.join(", ", view)).append(" )\n");
        if (eachSource >= 0) {
            each.add(0, "root == $o");
            each.add(0, "source == " + eachSource);
            out.append("    $e : ElementFact( ").append(String.join(", ", each)).append(" )\n");
        } else if (!each.isEmpty()) {
            throw new IllegalArgumentException("element test in a rule without for each");
        }
        for (String p : patterns) {
            out.append("    ").append(p).append('\n');
        }
        out.append("then\n    $o.matched(").append(rule).append(", ").append(with).append(");\nend\n");
    }

    String drl() {
        return out.toString();
    }

    private static String in(Field f, List<Integer> syms) {
        return syms.size() == 1 ? f.property() + " == " + syms.get(0) : f.property() + " in (" + ints(syms) + ")";
    }

    private static String ints(List<Integer> xs) {
        return xs.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }

    /** Constant tests first so rules share hashed alpha nodes; a stable order makes the DRL stable too. */
    private static final Comparator<Atom.Lit> ORDER = Comparator
            .comparingInt((Atom.Lit l) -> rank(l.atom()))
            .thenComparing(Atom.Lit::negated)
            .thenComparing(l -> l.atom().toString());

    private static int rank(Atom a) {
        if (a instanceof Atom.FieldEq) {
            return 0;
        }
        if (a instanceof Atom.FieldIn) {
            return 1;
        }
        if (a instanceof Atom.DryRun) {
            return 2;
        }
        if (a instanceof Atom.RootTest) {
            return 3;
        }
        if (a instanceof Atom.EachTest) {
            return 4;
        }
        return 5;
    }
}

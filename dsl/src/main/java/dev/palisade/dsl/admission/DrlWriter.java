package dev.palisade.dsl.admission;

import java.util.ArrayList;
import java.util.List;
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

    /** Renders one rule; every constraint's text is {@link #viewConstraints} and friends, shared with the model. */
    void rule(AdmissionShape shape) {
        List<String> view = viewConstraints(shape);
        List<String> each = new ArrayList<>();
        List<String> patterns = new ArrayList<>();
        for (Atom.Lit l : shape.literals()) {
            if (l.atom() instanceof Atom.EachTest t) {
                each.add(eachTest(t, l.negated()));
            } else if (l.atom() instanceof Atom.Exists x) {
                patterns.add((l.negated() ? "not " : "exists ") + "ElementFact( " + String.join(", ", existsConstraints(x, shape)) + " )");
            }
        }
        out.append("\nrule \"").append(shape.name()).append("\"\nwhen\n");
        out.append("    $o : ObjectFact( ").append(String.join(", ", view)).append(" )\n");
        if (shape.eachSource() >= 0) {
            each.add(0, ROOT_JOIN);
            each.add(0, source(shape.eachSource()));
            out.append("    $e : ElementFact( ").append(String.join(", ", each)).append(" )\n");
        } else if (!each.isEmpty()) {
            throw new IllegalArgumentException("element test in a rule without for each");
        }
        for (String p : patterns) {
            out.append("    ").append(p).append('\n');
        }
        out.append("then\n    $o.matched(").append(shape.rule()).append(", ").append(with(shape)).append(");\nend\n");
    }

    static final String ROOT_JOIN = "root == $o";
    static final String PARENT_JOIN = "parent == $e";

    /** The constraints of the view pattern, in order: stage, operation, resource, then the view's literals. */
    static List<String> viewConstraints(AdmissionShape shape) {
        List<String> view = new ArrayList<>();
        view.add(stage(shape.stage()));
        view.add(in(Field.OPERATION, shape.operations()));
        view.add(in(Field.RESOURCE, shape.resources()));
        for (Atom.Lit l : shape.literals()) {
            String c = viewConstraint(l);
            if (c != null) {
                view.add(c);
            }
        }
        return view;
    }

    static String stage(int stage) {
        return "stage == " + stage;
    }

    /** The DRL text of a literal tested on the view, or null if it is not one. */
    static String viewConstraint(Atom.Lit l) {
        if (l.atom() instanceof Atom.FieldEq f) {
            return f.field().property() + (l.negated() ? " != " : " == ") + f.sym();
        } else if (l.atom() instanceof Atom.FieldIn f) {
            return f.field().property() + (l.negated() ? " not in (" : " in (") + ints(f.syms()) + ")";
        } else if (l.atom() instanceof Atom.DryRun) {
            return "dryRun == " + !l.negated();
        } else if (l.atom() instanceof Atom.RootTest t) {
            return (l.negated() ? "!" : "") + "test(" + t.predicate() + ")";
        } else if (l.atom() instanceof Atom.EachTest || l.atom() instanceof Atom.Exists) {
            return null;
        }
        throw new IllegalArgumentException("unknown atom " + l.atom());
    }

    static String eachTest(Atom.EachTest t, boolean negated) {
        return (negated ? "!" : "") + "test(" + t.predicate() + ", null)";
    }

    static String source(int source) {
        return "source == " + source;
    }

    /** {@code source == K}, the join, and the element test if any. */
    static List<String> existsConstraints(Atom.Exists x, AdmissionShape shape) {
        List<String> out = new ArrayList<>();
        out.add(source(x.source()));
        out.add(x.underEach() ? PARENT_JOIN : ROOT_JOIN);
        if (x.predicate() >= 0) {
            out.add(existsTest(x, shape));
        }
        return out;
    }

    static String existsTest(Atom.Exists x, AdmissionShape shape) {
        return "test(" + x.predicate() + ", " + with(shape) + ")";
    }

    private static String with(AdmissionShape shape) {
        return shape.eachSource() >= 0 ? "$e" : "null";
    }

    String drl() {
        return out.toString();
    }

    static String in(Field f, List<Integer> syms) {
        return syms.size() == 1 ? f.property() + " == " + syms.get(0) : f.property() + " in (" + ints(syms) + ")";
    }

    private static String ints(List<Integer> xs) {
        return xs.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }
}

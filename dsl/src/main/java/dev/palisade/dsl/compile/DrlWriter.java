package dev.palisade.dsl.compile;

import dev.palisade.dsl.runtime.ExtraFact;
import dev.palisade.dsl.runtime.GroupFact;
import dev.palisade.dsl.runtime.RequestFact;
import dev.palisade.dsl.schema.AuthzAttribute;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Renders {@link RuleShape}s as DRL: the readable form of the rules {@link ModelBuilder} builds
 * (golden files, {@link CompiledPolicySet#drl()}), and a form Drools' classic builder accepts, so
 * tests can check both routes answer alike. Its constraint texts are also the expression ids of
 * the model's constraints. Everything written here is a fixed keyword, a property or class
 * name from this code, a generated identifier, or an int: there is deliberately no way to pass
 * a string from a policy or a request into the output.
 */
final class DrlWriter {
    /** The DRL package; the resource path given to Drools matches it. */
    static final String PACKAGE = "dev.palisade.generated";

    private final StringBuilder out = new StringBuilder();

    DrlWriter() {
        out.append("package ").append(PACKAGE).append(";\n\n");
        for (Class<?> c : List.of(RequestFact.class, GroupFact.class, ExtraFact.class)) {
            out.append("import ").append(c.getName()).append(";\n");
        }
    }

    /** Appends the Drools rule of one shape (term {@code term} of policy rule {@code rule}). */
    void rule(RuleShape shape) {
        int rule = shape.rule();
        int term = shape.term();
        List<Literal> sorted = shape.literals();
        List<String> constraints = new ArrayList<>();
        Set<AuthzAttribute> bindings = new TreeSet<>();
        List<String> patterns = new ArrayList<>();
        for (Literal l : sorted) {
            if (l.atom() instanceof Atom.MemberAttr m) {
                bindings.add(m.attr());
            }
            if (isPattern(l.atom())) {
                patterns.add((l.negated() ? "not " : "exists ") + pattern(l.atom()));
            } else {
                constraints.add(constraint(l));
            }
        }
        // bindings first, then tests: fields compared against constants stay hashable alpha nodes
        List<String> requestParts = new ArrayList<>();
        for (AuthzAttribute a : bindings) {
            requestParts.add(binding(a) + " : " + RequestFact.property(a));
        }
        requestParts.addAll(constraints);
        out.append("\nrule \"r").append(rule).append('_').append(term).append("\"\nwhen\n");
        out.append("    $r : ").append(RequestFact.class.getSimpleName()).append("( ")
           .append(String.join(", ", requestParts)).append(requestParts.isEmpty() ? ")" : " )").append('\n');
        for (String p : patterns) {
            out.append("    ").append(p).append('\n');
        }
        out.append("then\n    $r.matched(").append(rule).append(");\nend\n");
    }

    String drl() {
        return out.toString();
    }

    static boolean isPattern(Atom a) {
        return a instanceof Atom.MemberAttr || a instanceof Atom.AnyTest;
    }

    static String constraint(Literal l) {
        Atom a = l.atom();
        boolean neg = l.negated();
        if (a instanceof Atom.ScalarEq e) {
            return RequestFact.property(e.attr()) + (neg ? " != " : " == ") + e.sym();
        }
        if (a instanceof Atom.ScalarEqAttr e) {
            return RequestFact.property(e.a()) + (neg ? " != " : " == ") + RequestFact.property(e.b());
        }
        if (a instanceof Atom.ScalarIn in) {
            return RequestFact.property(in.attr()) + (neg ? " not in (" : " in (")
                    + in.syms().stream().map(String::valueOf).collect(Collectors.joining(", ")) + ")";
        }
        if (a instanceof Atom.Flag f) {
            return RequestFact.property(f.attr()) + (neg ? " == false" : " == true");
        }
        if (a instanceof Atom.ScalarTest t) {
            return (neg ? "!test(" : "test(") + t.predicate() + ")";
        }
        if (a instanceof Atom.HasMember m) {
            return (neg ? "!" : "") + switch (m.list()) {
                case USER_GROUPS -> {
                    if (m.keySym() != -1) {
                        throw new IllegalArgumentException("user.groups takes no key");
                    }
                    yield "hasGroup(" + m.sym() + ")";
                }
                case USER_EXTRA -> {
                    if (m.keySym() < 0) {
                        throw new IllegalArgumentException("user.extra needs a key");
                    }
                    yield "hasExtra(" + m.keySym() + ", " + m.sym() + ")";
                }
                default -> throw new IllegalArgumentException("not a list attribute: " + m.list());
            };
        }
        throw new IllegalArgumentException("not a request constraint: " + a);
    }

    static String pattern(Atom a) {
        if (a instanceof Atom.MemberAttr m) {
            return listFact(m.list(), m.keySym(), "sym == " + binding(m.attr()));
        }
        if (a instanceof Atom.AnyTest t) {
            return listFact(t.list(), t.keySym(), "test(" + t.predicate() + ")");
        }
        throw new IllegalArgumentException("not a pattern: " + a);
    }

    private static String listFact(AuthzAttribute list, int keySym, String test) {
        return switch (list) {
            case USER_GROUPS -> {
                if (keySym != -1) {
                    throw new IllegalArgumentException("user.groups takes no key");
                }
                yield GroupFact.class.getSimpleName() + "( " + test + " )";
            }
            case USER_EXTRA -> {
                if (keySym < 0) {
                    throw new IllegalArgumentException("user.extra needs a key");
                }
                yield ExtraFact.class.getSimpleName() + "( keySym == " + keySym + ", " + test + " )";
            }
            default -> throw new IllegalArgumentException("not a list attribute: " + list);
        };
    }

    private static String binding(AuthzAttribute a) {
        return "$" + RequestFact.property(a);
    }

}

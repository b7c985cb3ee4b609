package dev.palisade.dsl.ast;

import dev.palisade.Api;
import dev.palisade.dsl.source.Span;
import java.util.List;

/**
 * {@code validate "id" on CREATE, UPDATE pods for each c in ... deny when <cond> because "..."}
 * or {@code mutate "id" on CREATE pods when <cond> set object.x = 1}.
 *
 * @param operations  upper-case operation names as written ({@code CREATE}), checked by the checker
 * @param resources   plural resource names as written ({@code pods}); a rule on pods also sees the
 *                    pod templates of workloads
 * @param forEach     the per-element scope of the rule, or null: the rule then fires once per object
 * @param enforcement what a validating match does; {@link Enforcement#DENY} for mutate rules
 * @param condition   null when the rule has no {@code when}: it always matches
 * @param because     the message template of a validating rule, or null
 * @param mutations   the edits of a mutate rule, in order; empty for validate rules
 */
public record AdmissionRule(Kind kind, String name, Span nameSpan, List<Word> operations, List<Word> resources,
                            ForEach forEach, Enforcement enforcement, Cond condition, Message because,
                            List<Mutation> mutations, Span span) {
    /** A validating rule judges the final object; a mutating rule changes it first. */
    @Api
    public enum Kind { VALIDATE, MUTATE }

    /** Gatekeeper's and ValidatingAdmissionPolicy's actions: reject, warn the client, or record only. */
    @Api
    public enum Enforcement { DENY, WARN, AUDIT }

    /** A bare word with its position: an operation or a resource. */
    public record Word(String text, Span span) {}

    /**
     * {@code for each c in object.spec.containers, object.spec.initContainers}, or nested:
     * {@code for each c in object.spec.containers, p in c.ports}. {@code var}/{@code lists} are the
     * innermost binding (the rule's element); {@code outer} the bindings around it, outermost first,
     * each iterating within the one before.
     */
    public record ForEach(String var, Span varSpan, List<ObjPath> lists, Span span, List<Binding> outer) {
        public ForEach {
            lists = List.copyOf(lists);
            outer = List.copyOf(outer);
        }

        public ForEach(String var, Span varSpan, List<ObjPath> lists, Span span) {
            this(var, varSpan, lists, span, List.of());
        }

        /** One {@code x in L1, L2} of a for each. */
        public record Binding(String var, Span varSpan, List<ObjPath> lists) {
            public Binding {
                lists = List.copyOf(lists);
            }
        }

        /** Every binding, outermost first, the rule's own element last. */
        public List<Binding> bindings() {
            List<Binding> all = new java.util.ArrayList<>(outer);
            all.add(new Binding(var, varSpan, lists));
            return List.copyOf(all);
        }
    }

    public AdmissionRule {
        operations = List.copyOf(operations);
        resources = List.copyOf(resources);
        mutations = List.copyOf(mutations);
    }

    /** Every path the rule names: for-each lists, conditions, messages, mutation targets and values, computed keys. */
    public List<ObjPath> allPaths() {
        List<ObjPath> out = new java.util.ArrayList<>();
        if (forEach != null) {
            forEach.bindings().forEach(b -> b.lists().forEach(p -> addWithKeys(p, out)));
        }
        condPaths(condition, out);
        if (because != null) {
            because.parts().forEach(p -> {
                if (p instanceof ObjPath path) {
                    addWithKeys(path, out);
                }
            });
        }
        for (Mutation m : mutations) {
            addWithKeys(m.target(), out);
            if (m.value() != null) {
                out.addAll(Term.paths(m.value()));
            }
            condPaths(m.where(), out);
        }
        return out;
    }

    private static void addWithKeys(ObjPath p, List<ObjPath> out) {
        out.add(p);
        out.addAll(p.keyPaths());
    }

    private static void condPaths(Cond root, List<ObjPath> out) {
        Cond.forEachNode(root, c -> {
            if (c instanceof Cond.Quantified q) {
                q.lists().forEach(p -> addWithKeys(p, out));
            } else if (c instanceof Cond.Compare cmp) {
                out.addAll(Term.paths(cmp.left()));
                out.addAll(Term.paths(cmp.right()));
            } else if (c instanceof Cond.Truthy t) {
                out.addAll(Term.paths(t.term()));
            } else if (c instanceof Cond.Presence p) {
                addWithKeys(p.path(), out);
            }
        });
    }
}

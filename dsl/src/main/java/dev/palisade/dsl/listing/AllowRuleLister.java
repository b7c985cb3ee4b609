package dev.palisade.dsl.listing;

import dev.palisade.dsl.ast.Effect;
import dev.palisade.dsl.ast.Expr;
import dev.palisade.dsl.ast.Operand;
import dev.palisade.dsl.ast.Operator;
import dev.palisade.dsl.ast.PolicyFile;
import dev.palisade.dsl.ast.Rule;
import dev.palisade.dsl.check.RuleId;
import dev.palisade.dsl.lower.BooleanLowering;
import dev.palisade.dsl.lower.Dnf;
import dev.palisade.dsl.lower.Negatable;
import dev.palisade.dsl.runtime.Glob;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Lists what the allow rules of a policy set grant one user in one namespace, as RBAC-shaped
 * rules. Each allow rule's condition is put in disjunctive normal form (the compiler's own
 * lowering); in each alternative the literals about the user and the namespace are decided
 * (the user is known), and the rest must be positive equalities or memberships of verb, apiGroup,
 * resource, subresource, name or path (or {@code resourceRequest}, or a path glob ending in
 * {@code *}) — exactly what an RBAC rule can say. An alternative with any other literal on the
 * request (a negation, a prefix of a resource, a test of apiVersion, two request attributes
 * compared) is not listed, and its rule is named as unlisted: the listing is then incomplete but
 * never grants more than the rules do.
 */
public final class AllowRuleLister {
    private static final int DNF_CAP = 64;

    /** The request attributes an RBAC rule can constrain (and resourceRequest, which picks the kind of rule). */
    private enum Dim { VERB, API_GROUP, RESOURCE, SUBRESOURCE, NAME, PATH, RESOURCE_REQUEST }

    private final List<Named> allows = new ArrayList<>();
    private final List<Named> denies = new ArrayList<>();

    private record Named(String id, String location, Expr condition) {}

    /** A literal: a leaf of a condition, or its negation. */
    private record Lit(Expr leaf, boolean negated) implements Negatable<Lit> {
        @Override
        public Lit negate() {
            return new Lit(leaf, !negated);
        }
    }

    /** The user and namespace the listing is for. */
    public record Subject(String name, String uid, List<String> groups, Map<String, List<String>> extra, String namespace) {
        public Subject {
            name = Objects.requireNonNullElse(name, "");
            uid = Objects.requireNonNullElse(uid, "");
            groups = List.copyOf(groups);
            extra = Map.copyOf(extra);
            namespace = Objects.requireNonNullElse(namespace, "");
        }
    }

    public AllowRuleLister(List<PolicyFile> files) {
        for (PolicyFile f : files) {
            for (Rule r : f.rules()) {
                Named n = new Named(RuleId.of(f, r), r.span().location(), r.condition());
                (r.effect() == Effect.ALLOW ? allows : denies).add(n);
            }
        }
    }

    public Listing list(Subject subject) {
        List<ListedRule> rules = new ArrayList<>();
        Set<String> unlisted = new LinkedHashSet<>();
        for (Named allow : allows) {
            for (Set<Lit> term : dnf(allow.condition()).terms()) {
                Alternative alt = decide(term, subject);
                if (alt.impossible) {
                    continue;
                }
                if (alt.inexpressible != null) {
                    unlisted.add(allow.id() + " (" + allow.location() + "): " + alt.inexpressible);
                    continue;
                }
                rules.addAll(alt.toRules(allow.id()));
            }
        }
        int denyRules = 0;
        for (Named deny : denies) {
            boolean applies = false;
            for (Set<Lit> term : dnf(deny.condition()).terms()) {
                applies |= !decide(term, subject).impossible;
            }
            denyRules += applies ? 1 : 0;
        }
        return new Listing(rules, new ArrayList<>(unlisted), denyRules);
    }

    private static Dnf<Lit> dnf(Expr condition) {
        BooleanLowering<Expr, Lit> lowering = new BooleanLowering<>(new BooleanLowering.Leaves<Expr, Lit>() {
            @Override
            public BooleanLowering.Shape<Expr> shape(Expr e) {
                if (e instanceof Expr.And a) {
                    return new BooleanLowering.Shape.And<>(a.left(), a.right());
                }
                if (e instanceof Expr.Or o) {
                    return new BooleanLowering.Shape.Or<>(o.left(), o.right());
                }
                if (e instanceof Expr.Not n) {
                    return new BooleanLowering.Shape.Not<>(n.operand());
                }
                return new BooleanLowering.Shape.Leaf<>();
            }

            @Override
            public Dnf<Lit> leaf(Expr e, boolean negate) {
                return Dnf.of(new Lit(e, negate));
            }
        }, DNF_CAP);
        return lowering.lower(condition, false);
    }

    /** One DNF alternative with the user's literals decided: impossible, inexpressible (why), or value sets per dimension. */
    private static final class Alternative {
        boolean impossible;
        String inexpressible;
        final Map<Dim, Set<String>> allowed = new EnumMap<>(Dim.class);

        void restrict(Dim dim, List<String> values) {
            Set<String> next = new LinkedHashSet<>(values);
            Set<String> before = allowed.get(dim);
            if (before != null) {
                next.retainAll(before);
            }
            allowed.put(dim, next);
            if (next.isEmpty()) {
                impossible = true;
            }
        }

        List<ListedRule> toRules(String id) {
            List<ListedRule> out = new ArrayList<>();
            List<String> verbs = any(Dim.VERB);
            Set<String> kind = allowed.get(Dim.RESOURCE_REQUEST);
            boolean resource = (kind == null || kind.contains("true")) && !allowed.containsKey(Dim.PATH);
            boolean nonResource = (kind == null || kind.contains("false")) && !allowed.containsKey(Dim.API_GROUP)
                    && !allowed.containsKey(Dim.RESOURCE) && !allowed.containsKey(Dim.SUBRESOURCE) && !allowed.containsKey(Dim.NAME);
            if (resource) {
                out.add(new ListedRule(id, verbs, any(Dim.API_GROUP), resources(),
                        allowed.containsKey(Dim.NAME) ? List.copyOf(allowed.get(Dim.NAME)) : List.of(), List.of()));
            }
            if (nonResource) {
                out.add(new ListedRule(id, verbs, List.of(), List.of(), List.of(), any(Dim.PATH)));
            }
            return out;
        }

        private List<String> any(Dim dim) {
            Set<String> values = allowed.get(dim);
            return values == null ? List.of("*") : List.copyOf(values);
        }

        /** RBAC names a subresource as {@code resource/sub}; a rule that says nothing of subresources grants them all. */
        private List<String> resources() {
            Set<String> subs = allowed.get(Dim.SUBRESOURCE);
            List<String> out = new ArrayList<>();
            for (String r : any(Dim.RESOURCE)) {
                if (subs == null) {
                    out.add(r);
                    if (!r.equals("*")) {
                        out.add(r + "/*");
                    }
                } else {
                    for (String s : subs) {
                        out.add(s.isEmpty() ? r : r + "/" + s);
                    }
                }
            }
            return out;
        }
    }

    private static Alternative decide(Set<Lit> term, Subject subject) {
        Alternative alt = new Alternative();
        for (Lit lit : term) {
            if (alt.impossible) {
                return alt;
            }
            Expr leaf = lit.leaf();
            if (leaf instanceof Expr.Test t) {
                Object v = known(t.operand(), subject);
                if (v instanceof Boolean b) {
                    alt.impossible |= b == lit.negated();
                } else if (t.operand() instanceof Operand.Attribute a && a.name().equals("resourceRequest")) {
                    alt.restrict(Dim.RESOURCE_REQUEST, List.of(Boolean.toString(!lit.negated())));
                } else {
                    alt.inexpressible = "the test at " + t.span().location() + " is not about the user";
                }
                continue;
            }
            Expr.Comparison c = (Expr.Comparison) leaf;
            Object left = known(c.left(), subject);
            Object right = known(c.right(), subject);
            if (left != null && right != null) {
                alt.impossible |= holds(c.op(), left, right) == lit.negated();
                continue;
            }
            String why = constrain(alt, c, left, right, lit.negated());
            if (why != null && alt.inexpressible == null) {
                alt.inexpressible = why + " (" + c.span().location() + ")";
            }
        }
        return alt;
    }

    /** Adds what a literal on one request attribute allows, or says why an RBAC rule cannot say it. */
    private static String constrain(Alternative alt, Expr.Comparison c, Object left, Object right, boolean negated) {
        if (left == null && right == null) {
            return "two request attributes compared";
        }
        if (!((left == null ? c.left() : c.right()) instanceof Operand.Attribute)) {
            return "a computed test of the request";
        }
        Operand.Attribute attribute = (Operand.Attribute) (left == null ? c.left() : c.right());
        Object value = left == null ? right : left;
        Dim dim = dimension(attribute.name());
        if (dim == null) {
            return attribute.name() + " cannot be expressed in an RBAC rule";
        }
        if (negated) {
            return "a negated test of " + attribute.name();
        }
        if (dim == Dim.RESOURCE_REQUEST && value instanceof Boolean b && c.op() == Operator.EQ) {
            alt.restrict(dim, List.of(b.toString()));
            return null;
        }
        if (c.op() == Operator.EQ && value instanceof String s) {
            alt.restrict(dim, List.of(s));
            return null;
        }
        if (c.op() == Operator.IN && left == null && value instanceof List<?> list) {
            alt.restrict(dim, list.stream().map(String::valueOf).toList());
            return null;
        }
        if (c.op() == Operator.MATCHES && dim == Dim.PATH && left == null && value instanceof String glob
                && glob.endsWith("*") && glob.indexOf('*') == glob.length() - 1 && glob.indexOf('?') < 0 && glob.indexOf('\\') < 0) {
            alt.restrict(dim, List.of(glob)); // RBAC's nonResourceURLs take the same trailing '*'
            return null;
        }
        return "'" + c.op().spelling() + "' on " + attribute.name();
    }

    private static Dim dimension(String attribute) {
        return switch (attribute) {
            case "verb" -> Dim.VERB;
            case "apiGroup" -> Dim.API_GROUP;
            case "resource" -> Dim.RESOURCE;
            case "subresource" -> Dim.SUBRESOURCE;
            case "name" -> Dim.NAME;
            case "path" -> Dim.PATH;
            case "resourceRequest" -> Dim.RESOURCE_REQUEST;
            default -> null;
        };
    }

    /** The value of an operand that does not depend on the request: a literal, the user's attributes, the namespace. */
    private static Object known(Operand o, Subject s) {
        if (o instanceof Operand.Str str) {
            return str.value();
        }
        if (o instanceof Operand.StrList list) {
            return list.elements().stream().map(Operand.Str::value).toList();
        }
        if (o instanceof Operand.Bool b) {
            return b.value();
        }
        if (Operand.isComputed(o)) {
            // known when every attribute it reads is; computed as the compiled rules compute it
            for (Operand.Attribute a : Operand.attributes(o)) {
                if (known(a, s) == null) {
                    return null;
                }
            }
            return dev.palisade.dsl.runtime.RequestExpression.value(o).get(new SubjectInput(s));
        }
        Operand.Attribute a = (Operand.Attribute) o;
        return switch (a.name()) {
            case "user.name" -> s.name();
            case "user.uid" -> s.uid();
            case "user.groups" -> s.groups();
            case "user.extra" -> s.extra().getOrDefault(a.key(), List.of());
            case "namespace" -> s.namespace();
            default -> null;
        };
    }

    /** The operators' meaning on known values, as the compiled rules evaluate them. */
    private static boolean holds(Operator op, Object left, Object right) {
        return switch (op) {
            case EQ -> left.equals(right);
            case NE -> !left.equals(right);
            case IN -> right instanceof List<?> l && l.contains(left);
            case NOT_IN -> !(right instanceof List<?> l && l.contains(left));
            case CONTAINS -> left instanceof List<?> l ? l.contains(right) : String.valueOf(left).contains(String.valueOf(right));
            case STARTS_WITH -> anyOf(left, v -> v.startsWith(String.valueOf(right)));
            case ENDS_WITH -> anyOf(left, v -> v.endsWith(String.valueOf(right)));
            case MATCHES -> anyOf(left, Glob.compile(String.valueOf(right))::matches);
        };
    }

    private static boolean anyOf(Object value, java.util.function.Predicate<String> test) {
        if (value instanceof List<?> l) {
            return l.stream().map(String::valueOf).anyMatch(test);
        }
        return test.test(String.valueOf(value));
    }

    /** The subject as a request whose other attributes are never read (see {@link #known}). */
    private record SubjectInput(Subject s) implements dev.palisade.dsl.runtime.AuthzInput {
        public String userName() { return s.name(); }
        public String userUid() { return s.uid(); }
        public List<String> userGroups() { return s.groups(); }
        public Map<String, List<String>> userExtra() { return s.extra(); }
        public String verb() { return ""; }
        public String namespace() { return s.namespace(); }
        public String apiGroup() { return ""; }
        public String apiVersion() { return ""; }
        public String resource() { return ""; }
        public String subresource() { return ""; }
        public String name() { return ""; }
        public String path() { return ""; }
        public boolean resourceRequest() { return false; }
    }
}

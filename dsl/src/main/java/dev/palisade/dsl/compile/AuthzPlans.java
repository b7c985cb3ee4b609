package dev.palisade.dsl.compile;

import dev.palisade.dsl.lower.Literal;
import dev.palisade.dsl.model.BoxedIds;
import dev.palisade.dsl.model.Consequence;
import dev.palisade.dsl.model.Constraint;
import dev.palisade.dsl.model.FactVar;
import dev.palisade.dsl.model.IntProperty;
import dev.palisade.dsl.model.Key;
import dev.palisade.dsl.model.PatternPlan;
import dev.palisade.dsl.model.PatternPlan.Quantifier;
import dev.palisade.dsl.model.RuleBasePlan;
import dev.palisade.dsl.model.RulePlan;
import dev.palisade.dsl.runtime.ExtraFact;
import dev.palisade.dsl.runtime.GroupFact;
import dev.palisade.dsl.runtime.RequestFact;
import dev.palisade.dsl.schema.AuthzAttribute;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The authorization (and authn) stage of the shared model: turns each {@link RuleShape} into a
 * {@link RulePlan} over the request fact and the group and extra list facts, which the one
 * {@link dev.palisade.dsl.model.ModelBuilder} builds. Every atom kind maps to one general
 * constraint: a symbol compared with constants (hashed when it is one positive equality), a
 * test of one fact, or a join of a list fact with the request (hashed on the symbol).
 */
final class AuthzPlans {
    /** The generated rules' package. */
    static final String PACKAGE = "dev.palisade.generated";

    private static final FactVar<RequestFact> REQUEST = new FactVar<>(RequestFact.class, "$r");
    private static final List<Class<?>> FACTS = List.of(RequestFact.class, GroupFact.class, ExtraFact.class);

    /** The request's symbol attributes by ordinal (null for lists); alpha index id: the attribute's ordinal. */
    private static final List<IntProperty<RequestFact>> ATTRIBUTES = new ArrayList<>();

    static {
        for (AuthzAttribute a : AuthzAttribute.values()) {
            boolean list = a == AuthzAttribute.USER_GROUPS || a == AuthzAttribute.USER_EXTRA;
            ATTRIBUTES.add(list ? null : IntProperty.of(RequestFact.property(a), "RequestFact." + a.name(),
                    a.ordinal(), r -> r.symbol(a)));
        }
    }

    private static final IntProperty<ExtraFact> EXTRA_KEY = IntProperty.of("keySym", "ExtraFact.keySym", 0,
            ExtraFact::getKeySym);
    private static final Key<GroupFact, Integer> GROUP_SYM = new Key<>("GroupFact.sym", g -> BoxedIds.box(g.getSym()));
    private static final Key<ExtraFact, Integer> EXTRA_SYM = new Key<>("ExtraFact.sym", e -> BoxedIds.box(e.getSym()));
    /** Beta index ids of the joins with the request, one per list fact class. */
    private static final int GROUP_JOIN = 0;
    private static final int EXTRA_JOIN = 1;

    private AuthzPlans() {}

    static RuleBasePlan plan(List<RuleShape> shapes, int symbolCount) {
        List<RulePlan> rules = new ArrayList<>(shapes.size());
        for (RuleShape shape : shapes) {
            rules.add(rule(shape));
        }
        return new RuleBasePlan(PACKAGE, FACTS, symbolCount, rules);
    }

    private static IntProperty<RequestFact> attribute(AuthzAttribute a) {
        IntProperty<RequestFact> p = ATTRIBUTES.get(a.ordinal());
        if (p == null) {
            throw new IllegalArgumentException("not a scalar attribute: " + a);
        }
        return p;
    }

    /**
     * The request pattern first, holding every constraint on the request; then one pattern per
     * list-fact atom, each {@code exists} or {@code not}.
     */
    static RulePlan rule(RuleShape shape) {
        List<Constraint<RequestFact>> onRequest = new ArrayList<>();
        TreeSet<AuthzAttribute> joined = new TreeSet<>();
        List<PatternPlan<?>> listPatterns = new ArrayList<>();
        for (Literal<AuthzAtom> l : shape.literals()) {
            if (isListPattern(l.atom())) {
                if (l.atom() instanceof AuthzAtom.MemberAttr m) {
                    joined.add(m.attr());
                }
                listPatterns.add(listPattern(l));
            } else {
                onRequest.add(requestConstraint(l));
            }
        }
        // the DRL binds the joined attributes first, so the tests after them stay hashable alpha nodes
        List<String> bindings = joined.stream().map(a -> binding(a) + " : " + RequestFact.property(a)).toList();
        List<PatternPlan<?>> patterns = new ArrayList<>();
        patterns.add(new PatternPlan<>(REQUEST, Quantifier.MATCH, bindings, onRequest));
        patterns.addAll(listPatterns);
        int rule = shape.rule();
        return new RulePlan(shape.name(), patterns,
                new Consequence.Record<>(REQUEST, rule, RequestFact::matched, "$r.matched(" + rule + ");"));
    }

    /** Atoms over a list attribute's elements, matched as separate group or extra facts. */
    static boolean isListPattern(AuthzAtom a) {
        return a instanceof AuthzAtom.MemberAttr || a instanceof AuthzAtom.AnyTest;
    }

    private static Constraint<RequestFact> requestConstraint(Literal<AuthzAtom> l) {
        AuthzAtom a = l.atom();
        boolean neg = l.negated();
        if (a instanceof AuthzAtom.ScalarEq e) {
            return Constraint.in(attribute(e.attr()), new int[] {e.sym()}, neg);
        }
        if (a instanceof AuthzAtom.ScalarIn in) {
            return Constraint.in(attribute(in.attr()), in.syms().stream().mapToInt(Integer::intValue).toArray(), neg);
        }
        if (a instanceof AuthzAtom.ScalarEqAttr e) {
            AuthzAttribute x = e.a();
            AuthzAttribute y = e.b();
            return Constraint.test(RequestFact.property(x) + (neg ? " != " : " == ") + RequestFact.property(y),
                    r -> r.symbol(x) == r.symbol(y), neg);
        }
        if (a instanceof AuthzAtom.Flag f) {
            if (f.attr() != AuthzAttribute.RESOURCE_REQUEST) {
                throw new IllegalArgumentException("not a flag: " + f.attr());
            }
            return Constraint.test(RequestFact.property(f.attr()) + (neg ? " == false" : " == true"),
                    RequestFact::isResourceRequest, neg);
        }
        if (a instanceof AuthzAtom.ScalarTest t) {
            int predicate = t.predicate();
            return Constraint.test((neg ? "!test(" : "test(") + predicate + ")", r -> r.test(predicate), neg);
        }
        if (a instanceof AuthzAtom.Computed c) {
            dev.palisade.dsl.runtime.RequestExpression test = c.test();
            return Constraint.test((neg ? "!computed(" : "computed(") + c.id() + ")", r -> test.test(r.request()), neg);
        }
        if (a instanceof AuthzAtom.HasMember m) {
            int sym = m.sym();
            int key = m.keySym();
            String prefix = neg ? "!" : "";
            return switch (m.list()) {
                case USER_GROUPS -> {
                    requireKey(m.list(), key);
                    yield Constraint.test(prefix + "hasGroup(" + sym + ")", r -> r.hasGroup(sym), neg);
                }
                case USER_EXTRA -> {
                    requireKey(m.list(), key);
                    yield Constraint.test(prefix + "hasExtra(" + key + ", " + sym + ")", r -> r.hasExtra(key, sym), neg);
                }
                default -> throw new IllegalArgumentException("not a list attribute: " + m.list());
            };
        }
        throw new IllegalArgumentException("not a request constraint: " + a);
    }

    private static PatternPlan<?> listPattern(Literal<AuthzAtom> l) {
        Quantifier q = l.negated() ? Quantifier.NOT : Quantifier.EXISTS;
        AuthzAtom a = l.atom();
        AuthzAttribute list = a instanceof AuthzAtom.MemberAttr m ? m.list() : ((AuthzAtom.AnyTest) a).list();
        int keySym = a instanceof AuthzAtom.MemberAttr m ? m.keySym() : ((AuthzAtom.AnyTest) a).keySym();
        requireKey(list, keySym);
        return switch (list) {
            case USER_GROUPS -> {
                Constraint<GroupFact> c;
                if (a instanceof AuthzAtom.MemberAttr m) {
                    AuthzAttribute attr = m.attr();
                    c = Constraint.join("sym == " + binding(attr), REQUEST, (g, r) -> g.getSym() == r.symbol(attr),
                            new Constraint.BetaIndex<>(int.class, GROUP_JOIN, GROUP_SYM, attribute(attr).key()));
                } else {
                    int predicate = ((AuthzAtom.AnyTest) a).predicate();
                    c = Constraint.test("test(" + predicate + ")", g -> g.test(predicate), false);
                }
                yield new PatternPlan<>(FactVar.anonymous(GroupFact.class), q, List.of(), List.of(c));
            }
            case USER_EXTRA -> {
                Constraint<ExtraFact> key = Constraint.in(EXTRA_KEY, new int[] {keySym}, false);
                Constraint<ExtraFact> c;
                if (a instanceof AuthzAtom.MemberAttr m) {
                    AuthzAttribute attr = m.attr();
                    c = Constraint.join("sym == " + binding(attr), REQUEST, (e, r) -> e.getSym() == r.symbol(attr),
                            new Constraint.BetaIndex<>(int.class, EXTRA_JOIN, EXTRA_SYM, attribute(attr).key()));
                } else {
                    int predicate = ((AuthzAtom.AnyTest) a).predicate();
                    c = Constraint.test("test(" + predicate + ")", e -> e.test(predicate), false);
                }
                yield new PatternPlan<>(FactVar.anonymous(ExtraFact.class), q, List.of(), List.of(key, c));
            }
            default -> throw new IllegalArgumentException("not a list attribute: " + list);
        };
    }

    /** user.groups takes no key, user.extra needs one. */
    private static void requireKey(AuthzAttribute list, int keySym) {
        if (list == AuthzAttribute.USER_GROUPS && keySym != -1) {
            throw new IllegalArgumentException("user.groups takes no key");
        }
        if (list == AuthzAttribute.USER_EXTRA && keySym < 0) {
            throw new IllegalArgumentException("user.extra needs a key");
        }
    }

    private static String binding(AuthzAttribute a) {
        return "$" + RequestFact.property(a);
    }
}

package dev.palisade.dsl.compile;

import static org.drools.model.DSL.declarationOf;
import static org.drools.model.DSL.exists;
import static org.drools.model.DSL.not;
import static org.drools.model.DSL.on;
import static org.drools.model.PatternDSL.alphaIndexedBy;
import static org.drools.model.PatternDSL.betaIndexedBy;
import static org.drools.model.PatternDSL.pattern;
import static org.drools.model.PatternDSL.rule;

import dev.palisade.dsl.model.BoxedIds;
import dev.palisade.dsl.model.ModelKieBase;
import dev.palisade.dsl.model.NamedExpression;
import dev.palisade.dsl.runtime.ExtraFact;
import dev.palisade.dsl.runtime.GroupFact;
import dev.palisade.dsl.runtime.PolicyProgram;
import dev.palisade.dsl.runtime.RequestFact;
import dev.palisade.dsl.schema.AuthzAttribute;
import java.util.ArrayList;
import java.util.List;
import org.drools.model.Declaration;
import org.drools.model.Index;
import org.drools.model.PatternDSL.PatternDef;
import org.drools.model.Rule;
import org.drools.model.RuleItemBuilder;
import org.drools.model.functions.Block1;
import org.drools.model.functions.Function1;
import org.drools.model.functions.Predicate1;
import org.drools.model.functions.Predicate2;
import org.drools.model.view.ViewItemBuilder;
import org.kie.api.KieBase;

/**
 * Builds the KieBase of a policy set as a Drools <em>executable model</em>, straight from the
 * {@link RuleShape}s: no DRL is parsed, no MVEL is analysed or interpreted, no consequence class
 * is compiled. Every constraint is a small object of this class that tests ints (symbol ids) or
 * calls a predicate by id; every consequence is one shared kind of lambda carrying the rule index.
 *
 * <p>Each rule has exactly the shape its DRL rendering ({@link DrlWriter}) shows: the same
 * patterns and constraints in the same order; each constraint's expression id is its DRL text
 * (ids and ints only), which is also what Drools uses to share equal nodes between rules.
 * Equalities with a constant are alpha-indexed (hashed like DRL's {@code ==}), and a list fact
 * compared with a request attribute is beta-indexed.
 */
final class ModelBuilder {
    private ModelBuilder() {}

    /** @param symbolCount the size of the policy set's symbol table (ids 0 .. symbolCount-1) */
    static KieBase build(List<RuleShape> shapes, int symbolCount) {
        BoxedIds.cover(symbolCount);
        List<Rule> rules = new ArrayList<>(shapes.size());
        for (RuleShape shape : shapes) {
            rules.add(droolsRule(shape));
        }
        return ModelKieBase.build(rules, PolicyProgram.class.getClassLoader());
    }

    private static Rule droolsRule(RuleShape shape) {
        Declaration<RequestFact> request = declarationOf(RequestFact.class, "$r");
        PatternDef<RequestFact> requestPattern = pattern(request);
        List<RuleItemBuilder<?>> items = new ArrayList<>();
        items.add(requestPattern);
        for (Literal l : shape.literals()) {
            if (DrlWriter.isPattern(l.atom())) {
                ViewItemBuilder<?> p = listPattern(l.atom(), request);
                items.add(l.negated() ? not(p) : exists(p));
            } else {
                requestConstraint(requestPattern, l);
            }
        }
        items.add(on(request).execute(new Matched(shape.rule())));
        return rule(DrlWriter.PACKAGE, shape.name()).build(items.toArray(RuleItemBuilder<?>[]::new));
    }

    private static void requestConstraint(PatternDef<RequestFact> p, Literal l) {
        String id = DrlWriter.constraint(l);
        Atom a = l.atom();
        boolean neg = l.negated();
        if (a instanceof Atom.ScalarEq e) {
            if (neg) {
                p.expr(id, new SymIn(id, e.attr(), new int[] {e.sym()}, true));
            } else {
                p.expr(id, new SymIn(id, e.attr(), new int[] {e.sym()}, false),
                        alphaIndexedBy(int.class, Index.ConstraintType.EQUAL, e.attr().ordinal(),
                                RequestSym.of(e.attr()), e.sym()));
            }
        } else if (a instanceof Atom.ScalarIn in) {
            int[] syms = in.syms().stream().mapToInt(Integer::intValue).toArray();
            p.expr(id, new SymIn(id, in.attr(), syms, neg));
        } else if (a instanceof Atom.ScalarEqAttr e) {
            p.expr(id, new SymEqAttr(id, e.a(), e.b(), neg));
        } else if (a instanceof Atom.Flag f) {
            if (f.attr() != AuthzAttribute.RESOURCE_REQUEST) {
                throw new IllegalArgumentException("not a flag: " + f.attr());
            }
            p.expr(id, new ResourceRequest(id, !neg));
        } else if (a instanceof Atom.ScalarTest t) {
            p.expr(id, new RequestTest(id, t.predicate(), neg));
        } else if (a instanceof Atom.HasMember m) {
            p.expr(id, new RequestHas(id, m.keySym(), m.sym(), neg)); // id validated list and key
        } else {
            throw new IllegalArgumentException("not a request constraint: " + a);
        }
    }

    private static ViewItemBuilder<?> listPattern(Atom a, Declaration<RequestFact> request) {
        AuthzAttribute list;
        int keySym;
        if (a instanceof Atom.MemberAttr m) {
            list = m.list();
            keySym = m.keySym();
        } else if (a instanceof Atom.AnyTest t) {
            list = t.list();
            keySym = t.keySym();
        } else {
            throw new IllegalArgumentException("not a pattern: " + a);
        }
        DrlWriter.pattern(a); // validates list and key exactly as the DRL does
        return switch (list) {
            case USER_GROUPS -> groupPattern(a, request);
            case USER_EXTRA -> extraPattern(a, keySym, request);
            default -> throw new IllegalArgumentException("not a list attribute: " + list);
        };
    }

    private static PatternDef<GroupFact> groupPattern(Atom a, Declaration<RequestFact> request) {
        PatternDef<GroupFact> p = pattern(declarationOf(GroupFact.class));
        if (a instanceof Atom.MemberAttr m) {
            String id = "sym == $" + RequestFact.property(m.attr());
            p.expr(id, request, new GroupSymEqAttr(id, m.attr()),
                    betaIndexedBy(int.class, Index.ConstraintType.EQUAL, 0, GroupSym.INSTANCE, RequestSym.of(m.attr())));
        } else {
            Atom.AnyTest t = (Atom.AnyTest) a;
            String id = "test(" + t.predicate() + ")";
            p.expr(id, new GroupTest(id, t.predicate()));
        }
        return p;
    }

    private static PatternDef<ExtraFact> extraPattern(Atom a, int keySym, Declaration<RequestFact> request) {
        PatternDef<ExtraFact> p = pattern(declarationOf(ExtraFact.class));
        String keyId = "keySym == " + keySym;
        p.expr(keyId, new ExtraKeyEq(keyId, keySym),
                alphaIndexedBy(int.class, Index.ConstraintType.EQUAL, 0, ExtraKey.INSTANCE, keySym));
        if (a instanceof Atom.MemberAttr m) {
            String id = "sym == $" + RequestFact.property(m.attr());
            p.expr(id, request, new ExtraSymEqAttr(id, m.attr()),
                    betaIndexedBy(int.class, Index.ConstraintType.EQUAL, 1, ExtraSym.INSTANCE, RequestSym.of(m.attr())));
        } else {
            Atom.AnyTest t = (Atom.AnyTest) a;
            String id = "test(" + t.predicate() + ")";
            p.expr(id, new ExtraTest(id, t.predicate()));
        }
        return p;
    }

    // ---- constraints: each names itself by its text, which Drools uses to share equal nodes ----

    /** {@code attr in (syms)}, or not; one sym is {@code ==}. */
    private static final class SymIn extends NamedExpression implements Predicate1<RequestFact> {
        private final AuthzAttribute attr;
        private final int[] syms;
        private final boolean negated;

        SymIn(String id, AuthzAttribute attr, int[] syms, boolean negated) {
            super(id);
            this.attr = attr;
            this.syms = syms;
            this.negated = negated;
        }

        @Override
        public boolean test(RequestFact r) {
            int v = r.symbol(attr);
            for (int s : syms) {
                if (s == v) {
                    return !negated;
                }
            }
            return negated;
        }
    }

    private static final class SymEqAttr extends NamedExpression implements Predicate1<RequestFact> {
        private final AuthzAttribute a;
        private final AuthzAttribute b;
        private final boolean negated;

        SymEqAttr(String id, AuthzAttribute a, AuthzAttribute b, boolean negated) {
            super(id);
            this.a = a;
            this.b = b;
            this.negated = negated;
        }

        @Override
        public boolean test(RequestFact r) {
            return (r.symbol(a) == r.symbol(b)) != negated;
        }
    }

    private static final class ResourceRequest extends NamedExpression implements Predicate1<RequestFact> {
        private final boolean expected;

        ResourceRequest(String id, boolean expected) {
            super(id);
            this.expected = expected;
        }

        @Override
        public boolean test(RequestFact r) {
            return r.isResourceRequest() == expected;
        }
    }

    private static final class RequestTest extends NamedExpression implements Predicate1<RequestFact> {
        private final int predicate;
        private final boolean negated;

        RequestTest(String id, int predicate, boolean negated) {
            super(id);
            this.predicate = predicate;
            this.negated = negated;
        }

        @Override
        public boolean test(RequestFact r) {
            return r.test(predicate) != negated;
        }
    }

    /** {@code hasGroup(sym)} or {@code hasExtra(keySym, sym)} on the request (keySym -1: groups), or not. */
    private static final class RequestHas extends NamedExpression implements Predicate1<RequestFact> {
        private final int keySym;
        private final int sym;
        private final boolean negated;

        RequestHas(String id, int keySym, int sym, boolean negated) {
            super(id);
            this.keySym = keySym;
            this.sym = sym;
            this.negated = negated;
        }

        @Override
        public boolean test(RequestFact r) {
            return (keySym < 0 ? r.hasGroup(sym) : r.hasExtra(keySym, sym)) != negated;
        }
    }

    private static final class GroupSymEqAttr extends NamedExpression implements Predicate2<GroupFact, RequestFact> {
        private final AuthzAttribute attr;

        GroupSymEqAttr(String id, AuthzAttribute attr) {
            super(id);
            this.attr = attr;
        }

        @Override
        public boolean test(GroupFact g, RequestFact r) {
            return g.getSym() == r.symbol(attr);
        }
    }

    private static final class GroupTest extends NamedExpression implements Predicate1<GroupFact> {
        private final int predicate;

        GroupTest(String id, int predicate) {
            super(id);
            this.predicate = predicate;
        }

        @Override
        public boolean test(GroupFact g) {
            return g.test(predicate);
        }
    }

    private static final class ExtraKeyEq extends NamedExpression implements Predicate1<ExtraFact> {
        private final int keySym;

        ExtraKeyEq(String id, int keySym) {
            super(id);
            this.keySym = keySym;
        }

        @Override
        public boolean test(ExtraFact e) {
            return e.getKeySym() == keySym;
        }
    }

    private static final class ExtraSymEqAttr extends NamedExpression implements Predicate2<ExtraFact, RequestFact> {
        private final AuthzAttribute attr;

        ExtraSymEqAttr(String id, AuthzAttribute attr) {
            super(id);
            this.attr = attr;
        }

        @Override
        public boolean test(ExtraFact e, RequestFact r) {
            return e.getSym() == r.symbol(attr);
        }
    }

    private static final class ExtraTest extends NamedExpression implements Predicate1<ExtraFact> {
        private final int predicate;

        ExtraTest(String id, int predicate) {
            super(id);
            this.predicate = predicate;
        }

        @Override
        public boolean test(ExtraFact e) {
            return e.test(predicate);
        }
    }

    // ---- extractors for hashed indexes: one instance per field ----

    /** The symbol id of one scalar attribute of the request. */
    private static final class RequestSym extends NamedExpression implements Function1<RequestFact, Integer> {
        private static final RequestSym[] BY_ATTR = new RequestSym[AuthzAttribute.values().length];

        static {
            for (AuthzAttribute a : AuthzAttribute.values()) {
                BY_ATTR[a.ordinal()] = new RequestSym(a);
            }
        }

        private final AuthzAttribute attr;

        private RequestSym(AuthzAttribute attr) {
            super("RequestFact." + attr.name());
            this.attr = attr;
        }

        static RequestSym of(AuthzAttribute a) {
            return BY_ATTR[a.ordinal()];
        }

        @Override
        public Integer apply(RequestFact r) {
            return BoxedIds.box(r.symbol(attr));
        }
    }

    private static final class GroupSym extends NamedExpression implements Function1<GroupFact, Integer> {
        static final GroupSym INSTANCE = new GroupSym();

        private GroupSym() {
            super("GroupFact.sym");
        }

        @Override
        public Integer apply(GroupFact g) {
            return BoxedIds.box(g.getSym());
        }
    }

    private static final class ExtraKey extends NamedExpression implements Function1<ExtraFact, Integer> {
        static final ExtraKey INSTANCE = new ExtraKey();

        private ExtraKey() {
            super("ExtraFact.keySym");
        }

        @Override
        public Integer apply(ExtraFact e) {
            return BoxedIds.box(e.getKeySym());
        }
    }

    private static final class ExtraSym extends NamedExpression implements Function1<ExtraFact, Integer> {
        static final ExtraSym INSTANCE = new ExtraSym();

        private ExtraSym() {
            super("ExtraFact.sym");
        }

        @Override
        public Integer apply(ExtraFact e) {
            return BoxedIds.box(e.getSym());
        }
    }

    /** The consequence of every rule: record the policy rule's index on the request. */
    private static final class Matched implements Block1<RequestFact> {
        private final int rule;

        Matched(int rule) {
            this.rule = rule;
        }

        @Override
        public void execute(RequestFact r) {
            r.matched(rule);
        }
    }
}

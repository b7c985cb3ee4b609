package dev.palisade.dsl.admission;

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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.drools.model.Declaration;
import org.drools.model.Index;
import org.drools.model.PatternDSL.PatternDef;
import org.drools.model.Rule;
import org.drools.model.RuleItemBuilder;
import org.drools.model.functions.Block1;
import org.drools.model.functions.Block2;
import org.drools.model.functions.Function1;
import org.drools.model.functions.Predicate1;
import org.drools.model.functions.Predicate2;
import org.kie.api.KieBase;

/**
 * Builds the KieBase of an admission policy set as a Drools <em>executable model</em>, straight
 * from the {@link AdmissionShape}s: no DRL is parsed, no MVEL is analysed or interpreted, no class
 * is generated. Every constraint is a small object of this class that tests ints (stage, symbol
 * ids, source ids), an identity join, or a compiled predicate by id; every consequence is one
 * shared kind of block carrying the rule index.
 *
 * <p>Each rule has exactly the shape its DRL rendering ({@link DrlWriter}) shows: the same patterns
 * and constraints in the same order, each constraint's expression id being its DRL text (ids and
 * ints only), which is also what Drools uses to share equal nodes between rules. Equalities with a
 * constant (stage, resource, a field, an element's source) are alpha-indexed as DRL's {@code ==}
 * would be, and the joins on the view or the enclosing element are beta-indexed.
 */
final class AdmissionModel {
    private AdmissionModel() {}

    /** Index ids of the indexed properties (distinct per class). */
    private static final int STAGE = 0;
    private static final int FIELD_BASE = 1;
    private static final int SOURCE = 0;
    private static final int ROOT = 1;
    private static final int PARENT = 2;

    static KieBase build(List<AdmissionShape> shapes, int symbolCount) {
        BoxedIds.cover(symbolCount);
        List<Rule> rules = new ArrayList<>(shapes.size());
        for (AdmissionShape shape : shapes) {
            rules.add(droolsRule(shape));
        }
        return ModelKieBase.build(rules, ObjectFact.class.getClassLoader());
    }

    private static Rule droolsRule(AdmissionShape shape) {
        Declaration<ObjectFact> view = declarationOf(ObjectFact.class, "$o");
        PatternDef<ObjectFact> viewPattern = pattern(view);
        List<RuleItemBuilder<?>> items = new ArrayList<>();
        items.add(viewPattern);
        String stageId = DrlWriter.stage(shape.stage());
        viewPattern.expr(stageId, new StageEq(stageId, shape.stage()),
                alphaIndexedBy(int.class, Index.ConstraintType.EQUAL, STAGE, Stage.INSTANCE, shape.stage()));
        symIn(viewPattern, Field.OPERATION, shape.operations(), false);
        symIn(viewPattern, Field.RESOURCE, shape.resources(), false);
        for (Atom.Lit l : shape.literals()) {
            String id = DrlWriter.viewConstraint(l);
            if (id == null) {
                continue;
            }
            if (l.atom() instanceof Atom.FieldEq f) {
                symIn(viewPattern, f.field(), List.of(f.sym()), l.negated());
            } else if (l.atom() instanceof Atom.FieldIn f) {
                symIn(viewPattern, f.field(), f.syms(), l.negated());
            } else if (l.atom() instanceof Atom.DryRun) {
                viewPattern.expr(id, new DryRun(id, !l.negated()));
            } else if (l.atom() instanceof Atom.RootTest t) {
                viewPattern.expr(id, new ViewTest(id, t.predicate(), l.negated()));
            } else {
                throw new IllegalArgumentException("not a view literal: " + l);
            }
        }
        Declaration<ElementFact> each = null;
        if (shape.eachSource() >= 0) {
            each = declarationOf(ElementFact.class, "$e");
            PatternDef<ElementFact> p = pattern(each);
            sourceEq(p, shape.eachSource());
            p.expr(DrlWriter.ROOT_JOIN, view, RootJoin.INSTANCE, betaIndexedBy(ObjectFact.class,
                    Index.ConstraintType.EQUAL, ROOT, ElementRoot.INSTANCE, SameView.INSTANCE));
            for (Atom.Lit l : shape.literals()) {
                if (l.atom() instanceof Atom.EachTest t) {
                    String id = DrlWriter.eachTest(t, l.negated());
                    p.expr(id, new ElementTest(id, t.predicate(), l.negated()));
                }
            }
            items.add(p);
        } else if (shape.literals().stream().anyMatch(l -> l.atom() instanceof Atom.EachTest)) {
            throw new IllegalArgumentException("element test in a rule without for each");
        }
        for (Atom.Lit l : shape.literals()) {
            if (l.atom() instanceof Atom.Exists x) {
                PatternDef<ElementFact> p = pattern(declarationOf(ElementFact.class));
                sourceEq(p, x.source());
                if (x.underEach()) {
                    if (each == null) {
                        throw new IllegalArgumentException("a list under the element in a rule without for each");
                    }
                    p.expr(DrlWriter.PARENT_JOIN, each, ParentJoin.INSTANCE, betaIndexedBy(ElementFact.class,
                            Index.ConstraintType.EQUAL, PARENT, ElementParent.INSTANCE, SameElement.INSTANCE));
                } else {
                    p.expr(DrlWriter.ROOT_JOIN, view, RootJoin.INSTANCE, betaIndexedBy(ObjectFact.class,
                            Index.ConstraintType.EQUAL, ROOT, ElementRoot.INSTANCE, SameView.INSTANCE));
                }
                if (x.predicate() >= 0) {
                    String id = DrlWriter.existsTest(x, shape);
                    if (each == null) {
                        p.expr(id, new ElementTest(id, x.predicate(), false));
                    } else {
                        p.expr(id, each, new ElementTestWith(id, x.predicate()));
                    }
                }
                items.add(l.negated() ? not(p) : exists(p));
            }
        }
        items.add(each == null ? on(view).execute(new Matched(shape.rule()))
                : on(view, each).execute(new MatchedElement(shape.rule())));
        return rule(DrlWriter.PACKAGE, shape.name()).build(items.toArray(RuleItemBuilder<?>[]::new));
    }

    /** {@code field == sym} (alpha-indexed), {@code field in (syms)}, or their negations. */
    private static void symIn(PatternDef<ObjectFact> p, Field field, List<Integer> syms, boolean negated) {
        String id = negated ? (syms.size() == 1 ? field.property() + " != " + syms.get(0)
                : DrlWriter.viewConstraint(new Atom.Lit(new Atom.FieldIn(field, syms), true)))
                : DrlWriter.in(field, syms);
        int[] values = syms.stream().mapToInt(Integer::intValue).toArray();
        SymIn test = new SymIn(id, field, values, negated);
        if (!negated && values.length == 1) {
            p.expr(id, test, alphaIndexedBy(int.class, Index.ConstraintType.EQUAL, FIELD_BASE + field.ordinal(),
                    ViewSym.of(field), values[0]));
        } else {
            p.expr(id, test);
        }
    }

    private static void sourceEq(PatternDef<ElementFact> p, int source) {
        String id = DrlWriter.source(source);
        p.expr(id, new SourceEq(id, source),
                alphaIndexedBy(int.class, Index.ConstraintType.EQUAL, SOURCE, SourceId.INSTANCE, source));
    }

    // ---- constraints: each names itself by its DRL text, which Drools uses to share equal nodes ----

    private static final class StageEq extends NamedExpression implements Predicate1<ObjectFact> {
        private final int stage;

        StageEq(String id, int stage) {
            super(id);
            this.stage = stage;
        }

        @Override
        public boolean test(ObjectFact o) {
            return o.getStage() == stage;
        }
    }

    private static final class SymIn extends NamedExpression implements Predicate1<ObjectFact> {
        private final Field field;
        private final int[] syms;
        private final boolean negated;

        SymIn(String id, Field field, int[] syms, boolean negated) {
            super(id);
            this.field = field;
            this.syms = syms;
            this.negated = negated;
        }

        @Override
        public boolean test(ObjectFact o) {
            int v = o.sym(field);
            for (int s : syms) {
                if (s == v) {
                    return !negated;
                }
            }
            return negated;
        }
    }

    private static final class DryRun extends NamedExpression implements Predicate1<ObjectFact> {
        private final boolean expected;

        DryRun(String id, boolean expected) {
            super(id);
            this.expected = expected;
        }

        @Override
        public boolean test(ObjectFact o) {
            return o.isDryRun() == expected;
        }
    }

    private static final class ViewTest extends NamedExpression implements Predicate1<ObjectFact> {
        private final int predicate;
        private final boolean negated;

        ViewTest(String id, int predicate, boolean negated) {
            super(id);
            this.predicate = predicate;
            this.negated = negated;
        }

        @Override
        public boolean test(ObjectFact o) {
            return o.test(predicate) != negated;
        }
    }

    private static final class SourceEq extends NamedExpression implements Predicate1<ElementFact> {
        private final int source;

        SourceEq(String id, int source) {
            super(id);
            this.source = source;
        }

        @Override
        public boolean test(ElementFact e) {
            return e.getSource() == source;
        }
    }

    private static final class RootJoin extends NamedExpression implements Predicate2<ElementFact, ObjectFact> {
        static final RootJoin INSTANCE = new RootJoin();

        private RootJoin() {
            super(DrlWriter.ROOT_JOIN);
        }

        @Override
        public boolean test(ElementFact e, ObjectFact o) {
            return e.getRoot() == o;
        }
    }

    private static final class ParentJoin extends NamedExpression implements Predicate2<ElementFact, ElementFact> {
        static final ParentJoin INSTANCE = new ParentJoin();

        private ParentJoin() {
            super(DrlWriter.PARENT_JOIN);
        }

        @Override
        public boolean test(ElementFact e, ElementFact parent) {
            return e.getParent() == parent;
        }
    }

    /** {@code test(K, null)}: the element alone (plus its enclosing elements). */
    private static final class ElementTest extends NamedExpression implements Predicate1<ElementFact> {
        private final int predicate;
        private final boolean negated;

        ElementTest(String id, int predicate, boolean negated) {
            super(id);
            this.predicate = predicate;
            this.negated = negated;
        }

        @Override
        public boolean test(ElementFact e) {
            return e.test(predicate, null) != negated;
        }
    }

    /** {@code test(K, $e)}: an element of a list below or beside the rule's own element {@code $e}. */
    private static final class ElementTestWith extends NamedExpression implements Predicate2<ElementFact, ElementFact> {
        private final int predicate;

        ElementTestWith(String id, int predicate) {
            super(id);
            this.predicate = predicate;
        }

        @Override
        public boolean test(ElementFact e, ElementFact with) {
            return e.test(predicate, with);
        }
    }

    // ---- extractors for hashed indexes: one instance per field ----

    private static final class Stage extends NamedExpression implements Function1<ObjectFact, Integer> {
        static final Stage INSTANCE = new Stage();

        private Stage() {
            super("ObjectFact.stage");
        }

        @Override
        public Integer apply(ObjectFact o) {
            return BoxedIds.box(o.getStage());
        }
    }

    private static final class ViewSym extends NamedExpression implements Function1<ObjectFact, Integer> {
        private static final ViewSym[] BY_FIELD = Arrays.stream(Field.values()).map(ViewSym::new)
                .toArray(ViewSym[]::new);

        private final Field field;

        private ViewSym(Field field) {
            super("ObjectFact." + field.property());
            this.field = field;
        }

        static ViewSym of(Field f) {
            return BY_FIELD[f.ordinal()];
        }

        @Override
        public Integer apply(ObjectFact o) {
            return BoxedIds.box(o.sym(field));
        }
    }

    private static final class SourceId extends NamedExpression implements Function1<ElementFact, Integer> {
        static final SourceId INSTANCE = new SourceId();

        private SourceId() {
            super("ElementFact.source");
        }

        @Override
        public Integer apply(ElementFact e) {
            return BoxedIds.box(e.getSource());
        }
    }

    private static final class ElementRoot extends NamedExpression implements Function1<ElementFact, ObjectFact> {
        static final ElementRoot INSTANCE = new ElementRoot();

        private ElementRoot() {
            super("ElementFact.root");
        }

        @Override
        public ObjectFact apply(ElementFact e) {
            return e.getRoot();
        }
    }

    private static final class SameView extends NamedExpression implements Function1<ObjectFact, ObjectFact> {
        static final SameView INSTANCE = new SameView();

        private SameView() {
            super("$o");
        }

        @Override
        public ObjectFact apply(ObjectFact o) {
            return o;
        }
    }

    private static final class ElementParent extends NamedExpression implements Function1<ElementFact, ElementFact> {
        static final ElementParent INSTANCE = new ElementParent();

        private ElementParent() {
            super("ElementFact.parent");
        }

        @Override
        public ElementFact apply(ElementFact e) {
            return e.getParent();
        }
    }

    private static final class SameElement extends NamedExpression implements Function1<ElementFact, ElementFact> {
        static final SameElement INSTANCE = new SameElement();

        private SameElement() {
            super("$e");
        }

        @Override
        public ElementFact apply(ElementFact e) {
            return e;
        }
    }

    /** The consequence of every rule without {@code for each}: record the match on the view. */
    private static final class Matched implements Block1<ObjectFact> {
        private final int rule;

        Matched(int rule) {
            this.rule = rule;
        }

        @Override
        public void execute(ObjectFact o) {
            o.matched(rule, null);
        }
    }

    /** The consequence of every rule with {@code for each}: record the match and its element. */
    private static final class MatchedElement implements Block2<ObjectFact, ElementFact> {
        private final int rule;

        MatchedElement(int rule) {
            this.rule = rule;
        }

        @Override
        public void execute(ObjectFact o, ElementFact e) {
            o.matched(rule, e);
        }
    }
}

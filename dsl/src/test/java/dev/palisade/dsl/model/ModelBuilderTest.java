package dev.palisade.dsl.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palisade.dsl.model.PatternPlan.Quantifier;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.kie.api.KieBase;
import org.kie.api.runtime.KieSession;

/**
 * The one model builder on a stage of its own (two small fact classes): every constraint kind,
 * every quantifier and both consequences build and decide as their DRL text says, constant
 * equalities are hashed (the constraint itself is never evaluated), and a plan that refers to a
 * fact no earlier pattern binds is refused with its name.
 */
class ModelBuilderTest {

    /** A fact with two int properties; records the rules that matched it. */
    public static final class Box {
        final int size;
        final int colour;
        final List<String> matched = new ArrayList<>();

        Box(int size, int colour) {
            this.size = size;
            this.colour = colour;
        }

        void record(int rule, Item with) {
            matched.add(rule + (with == null ? "" : "/" + with.weight));
        }
    }

    /** An element of a box. */
    public static final class Item {
        final Box box;
        final int weight;

        Item(Box box, int weight) {
            this.box = box;
            this.weight = weight;
        }
    }

    private static final FactVar<Box> BOX = new FactVar<>(Box.class, "$b");
    private static final FactVar<Item> ITEM = new FactVar<>(Item.class, "$i");
    private static final IntProperty<Box> SIZE = IntProperty.of("size", "Box.size", 0, b -> b.size);
    private static final IntProperty<Box> COLOUR = IntProperty.of("colour", "Box.colour", 1, b -> b.colour);
    private static final IntProperty<Item> WEIGHT = IntProperty.of("weight", "Item.weight", 0, i -> i.weight);
    private static final Constraint<Item> IN_BOX = Constraint.join("box == $b", BOX, (i, b) -> i.box == b,
            new Constraint.BetaIndex<>(Box.class, 0, new Key<>("Item.box", i -> i.box), new Key<>("$b", b -> b)));

    private static RulePlan rule(int k, List<Constraint<Box>> onBox, List<PatternPlan<?>> more) {
        List<PatternPlan<?>> patterns = new ArrayList<>();
        patterns.add(new PatternPlan<>(BOX, Quantifier.MATCH, List.of(), onBox));
        patterns.addAll(more);
        return new RulePlan("k" + k, patterns, new Consequence.Record<>(BOX, k, (b, r) -> b.record(r, null),
                "$b.record(" + k + ", null);"));
    }

    private static PatternPlan<Item> items(Quantifier q, Constraint<Item> test) {
        return new PatternPlan<>(FactVar.anonymous(Item.class), q, List.of(), List.of(IN_BOX, test));
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("hashed equality", List.of(Constraint.in(SIZE, new int[] {2}, false)), List.of(), "size == 2", true),
                Arguments.of("hashed equality, other value", List.of(Constraint.in(SIZE, new int[] {3}, false)), List.of(), "size == 3", false),
                Arguments.of("not equal", List.of(Constraint.in(SIZE, new int[] {3}, true)), List.of(), "size != 3", true),
                Arguments.of("in", List.of(Constraint.in(COLOUR, new int[] {4, 7}, false)), List.of(), "colour in (4, 7)", true),
                Arguments.of("not in", List.of(Constraint.in(COLOUR, new int[] {4, 7}, true)), List.of(), "colour not in (4, 7)", false),
                Arguments.of("test", List.of(Constraint.<Box>test("big()", b -> b.size > 1, false)), List.of(), "big()", true),
                Arguments.of("negated test", List.of(Constraint.<Box>test("!big()", b -> b.size > 1, true)), List.of(), "!big()", false),
                Arguments.of("exists element", List.of(), List.of(items(Quantifier.EXISTS, Constraint.in(WEIGHT, new int[] {5}, false))),
                        "exists Item( box == $b, weight == 5 )", true),
                Arguments.of("no such element", List.of(), List.of(items(Quantifier.NOT, Constraint.in(WEIGHT, new int[] {6}, false))),
                        "not Item( box == $b, weight == 6 )", true),
                Arguments.of("an element that exists, negated", List.of(), List.of(items(Quantifier.NOT, Constraint.in(WEIGHT, new int[] {5}, false))),
                        "not Item( box == $b, weight == 5 )", false));
    }

    /** One box (size 2, colour 4) holding an item of weight 5, against one rule per case. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void eachConstraintKindDecidesAsItsText(String name, List<Constraint<Box>> onBox, List<PatternPlan<?>> more,
                                            String text, boolean fires) {
        RuleBasePlan plan = new RuleBasePlan("dev.palisade.generated.test", List.of(Box.class, Item.class), 10,
                List.of(rule(0, onBox, more)));
        assertTrue(DrlWriter.drl(plan).contains(text), DrlWriter.drl(plan));
        Box box = new Box(2, 4);
        run(ModelBuilder.build(plan), box, new Item(box, 5));
        assertEquals(fires ? List.of("0") : List.of(), box.matched);
    }

    @Test
    void aConsequenceWithAnElementRecordsEachElement() {
        List<PatternPlan<?>> patterns = List.of(new PatternPlan<>(BOX, Quantifier.MATCH, List.of(), List.of()),
                new PatternPlan<>(ITEM, Quantifier.MATCH, List.of(), List.of(IN_BOX,
                        Constraint.in(WEIGHT, new int[] {5, 9}, false))));
        RulePlan rule = new RulePlan("each", patterns,
                new Consequence.RecordWith<>(BOX, ITEM, 3, (b, i, k) -> b.record(k, i), "$b.record(3, $i);"));
        KieBase kieBase = ModelBuilder.build(new RuleBasePlan("dev.palisade.generated.test",
                List.of(Box.class, Item.class), 10, List.of(rule)));
        Box box = new Box(2, 4);
        Box other = new Box(2, 4);
        run(kieBase, box, other, new Item(box, 5), new Item(box, 6), new Item(box, 9), new Item(other, 5));
        assertEquals(List.of("3/5", "3/9"), box.matched.stream().sorted().toList());
        assertEquals(List.of("3/5"), other.matched);
    }

    /**
     * Rules comparing one property with different constants share a hashed alpha index: a fact is
     * routed by its key, and the equality itself never runs (authorization's speed rests on this).
     */
    @Test
    void constantEqualitiesAreHashedNotEvaluated() {
        AtomicInteger tests = new AtomicInteger();
        AtomicInteger keys = new AtomicInteger();
        IntProperty<Box> size = new IntProperty<>("size", 0, b -> {
            tests.incrementAndGet();
            return b.size;
        }, new Key<>("Box.size", b -> {
            keys.incrementAndGet();
            return BoxedIds.box(b.size);
        }));
        List<RulePlan> rules = new ArrayList<>();
        for (int k = 0; k < 8; k++) {
            rules.add(rule(k, List.of(Constraint.in(size, new int[] {k}, false)), List.of()));
        }
        KieBase kieBase = ModelBuilder.build(new RuleBasePlan("dev.palisade.generated.test", List.of(Box.class), 10, rules));
        Box box = new Box(5, 0);
        run(kieBase, box);
        assertEquals(List.of("5"), box.matched);
        assertEquals(0, tests.get(), "a hashed equality was evaluated as a constraint");
        assertTrue(keys.get() >= 1, "the hash key was never read");
    }

    @Test
    void aJoinWithAFactNoEarlierPatternBindsIsRefused() {
        List<PatternPlan<?>> patterns = List.of(new PatternPlan<>(ITEM, Quantifier.MATCH, List.of(), List.of(IN_BOX)),
                new PatternPlan<>(BOX, Quantifier.MATCH, List.of(), List.of()));
        RulePlan rule = new RulePlan("late", patterns, new Consequence.Record<>(BOX, 0, (b, k) -> b.record(k, null), ""));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelBuilder.build(
                new RuleBasePlan("dev.palisade.generated.test", List.of(Box.class, Item.class), 10, List.of(rule))));
        assertTrue(e.getMessage().contains("$b"), e.getMessage());
    }

    private static void run(KieBase kieBase, Object... facts) {
        KieSession session = kieBase.newKieSession();
        try {
            for (Object f : facts) {
                session.insert(f);
            }
            session.fireAllRules();
        } finally {
            session.dispose();
        }
    }
}

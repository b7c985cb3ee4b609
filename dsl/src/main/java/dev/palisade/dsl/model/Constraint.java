package dev.palisade.dsl.model;

import java.util.Arrays;
import java.util.function.BiPredicate;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.drools.model.functions.Predicate1;
import org.drools.model.functions.Predicate2;

/**
 * A constraint of a pattern of type {@code T}, one general class per operator kind: membership of
 * an int property in constants, a test of the fact alone, a join with another fact of the rule. A
 * new operator of a stage is a new instance of one of these, never a new class. Each is named by
 * its DRL text (ids and ints only), which is also how Drools shares equal nodes between rules: two
 * constraints with the same text must test the same thing.
 */
public sealed interface Constraint<T> {

    /** The constraint's DRL text and expression id. */
    String id();

    /**
     * {@code property == v}, {@code property in (v, ...)} or their negations. The positive equality
     * with one constant is hashed (an alpha index on the property), as DRL's {@code ==} is.
     */
    static <T> Constraint<T> in(IntProperty<T> property, int[] values, boolean negated) {
        return new In<>(property, values.clone(), negated);
    }

    /** A test of the fact alone, {@code negated} or not; {@code id} is its DRL text. */
    static <T> Constraint<T> test(String id, Predicate<T> test, boolean negated) {
        return new Test<>(id, test, negated);
    }

    /** A join with the rule's fact {@code with}, unindexed. */
    static <T, U> Constraint<T> join(String id, FactVar<U> with, BiPredicate<T, U> test) {
        return new Join<>(id, with, test, null);
    }

    /** A join with the rule's fact {@code with}, hashed on {@code left(fact) == right(with)}. */
    static <T, U, V> Constraint<T> join(String id, FactVar<U> with, BiPredicate<T, U> test, BetaIndex<T, U, V> index) {
        return new Join<>(id, with, test, index);
    }

    /** How a join is hashed: equal keys, read from either side. */
    record BetaIndex<T, U, V>(Class<V> type, int indexId, Key<T, V> left, Key<U, V> right) {}

    final class In<T> extends NamedExpression implements Constraint<T>, Predicate1<T> {
        private final IntProperty<T> property;
        private final int[] values;
        private final boolean negated;

        private In(IntProperty<T> property, int[] values, boolean negated) {
            super(text(property.property(), values, negated));
            this.property = property;
            this.values = values;
            this.negated = negated;
        }

        private static String text(String property, int[] values, boolean negated) {
            if (values.length == 1) {
                return property + (negated ? " != " : " == ") + values[0];
            }
            return property + (negated ? " not in (" : " in (")
                    + Arrays.stream(values).mapToObj(String::valueOf).collect(Collectors.joining(", ")) + ")";
        }

        @Override
        public String id() {
            return getExpressionHash();
        }

        public IntProperty<T> property() {
            return property;
        }

        /** The one constant a hashed equality looks up, or null if this constraint is not one. */
        public Integer hashedValue() {
            return !negated && values.length == 1 ? values[0] : null;
        }

        @Override
        public boolean test(T fact) {
            int v = property.read().applyAsInt(fact);
            for (int s : values) {
                if (s == v) {
                    return !negated;
                }
            }
            return negated;
        }
    }

    final class Test<T> extends NamedExpression implements Constraint<T>, Predicate1<T> {
        private final Predicate<T> test;
        private final boolean negated;

        private Test(String id, Predicate<T> test, boolean negated) {
            super(id);
            this.test = test;
            this.negated = negated;
        }

        @Override
        public String id() {
            return getExpressionHash();
        }

        @Override
        public boolean test(T fact) {
            return test.test(fact) != negated;
        }
    }

    final class Join<T, U> extends NamedExpression implements Constraint<T>, Predicate2<T, U> {
        private final FactVar<U> with;
        private final BiPredicate<T, U> test;
        private final BetaIndex<T, U, ?> index;

        private Join(String id, FactVar<U> with, BiPredicate<T, U> test, BetaIndex<T, U, ?> index) {
            super(id);
            if (with.name() == null) {
                throw new IllegalArgumentException("a join needs a named fact: " + id);
            }
            this.with = with;
            this.test = test;
            this.index = index;
        }

        @Override
        public String id() {
            return getExpressionHash();
        }

        public FactVar<U> with() {
            return with;
        }

        /** The hash index of the join, or null. */
        public BetaIndex<T, U, ?> index() {
            return index;
        }

        @Override
        public boolean test(T fact, U other) {
            return test.test(fact, other);
        }
    }
}

package dev.palisade.dsl.lower;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The one lowering of a condition's boolean structure into {@link Dnf}, for every stage: it
 * pushes negation down to the leaves and combines and/or, while the stage says only what its
 * connectives look like and what a leaf lowers to. Iterative (an explicit stack), so a chain of
 * ten thousand {@code and}s costs heap, not thread stack.
 *
 * @param <N> the stage's condition node type
 * @param <L> the stage's literal type
 */
public final class BooleanLowering<N, L extends Negatable<L>> {

    /** How a node of the stage's condition tree is built. */
    public sealed interface Shape<N> {
        record And<N>(N left, N right) implements Shape<N> {}

        record Or<N>(N left, N right) implements Shape<N> {}

        record Not<N>(N operand) implements Shape<N> {}

        /** Anything else: lowered by the stage's {@link Leaves}. */
        record Leaf<N>() implements Shape<N> {}
    }

    /** The per-stage parts. */
    public interface Leaves<N, L extends Negatable<L>> {
        Shape<N> shape(N node);

        /** The DNF of a leaf, or of its negation when {@code negate}. */
        Dnf<L> leaf(N node, boolean negate);
    }

    private final Leaves<N, L> leaves;
    private final int cap;

    public BooleanLowering(Leaves<N, L> leaves, int cap) {
        this.leaves = leaves;
        this.cap = cap;
    }

    /** A step of the walk: lower {@code node} (negated or not), or combine the two results on top. */
    private record Step<N>(N node, boolean negate, boolean combine, boolean conjunction) {}

    /**
     * The DNF of {@code root}, or of its negation; a null root is "always".
     *
     * @throws Dnf.TooLarge when the result has more than {@code cap} alternatives
     */
    public Dnf<L> lower(N root, boolean negate) {
        if (root == null) {
            return Dnf.constant(!negate);
        }
        Deque<Step<N>> work = new ArrayDeque<>();
        Deque<Dnf<L>> results = new ArrayDeque<>();
        work.push(new Step<>(root, negate, false, false));
        while (!work.isEmpty()) {
            Step<N> step = work.pop();
            if (step.combine()) {
                Dnf<L> right = results.pop();
                Dnf<L> left = results.pop();
                results.push(step.conjunction() ? left.and(right, cap) : left.or(right, cap));
                continue;
            }
            Shape<N> shape = leaves.shape(step.node());
            boolean neg = step.negate();
            if (shape instanceof Shape.And<N> a) {
                // De Morgan: not (a and b) == not a or not b
                schedule(work, a.left(), a.right(), neg, !neg);
            } else if (shape instanceof Shape.Or<N> o) {
                schedule(work, o.left(), o.right(), neg, neg);
            } else if (shape instanceof Shape.Not<N> n) {
                work.push(new Step<>(n.operand(), !neg, false, false));
            } else {
                results.push(leaves.leaf(step.node(), neg));
            }
        }
        if (results.size() != 1) {
            throw new IllegalStateException("unbalanced lowering: " + results.size() + " results");
        }
        return results.pop();
    }

    /** Left first, then right, then the combination of the two results (pushed in reverse). */
    private static <N> void schedule(Deque<Step<N>> work, N left, N right, boolean negate, boolean conjunction) {
        work.push(new Step<>(null, false, true, conjunction));
        work.push(new Step<>(right, negate, false, false));
        work.push(new Step<>(left, negate, false, false));
    }
}

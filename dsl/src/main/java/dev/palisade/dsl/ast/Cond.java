package dev.palisade.dsl.ast;

import dev.palisade.dsl.source.Span;
import java.util.List;

/** A boolean condition of an admission rule. Paths that lead nowhere are absent, never an error. */
public sealed interface Cond permits Cond.And, Cond.Or, Cond.Not, Cond.Compare, Cond.Truthy, Cond.Presence,
        Cond.Quantified {
    Span span();

    record And(Cond left, Cond right, Span span) implements Cond {}

    record Or(Cond left, Cond right, Span span) implements Cond {}

    record Not(Cond operand, Span span) implements Cond {}

    record Compare(Term left, CmpOp op, Span opSpan, Term right, Span span) implements Cond {}

    /** A bare value as a condition: true exactly when it is the boolean true. */
    record Truthy(Term term, Span span) implements Cond {}

    /** {@code path exists} ({@code absent == false}) or {@code path is absent}; JSON null counts as absent. */
    record Presence(ObjPath path, boolean absent, Span span) implements Cond {}

    /** {@code any c in a, b: cond} or {@code all c in a, b: cond}; over a map the elements are {key, value}. */
    record Quantified(boolean all, String var, Span varSpan, List<ObjPath> lists, Cond body, Span span)
            implements Cond {
        public Quantified {
            lists = List.copyOf(lists);
        }
    }

    /** Visits every node of a condition, a node before its parts, left before right; iterative, so long chains cannot overflow the stack. */
    static void forEachNode(Cond root, java.util.function.Consumer<Cond> visit) {
        java.util.Deque<Cond> stack = new java.util.ArrayDeque<>();
        if (root != null) {
            stack.push(root);
        }
        while (!stack.isEmpty()) {
            Cond c = stack.pop();
            visit.accept(c);
            if (c instanceof And a) {
                stack.push(a.right());
                stack.push(a.left());
            } else if (c instanceof Or o) {
                stack.push(o.right());
                stack.push(o.left());
            } else if (c instanceof Not n) {
                stack.push(n.operand());
            } else if (c instanceof Quantified q) {
                stack.push(q.body());
            }
        }
    }

    /**
     * The quantifiers from the outermost to the one that binds {@code var} (the first such, reading
     * left to right), or empty when none does: what a message needs to find the value a variable had.
     */
    static List<Quantified> chainTo(Cond root, String var) {
        record Item(Cond cond, List<Quantified> enclosing) {}
        java.util.Deque<Item> stack = new java.util.ArrayDeque<>();
        if (root != null) {
            stack.push(new Item(root, List.of()));
        }
        while (!stack.isEmpty()) {
            Item item = stack.pop();
            Cond c = item.cond();
            if (c instanceof And a) {
                stack.push(new Item(a.right(), item.enclosing()));
                stack.push(new Item(a.left(), item.enclosing()));
            } else if (c instanceof Or o) {
                stack.push(new Item(o.right(), item.enclosing()));
                stack.push(new Item(o.left(), item.enclosing()));
            } else if (c instanceof Not n) {
                stack.push(new Item(n.operand(), item.enclosing()));
            } else if (c instanceof Quantified q) {
                List<Quantified> chain = new java.util.ArrayList<>(item.enclosing());
                chain.add(q);
                if (q.var().equals(var)) {
                    return List.copyOf(chain);
                }
                stack.push(new Item(q.body(), List.copyOf(chain)));
            }
        }
        return List.of();
    }
}

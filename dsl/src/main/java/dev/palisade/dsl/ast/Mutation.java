package dev.palisade.dsl.ast;

import dev.palisade.dsl.source.Span;

/**
 * One edit of a mutate rule. {@code set} writes the value (creating missing parents), {@code add}
 * appends it to the list at the path (creating the list), {@code remove} deletes the path if
 * present, {@code remove x in PATH where COND} deletes every element of the list (or entry of the
 * map) at the path for which the condition holds. {@code value} is null for remove; {@code var}
 * and {@code where} are null except for remove-where.
 */
public record Mutation(Op op, ObjPath target, Term value, String var, Span varSpan, Cond where, Span span) {
    public enum Op { SET, ADD, REMOVE }

    public Mutation(Op op, ObjPath target, Term value, Span span) {
        this(op, target, value, null, null, null, span);
    }
}

package dev.palisade.dsl.ast;

import dev.palisade.dsl.source.Span;

/**
 * One edit of a mutate rule. {@code set} writes the value (creating missing parents), {@code add}
 * appends it to the list at the path (creating the list), {@code remove} deletes the path if present.
 * {@code value} is null for remove.
 */
public record Mutation(Op op, ObjPath target, Term value, Span span) {
    public enum Op { SET, ADD, REMOVE }
}

package dev.palisade.dsl.source;

/**
 * The sizes past which policy text is refused with a positioned error instead of being parsed,
 * checked or compiled: each bounds the memory, stack or time one rule can take. Exceeding one is
 * always an error at the place where the limit was crossed, never a crash or a silent truncation.
 *
 * <p>These are the defaults, kept in the lowest module so that the parser, the checker, the
 * compilers and the engine's {@code Limits} (the {@code limits:} block of palisade.yaml) name the
 * same values; docs/reliability.md lists each with what happens when it is exceeded.
 */
public final class SourceLimits {
    private SourceLimits() {}

    /**
     * Most comparisons and tests ({@code and}/{@code or} operands, parenthesised groups and
     * quantifiers) in one rule's condition. Far beyond a hand-written rule. The walks over
     * conditions are iterative, but Drools builds a pattern's chain of constraints recursively
     * (measured: a pattern of 4,000 constraints overflowed a 512 KB thread stack in
     * {@code ObjectSource.updateMask}), so this bound also keeps the build within a small stack.
     */
    public static final int MAX_RULE_TERMS = 1_000;

    /**
     * Deepest nesting of parentheses, {@code not}s and quantifiers in a condition. The parser is
     * recursive descent; at this depth it uses well under 256 KB of stack, so it is safe on any
     * thread (measured: it overflowed a 1 MB thread stack at about 1,000 parentheses before the bound).
     */
    public static final int MAX_NESTING_DEPTH = 100;

    /** Most elements in one list literal ({@code ["a", "b", ...]}). */
    public static final int MAX_LIST_ELEMENTS = 100_000;

    /**
     * Most alternatives (terms of the disjunctive normal form) one rule's condition may expand to;
     * each becomes one Drools rule. {@code (a or b) and (c or d) and ...} doubles per clause, so
     * the expansion is refused as soon as it passes this bound, before it can exhaust memory.
     */
    public static final int MAX_DNF_TERMS = 64;

    /** Problems reported per input file before the rest are summarised as a count. */
    public static final int MAX_ERRORS_PER_FILE = 100;
}

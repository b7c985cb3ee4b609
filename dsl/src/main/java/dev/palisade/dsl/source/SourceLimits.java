package dev.palisade.dsl.source;

/**
 * Default bounds on policy text that the DSL enforces, kept here (the lowest module) so that the
 * parser and compiler can name them and the engine's {@code Limits} can default to them. Each is
 * documented, with what happens when it is exceeded, in {@code docs/reliability.md}.
 */
public final class SourceLimits {
    /** {@code and}/{@code or}/{@code not} terms in one rule's condition. */
    public static final int DEFAULT_MAX_RULE_TERMS = 1_000;
    /** Elements of one list literal ({@code in [...]}). */
    public static final int DEFAULT_MAX_LIST_LITERAL_LENGTH = 10_000;
    /** Problems reported per input file before the rest are summarised as a count. */
    public static final int DEFAULT_MAX_ERRORS_PER_FILE = 100;

    private SourceLimits() {}
}

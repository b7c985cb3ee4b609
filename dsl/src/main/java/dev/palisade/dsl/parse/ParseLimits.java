package dev.palisade.dsl.parse;

import dev.palisade.dsl.source.SourceLimits;

/**
 * The bounds the parser applies to one policy file ({@code limits:} of palisade.yaml sets the
 * first two): past one, the parse stops with a positioned error instead of a crash.
 *
 * @param maxRuleTerms    comparisons and tests in one rule's condition
 * @param maxListElements elements of one list literal
 * @param maxNesting      depth of parentheses, {@code not}s and quantifiers
 */
public record ParseLimits(int maxRuleTerms, int maxListElements, int maxNesting) {
    public static final ParseLimits DEFAULTS = new ParseLimits(SourceLimits.MAX_RULE_TERMS, SourceLimits.MAX_LIST_ELEMENTS,
            SourceLimits.MAX_NESTING_DEPTH);

    public ParseLimits {
        if (maxRuleTerms < 1 || maxListElements < 1 || maxNesting < 1) {
            throw new IllegalArgumentException("parse limits must be positive");
        }
    }
}

package dev.palisade.dsl.parse;

import dev.palisade.dsl.source.SourceLimits;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenStream;

/**
 * The generated parser with the sizes of {@link Limits} enforced while it parses: nesting of
 * conditions (the parser is recursive descent, so nesting is stack), terms per rule and elements
 * per list literal. Crossing one stops the parse with {@link LimitExceeded} at the token where it
 * was crossed — a positioned error, never a {@link StackOverflowError}.
 */
final class BoundedParser extends PalisadeParser {
    private final int maxNesting;
    private final int maxTerms;
    private final int maxListElements;
    private int nesting; // notExpr frames open: 1 + enclosing parentheses, 'not's and quantifiers
    private int terms; // primaries in the current declaration
    private int listElements; // literals in the current operand

    BoundedParser(TokenStream input) {
        this(input, SourceLimits.MAX_NESTING_DEPTH, SourceLimits.MAX_RULE_TERMS, SourceLimits.MAX_LIST_ELEMENTS);
    }

    BoundedParser(TokenStream input, int maxNesting, int maxTerms, int maxListElements) {
        super(input);
        this.maxNesting = maxNesting;
        this.maxTerms = maxTerms;
        this.maxListElements = maxListElements;
    }

    /** A limit of {@link SourceLimits} was crossed at {@code token}. */
    static final class LimitExceeded extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient Token token;
        final String help;

        LimitExceeded(Token token, String message, String help) {
            super(message, null, false, false);
            this.token = token;
            this.help = help;
        }
    }

    @Override
    public void enterRule(ParserRuleContext localctx, int state, int ruleIndex) {
        switch (ruleIndex) {
            case RULE_ruleDecl, RULE_authnDecl, RULE_admissionDecl -> terms = 0;
            case RULE_notExpr, RULE_key, RULE_value -> { // keys hold paths with keys; values hold values
                if (++nesting > maxNesting + 1) {
                    throw new LimitExceeded(getCurrentToken(),
                            "condition is nested deeper than " + maxNesting + " levels",
                            "nesting counts parentheses, 'not's, quantifiers and keys; split the condition into several rules");
                }
            }
            case RULE_primary -> {
                if (++terms > maxTerms) {
                    throw new LimitExceeded(getCurrentToken(), "condition has more than " + maxTerms + " terms",
                            "split the rule into several rules");
                }
            }
            case RULE_operand -> listElements = 0;
            case RULE_literal -> {
                if (++listElements > maxListElements) {
                    throw new LimitExceeded(getCurrentToken(),
                            "list has more than " + maxListElements + " elements",
                            "split the list over several rules");
                }
            }
            default -> { }
        }
        super.enterRule(localctx, state, ruleIndex);
    }

    @Override
    public void exitRule() {
        if (getContext() != null && (getContext().getRuleIndex() == RULE_notExpr || getContext().getRuleIndex() == RULE_key
                || getContext().getRuleIndex() == RULE_value)) {
            nesting--;
        }
        super.exitRule();
    }
}

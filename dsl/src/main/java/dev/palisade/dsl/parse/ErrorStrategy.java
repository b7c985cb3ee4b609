package dev.palisade.dsl.parse;

import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.IntervalSet;

/**
 * ANTLR's default recovery, plus the full set of tokens that could have come next at the error.
 *
 * <p>When the token after {@code verb} is unexpected, the parser has already left the optional
 * operator and the rule before it reports anything, so its own expected set is only
 * {@code 'allow' or 'deny'}. The default strategy remembers the first state since the last sure
 * match from which the parser could have gone on (the same information ANTLR uses in
 * {@code recoverInline}); the tokens expected there are what the author could have meant.
 */
final class ErrorStrategy extends DefaultErrorStrategy {

    /**
     * Never skip 'allow', 'deny', 'reject' or 'package'/'import' as a stray token: they begin a new
     * declaration, and deleting one (say after an unfinished {@code when}) would glue two rules
     * together and turn one mistake into several.
     */
    @Override
    protected Token singleTokenDeletion(Parser recognizer) {
        int next = recognizer.getInputStream().LA(1);
        if (next == PalisadeParser.ALLOW || next == PalisadeParser.DENY || next == PalisadeParser.REJECT
                || next == PalisadeParser.PACKAGE || next == PalisadeParser.IMPORT) {
            return null;
        }
        return super.singleTokenDeletion(recognizer);
    }

    IntervalSet expectedTokens(Parser parser) {
        IntervalSet expected = new IntervalSet(parser.getExpectedTokens());
        if (nextTokensContext != null) {
            expected.addAll(parser.getATN().getExpectedTokens(nextTokensState, nextTokensContext));
        }
        return expected;
    }
}

package dev.palisade.dsl.check;

import dev.palisade.dsl.ast.AdmissionFunction;
import dev.palisade.dsl.source.Diagnostic;
import dev.palisade.dsl.source.Span;
import java.util.Arrays;
import java.util.List;

/**
 * The checks of a function call that do not depend on the stage: a known name, the number of
 * arguments, a literal and valid RE2 pattern for {@code regex}. Admission and authorization
 * conditions call the same functions and get the same messages.
 */
final class FunctionChecks {
    private FunctionChecks() {}

    /** Reports an unknown name with a did-you-mean, or a wrong argument count; false when either was reported. */
    static boolean signature(String name, AdmissionFunction f, Span nameSpan, Span callSpan, int argCount, List<Diagnostic> out) {
        if (f == null) {
            List<String> names = Arrays.stream(AdmissionFunction.values()).map(AdmissionFunction::spelling).toList();
            out.add(Diagnostic.error(nameSpan, "unknown function '" + name + "'",
                    ClosestName.to(name, names).map(n -> "did you mean '" + n + "'?")
                            .orElse("functions are " + String.join(", ", names))));
            return false;
        }
        if (argCount < f.minArgs() || argCount > f.maxArgs()) {
            String wanted = f.minArgs() == f.maxArgs() ? f.minArgs() + (f.minArgs() == 1 ? " argument" : " arguments")
                    : "at least " + f.minArgs() + " arguments";
            out.add(Diagnostic.error(callSpan, "'" + f.spelling() + "' takes " + wanted + ", got " + argCount,
                    "e.g. " + f.example()));
            return false;
        }
        return true;
    }

    /** The pattern of {@code regex}: {@code literal} is null when the argument is not a string literal. */
    static void regexPattern(String literal, Span at, List<Diagnostic> out) {
        AdmissionFunction f = AdmissionFunction.REGEX;
        if (literal == null) {
            out.add(Diagnostic.error(at, "the pattern of 'regex' must be a string literal",
                    "so that it is checked with the policy, e.g. " + f.example()));
            return;
        }
        try {
            com.google.re2j.Pattern.compile(literal);
        } catch (com.google.re2j.PatternSyntaxException e) {
            out.add(Diagnostic.error(at, "not a valid regular expression: " + e.getDescription()
                    + (e.getPattern() == null || e.getPattern().isEmpty() ? "" : " at '" + e.getPattern() + "'"),
                    "RE2 syntax (no backreferences or lookaround), e.g. " + f.example()));
        }
    }
}

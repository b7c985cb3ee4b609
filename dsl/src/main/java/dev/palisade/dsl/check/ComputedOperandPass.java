package dev.palisade.dsl.check;

import dev.palisade.dsl.ast.AdmissionFunction;
import dev.palisade.dsl.ast.Expr;
import dev.palisade.dsl.ast.Operand;
import dev.palisade.dsl.ast.PolicyFile;
import dev.palisade.dsl.schema.RuleStage;
import dev.palisade.dsl.schema.ValueType;
import dev.palisade.dsl.source.Diagnostic;
import java.util.List;
import java.util.Optional;

/**
 * Computed operands of authorization and authn conditions ({@code "team-" + x}, {@code lower(x)},
 * {@code coalesce(a, b)}, {@code regex(x, "...")}): known functions with the right number of
 * arguments, string arguments and parts, a literal RE2 pattern. Request attributes are strings,
 * so {@code count} and {@code quantity} (numbers) are for admission rules. What the operand is
 * then compared with is the type pass's concern ({@link OperandTypes} types these operands).
 */
final class ComputedOperandPass implements CheckPass {
    @Override
    public String name() {
        return "computed-operands";
    }

    @Override
    public void run(List<PolicyFile> files, List<Diagnostic> out) {
        for (Conditions.Leaf l : Conditions.leaves(files)) {
            if (l.expr() instanceof Expr.Comparison cmp) {
                operand(cmp.left(), l.stage(), out);
                operand(cmp.right(), l.stage(), out);
            } else {
                operand(((Expr.Test) l.expr()).operand(), l.stage(), out);
            }
        }
    }

    private static void operand(Operand o, RuleStage stage, List<Diagnostic> out) {
        if (o instanceof Operand.Concat c) {
            for (Operand part : c.parts()) {
                operand(part, stage, out);
                stringArgument(part, "'+' joins strings", stage, out);
            }
        } else if (o instanceof Operand.Call c) {
            call(c, stage, out);
        }
    }

    private static void call(Operand.Call c, RuleStage stage, List<Diagnostic> out) {
        if (!FunctionChecks.signature(c.name(), c.function(), c.nameSpan(), c.span(), c.args().size(), out)) {
            return;
        }
        AdmissionFunction f = c.function();
        if (f == AdmissionFunction.COUNT || f == AdmissionFunction.QUANTITY) {
            out.add(Diagnostic.error(c.nameSpan(), "'" + f.spelling() + "' is only allowed in admission rules",
                    stage.display() + " attributes are strings; compare them with ==, in, startsWith, matches or regex"));
            return;
        }
        c.args().forEach(a -> operand(a, stage, out));
        if (f == AdmissionFunction.REGEX) {
            stringArgument(c.args().get(0), "'regex' tests a string", stage, out);
            Operand pattern = c.args().get(1);
            FunctionChecks.regexPattern(pattern instanceof Operand.Str s ? s.value() : null, pattern.span(), out);
            return;
        }
        for (Operand a : c.args()) {
            stringArgument(a, "'" + f.spelling() + "' takes strings", stage, out);
        }
    }

    /** A part or argument that must be a string; an unknown attribute was reported by the attribute pass. */
    private static void stringArgument(Operand o, String why, RuleStage stage, List<Diagnostic> out) {
        Optional<ValueType> type = OperandTypes.of(o, stage);
        if (type.isPresent() && type.get() != ValueType.STRING) {
            String help = type.get() == ValueType.STRING_LIST
                    ? "test its members instead, e.g. '\"...\" in " + OperandTypes.source(o) + "'" : null;
            out.add(Diagnostic.error(o.span(), why + ", and '" + OperandTypes.source(o) + "' is "
                    + OperandTypes.article(type.get()), help));
        }
    }
}

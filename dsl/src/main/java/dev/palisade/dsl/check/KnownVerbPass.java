package dev.palisade.dsl.check;

import dev.palisade.dsl.ast.Expr;
import dev.palisade.dsl.ast.Operand;
import dev.palisade.dsl.ast.Operator;
import dev.palisade.dsl.ast.PolicyFile;
import dev.palisade.dsl.schema.RuleStage;
import dev.palisade.dsl.source.Diagnostic;
import java.util.List;
import java.util.Set;

/**
 * Verbs compared in authorization rules are ones Kubernetes uses: {@code verb == "craete"}
 * compiles, and then never matches a request. A warning, not an error, because custom
 * resources and aggregated APIs may define verbs of their own; the help names the nearest
 * built-in verb when the value looks like a typo of one.
 */
final class KnownVerbPass implements CheckPass {
    /** Resource verbs (RBAC and the apiserver's request info) and the HTTP verbs of non-resource URLs. */
    static final List<String> BUILT_IN = List.of(
            "get", "list", "watch", "create", "update", "patch", "delete", "deletecollection",
            "proxy", "impersonate", "bind", "escalate", "use", "approve", "sign", "attest",
            "post", "put", "head", "options");
    private static final Set<String> KNOWN = Set.copyOf(BUILT_IN);
    private static final Set<Operator> VALUE_OPERATORS = Set.of(Operator.EQ, Operator.NE, Operator.IN, Operator.NOT_IN);

    @Override
    public String name() {
        return "known-verbs";
    }

    @Override
    public void run(List<PolicyFile> files, List<Diagnostic> out) {
        for (Conditions.Leaf l : Conditions.leaves(files)) {
            if (l.stage() == RuleStage.AUTHORIZATION && l.expr() instanceof Expr.Comparison cmp
                    && VALUE_OPERATORS.contains(cmp.op())) {
                if (isVerb(cmp.left())) {
                    checkValues(cmp.right(), out);
                } else if (isVerb(cmp.right())) {
                    checkValues(cmp.left(), out);
                }
            }
        }
    }

    private static boolean isVerb(Operand o) {
        return o instanceof Operand.Attribute a && a.name().equals("verb");
    }

    private static void checkValues(Operand values, List<Diagnostic> out) {
        if (values instanceof Operand.Str s) {
            check(s, out);
        } else if (values instanceof Operand.StrList list) {
            list.elements().forEach(s -> check(s, out));
        }
    }

    private static void check(Operand.Str value, List<Diagnostic> out) {
        if (value.value().equals("*") || KNOWN.contains(value.value())) {
            return;
        }
        String help = ClosestName.to(value.value(), BUILT_IN)
                .map(v -> "did you mean '" + v + "'? (a custom resource may define its own verbs)")
                .orElse("Kubernetes' verbs are " + String.join(", ", BUILT_IN) + "; a custom resource may define more");
        out.add(Diagnostic.warning(value.span(), "unknown verb '" + value.value() + "'", help));
    }
}

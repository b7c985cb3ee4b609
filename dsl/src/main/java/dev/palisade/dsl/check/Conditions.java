package dev.palisade.dsl.check;

import dev.palisade.dsl.ast.AuthnRule;
import dev.palisade.dsl.ast.Expr;
import dev.palisade.dsl.ast.PolicyFile;
import dev.palisade.dsl.ast.Rule;
import dev.palisade.dsl.schema.RuleStage;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** The leaves of conditions, which is where every check of this package looks. */
final class Conditions {
    private Conditions() {}

    /** A comparison or test, and the stage of the rule it belongs to (which decides its attributes). */
    record Leaf(Expr expr, RuleStage stage) {}

    /** The comparisons and tests of all authorization and authn rules of all files, left to right. */
    static List<Leaf> leaves(List<PolicyFile> files) {
        List<Leaf> out = new ArrayList<>();
        for (PolicyFile file : files) {
            for (Rule rule : file.rules()) {
                if (rule.condition() != null) {
                    collect(rule.condition(), RuleStage.AUTHORIZATION, out);
                }
            }
            for (AuthnRule rule : file.authnRules()) {
                if (rule.condition() != null) {
                    collect(rule.condition(), RuleStage.AUTHENTICATION, out);
                }
            }
        }
        return out;
    }

    // Iterative, so a long chain of 'and's cannot overflow the stack.
    private static void collect(Expr root, RuleStage stage, List<Leaf> out) {
        Deque<Expr> stack = new ArrayDeque<>();
        stack.push(root);
        while (!stack.isEmpty()) {
            Expr expr = stack.pop();
            if (expr instanceof Expr.And and) {
                stack.push(and.right());
                stack.push(and.left());
            } else if (expr instanceof Expr.Or or) {
                stack.push(or.right());
                stack.push(or.left());
            } else if (expr instanceof Expr.Not not) {
                stack.push(not.operand());
            } else {
                out.add(new Leaf(expr, stage));
            }
        }
    }
}

package dev.palisade.dsl.check;

import dev.palisade.dsl.ast.Expr;
import dev.palisade.dsl.ast.Operand;
import dev.palisade.dsl.ast.PolicyFile;
import dev.palisade.dsl.ast.Rule;
import dev.palisade.dsl.schema.AuthzAttribute;
import dev.palisade.dsl.schema.RuleStage;
import dev.palisade.dsl.source.Diagnostic;
import java.util.List;
import java.util.Optional;

/**
 * Every attribute exists for its rule's stage, and is keyed exactly when it must be
 * ({@code user.extra["k"]}). An authn rule reads who authenticated and how; an authorization rule
 * the request: an attribute of the other stage gets its own message, not a did-you-mean.
 */
final class AttributePass implements CheckPass {

    @Override
    public String name() {
        return "attributes";
    }

    @Override
    public void run(List<PolicyFile> files, List<Diagnostic> out) {
        for (Conditions.Leaf l : Conditions.leaves(files)) {
            if (l.expr() instanceof Expr.Comparison cmp) {
                check(cmp.left(), false, l.stage(), out);
                check(cmp.right(), cmp.left() instanceof Operand.Attribute, l.stage(), out);
            } else {
                check(((Expr.Test) l.expr()).operand(), false, l.stage(), out);
            }
        }
        for (PolicyFile f : files) {
            for (Rule r : f.rules()) {
                MessageHoles.check(r.because(), RuleStage.AUTHORIZATION, "authorization", out);
            }
        }
    }

    /** {@code comparedWithAttribute}: a bare word there is most likely an unquoted string. */
    private static void check(Operand operand, boolean comparedWithAttribute, RuleStage stage, List<Diagnostic> out) {
        if (operand instanceof Operand.Concat || operand instanceof Operand.Call) {
            // the attributes a computed operand reads are checked as any other
            Operand.attributes(operand).forEach(a -> check(a, false, stage, out));
            return;
        }
        if (!(operand instanceof Operand.Attribute a)) {
            return;
        }
        List<String> names = stage.attributeNames();
        Optional<AuthzAttribute> attribute = stage.attribute(a.name());
        Optional<AuthzAttribute> elsewhere = AuthzAttribute.byName(a.name());
        if (attribute.isEmpty() && elsewhere.isPresent()) {
            out.add(Diagnostic.error(a.span(), "attribute '" + a.name() + "' is not available in " + stage.display()
                    + " rules", stage.display() + " rules read " + String.join(", ", names)));
        } else if (attribute.isEmpty()) {
            String message = "unknown attribute '" + a.name() + "'";
            Optional<String> suggestion = ClosestName.to(a.name(), names);
            if (suggestion.isPresent()) {
                out.add(Diagnostic.error(a.span(), message, "did you mean '" + suggestion.get() + "'?"));
            } else if (comparedWithAttribute && a.key() == null) {
                out.add(Diagnostic.error(a.span(), message,
                        "text values are written in double quotes: " + OperandTypes.quote(a.name())));
            } else {
                out.add(Diagnostic.error(a.span(), message, "known attributes are " + String.join(", ", names)));
            }
        } else if (attribute.get().keyed() && a.key() == null) {
            out.add(Diagnostic.error(a.span(), "attribute '" + a.name() + "' needs a key",
                    "write it as " + a.name() + "[\"key\"]"));
        } else if (!attribute.get().keyed() && a.key() != null) {
            out.add(Diagnostic.error(a.span(), "attribute '" + a.name() + "' does not take a key",
                    "write it as " + a.name()));
        }
    }
}

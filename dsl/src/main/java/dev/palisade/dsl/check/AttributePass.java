package dev.palisade.dsl.check;

import dev.palisade.dsl.ast.Expr;
import dev.palisade.dsl.ast.Operand;
import dev.palisade.dsl.ast.PolicyFile;
import dev.palisade.dsl.schema.AuthzAttribute;
import dev.palisade.dsl.source.Diagnostic;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Every attribute exists, and is keyed exactly when it must be ({@code user.extra["k"]}). */
final class AttributePass implements CheckPass {
    private static final List<String> NAMES = Arrays.stream(AuthzAttribute.values()).map(AuthzAttribute::dslName).toList();

    @Override
    public String name() {
        return "attributes";
    }

    @Override
    public void run(List<PolicyFile> files, List<Diagnostic> out) {
        for (Expr leaf : Conditions.leaves(files)) {
            if (leaf instanceof Expr.Comparison cmp) {
                check(cmp.left(), false, out);
                check(cmp.right(), cmp.left() instanceof Operand.Attribute, out);
            } else {
                check(((Expr.Test) leaf).operand(), false, out);
            }
        }
    }

    /** {@code comparedWithAttribute}: a bare word there is most likely an unquoted string. */
    private static void check(Operand operand, boolean comparedWithAttribute, List<Diagnostic> out) {
        if (!(operand instanceof Operand.Attribute a)) {
            return;
        }
        Optional<AuthzAttribute> attribute = AuthzAttribute.byName(a.name());
        if (attribute.isEmpty()) {
            String message = "unknown attribute '" + a.name() + "'";
            Optional<String> suggestion = ClosestName.to(a.name(), NAMES);
            if (suggestion.isPresent()) {
                out.add(Diagnostic.error(a.span(), message, "did you mean '" + suggestion.get() + "'?"));
            } else if (comparedWithAttribute && a.key() == null) {
                out.add(Diagnostic.error(a.span(), message,
                        "text values are written in double quotes: " + OperandTypes.quote(a.name())));
            } else {
                out.add(Diagnostic.error(a.span(), message, "known attributes are " + String.join(", ", NAMES)));
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

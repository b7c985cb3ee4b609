package dev.palisade.dsl.check;

import dev.palisade.dsl.ast.Operand;
import dev.palisade.dsl.schema.AuthzAttribute;
import dev.palisade.dsl.schema.RuleStage;
import dev.palisade.dsl.schema.ValueType;
import java.util.Optional;

/** The type of an operand, and how to quote one back to the author in a help line. */
final class OperandTypes {
    private OperandTypes() {}

    /**
     * The operand's type; empty for an attribute that is unknown to rules of {@code stage} or
     * wrongly keyed, which the attribute pass has reported already.
     */
    static Optional<ValueType> of(Operand operand, RuleStage stage) {
        if (operand instanceof Operand.Attribute a) {
            return stage.attribute(a.name())
                    .filter(attr -> attr.keyed() == (a.key() != null))
                    .map(AuthzAttribute::type);
        }
        if (operand instanceof Operand.Str) {
            return Optional.of(ValueType.STRING);
        }
        if (operand instanceof Operand.StrList) {
            return Optional.of(ValueType.STRING_LIST);
        }
        if (operand instanceof Operand.Concat) {
            return Optional.of(ValueType.STRING); // its parts are checked by the computed-operand pass
        }
        if (operand instanceof Operand.Call c) {
            // empty for what the computed-operand pass reports: an unknown function, count, quantity
            if (c.function() == null) {
                return Optional.empty();
            }
            return switch (c.function()) {
                case LOWER, UPPER, COALESCE -> Optional.of(ValueType.STRING);
                case REGEX -> Optional.of(ValueType.BOOL);
                case COUNT, QUANTITY -> Optional.empty();
            };
        }
        return Optional.of(ValueType.BOOL);
    }

    /** A value known when the policy is written; attributes and computed operands are not. */
    static boolean isLiteral(Operand operand) {
        return operand instanceof Operand.Str || operand instanceof Operand.StrList || operand instanceof Operand.Bool;
    }

    /** The operand as it would be written in a policy, for "try ..." help lines. */
    static String source(Operand operand) {
        if (operand instanceof Operand.Attribute a) {
            return a.key() == null ? a.name() : a.name() + "[" + quote(a.key()) + "]";
        }
        if (operand instanceof Operand.Str s) {
            return quote(s.value());
        }
        if (operand instanceof Operand.StrList list) {
            return list.elements().stream().map(s -> quote(s.value()))
                    .collect(java.util.stream.Collectors.joining(", ", "[", "]"));
        }
        if (operand instanceof Operand.Concat c) {
            return String.join(" + ", c.parts().stream().map(OperandTypes::source).toList());
        }
        if (operand instanceof Operand.Call c) {
            return c.name() + "(" + String.join(", ", c.args().stream().map(OperandTypes::source).toList()) + ")";
        }
        return String.valueOf(((Operand.Bool) operand).value());
    }

    static String quote(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> out.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return out.append('"').toString();
    }

    /** "a string", "a list of strings", "a boolean". */
    static String article(ValueType type) {
        return "a " + type.display();
    }
}

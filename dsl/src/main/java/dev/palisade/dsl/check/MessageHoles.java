package dev.palisade.dsl.check;

import dev.palisade.dsl.ast.Message;
import dev.palisade.dsl.ast.ObjPath;
import dev.palisade.dsl.runtime.MessageRenderer;
import dev.palisade.dsl.schema.AuthzAttribute;
import dev.palisade.dsl.schema.RuleStage;
import dev.palisade.dsl.source.Diagnostic;
import java.util.List;
import java.util.Optional;

/**
 * The holes of an authorization or authn rule's message name attributes of the rule's stage,
 * keyed exactly when the attribute is ({@code {user.extra["k"]}}): a hole that names nothing
 * would otherwise fail at the first request that matches, or print nothing useful.
 */
final class MessageHoles {
    private MessageHoles() {}

    static void check(Message message, RuleStage stage, String what, List<Diagnostic> out) {
        if (message == null) {
            return;
        }
        for (Object part : message.parts()) {
            if (part instanceof ObjPath hole) {
                check(hole, stage, what, out);
            }
        }
    }

    private static void check(ObjPath hole, RuleStage stage, String what, List<Diagnostic> out) {
        Optional<AuthzAttribute> attribute = MessageRenderer.attribute(hole, stage);
        if (attribute.isEmpty()) {
            attribute = prefix(hole, stage); // {user.name.first}: a path into a scalar
            if (attribute.isPresent()) {
                out.add(Diagnostic.error(hole.span(), "'" + hole.text() + "' is not a value of an " + what + " attribute",
                        "write {" + attribute.get().dslName() + "}"));
                return;
            }
            String help = what + " messages may name " + String.join(", ", stage.attributeNames());
            Optional<String> near = ClosestName.to(hole.text(), stage.attributeNames());
            out.add(Diagnostic.error(hole.span(), "unknown attribute '" + hole.text() + "' in message",
                    near.map(n -> "did you mean '" + n + "'? " + help).orElse(help)));
            return;
        }
        String dsl = attribute.get().dslName();
        int expected = dsl.split("\\.").length - 1 + (attribute.get().keyed() ? 1 : 0);
        boolean keyIsString = !attribute.get().keyed()
                || hole.segments().size() == expected && hole.segments().get(expected - 1) instanceof String;
        if (hole.segments().size() != expected || !keyIsString) {
            out.add(Diagnostic.error(hole.span(), "'" + hole.text() + "' is not a value of an " + what + " attribute",
                    attribute.get().keyed() ? "write {" + dsl + "[\"key\"]}" : "write {" + dsl + "}"));
        }
    }

    /** The attribute named by the longest leading part of the hole's path, if any. */
    private static Optional<AuthzAttribute> prefix(ObjPath hole, RuleStage stage) {
        StringBuilder name = new StringBuilder(hole.root());
        Optional<AuthzAttribute> found = stage.attribute(name.toString());
        for (Object segment : hole.segments()) {
            if (!(segment instanceof String s)) {
                break;
            }
            name.append('.').append(s);
            Optional<AuthzAttribute> next = stage.attribute(name.toString());
            if (next.isPresent()) {
                found = next;
            }
        }
        return found;
    }
}

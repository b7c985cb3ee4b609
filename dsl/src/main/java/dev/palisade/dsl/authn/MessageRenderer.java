package dev.palisade.dsl.authn;

import dev.palisade.dsl.ast.Message;
import dev.palisade.dsl.ast.ObjPath;
import dev.palisade.dsl.schema.AuthzAttribute;
import dev.palisade.dsl.schema.RuleStage;
import java.util.List;
import java.util.Objects;

/**
 * Fills the holes of an authn rule's message with the judged user's values, in Java: the text is
 * only ever returned to the caller, never evaluated. Lists are joined with ", "; a missing extra
 * key is empty. A hole the checker should have refused is an error, never silently empty.
 */
final class MessageRenderer {
    static final String DEFAULT = "rejected by authentication policy";

    private MessageRenderer() {}

    static String render(Message message, AuthnInput input) {
        if (message == null) {
            return DEFAULT;
        }
        StringBuilder out = new StringBuilder();
        for (Object part : message.parts()) {
            if (part instanceof ObjPath hole) {
                out.append(value(hole, input));
            } else {
                out.append((String) part);
            }
        }
        return out.toString();
    }

    private static String value(ObjPath hole, AuthnInput input) {
        if (hole.segments().isEmpty() || !(hole.segments().get(0) instanceof String first)) {
            throw new IllegalArgumentException("not an authn attribute: " + hole.text());
        }
        AuthzAttribute attribute = RuleStage.AUTHENTICATION.attribute(hole.root() + "." + first)
                .orElseThrow(() -> new IllegalArgumentException("not an authn attribute: " + hole.text()));
        return switch (attribute) {
            case USER_NAME -> input.userName();
            case USER_UID -> input.userUid();
            case USER_GROUPS -> String.join(", ", input.userGroups());
            case USER_EXTRA -> {
                if (hole.segments().size() != 2 || !(hole.segments().get(1) instanceof String key)) {
                    throw new IllegalArgumentException("user.extra needs one key: " + hole.text());
                }
                yield String.join(", ", Objects.requireNonNullElse(input.userExtra().get(key), List.<String>of()));
            }
            case AUTHN_METHOD -> input.authnMethod();
            case AUTHN_AUTHENTICATOR -> input.authnAuthenticator();
            default -> throw new IllegalArgumentException("not an authn attribute: " + hole.text());
        };
    }
}

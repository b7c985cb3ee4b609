package dev.palisade.dsl.runtime;

import dev.palisade.dsl.ast.Message;
import dev.palisade.dsl.ast.ObjPath;
import dev.palisade.dsl.schema.AuthzAttribute;
import dev.palisade.dsl.schema.RuleStage;
import java.util.List;
import java.util.Optional;

/**
 * Fills the holes of an authorization or authn rule's message ({@code {user.name}},
 * {@code {verb}}, {@code {user.extra["k"]}}) with the request's values, in Java: the text is only
 * ever returned to the caller, never evaluated. Lists are joined with ", "; a missing extra key
 * reads {@code <absent>}, as a missing value does in admission messages. A hole the checker should have refused is an error, never silently empty.
 */
public final class MessageRenderer {
    private static final String ABSENT = "<absent>";

    private MessageRenderer() {}

    /** True when the message has a hole, so that it must be rendered per request. */
    public static boolean hasHoles(Message message) {
        return message != null && message.parts().stream().anyMatch(p -> p instanceof ObjPath);
    }

    public static String render(Message message, AuthzInput input, RuleStage stage) {
        StringBuilder out = new StringBuilder();
        for (Object part : message.parts()) {
            if (part instanceof ObjPath hole) {
                out.append(value(hole, input, stage));
            } else {
                out.append((String) part);
            }
        }
        return out.toString();
    }

    /** The attribute a hole names in a stage, and its key for {@code user.extra}; empty when it names none. */
    public static Optional<AuthzAttribute> attribute(ObjPath hole, RuleStage stage) {
        StringBuilder name = new StringBuilder(hole.root());
        for (Object segment : hole.segments()) {
            if (!(segment instanceof String s)) {
                break;
            }
            Optional<AuthzAttribute> found = stage.attribute(name.toString());
            if (found.isPresent() && found.get().keyed()) {
                return found;
            }
            name.append('.').append(s);
        }
        return stage.attribute(name.toString());
    }

    private static String value(ObjPath hole, AuthzInput input, RuleStage stage) {
        AuthzAttribute attribute = attribute(hole, stage)
                .orElseThrow(() -> new IllegalArgumentException("not an attribute of this stage: " + hole.text()));
        return switch (attribute) {
            case USER_NAME -> input.userName();
            case USER_UID -> input.userUid();
            case USER_GROUPS -> String.join(", ", input.userGroups());
            case USER_EXTRA -> {
                Object key = hole.segments().size() == 2 ? hole.segments().get(1) : null;
                if (!(key instanceof String k)) {
                    throw new IllegalArgumentException("user.extra needs one key: " + hole.text());
                }
                List<String> values = input.userExtra().get(k);
                yield values == null ? ABSENT : String.join(", ", values);
            }
            case VERB -> input.verb();
            case NAMESPACE -> input.namespace();
            case API_GROUP -> input.apiGroup();
            case API_VERSION -> input.apiVersion();
            case RESOURCE -> input.resource();
            case SUBRESOURCE -> input.subresource();
            case NAME -> input.name();
            case PATH -> input.path();
            case RESOURCE_REQUEST -> Boolean.toString(input.resourceRequest());
            case AUTHN_METHOD -> input.authnMethod();
            case AUTHN_AUTHENTICATOR -> input.authnAuthenticator();
            case USER_SA_NAMESPACE -> present(ServiceAccountUser.namespace(input.userName()));
            case USER_SA_NAME -> present(ServiceAccountUser.name(input.userName()));
        };
    }

    private static String present(String value) {
        return value.isEmpty() ? ABSENT : value;
    }
}

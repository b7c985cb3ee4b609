package dev.palisade.dsl.schema;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The attributes a compiled rule may read, with their DSL names, types and the rule stages that
 * may read them ({@link RuleStage}). Authorization and authentication rules share this one table,
 * so that both compile through the same symbol-table compiler and fact classes.
 * {@code user.extra} is keyed: it is written {@code user.extra["scopes"]} and is a list of strings.
 * New attributes go at the end: ordinals order the literals of generated rules.
 */
public enum AuthzAttribute {
    USER_NAME("user.name", ValueType.STRING, false, Stages.BOTH),
    USER_UID("user.uid", ValueType.STRING, false, Stages.BOTH),
    USER_GROUPS("user.groups", ValueType.STRING_LIST, false, Stages.BOTH),
    USER_EXTRA("user.extra", ValueType.STRING_LIST, true, Stages.BOTH),
    VERB("verb", ValueType.STRING, false),
    NAMESPACE("namespace", ValueType.STRING, false),
    API_GROUP("apiGroup", ValueType.STRING, false),
    API_VERSION("apiVersion", ValueType.STRING, false),
    RESOURCE("resource", ValueType.STRING, false),
    SUBRESOURCE("subresource", ValueType.STRING, false),
    NAME("name", ValueType.STRING, false),
    PATH("path", ValueType.STRING, false),
    RESOURCE_REQUEST("resourceRequest", ValueType.BOOL, false),
    /** basic, token, x509, serviceaccount, webhook or anonymous. */
    AUTHN_METHOD("authn.method", ValueType.STRING, false, Stages.AUTHN),
    /** The configured name of the authenticator that recognised the user. */
    AUTHN_AUTHENTICATOR("authn.authenticator", ValueType.STRING, false, Stages.AUTHN),
    /** From a service account's user name {@code system:serviceaccount:NS:NAME}; absent ("") for other users. */
    USER_SA_NAMESPACE("user.serviceAccount.namespace", ValueType.STRING, false, Stages.BOTH),
    USER_SA_NAME("user.serviceAccount.name", ValueType.STRING, false, Stages.BOTH);

    private static final Map<String, AuthzAttribute> BY_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(AuthzAttribute::dslName, Function.identity()));

    private final String dslName;
    private final ValueType type;
    private final boolean keyed;
    private final Stages stages;

    AuthzAttribute(String dslName, ValueType type, boolean keyed) {
        this(dslName, type, keyed, Stages.AUTHZ);
    }

    AuthzAttribute(String dslName, ValueType type, boolean keyed, Stages stages) {
        this.dslName = dslName;
        this.type = type;
        this.keyed = keyed;
        this.stages = stages;
    }

    /** Whether rules of {@code stage} may read this attribute. */
    public boolean readableIn(RuleStage stage) {
        return switch (stages) {
            case BOTH -> true;
            case AUTHZ -> stage == RuleStage.AUTHORIZATION;
            case AUTHN -> stage == RuleStage.AUTHENTICATION;
        };
    }

    private enum Stages { AUTHZ, AUTHN, BOTH }

    public String dslName() {
        return dslName;
    }

    public ValueType type() {
        return type;
    }

    /** True for map-valued attributes that must be indexed with a key, e.g. {@code user.extra["k"]}. */
    public boolean keyed() {
        return keyed;
    }

    public static Optional<AuthzAttribute> byName(String dslName) {
        return Optional.ofNullable(BY_NAME.get(dslName));
    }
}

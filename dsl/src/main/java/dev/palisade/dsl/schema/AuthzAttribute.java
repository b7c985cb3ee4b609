package dev.palisade.dsl.schema;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The request attributes an authorization rule may read, with their DSL names and types.
 * {@code user.extra} is keyed: it is written {@code user.extra["scopes"]} and is a list of strings.
 */
public enum AuthzAttribute {
    USER_NAME("user.name", ValueType.STRING, false),
    USER_UID("user.uid", ValueType.STRING, false),
    USER_GROUPS("user.groups", ValueType.STRING_LIST, false),
    USER_EXTRA("user.extra", ValueType.STRING_LIST, true),
    VERB("verb", ValueType.STRING, false),
    NAMESPACE("namespace", ValueType.STRING, false),
    API_GROUP("apiGroup", ValueType.STRING, false),
    API_VERSION("apiVersion", ValueType.STRING, false),
    RESOURCE("resource", ValueType.STRING, false),
    SUBRESOURCE("subresource", ValueType.STRING, false),
    NAME("name", ValueType.STRING, false),
    PATH("path", ValueType.STRING, false),
    RESOURCE_REQUEST("resourceRequest", ValueType.BOOL, false);

    private static final Map<String, AuthzAttribute> BY_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(AuthzAttribute::dslName, Function.identity()));

    private final String dslName;
    private final ValueType type;
    private final boolean keyed;

    AuthzAttribute(String dslName, ValueType type, boolean keyed) {
        this.dslName = dslName;
        this.type = type;
        this.keyed = keyed;
    }

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

package dev.palisade.dsl.admission;

/**
 * Request scalars the generated rules compare as symbol ids, so that {@code operation == "CREATE"}
 * or {@code namespace in [...]} become hashed constant tests in Drools.
 */
public enum Field {
    OPERATION("operation", "operationSym"),
    RESOURCE("resource", "resourceSym"),
    SUBRESOURCE("subresource", "subresourceSym"),
    KIND("kind", "kindSym"),
    NAMESPACE("namespace", "namespaceSym"),
    NAME("name", "nameSym"),
    USER_NAME("user.name", "userNameSym"),
    USER_UID("user.uid", "userUidSym");

    private final String spelling;
    private final String property;

    Field(String spelling, String property) {
        this.spelling = spelling;
        this.property = property;
    }

    /** As written in a policy. */
    public String spelling() {
        return spelling;
    }

    /** The DRL property of {@link ObjectFact}. */
    String property() {
        return property;
    }

    static Field bySpelling(String s) {
        for (Field f : values()) {
            if (f.spelling.equals(s)) {
                return f;
            }
        }
        return null;
    }

    String of(AdmissionInput in) {
        return switch (this) {
            case OPERATION -> in.operation();
            case RESOURCE -> in.resource();
            case SUBRESOURCE -> in.subresource();
            case KIND -> in.kind();
            case NAMESPACE -> in.namespace();
            case NAME -> in.name();
            case USER_NAME -> in.userName();
            case USER_UID -> in.userUid();
        };
    }
}

package dev.palisade.engine.config;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** The authorizer types a configuration may name, spelled as in the file. */
public enum AuthorizerType {
    POLICY("Policy", true),
    RBAC("RBAC", true),
    ALWAYS_ALLOW("AlwaysAllow", false),
    ALWAYS_DENY("AlwaysDeny", false),
    /** The apiserver's ABAC policy file ({@code policyFile}). */
    ABAC("ABAC", false),
    /** A SubjectAccessReview webhook ({@code webhook: {url, ...}}). */
    WEBHOOK("Webhook", false);

    private final String spelling;
    private final boolean needsPaths;

    AuthorizerType(String spelling, boolean needsPaths) {
        this.spelling = spelling;
        this.needsPaths = needsPaths;
    }

    public String spelling() {
        return spelling;
    }

    public boolean needsPaths() {
        return needsPaths;
    }

    public static Optional<AuthorizerType> bySpelling(String s) {
        return Arrays.stream(values()).filter(t -> t.spelling.equals(s)).findFirst();
    }

    public static String allSpellings() {
        return Arrays.stream(values()).map(AuthorizerType::spelling).collect(Collectors.joining(", "));
    }
}

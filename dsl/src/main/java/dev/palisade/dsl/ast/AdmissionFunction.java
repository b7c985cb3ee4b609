package dev.palisade.dsl.ast;

import java.util.Arrays;
import java.util.Optional;

/**
 * The functions conditions may call, with how many arguments each takes. Admission conditions
 * call all of them; authorization and authn conditions the string ones (lower, upper, coalesce,
 * regex), whose meaning on request attributes is {@code runtime.RequestExpression}'s. (Named before
 * the other stages had expressions; kept to spare the admission code a rename.)
 */
public enum AdmissionFunction {
    /** Elements of a list, entries of a map, characters of a string; 0 when absent. */
    COUNT("count", 1, 1, "count(object.spec.containers) > 5"),
    LOWER("lower", 1, 1, "lower(c.image) startsWith \"docker.io/\""),
    UPPER("upper", 1, 1, "upper(cap) == \"NET_ADMIN\""),
    /** The first argument that is present. */
    COALESCE("coalesce", 2, Integer.MAX_VALUE, "coalesce(c.securityContext.runAsUser, object.spec.securityContext.runAsUser)"),
    /** A resource quantity as a number: "500m" is 0.5, "1Gi" is 1073741824. */
    QUANTITY("quantity", 1, 1, "quantity(c.resources.limits[\"memory\"]) > quantity(\"1Gi\")"),
    /** Whether a string matches a regular expression (RE2 syntax, linear time, checked when the policy is). */
    REGEX("regex", 2, 2, "regex(c.image, \"^registry\\\\.example\\\\.com/\")");

    private final String spelling;
    private final int minArgs;
    private final int maxArgs;
    private final String example;

    AdmissionFunction(String spelling, int minArgs, int maxArgs, String example) {
        this.spelling = spelling;
        this.minArgs = minArgs;
        this.maxArgs = maxArgs;
        this.example = example;
    }

    public String spelling() {
        return spelling;
    }

    public int minArgs() {
        return minArgs;
    }

    public int maxArgs() {
        return maxArgs;
    }

    public String example() {
        return example;
    }

    public static Optional<AdmissionFunction> bySpelling(String name) {
        return Arrays.stream(values()).filter(f -> f.spelling.equals(name)).findFirst();
    }
}

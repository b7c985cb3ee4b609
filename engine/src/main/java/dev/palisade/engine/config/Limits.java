package dev.palisade.engine.config;

import dev.palisade.Api;
import dev.palisade.dsl.source.SourceLimits;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Bounds on everything that comes from outside: review lines and bodies, audit lines, JSON
 * nesting and strings, groups per request, policy rule size and error output. Read from the
 * optional {@code limits:} block of {@code palisade.yaml}; every field defaults to the
 * apiserver's own value where it has one. An input over a limit is refused with an error that
 * names the place and the limit ({@code limits.NAME}), never truncated silently.
 *
 * @param maxRequestBytes      one review line or HTTP body (the apiserver's 3 MiB request body)
 * @param maxAuditLineBytes    one audit log line or EventList item ({@code batch}, {@code suggest})
 * @param maxNestingDepth      JSON arrays/objects nested in one input
 * @param maxStringLength      characters of one JSON string
 * @param maxGroupsPerRequest  groups of the user in one review
 * @param maxRuleTerms         terms of one policy rule's condition
 * @param maxListLiteralLength elements of one policy list literal
 * @param maxErrorsPerFile     problems reported per input file
 */
@Api
public record Limits(int maxRequestBytes, int maxAuditLineBytes, int maxNestingDepth, int maxStringLength,
                     int maxGroupsPerRequest, int maxRuleTerms, int maxListLiteralLength, int maxErrorsPerFile) {
    /** The apiserver's {@code MaxRequestBodyBytes}: 3 MiB. */
    public static final int DEFAULT_MAX_REQUEST_BYTES = 3 * 1024 * 1024;
    /** An audit Event at RequestResponse level holds a request and a response body of up to 3 MiB each. */
    public static final int DEFAULT_MAX_AUDIT_LINE_BYTES = 64 * 1024 * 1024;
    /** Jackson's default; no Kubernetes object nests more than a few dozen levels. */
    public static final int DEFAULT_MAX_NESTING_DEPTH = 1_000;
    /** Jackson's default (20 M characters); a review's strings are bounded by its 3 MiB anyway. */
    public static final int DEFAULT_MAX_STRING_LENGTH = 20_000_000;
    /** No apiserver limit (only its body size); a thousand is far above any real user's groups. */
    public static final int DEFAULT_MAX_GROUPS_PER_REQUEST = 1_000;

    public static final Limits DEFAULTS = new Limits(DEFAULT_MAX_REQUEST_BYTES, DEFAULT_MAX_AUDIT_LINE_BYTES,
            DEFAULT_MAX_NESTING_DEPTH, DEFAULT_MAX_STRING_LENGTH, DEFAULT_MAX_GROUPS_PER_REQUEST,
            SourceLimits.MAX_RULE_TERMS, SourceLimits.MAX_LIST_ELEMENTS,
            SourceLimits.MAX_ERRORS_PER_FILE);

    public Limits {
        Map<String, Integer> all = asMap(maxRequestBytes, maxAuditLineBytes, maxNestingDepth, maxStringLength,
                maxGroupsPerRequest, maxRuleTerms, maxListLiteralLength, maxErrorsPerFile);
        all.forEach((name, value) -> {
            if (value < 1) {
                throw new IllegalArgumentException("limits." + name + " must be at least 1, got " + value);
            }
        });
    }

    /** The limits by their name in {@code palisade.yaml}, in declaration order. */
    public Map<String, Integer> byName() {
        return asMap(maxRequestBytes, maxAuditLineBytes, maxNestingDepth, maxStringLength, maxGroupsPerRequest,
                maxRuleTerms, maxListLiteralLength, maxErrorsPerFile);
    }

    /** These limits with the named ones replaced (names as in {@code palisade.yaml}). */
    public Limits with(Map<String, Integer> changes) {
        Map<String, Integer> v = byName();
        changes.forEach((name, value) -> {
            if (!v.containsKey(name)) {
                throw new IllegalArgumentException("unknown limit \"" + name + "\" (known: " + String.join(", ", v.keySet()) + ")");
            }
            v.put(name, value);
        });
        return new Limits(v.get("maxRequestBytes"), v.get("maxAuditLineBytes"), v.get("maxNestingDepth"),
                v.get("maxStringLength"), v.get("maxGroupsPerRequest"), v.get("maxRuleTerms"),
                v.get("maxListLiteralLength"), v.get("maxErrorsPerFile"));
    }

    private static Map<String, Integer> asMap(int maxRequestBytes, int maxAuditLineBytes, int maxNestingDepth,
                                              int maxStringLength, int maxGroupsPerRequest, int maxRuleTerms,
                                              int maxListLiteralLength, int maxErrorsPerFile) {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("maxRequestBytes", maxRequestBytes);
        m.put("maxAuditLineBytes", maxAuditLineBytes);
        m.put("maxNestingDepth", maxNestingDepth);
        m.put("maxStringLength", maxStringLength);
        m.put("maxGroupsPerRequest", maxGroupsPerRequest);
        m.put("maxRuleTerms", maxRuleTerms);
        m.put("maxListLiteralLength", maxListLiteralLength);
        m.put("maxErrorsPerFile", maxErrorsPerFile);
        return m;
    }
}

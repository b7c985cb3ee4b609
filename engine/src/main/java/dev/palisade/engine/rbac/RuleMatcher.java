package dev.palisade.engine.rbac;

import dev.palisade.engine.rbac.model.PolicyRule;
import dev.palisade.engine.request.RequestAttributes;
import java.util.List;

/**
 * Whether one PolicyRule allows a request: a port of Kubernetes' {@code RuleAllows} and the
 * matchers in {@code pkg/apis/rbac/v1/evaluation_helpers.go}. Pure and allocation-free, since
 * the Drools rules call it on every candidate grant.
 */
final class RuleMatcher {
    private RuleMatcher() {}

    public static boolean ruleAllows(PolicyRule rule, RequestAttributes request) {
        return verbMatches(rule, request.verb()) && allowsBesidesVerb(rule, request);
    }

    /** RuleAllows once the verb is known to match (see {@link RoleRules}). */
    static boolean allowsBesidesVerb(PolicyRule rule, RequestAttributes request) {
        if (request.resourceRequest()) {
            return apiGroupMatches(rule, request.apiGroup())
                    && resourceMatches(rule, request.resource(), request.subresource())
                    && resourceNameMatches(rule, request.name());
        }
        return nonResourceUrlMatches(rule, request.path());
    }

    /** {@code resource/subresource}, or {@code resource} when there is no subresource. */
    public static String combinedResource(RequestAttributes request) {
        return request.subresource().isEmpty() ? request.resource() : request.resource() + "/" + request.subresource();
    }

    static boolean verbMatches(PolicyRule rule, String verb) {
        return containsOrStar(rule.verbs(), verb);
    }

    static boolean apiGroupMatches(PolicyRule rule, String group) {
        return containsOrStar(rule.apiGroups(), group);
    }

    /**
     * Whether a rule's resources cover {@code resource/subresource} (or {@code resource} when there
     * is no subresource), compared in place: no combined string is built per request.
     */
    static boolean resourceMatches(PolicyRule rule, String resource, String subresource) {
        List<String> resources = rule.resources();
        for (int i = 0; i < resources.size(); i++) {
            String r = resources.get(i);
            if (r.equals("*") || isCombined(r, resource, subresource)) {
                return true;
            }
            // "*/scale" covers the scale subresource of every resource, but only a subresource
            if (!subresource.isEmpty() && r.length() == subresource.length() + 2
                    && r.startsWith("*/") && r.endsWith(subresource)) {
                return true;
            }
        }
        return false;
    }

    /** {@code r.equals(combinedResource(...))} without building the combined string. */
    private static boolean isCombined(String r, String resource, String subresource) {
        if (subresource.isEmpty()) {
            return r.equals(resource);
        }
        int n = resource.length();
        return r.length() == n + 1 + subresource.length()
                && r.startsWith(resource) && r.charAt(n) == '/' && r.endsWith(subresource);
    }

    /** No names means any name; otherwise exact, so a request without a name never matches a named rule. */
    static boolean resourceNameMatches(PolicyRule rule, String name) {
        List<String> names = rule.resourceNames();
        return names.isEmpty() || names.contains(name);
    }

    static boolean nonResourceUrlMatches(PolicyRule rule, String path) {
        List<String> urls = rule.nonResourceURLs();
        for (int i = 0; i < urls.size(); i++) {
            String u = urls.get(i);
            if (u.equals("*") || u.equals(path)) {
                return true;
            }
            if (u.endsWith("*") && startsWithTrimmed(path, u)) {
                return true;
            }
        }
        return false;
    }

    /** {@code strings.HasPrefix(path, strings.TrimRight(u, "*"))}: every trailing star goes, not just one; no substring built. */
    private static boolean startsWithTrimmed(String path, String u) {
        int end = u.length();
        while (end > 0 && u.charAt(end - 1) == '*') {
            end--;
        }
        return path.regionMatches(0, u, 0, end);
    }

    private static boolean containsOrStar(List<String> values, String wanted) {
        for (int i = 0; i < values.size(); i++) {
            String v = values.get(i);
            if (v.equals("*") || v.equals(wanted)) {
                return true;
            }
        }
        return false;
    }
}

package dev.palisade.engine.abac;

import dev.palisade.engine.request.RequestAttributes;
import dev.palisade.engine.request.UserInfo;

/**
 * The apiserver's ABAC matching of one internal-form policy against a request, port of
 * {@code matches}, {@code subjectMatches}, {@code verbMatches}, {@code resourceMatches} and
 * {@code nonResourceMatches}. ABAC ignores subresource, name and API version, as upstream does.
 */
final class AbacMatcher {
    private AbacMatcher() {}

    public static boolean matches(AbacPolicy p, RequestAttributes a) {
        return subjectMatches(p, a.user()) && verbMatches(p, a) && (resourceMatches(p, a) || nonResourceMatches(p, a));
    }

    /** A policy with neither user nor group matches nobody; a set user or group must each match. */
    public static boolean subjectMatches(AbacPolicy p, UserInfo user) {
        boolean matched = false;
        if (!p.user().isEmpty()) {
            if (p.user().equals("*")) {
                matched = true;
            } else if (p.user().equals(user.name())) {
                matched = true;
            } else {
                return false;
            }
        }
        if (!p.group().isEmpty()) {
            if (p.group().equals("*")) {
                matched = true;
            } else if (user.groups().contains(p.group())) {
                matched = true;
            } else {
                return false;
            }
        }
        return matched;
    }

    /** Read-only requests pass any policy; others need a policy that is not read-only. */
    public static boolean verbMatches(AbacPolicy p, RequestAttributes a) {
        return isReadOnly(a.verb()) || !p.readonly();
    }

    public static boolean isReadOnly(String verb) {
        return verb.equals("get") || verb.equals("list") || verb.equals("watch");
    }

    static boolean resourceMatches(AbacPolicy p, RequestAttributes a) {
        return a.resourceRequest()
                && (p.namespace().equals("*") || p.namespace().equals(a.namespace()))
                && (p.resource().equals("*") || p.resource().equals(a.resource()))
                && (p.apiGroup().equals("*") || p.apiGroup().equals(a.apiGroup()));
    }

    static boolean nonResourceMatches(AbacPolicy p, RequestAttributes a) {
        if (a.resourceRequest()) {
            return false;
        }
        String pattern = p.nonResourcePath();
        if (pattern.equals("*") || pattern.equals(a.path())) {
            return true;
        }
        // a trailing * matches any path under the prefix (every trailing * is trimmed, as Go's TrimRight)
        return pattern.endsWith("*") && a.path().startsWith(stripTrailingStars(pattern));
    }

    private static String stripTrailingStars(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == '*') {
            end--;
        }
        return s.substring(0, end);
    }
}

package dev.palisade.engine.rbac;

import dev.palisade.engine.rbac.model.PolicyRule;
import dev.palisade.engine.request.RequestAttributes;
import java.util.List;

/**
 * A role's rules prepared for {@code RuleAllows} against many requests, shared by every grant of
 * the role. The verb test, the first and most selective one, is a bit test: each well-known verb
 * has a bit, a rule's verbs are a mask ({@code *} all bits), and a request's verb is looked up
 * once ({@link #verbBit}) for all the grants it is checked against. A role none of whose rules
 * names the verb is passed over without reading a rule. Verbs outside the well-known set share
 * one bit and are then compared as strings, as upstream does.
 */
final class RoleRules {
    static final long OTHER = Long.MIN_VALUE;
    private static final long ALL = -1L;
    /** Above this many resources a rule's resources are looked up in a {@link ResourceIndex}, not scanned. */
    private static final int SCAN_LIMIT = 4;

    private final PolicyRule[] rules;
    private final long[] verbMasks;
    private final long anyRuleMask;
    /** Per rule, its resources indexed, or null where a scan is as fast. */
    private final ResourceIndex[] resourceIndexes;

    RoleRules(PolicyRule[] rules) {
        this.rules = rules;
        this.verbMasks = new long[rules.length];
        this.resourceIndexes = new ResourceIndex[rules.length];
        long any = 0;
        for (int i = 0; i < rules.length; i++) {
            verbMasks[i] = mask(rules[i].verbs());
            any |= verbMasks[i];
            if (rules[i].resources().size() > SCAN_LIMIT) {
                resourceIndexes[i] = new ResourceIndex(rules[i].resources());
            }
        }
        this.anyRuleMask = any;
    }

    /**
     * The request verb's bit, {@link #OTHER} for a verb outside the well-known set (the verbs
     * Kubernetes' own roles and clients use).
     */
    static long verbBit(String verb) {
        return switch (verb) {
            case "get" -> 1L;
            case "list" -> 1L << 1;
            case "watch" -> 1L << 2;
            case "create" -> 1L << 3;
            case "update" -> 1L << 4;
            case "patch" -> 1L << 5;
            case "delete" -> 1L << 6;
            case "deletecollection" -> 1L << 7;
            case "impersonate" -> 1L << 8;
            case "bind" -> 1L << 9;
            case "escalate" -> 1L << 10;
            case "approve" -> 1L << 11;
            case "sign" -> 1L << 12;
            case "use" -> 1L << 13;
            case "proxy" -> 1L << 14;
            case "attest" -> 1L << 15;
            case "put" -> 1L << 16;
            case "post" -> 1L << 17;
            case "head" -> 1L << 18;
            case "options" -> 1L << 19;
            default -> OTHER;
        };
    }

    private static long mask(List<String> verbs) {
        long mask = 0;
        for (String verb : verbs) {
            mask |= verb.equals("*") ? ALL : verbBit(verb);
        }
        return mask;
    }

    /** RulesAllow: whether some rule allows the request, whose verb has bit {@code verbBit}. */
    boolean allows(RequestAttributes request, long verbBit) {
        if ((anyRuleMask & verbBit) == 0) {
            return false;
        }
        for (int i = 0; i < rules.length; i++) {
            long mask = verbMasks[i];
            if ((mask & verbBit) != 0
                    && (verbBit != OTHER || mask == ALL || RuleMatcher.verbMatches(rules[i], request.verb()))
                    && allowsBesidesVerb(i, request)) {
                return true;
            }
        }
        return false;
    }

    private boolean allowsBesidesVerb(int i, RequestAttributes request) {
        ResourceIndex index = resourceIndexes[i];
        if (index == null || !request.resourceRequest()) {
            return RuleMatcher.allowsBesidesVerb(rules[i], request);
        }
        PolicyRule rule = rules[i];
        return RuleMatcher.apiGroupMatches(rule, request.apiGroup())
                && index.matches(rule, request.resource(), request.subresource())
                && RuleMatcher.resourceNameMatches(rule, request.name());
    }

    /** The rules themselves; one array per role, so grants of the same role share it. */
    PolicyRule[] rules() {
        return rules;
    }
}

package dev.palisade.engine.rbac;

import dev.palisade.engine.rbac.model.PolicyRule;
import dev.palisade.engine.request.RequestAttributes;
import java.util.List;
import java.util.Map;

/**
 * A role's rules prepared for {@code RuleAllows} against many requests, shared by every grant of
 * the role. The verb test, the first and most selective one, is a bit test: each well-known verb
 * has a bit, a rule's verbs are a mask ({@code *} all bits), and a request's verb is looked up
 * once ({@link #verbBit}) for all the grants it is checked against. A role none of whose rules
 * names the verb is passed over without reading a rule. Verbs outside the well-known set share
 * one bit and are then compared as strings, as upstream does.
 */
final class RoleRules {
    /** The verbs Kubernetes' own roles and clients use; any other verb shares {@link #OTHER}. */
    private static final List<String> WELL_KNOWN = List.of("get", "list", "watch", "create", "update", "patch",
            "delete", "deletecollection", "impersonate", "bind", "escalate", "approve", "sign", "use", "proxy",
            "attest", "put", "post", "head", "options");
    private static final Map<String, Long> BITS;
    static final long OTHER = Long.MIN_VALUE;
    private static final long ALL = -1L;

    static {
        Map<String, Long> bits = new java.util.HashMap<>();
        for (int i = 0; i < WELL_KNOWN.size(); i++) {
            bits.put(WELL_KNOWN.get(i), 1L << i);
        }
        BITS = Map.copyOf(bits);
    }

    private final PolicyRule[] rules;
    private final long[] verbMasks;
    private final long anyRuleMask;

    RoleRules(PolicyRule[] rules) {
        this.rules = rules;
        this.verbMasks = new long[rules.length];
        long any = 0;
        for (int i = 0; i < rules.length; i++) {
            verbMasks[i] = mask(rules[i].verbs());
            any |= verbMasks[i];
        }
        this.anyRuleMask = any;
    }

    /** The request verb's bit, {@link #OTHER} for a verb outside the well-known set. */
    static long verbBit(String verb) {
        Long bit = BITS.get(verb);
        return bit == null ? OTHER : bit;
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
                    && RuleMatcher.allowsBesidesVerb(rules[i], request)) {
                return true;
            }
        }
        return false;
    }

    /** The rules themselves; one array per role, so grants of the same role share it. */
    PolicyRule[] rules() {
        return rules;
    }
}

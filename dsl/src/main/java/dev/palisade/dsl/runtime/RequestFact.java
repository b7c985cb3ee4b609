package dev.palisade.dsl.runtime;

import dev.palisade.dsl.schema.AuthzAttribute;
import dev.palisade.dsl.schema.ValueType;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The request as the generated rules see it: one symbol id per scalar string attribute, the
 * {@code resourceRequest} flag, and {@link #test(int)} for predicates. Rules record a match with
 * {@link #matched(int)}, which is cheaper than inserting result facts.
 *
 * <p>One instance per thread, {@link #load loaded} with each request and {@link #clear cleared}
 * after it, so a request allocates no fact. A symbol id is looked up only when a rule first reads
 * it (most policy sets test a few of the twelve attributes); unknown strings get their negative
 * ids in that order, which is fine because ids are only ever compared within one request.
 * Drools reads it from one thread only.
 */
public final class RequestFact {
    private static final AuthzAttribute[] ATTRS = AuthzAttribute.values();
    /** Not yet looked up; symbol ids are >= 0 and unknown ones >= -(request's string count). */
    private static final int UNSET = Integer.MIN_VALUE;

    private final int[] syms = new int[ATTRS.length];
    private final String[] values = new String[ATTRS.length];
    private final RequestSymbols symbols;
    private final Predicate.Compiled[] predicates;
    private final BitSet matched = new BitSet();
    private boolean resourceRequest;
    /** The request, whose groups and extra {@link #hasGroup} / {@link #hasExtra} read on first use; null when cleared. */
    private AuthzInput input;
    /** Symbol ids of the request's groups the policy set names; filled on the first {@link #hasGroup}. */
    private final BitSet groupSyms = new BitSet();
    private boolean groupsLoaded;
    /** (key id, value id) pairs of the request's extra values the policy set names, sorted; filled lazily. */
    private long[] extraPairs = new long[8];
    private int extraPairCount = -1;

    RequestFact(RequestSymbols symbols, Predicate.Compiled[] predicates) {
        this.symbols = symbols;
        this.predicates = predicates;
    }

    /** Takes the request's attributes; the previous request must have been {@link #clear cleared}. */
    void load(AuthzInput input) {
        for (AuthzAttribute a : ATTRS) {
            if (a.type() == ValueType.STRING) {
                // absent attributes are "" by contract; a null from a careless implementation means the same.
                // Derived ones are worked out on first read (see value): most policies never read them.
                values[a.ordinal()] = isDerived(a) ? null : Objects.requireNonNullElse(scalar(input, a), "");
                syms[a.ordinal()] = UNSET;
            }
        }
        this.resourceRequest = input.resourceRequest();
        this.input = input;
    }

    /** Drops the request's strings and matches, so nothing of it outlives its evaluation. */
    void clear() {
        Arrays.fill(values, null);
        matched.clear();
        resourceRequest = false;
        input = null;
        if (groupsLoaded) {
            groupSyms.clear();
            groupsLoaded = false;
        }
        extraPairCount = -1;
    }

    /**
     * Whether the user is in the group with symbol id {@code sym} ({@code "g" in user.groups}).
     * The first call of a request looks up the request's groups once; the others test a bit.
     */
    public boolean hasGroup(int sym) {
        if (!groupsLoaded) {
            List<String> groups = Objects.requireNonNullElse(input.userGroups(), List.of());
            for (int i = 0, n = groups.size(); i < n; i++) {
                int id = symbols.knownId(Objects.requireNonNull(groups.get(i), "null group in request"));
                if (id >= 0) {
                    groupSyms.set(id);
                }
            }
            groupsLoaded = true;
        }
        return sym >= 0 && groupSyms.get(sym);
    }

    /** Whether {@code user.extra[key]} holds the value {@code sym} (both symbol ids). */
    public boolean hasExtra(int keySym, int sym) {
        if (extraPairCount < 0) {
            loadExtra();
        }
        return keySym >= 0 && sym >= 0 && Arrays.binarySearch(extraPairs, 0, extraPairCount, pair(keySym, sym)) >= 0;
    }

    private void loadExtra() {
        int n = 0;
        Map<String, List<String>> extra = Objects.requireNonNullElse(input.userExtra(), Map.of());
        for (Map.Entry<String, List<String>> e : extra.entrySet()) {
            int key = symbols.knownId(Objects.requireNonNull(e.getKey(), "null extra key in request"));
            if (key < 0 || e.getValue() == null) {
                continue; // no rule names this key
            }
            for (String v : e.getValue()) {
                int id = symbols.knownId(Objects.requireNonNull(v, "null extra value in request"));
                if (id >= 0) {
                    if (n == extraPairs.length) {
                        extraPairs = Arrays.copyOf(extraPairs, n * 2);
                    }
                    extraPairs[n++] = pair(key, id);
                }
            }
        }
        Arrays.sort(extraPairs, 0, n);
        extraPairCount = n;
    }

    private static long pair(int key, int sym) {
        return ((long) key << 32) | (sym & 0xffffffffL);
    }

    /**
     * The symbol id of a scalar string attribute (looked up on first use); what the compiled
     * model's constraints and hashed indexes read.
     */
    public int symbol(AuthzAttribute a) {
        return sym(a);
    }

    private int sym(AuthzAttribute a) {
        int i = a.ordinal();
        int id = syms[i];
        if (id == UNSET) {
            id = symbols.id(value(a));
            syms[i] = id;
        }
        return id;
    }

    private static boolean isDerived(AuthzAttribute a) {
        return a == AuthzAttribute.USER_SA_NAMESPACE || a == AuthzAttribute.USER_SA_NAME;
    }

    /** A string attribute's value; a derived one is computed from the request on first read. */
    private String value(AuthzAttribute a) {
        String v = values[a.ordinal()];
        if (v == null) {
            v = Objects.requireNonNullElse(scalar(input, a), "");
            values[a.ordinal()] = v;
        }
        return v;
    }

    /** The DRL property that holds the symbol id of a scalar attribute; the compiler writes it. */
    public static String property(AuthzAttribute a) {
        return switch (a) {
            case USER_NAME -> "userNameSym";
            case USER_UID -> "userUidSym";
            case VERB -> "verbSym";
            case NAMESPACE -> "namespaceSym";
            case API_GROUP -> "apiGroupSym";
            case API_VERSION -> "apiVersionSym";
            case RESOURCE -> "resourceSym";
            case SUBRESOURCE -> "subresourceSym";
            case NAME -> "nameSym";
            case PATH -> "pathSym";
            case RESOURCE_REQUEST -> "resourceRequest";
            case AUTHN_METHOD -> "authnMethodSym";
            case AUTHN_AUTHENTICATOR -> "authnAuthenticatorSym";
            case USER_SA_NAMESPACE -> "userServiceAccountNamespaceSym";
            case USER_SA_NAME -> "userServiceAccountNameSym";
            case USER_GROUPS, USER_EXTRA -> throw new IllegalArgumentException("not a scalar attribute: " + a);
        };
    }

    private static String scalar(AuthzInput in, AuthzAttribute a) {
        return switch (a) {
            case USER_NAME -> in.userName();
            case USER_UID -> in.userUid();
            case VERB -> in.verb();
            case NAMESPACE -> in.namespace();
            case API_GROUP -> in.apiGroup();
            case API_VERSION -> in.apiVersion();
            case RESOURCE -> in.resource();
            case SUBRESOURCE -> in.subresource();
            case NAME -> in.name();
            case PATH -> in.path();
            case AUTHN_METHOD -> in.authnMethod();
            case AUTHN_AUTHENTICATOR -> in.authnAuthenticator();
            case USER_SA_NAMESPACE -> ServiceAccountUser.namespace(in.userName());
            case USER_SA_NAME -> ServiceAccountUser.name(in.userName());
            default -> throw new IllegalArgumentException("not a string attribute: " + a);
        };
    }

    public int getUserNameSym() { return sym(AuthzAttribute.USER_NAME); }
    public int getUserUidSym() { return sym(AuthzAttribute.USER_UID); }
    public int getVerbSym() { return sym(AuthzAttribute.VERB); }
    public int getNamespaceSym() { return sym(AuthzAttribute.NAMESPACE); }
    public int getApiGroupSym() { return sym(AuthzAttribute.API_GROUP); }
    public int getApiVersionSym() { return sym(AuthzAttribute.API_VERSION); }
    public int getResourceSym() { return sym(AuthzAttribute.RESOURCE); }
    public int getSubresourceSym() { return sym(AuthzAttribute.SUBRESOURCE); }
    public int getNameSym() { return sym(AuthzAttribute.NAME); }
    public int getPathSym() { return sym(AuthzAttribute.PATH); }
    public boolean isResourceRequest() { return resourceRequest; }
    public int getAuthnMethodSym() { return sym(AuthzAttribute.AUTHN_METHOD); }
    public int getAuthnAuthenticatorSym() { return sym(AuthzAttribute.AUTHN_AUTHENTICATOR); }
    public int getUserServiceAccountNamespaceSym() { return sym(AuthzAttribute.USER_SA_NAMESPACE); }
    public int getUserServiceAccountNameSym() { return sym(AuthzAttribute.USER_SA_NAME); }

    /** Runs predicate {@code id} on this request's own strings. */
    public boolean test(int id) {
        Predicate.Compiled p = predicates[id];
        Predicate def = p.predicate();
        if (def.subject().type() != ValueType.STRING) {
            throw new IllegalStateException("predicate #" + id + " is not about a scalar attribute");
        }
        String arg = def.argument() == null ? null : value(def.argument());
        return p.test(value(def.subject()), arg);
    }

    /** The request being evaluated, for the rare computed tests ({@link RequestExpression}); null when cleared. */
    public AuthzInput request() {
        return input;
    }

    /** Called by the consequence of every rule derived from policy rule {@code ruleIndex}. */
    public void matched(int ruleIndex) {
        matched.set(ruleIndex);
    }

    /** The rules matched so far; live, valid until {@link #clear()}. */
    BitSet matchedRules() {
        return matched;
    }
}

package dev.palisade.dsl.runtime;

import dev.palisade.dsl.schema.AuthzAttribute;
import dev.palisade.dsl.schema.ValueType;
import java.util.BitSet;
import java.util.Objects;

/**
 * The request as the generated rules see it: one symbol id per scalar string attribute, the
 * {@code resourceRequest} flag, and {@link #test(int)} for predicates. Rules record a match with
 * {@link #matched(int)}, which is cheaper than inserting result facts. One instance per request;
 * Drools reads it from one thread only.
 */
public final class RequestFact {
    private static final AuthzAttribute[] ATTRS = AuthzAttribute.values();

    private final int[] syms = new int[ATTRS.length];
    private final String[] values = new String[ATTRS.length];
    private final boolean resourceRequest;
    private final Predicate.Compiled[] predicates;
    private final BitSet matched = new BitSet();

    RequestFact(AuthzInput input, RequestSymbols symbols, Predicate.Compiled[] predicates) {
        this.predicates = predicates;
        for (AuthzAttribute a : ATTRS) {
            if (a.type() == ValueType.STRING) {
                // absent attributes are "" by contract; a null from a careless implementation means the same
                String v = Objects.requireNonNullElse(scalar(input, a), "");
                values[a.ordinal()] = v;
                syms[a.ordinal()] = symbols.id(v);
            }
        }
        this.resourceRequest = input.resourceRequest();
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
            default -> throw new IllegalArgumentException("not a string attribute: " + a);
        };
    }

    public int getUserNameSym() { return syms[AuthzAttribute.USER_NAME.ordinal()]; }
    public int getUserUidSym() { return syms[AuthzAttribute.USER_UID.ordinal()]; }
    public int getVerbSym() { return syms[AuthzAttribute.VERB.ordinal()]; }
    public int getNamespaceSym() { return syms[AuthzAttribute.NAMESPACE.ordinal()]; }
    public int getApiGroupSym() { return syms[AuthzAttribute.API_GROUP.ordinal()]; }
    public int getApiVersionSym() { return syms[AuthzAttribute.API_VERSION.ordinal()]; }
    public int getResourceSym() { return syms[AuthzAttribute.RESOURCE.ordinal()]; }
    public int getSubresourceSym() { return syms[AuthzAttribute.SUBRESOURCE.ordinal()]; }
    public int getNameSym() { return syms[AuthzAttribute.NAME.ordinal()]; }
    public int getPathSym() { return syms[AuthzAttribute.PATH.ordinal()]; }
    public boolean isResourceRequest() { return resourceRequest; }
    public int getAuthnMethodSym() { return syms[AuthzAttribute.AUTHN_METHOD.ordinal()]; }
    public int getAuthnAuthenticatorSym() { return syms[AuthzAttribute.AUTHN_AUTHENTICATOR.ordinal()]; }

    /** Runs predicate {@code id} on this request's own strings. */
    public boolean test(int id) {
        Predicate.Compiled p = predicates[id];
        Predicate def = p.predicate();
        if (def.subject().type() != ValueType.STRING) {
            throw new IllegalStateException("predicate #" + id + " is not about a scalar attribute");
        }
        String arg = def.argument() == null ? null : values[def.argument().ordinal()];
        return p.test(values[def.subject().ordinal()], arg);
    }

    /** Called by the consequence of every rule derived from policy rule {@code ruleIndex}. */
    public void matched(int ruleIndex) {
        matched.set(ruleIndex);
    }

    BitSet matchedRules() {
        return (BitSet) matched.clone();
    }
}

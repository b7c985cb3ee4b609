package dev.palisade.diff;

import com.microsoft.z3.BoolExpr;
import java.util.List;

/**
 * An authorizer of the chain as formulas: when it allows, when it denies (otherwise it has no
 * opinion), and the elements both are made of.
 *
 * @param identity its type and name, which align authorizers of two configurations
 */
record EncodedAuthorizer(String identity, String name, BoolExpr allows, BoolExpr denies, List<Element> elements) {
    EncodedAuthorizer {
        elements = List.copyOf(elements);
    }

    /**
     * The authorizer restricted to the elements that may overlap {@code focus} (all of them when
     * null): on the requests {@code focus} matches it decides exactly as the whole authorizer, since
     * the others cannot match there. Deny elements override allow elements, as in every authorizer
     * encoded here (RBAC and ABAC have no deny elements; AlwaysDeny is one).
     */
    EncodedAuthorizer around(RequestSpace space, Element focus) {
        List<com.microsoft.z3.BoolExpr> allow = new java.util.ArrayList<>();
        List<com.microsoft.z3.BoolExpr> deny = new java.util.ArrayList<>();
        for (Element e : elements) {
            if (focus == null || e.mayOverlap(focus)) {
                (e.effect() == Element.Effect.DENY ? deny : allow).add(e.match());
            }
        }
        BoolExpr denied = space.or(deny);
        BoolExpr allowed = deny.isEmpty() ? space.or(allow) : space.ctx.mkAnd(space.ctx.mkNot(denied), space.or(allow));
        return new EncodedAuthorizer(identity, name, allowed, denied, elements);
    }
}

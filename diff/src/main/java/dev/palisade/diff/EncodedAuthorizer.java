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
}

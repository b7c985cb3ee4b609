package dev.palisade.dsl.schema;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The kind of rule a condition belongs to, which decides the attributes it may read: an
 * authorization rule sees the request, an authentication rule sees only who authenticated and
 * how (the request is not the question yet, and {@code authn.*} means nothing to an authorizer).
 */
public enum RuleStage {
    AUTHORIZATION("authorization"),
    AUTHENTICATION("authn");

    private final String display;

    RuleStage(String display) {
        this.display = display;
    }

    /** How the stage is named in messages: "authorization rules", "authn rules". */
    public String display() {
        return display;
    }

    /** The attribute of this stage with that DSL name, if any. */
    public Optional<AuthzAttribute> attribute(String dslName) {
        return AuthzAttribute.byName(dslName).filter(a -> a.readableIn(this));
    }

    /** The DSL names of this stage's attributes, in declaration order. */
    public List<String> attributeNames() {
        return Arrays.stream(AuthzAttribute.values()).filter(a -> a.readableIn(this)).map(AuthzAttribute::dslName).toList();
    }
}

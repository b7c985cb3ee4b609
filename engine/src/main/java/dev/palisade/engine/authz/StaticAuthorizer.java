package dev.palisade.engine.authz;

import dev.palisade.engine.request.RequestAttributes;

/** AlwaysAllow and AlwaysDeny, the apiserver's two fixed authorizers. */
public final class StaticAuthorizer implements Authorizer {
    private final String name;
    private final Decision decision;

    private StaticAuthorizer(String name, Decision decision) {
        this.name = name;
        this.decision = decision;
    }

    public static StaticAuthorizer alwaysAllow() {
        return new StaticAuthorizer("AlwaysAllow", Decision.allow(new Reason("AlwaysAllow", "", "allowed by AlwaysAllow", "")));
    }

    public static StaticAuthorizer alwaysDeny() {
        return new StaticAuthorizer("AlwaysDeny", Decision.deny(new Reason("AlwaysDeny", "", "denied by AlwaysDeny", "")));
    }

    /** Decided by what was loaded at build time only. */
    @Override
    public boolean pure() {
        return true;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Decision authorize(RequestAttributes request) {
        return decision;
    }
}

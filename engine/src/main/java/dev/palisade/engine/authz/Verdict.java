package dev.palisade.engine.authz;

/** An authorizer's answer, as in Kubernetes: NO_OPINION lets the next authorizer in a chain decide. */
public enum Verdict { ALLOW, DENY, NO_OPINION }

package dev.palisade.engine.authz;

import dev.palisade.Api;
/** An authorizer's answer, as in Kubernetes: NO_OPINION lets the next authorizer in a chain decide. */
@Api
public enum Verdict { ALLOW, DENY, NO_OPINION }

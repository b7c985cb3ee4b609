package dev.palisade.engine.http;

import dev.palisade.engine.authz.Decision;
import dev.palisade.engine.request.RequestAttributes;

/** One {@code impersonate} authorization the requester needed, and its decision. */
public record ImpersonationCheck(RequestAttributes attributes, Decision decision) {}

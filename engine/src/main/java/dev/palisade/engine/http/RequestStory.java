package dev.palisade.engine.http;

import dev.palisade.engine.authn.AuthenticationResult;
import dev.palisade.engine.authz.Decision;
import dev.palisade.engine.request.RequestAttributes;

/**
 * Everything that happened to one raw request, stage by stage: who (authentication), as whom
 * (impersonation), what (request info and attributes), and the authorization decision, with the
 * HTTP status the apiserver would answer (200, 400, 401, 403) and why. Stages after the one that
 * refused are null.
 */
public record RequestStory(RawRequest request, AuthenticationResult authentication, ImpersonationResult impersonation,
                           RequestInfo info, RequestAttributes attributes, Decision decision, int status, String message) {
    public boolean allowed() {
        return status == 200;
    }
}

package dev.palisade.engine.http;

import dev.palisade.engine.PolicyEngine;
import dev.palisade.engine.authn.AuthenticationResult;
import dev.palisade.engine.authz.AuthorizerChain;
import dev.palisade.engine.authz.Decision;
import dev.palisade.engine.request.RequestAttributes;

/**
 * The apiserver's front filters in order: authentication (401 when nobody accepts the
 * credentials), impersonation (400 / 403), request info (400 when the path cannot be read), then
 * authorization (403 unless allowed). Fails closed: a stage that cannot finish refuses.
 */
public final class RequestPipeline {
    private final PolicyEngine engine;

    public RequestPipeline(PolicyEngine engine) {
        this.engine = engine;
    }

    public RequestStory handle(RawRequest request) {
        AuthenticationResult authn = engine.authenticate(request.credentials());
        if (!authn.authenticated()) {
            return new RequestStory(request, authn, null, null, null, null, 401, authn.reason());
        }
        ImpersonationResult impersonation = Impersonation.apply(authn.user(), request.headers(), new AuthorizerChain(engine.authorizers(), engine.failurePolicies()));
        if (impersonation.refused()) {
            return new RequestStory(request, authn, impersonation, null, null, null, impersonation.status(), impersonation.error());
        }
        RequestInfo info;
        try {
            info = RequestInfoResolver.resolve(request.method(), request.target());
        } catch (InvalidRequestException e) {
            return new RequestStory(request, authn, impersonation, null, null, null, 400, e.getMessage());
        }
        RequestAttributes attributes = info.attributes(impersonation.user());
        Decision decision = engine.authorize(attributes);
        if (!decision.allowed()) {
            String why = decision.reasonText().isEmpty() ? "" : ": " + decision.reasonText();
            return new RequestStory(request, authn, impersonation, info, attributes, decision, 403,
                    "user \"" + attributes.user().name() + "\" cannot " + attributes.describe() + why);
        }
        return new RequestStory(request, authn, impersonation, info, attributes, decision, 200, decision.reasonText());
    }
}

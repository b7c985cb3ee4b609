package dev.palisade.engine.batch;

import dev.palisade.engine.PolicyEngine;
import dev.palisade.engine.audit.AuditRequest;
import dev.palisade.engine.authz.AuthorizerChain;
import dev.palisade.engine.authz.Decision;
import dev.palisade.engine.authz.Reason;
import dev.palisade.engine.authz.Verdict;
import dev.palisade.engine.request.RequestAttributes;
import java.util.HashMap;
import java.util.Map;

/**
 * Decides audit requests against a policy engine, as the apiserver would have: the impersonation
 * checks for the real requester first (any refused one is a 403), then the request for the
 * identity it acted as.
 *
 * <p>One per worker thread, not shared: it memoises decisions by request attributes. Real logs
 * repeat themselves (kubelets and controllers ask the same questions over and over), and every
 * authorizer the engine has today (DSL policies, RBAC, static) is a pure function of the
 * attributes, so a repeated request needs no second evaluation. The memo is cleared when full,
 * which bounds its memory.
 */
final class RequestJudge {
    static final int MEMO_LIMIT = 20_000;
    private final PolicyEngine engine;
    private final Map<RequestAttributes, Judgement> memo = new HashMap<>();

    RequestJudge(PolicyEngine engine) {
        this.engine = engine;
    }

    Judgement judge(AuditRequest request) {
        for (RequestAttributes check : request.impersonation()) {
            Judgement j = decide(check);
            if (!j.allowed()) {
                String who = check.user().name();
                return new Judgement(false, Verdict.DENY, "impersonation",
                        who + " may not impersonate " + check.resource()
                                + (check.subresource().isEmpty() ? "" : "/" + check.subresource())
                                + " \"" + check.name() + "\"" + (j.reason().isEmpty() ? "" : " (" + j.reason() + ")"));
            }
        }
        return decide(request.request());
    }

    private Judgement decide(RequestAttributes attributes) {
        Judgement cached = memo.get(attributes);
        if (cached != null) {
            return cached;
        }
        Judgement j = of(engine.authorize(attributes));
        if (memo.size() >= MEMO_LIMIT) {
            memo.clear();
        }
        memo.put(attributes, j);
        return j;
    }

    static Judgement of(Decision d) {
        String rule;
        if (AuthorizerChain.deniedForLackOfOpinion(d)) {
            rule = "no opinion (default deny)";
        } else if (d.reasons().isEmpty()) {
            rule = "";
        } else {
            Reason first = d.reasons().get(0);
            rule = first.ruleId().isEmpty() ? first.authorizer() : first.ruleId();
        }
        // the rule id is reported on its own: the reason is each message with its place
        String reason = d.reasons().stream()
                .map(r -> (r.message().isEmpty() ? r.ruleId() : r.message())
                        + (r.source().isEmpty() ? "" : " (" + r.source() + ")"))
                .collect(java.util.stream.Collectors.joining("; "));
        if (!d.errors().isEmpty()) {
            reason = reason.isEmpty() ? "errors: " + d.errorText() : reason + "; errors: " + d.errorText();
        }
        return new Judgement(d.allowed(), d.verdict(), rule, reason);
    }
}

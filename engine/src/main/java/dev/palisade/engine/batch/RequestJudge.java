package dev.palisade.engine.batch;

import dev.palisade.engine.PolicyEngine;
import dev.palisade.engine.admission.AdmissionDecision;
import dev.palisade.engine.admission.AdmissionReason;
import dev.palisade.engine.audit.AuditAdmission;
import dev.palisade.engine.audit.AuditEvent;
import dev.palisade.engine.audit.AuditRequest;
import dev.palisade.engine.authz.Authorizer;
import dev.palisade.engine.authz.AuthorizerChain;
import dev.palisade.engine.authz.Decision;
import dev.palisade.engine.authz.Reason;
import dev.palisade.engine.authz.Verdict;
import dev.palisade.engine.http.Impersonation;
import dev.palisade.engine.http.ImpersonationCheck;
import dev.palisade.engine.http.ImpersonationResult;
import dev.palisade.engine.request.RequestAttributes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Decides audit requests against a policy engine, as the apiserver would have: the impersonation
 * filter for the real requester first (any refused check is a 403), then authorization of the
 * request for the identity it acted as, then, for a write the log has the body of and when
 * admission is replayed, the admission chain (a deny there denies the request).
 *
 * <p>One per worker thread, not shared: it may memoise authorization decisions by request
 * attributes. Real logs repeat themselves (kubelets and controllers ask the same questions over
 * and over), and a pure authorizer (DSL policies, RBAC, ABAC, static) needs no second
 * evaluation of a repeated request; the caller turns the memo off for a chain that is not pure
 * (a webhook may answer differently each time). The memo is cleared when full, which bounds its
 * memory. Admission is never memoised: objects differ.
 */
final class RequestJudge implements Authorizer {
    static final int MEMO_LIMIT = 20_000;
    private final PolicyEngine engine;
    private final boolean memoise;
    private final boolean admission;
    private final Map<RequestAttributes, Memo> memo = new HashMap<>();

    /** A decision and its report form, computed once per distinct attributes. */
    private record Memo(Decision decision, Judgement judgement) {
    }

    RequestJudge(PolicyEngine engine, boolean memoise, boolean admission) {
        this.engine = engine;
        this.memoise = memoise;
        this.admission = admission;
    }

    @Override
    public String name() {
        return "batch";
    }

    /** The impersonation filter asks through here, so that its checks are memoised too. */
    @Override
    public Decision authorize(RequestAttributes attributes) {
        return decide(attributes).decision();
    }

    Judged judge(AuditEvent event, AuditRequest request) {
        if (request.impersonating()) {
            ImpersonationResult r = Impersonation.apply(request.requester(), request.impersonation(), this);
            if (r.refused()) {
                return new Judged(refusedImpersonation(r), AdmissionVerdict.NONE);
            }
        }
        Judgement authz = decide(request.request()).judgement();
        if (!admission) {
            return new Judged(authz, AdmissionVerdict.NONE);
        }
        AuditAdmission.Replay replay = AuditAdmission.of(event, request.request());
        if (replay == null) {
            return new Judged(authz, AdmissionVerdict.NONE);
        }
        if (!authz.allowed()) {
            return new Judged(authz, AdmissionVerdict.NOT_REACHED);
        }
        if (!replay.replayable()) {
            return new Judged(authz, AdmissionVerdict.notReplayed(replay.notReplayed()));
        }
        AdmissionDecision d = engine.admit(replay.request());
        if (d.allowed()) {
            return new Judged(authz, new AdmissionVerdict(AdmissionVerdict.State.ALLOWED, "", "", d.warnings()));
        }
        String rules = d.denials().stream().map(AdmissionReason::ruleId).map(RequestJudge::checkId)
                .collect(Collectors.toCollection(TreeSet::new)).stream().collect(Collectors.joining(","));
        AdmissionVerdict verdict = new AdmissionVerdict(AdmissionVerdict.State.DENIED, rules, d.message(), d.warnings());
        // the request as a whole is denied, by admission: that is what the report names
        String source = d.denials().isEmpty() ? "" : d.denials().get(0).location();
        return new Judged(new Judgement(false, Verdict.DENY, "admission:" + rules, d.message(), source), verdict);
    }

    /** {@code runAsNonRoot#unset} is a part of check {@code runAsNonRoot}: reports count checks. */
    private static String checkId(String ruleId) {
        int hash = ruleId.indexOf('#');
        return hash < 0 ? ruleId : ruleId.substring(0, hash);
    }

    private static Judgement refusedImpersonation(ImpersonationResult r) {
        List<ImpersonationCheck> checks = r.checks();
        if (checks.isEmpty() || checks.get(checks.size() - 1).decision().allowed()) {
            return new Judgement(false, Verdict.DENY, "impersonation", r.error()); // malformed, not forbidden
        }
        ImpersonationCheck refused = checks.get(checks.size() - 1);
        RequestAttributes check = refused.attributes();
        Judgement refusal = of(refused.decision());
        String why = refusal.reason();
        return new Judgement(false, Verdict.DENY, "impersonation",
                check.user().name() + " may not impersonate " + check.resource()
                        + (check.subresource().isEmpty() ? "" : "/" + check.subresource())
                        + " \"" + check.name() + "\"" + (why.isEmpty() ? "" : " (" + why + ")"), refusal.source());
    }

    private Memo decide(RequestAttributes attributes) {
        if (!memoise) {
            Decision d = engine.authorize(attributes);
            return new Memo(d, of(d));
        }
        Memo cached = memo.get(attributes);
        if (cached != null) {
            return cached;
        }
        Decision d = engine.authorize(attributes);
        Memo m = new Memo(d, of(d));
        if (memo.size() >= MEMO_LIMIT) {
            memo.clear();
        }
        memo.put(attributes, m);
        return m;
    }

    static Judgement of(Decision d) {
        String rule;
        String source = "";
        if (AuthorizerChain.deniedForLackOfOpinion(d)) {
            rule = "no opinion (default deny)";
        } else if (d.reasons().isEmpty()) {
            rule = "";
        } else {
            Reason first = d.reasons().get(0);
            rule = first.ruleId().isEmpty() ? first.authorizer() : first.ruleId();
            source = first.source();
        }
        // the rule id is reported on its own: the reason is each message with its place
        String reason = d.reasons().stream()
                .map(r -> (r.message().isEmpty() ? r.ruleId() : r.message())
                        + (r.source().isEmpty() ? "" : " (" + r.source() + ")"))
                .collect(Collectors.joining("; "));
        if (!d.errors().isEmpty()) {
            reason = reason.isEmpty() ? "errors: " + d.errorText() : reason + "; errors: " + d.errorText();
        }
        return new Judgement(d.allowed(), d.verdict(), rule, reason, source);
    }

    /** The request's final judgement (authorization, then admission) and admission's part in it. */
    record Judged(Judgement judgement, AdmissionVerdict admission) {
    }
}

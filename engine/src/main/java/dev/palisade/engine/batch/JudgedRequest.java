package dev.palisade.engine.batch;

import dev.palisade.engine.audit.RecordedDecision;
import dev.palisade.engine.request.RequestAttributes;

/**
 * One request of the log, judged once however many stage events it had: who, what, what the
 * cluster decided then ({@code recorded}) and what the policy decides now.
 *
 * @param user the identity the request acted as (the impersonated one, if any)
 * @param impersonatedBy the real requester when the request impersonated {@code user}, else ""
 * @param place where the event that settled the request is in the log
 * @param recorded what the cluster decided: authorization's decision, except that a request
 *        authorization allowed but that was answered 403 counts as denied when admission is
 *        replayed for it (a 403 after authorization is admission's)
 * @param judgement the policy's decision now: authorization, then admission when replayed
 * @param admission admission's part in {@code judgement}
 * @param timestamp when the apiserver received the request, epoch milliseconds, or
 *        {@link dev.palisade.engine.audit.AuditTimestamp#NONE} when the log does not say
 */
public record JudgedRequest(Place place, String auditID, String user, String impersonatedBy, String verb,
                            String apiGroup, String resource, String subresource, String namespace, String name,
                            String path, RecordedDecision recorded, Judgement judgement,
                            boolean requestObjectLogged, AdmissionVerdict admission, long timestamp)
        implements java.io.Serializable {

    static JudgedRequest of(JudgedEvent e, RecordedDecision recorded) {
        RequestAttributes r = e.request().request();
        String impersonatedBy = e.event().impersonatedUser() == null ? "" : e.event().user().name();
        if (recorded == RecordedDecision.ALLOW && e.event().responseCode() == 403
                && e.admission().state() != AdmissionVerdict.State.NONE) {
            recorded = RecordedDecision.DENY;
        }
        return new JudgedRequest(e.place(), e.event().auditID(), r.user().name(), impersonatedBy, r.verb(),
                r.apiGroup(), r.resource(), r.subresource(), r.namespace(), r.name(), r.path(), recorded,
                e.judgement(), e.event().hasRequestObject(), e.admission(), e.event().timestamp());
    }

    /** The same request with {@code recorded} instead (stage merging settles a lone RequestReceived as unknown). */
    JudgedRequest withRecorded(RecordedDecision recorded) {
        return recorded == this.recorded ? this : new JudgedRequest(place, auditID, user, impersonatedBy, verb, apiGroup,
                resource, subresource, namespace, name, path, recorded, judgement, requestObjectLogged, admission, timestamp);
    }

    /** Recorded as allowed, denied now by admission (authorization still allows). */
    public boolean newlyDeniedByAdmission() {
        return newlyDenied() && admission.state() == AdmissionVerdict.State.DENIED;
    }

    public boolean resourceRequest() {
        return path.isEmpty();
    }

    /** Recorded as allowed, denied by the policy now: what {@code --fail-on-flip} guards against. */
    public boolean newlyDenied() {
        return recorded == RecordedDecision.ALLOW && !judgement.allowed();
    }

    /** Recorded as denied, allowed by the policy now. */
    public boolean newlyAllowed() {
        return recorded == RecordedDecision.DENY && judgement.allowed();
    }

    /** {@code group/resource/subresource} (core group without prefix), or the path of a non-resource request. */
    public String resourceLabel() {
        if (!resourceRequest()) {
            return path;
        }
        return (apiGroup.isEmpty() ? "" : apiGroup + "/") + resource + (subresource.isEmpty() ? "" : "/" + subresource);
    }

    /** e.g. {@code list pods in "default"}, {@code get secrets "db" in "prod"}, {@code get /healthz}. */
    public String describe() {
        StringBuilder b = new StringBuilder(verb).append(' ').append(resourceLabel());
        if (!name.isEmpty()) {
            b.append(" \"").append(name).append('"');
        }
        if (!namespace.isEmpty()) {
            b.append(" in \"").append(namespace).append('"');
        }
        return b.toString();
    }

    public String decisionLabel() {
        return judgement.allowed() ? "allow" : "deny";
    }
}

package dev.palisade.engine.audit;

/**
 * The authorization outcome an audit event records. The {@code authorization.k8s.io/decision}
 * annotation is authoritative when present. Without it the response code is read the way
 * the issue asks: 403 means forbidden; 401 means the request never reached authorization;
 * 429 (priority and fairness) is rejected before authorization too, so it tells nothing;
 * any other code means authorization let the request through (it may have failed later).
 */
public enum RecordedDecision {
    ALLOW("allow"), DENY("deny"), UNKNOWN("unknown"), UNAUTHENTICATED("unauthenticated");

    private final String label;

    RecordedDecision(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    static RecordedDecision of(AuditEvent e) {
        switch (e.decisionAnnotation()) {
            case "allow":
                return ALLOW;
            case "forbid":
            case "deny":
                return DENY;
            default:
                break;
        }
        int code = e.responseCode();
        if (code == AuditEvent.NO_RESPONSE || code == 429) {
            return UNKNOWN;
        }
        if (code == 401) {
            return UNAUTHENTICATED;
        }
        return code == 403 ? DENY : ALLOW;
    }
}

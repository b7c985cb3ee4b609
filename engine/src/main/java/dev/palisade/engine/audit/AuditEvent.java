package dev.palisade.engine.audit;

import dev.palisade.engine.request.UserInfo;
import java.util.Objects;

/**
 * The parts of one audit.k8s.io Event (v1 or v1beta1) that authorization replay needs. The
 * request and response bodies are not kept (only whether a request object was logged), so
 * that an event costs a few hundred bytes whatever its level.
 *
 * @param impersonatedUser the identity the request acted as, or null when not impersonated
 * @param objectRef null for non-resource requests (and for events that did not record it)
 * @param responseCode the HTTP status recorded, or {@link #NO_RESPONSE} (e.g. stage RequestReceived)
 * @param decisionAnnotation {@code authorization.k8s.io/decision} ("allow", "forbid") or ""
 * @param reasonAnnotation {@code authorization.k8s.io/reason} or ""
 */
public record AuditEvent(String auditID, String stage, String level, String verb, String requestURI,
                         UserInfo user, UserInfo impersonatedUser, ObjectRef objectRef, int responseCode,
                         String decisionAnnotation, String reasonAnnotation, boolean hasRequestObject) {
    public static final int NO_RESPONSE = -1;
    public static final String DECISION_ANNOTATION = "authorization.k8s.io/decision";
    public static final String REASON_ANNOTATION = "authorization.k8s.io/reason";

    public AuditEvent {
        auditID = Objects.requireNonNullElse(auditID, "");
        stage = Objects.requireNonNullElse(stage, "");
        level = Objects.requireNonNullElse(level, "");
        verb = Objects.requireNonNullElse(verb, "");
        requestURI = Objects.requireNonNullElse(requestURI, "");
        decisionAnnotation = Objects.requireNonNullElse(decisionAnnotation, "");
        reasonAnnotation = Objects.requireNonNullElse(reasonAnnotation, "");
    }

    /** The identity the apiserver authorized the request itself for: the impersonated one if any. */
    public UserInfo effectiveUser() {
        return impersonatedUser != null ? impersonatedUser : user;
    }

    /** What the apiserver decided, as far as the event tells. */
    public RecordedDecision recorded() {
        return RecordedDecision.of(this);
    }
}

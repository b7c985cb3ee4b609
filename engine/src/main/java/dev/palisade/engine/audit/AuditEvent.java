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
 * @param hasRequestObject whether the event logged a request body (whatever the parser kept of it)
 * @param objects the logged bodies when the parser was asked to keep them, else {@link LoggedObjects#NONE}
 * @param timestamp when the apiserver received the request ({@code requestReceivedTimestamp}, else
 *        {@code stageTimestamp}) in epoch milliseconds, or {@link AuditTimestamp#NONE}
 */
public record AuditEvent(String auditID, String stage, String level, String verb, String requestURI,
                         UserInfo user, UserInfo impersonatedUser, ObjectRef objectRef, int responseCode,
                         String decisionAnnotation, String reasonAnnotation, boolean hasRequestObject,
                         LoggedObjects objects, long timestamp) {
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
        objects = Objects.requireNonNullElse(objects, LoggedObjects.NONE);
    }

    /** An event whose bodies were not kept, with no timestamp. */
    public AuditEvent(String auditID, String stage, String level, String verb, String requestURI, UserInfo user,
                      UserInfo impersonatedUser, ObjectRef objectRef, int responseCode, String decisionAnnotation,
                      String reasonAnnotation, boolean hasRequestObject) {
        this(auditID, stage, level, verb, requestURI, user, impersonatedUser, objectRef, responseCode,
                decisionAnnotation, reasonAnnotation, hasRequestObject, LoggedObjects.NONE);
    }

    /** An event with no timestamp. */
    public AuditEvent(String auditID, String stage, String level, String verb, String requestURI, UserInfo user,
                      UserInfo impersonatedUser, ObjectRef objectRef, int responseCode, String decisionAnnotation,
                      String reasonAnnotation, boolean hasRequestObject, LoggedObjects objects) {
        this(auditID, stage, level, verb, requestURI, user, impersonatedUser, objectRef, responseCode,
                decisionAnnotation, reasonAnnotation, hasRequestObject, objects, AuditTimestamp.NONE);
    }

    /**
     * The same event without its bodies: once admission has seen them they are dead weight, and
     * judged events wait in memory (stage merging) far longer than a chunk lives.
     */
    public AuditEvent withoutObjects() {
        if (objects == LoggedObjects.NONE) {
            return this;
        }
        return new AuditEvent(auditID, stage, level, verb, requestURI, user, impersonatedUser, objectRef,
                responseCode, decisionAnnotation, reasonAnnotation, hasRequestObject, LoggedObjects.NONE, timestamp);
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

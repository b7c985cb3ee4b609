package dev.palisade.engine.batch;

import dev.palisade.engine.audit.RecordedDecision;

/**
 * What stage merging ({@link RequestTracker}) reads of one judged audit event. The single-machine
 * replay gives it {@link JudgedEvent}s; a distributed replay ships {@link DistributedReplay.Event}s,
 * the same facts in a serializable form, to wherever the events of one auditID meet.
 */
public interface StageEvent {
    Place place();

    String auditID();

    /** e.g. {@code RequestReceived}, {@code ResponseComplete}. */
    String stage();

    /** What the cluster decided, as far as this event tells. */
    RecordedDecision recorded();

    /** A hash of what stays the same across the stages of one request (auditID, user, impersonated user, verb, URI). */
    long requestKey();

    /** The request this event settles, with {@code recorded} (its own, or unknown when no later stage came). */
    JudgedRequest settle(RecordedDecision recorded);
}

package dev.palisade.engine.batch;

import dev.palisade.engine.audit.AuditEvent;
import dev.palisade.engine.audit.AuditRequest;
import dev.palisade.engine.audit.RecordedDecision;

/** One event after a worker: parsed, turned into the request the apiserver authorized, judged by the policy (the event's bodies dropped). */
record JudgedEvent(Place place, AuditEvent event, AuditRequest request, Judgement judgement,
                   AdmissionVerdict admission) implements Outcome, StageEvent {
    @Override
    public String auditID() {
        return event.auditID();
    }

    @Override
    public String stage() {
        return event.stage();
    }

    @Override
    public RecordedDecision recorded() {
        return event.recorded();
    }

    @Override
    public long requestKey() {
        return RequestTracker.requestKey(event);
    }

    @Override
    public JudgedRequest settle(RecordedDecision recorded) {
        return JudgedRequest.of(this, recorded);
    }
}

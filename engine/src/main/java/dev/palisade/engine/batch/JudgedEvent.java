package dev.palisade.engine.batch;

import dev.palisade.engine.audit.AuditEvent;
import dev.palisade.engine.audit.AuditRequest;

/** One event after a worker: parsed, turned into the request the apiserver authorized, judged by the policy (the event's bodies dropped). */
record JudgedEvent(Place place, AuditEvent event, AuditRequest request, Judgement judgement,
                   AdmissionVerdict admission) implements Outcome {
}

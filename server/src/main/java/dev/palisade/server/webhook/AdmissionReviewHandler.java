package dev.palisade.server.webhook;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palisade.dsl.admission.AdmissionPhase;
import dev.palisade.engine.PolicyEngine;
import dev.palisade.engine.admission.AdmissionDecision;
import dev.palisade.engine.admission.AdmissionRequest;
import dev.palisade.engine.admission.AdmissionReviews;
import dev.palisade.engine.admission.InvalidAdmissionReviewException;
import dev.palisade.server.EngineSource;
import dev.palisade.server.HttpResponse;
import java.io.IOException;
import java.util.Objects;

/**
 * {@code POST /validate} ({@link AdmissionPhase#VALIDATE}: validating rules, never a patch) and
 * {@code POST /mutate} ({@link AdmissionPhase#MUTATE}: mutating rules, a JSONPatch). The answer is
 * an AdmissionReview in the version asked, {@code uid} echoed, as {@code palisade admit} writes it.
 */
public final class AdmissionReviewHandler extends ReviewHandler {
    private final AdmissionPhase phase;

    public AdmissionReviewHandler(EngineSource engines, AdmissionPhase phase) {
        super(engines);
        this.phase = Objects.requireNonNull(phase, "phase");
    }

    @Override
    protected String kind() {
        return "AdmissionReview";
    }

    @Override
    protected HttpResponse answer(PolicyEngine engine, ObjectNode review) throws InvalidAdmissionReviewException, IOException {
        AdmissionRequest request = AdmissionReviews.toRequest(review);
        AdmissionDecision decision = engine.admit(request, phase);
        return json(AdmissionReviews.response(AdmissionReviews.answerVersion(review), request.uid(), decision),
                decision.allowed() ? (decision.patch().isEmpty() ? "allowed" : "patched") : "denied");
    }
}

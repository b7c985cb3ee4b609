package dev.palisade.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palisade.engine.PolicyEngine;
import dev.palisade.engine.admission.AdmissionDecision;
import dev.palisade.engine.admission.AdmissionRequest;
import dev.palisade.engine.admission.AdmissionReviews;
import dev.palisade.engine.admission.InvalidAdmissionReviewException;
import picocli.CommandLine.Command;

/**
 * {@code palisade admit -c CONFIG [FILE|-]}: AdmissionReviews (admission.k8s.io/v1 or v1beta1)
 * in (one JSON document, or JSON lines), each answered with a review holding {@code response}
 * (uid copied, allowed, status with one cause per violation, warnings, base64 JSONPatch), one
 * compact line per input, in input order. A malformed input is answered with a 400 status and
 * the stream goes on; the exit code is then 2, else 1 when any request was denied, else 0.
 */
@Command(name = "admit", description = "Answer AdmissionReviews (admission.k8s.io/v1) from a file or stdin.")
final class AdmitCommand extends ReviewCommand {
    private int denied;

    @Override
    protected ObjectNode answer(PolicyEngine engine, JsonNode review) throws InvalidAdmissionReviewException {
        AdmissionRequest request = AdmissionReviews.toRequest(review);
        AdmissionDecision decision = engine.admit(request);
        if (!decision.allowed()) {
            denied++;
        }
        return AdmissionReviews.response(AdmissionReviews.answerVersion(review), request.uid(), decision);
    }

    @Override
    protected ObjectNode invalid(JsonNode review, String message) {
        return AdmissionReviews.invalid(review, message);
    }

    @Override
    protected int findings() {
        return denied;
    }
}

package dev.palisade.cli;

import dev.palisade.engine.wire.ReviewProtocol;
import dev.palisade.engine.wire.ReviewProtocols;
import picocli.CommandLine.Command;

/**
 * {@code palisade admit -c CONFIG [FILE|-]}: AdmissionReviews (admission.k8s.io/v1 or v1beta1)
 * in (JSON lines, or one pretty-printed document), each answered with a review holding
 * {@code response} (uid copied, allowed, status with one cause per violation, warnings, base64
 * JSONPatch), one compact line per input, in input order. A malformed input is answered with a
 * 400 status and the stream goes on; the exit code is then 2, else 1 when any request was
 * denied, else 0.
 */
@Command(name = "admit", description = "Answer AdmissionReviews (admission.k8s.io/v1) from a file or stdin.")
final class AdmitCommand extends ReviewCommand {
    @Override
    protected ReviewProtocol<?> protocol() {
        return ReviewProtocols.ADMISSION_REVIEW;
    }
}

package dev.palisade.cli;

import dev.palisade.engine.wire.ReviewProtocol;
import dev.palisade.engine.wire.ReviewProtocols;
import picocli.CommandLine.Command;

/**
 * {@code palisade authorize -c CONFIG [FILE|-]}: SubjectAccessReviews in (JSON lines, or one
 * pretty-printed document), each review out with its {@code status} filled, one compact line per
 * input, in input order. A malformed input yields {@code allowed: false} with an
 * {@code evaluationError} and the stream goes on; the exit code is then 2.
 */
@Command(name = "authorize", description = "Answer SubjectAccessReviews (authorization.k8s.io/v1) from a file or stdin.")
final class AuthorizeCommand extends ReviewCommand {
    @Override
    protected ReviewProtocol<?> protocol() {
        return ReviewProtocols.SUBJECT_ACCESS_REVIEW;
    }
}

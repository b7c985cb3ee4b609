package dev.palisade.cli;

import dev.palisade.engine.wire.ReviewProtocol;
import dev.palisade.engine.wire.ReviewProtocols;
import picocli.CommandLine.Command;

/**
 * {@code palisade authenticate -c CONFIG [FILE|-]}: TokenReviews in (JSON lines, or one
 * pretty-printed document), each out with {@code status} filled by the configured authenticator
 * chain, one compact line per input. A malformed input is answered {@code authenticated: false}
 * with an error, the stream goes on, and the exit code is 2. Tokens are never written out, to
 * stdout or stderr: not under {@code spec.token} in any spelling, not as a whole {@code spec}.
 */
@Command(name = "authenticate", description = "Answer TokenReviews (authentication.k8s.io/v1) from a file or stdin.")
final class AuthenticateCommand extends ReviewCommand {
    @Override
    protected ReviewProtocol<?> protocol() {
        return ReviewProtocols.TOKEN_REVIEW;
    }
}

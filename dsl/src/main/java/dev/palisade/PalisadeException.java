package dev.palisade;

import java.util.List;

/**
 * The root of every exception a Palisade caller can catch: a policy that does not compile, a
 * configuration or data file that cannot be loaded, a review or request that cannot be read, a
 * webhook that failed. Each carries its problems as lines that name their place
 * ({@code file:line:col: reason}) where the input has places.
 *
 * <p>Unchecked, as Jackson's and Drools' are: a caller catches it where it can act (report and keep
 * the last good engine, answer 400), not at every call.
 */
@Api
public class PalisadeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PalisadeException(String message) {
        super(message);
    }

    public PalisadeException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Every problem, one line each, positioned where the input has positions. The default is the
     * message's lines; subclasses that collect several problems return them all.
     */
    public List<String> problems() {
        String message = getMessage();
        return message == null ? List.of() : message.lines().toList();
    }
}

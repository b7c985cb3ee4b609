package dev.palisade.engine.authn;

import dev.palisade.PalisadeException;

import java.util.List;

/**
 * An authenticator's files cannot be used (credential CSV, CA bundle, public keys). Each
 * problem names {@code file:line} where there is one, and never quotes a secret.
 */
public final class AuthnLoadException extends PalisadeException {
    private static final long serialVersionUID = 1L;
    private final List<String> problems;

    public AuthnLoadException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    public AuthnLoadException(String problem) {
        this(List.of(problem));
    }

    @Override
    public List<String> problems() {
        return problems;
    }
}

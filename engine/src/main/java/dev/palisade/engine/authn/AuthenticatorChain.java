package dev.palisade.engine.authn;

import dev.palisade.engine.request.UserInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The apiserver's authentication stage: authenticators are tried in order and the first success
 * wins; a failure does not stop the chain but is kept. A presented bearer token or Basic
 * credential that no authenticator accepts is itself a failure ("invalid bearer token"), as
 * upstream's bearer-token and basic-auth wrappers make it. Anonymous access, when enabled, is
 * granted only if nothing failed: a bad credential is never downgraded to anonymous. Every
 * authenticated user gets {@code system:authenticated}. Last, the {@link AuthnPolicy} (DSL
 * {@code authn} rules), when there is one, judges every success, anonymous included.
 */
public final class AuthenticatorChain implements AutoCloseable {
    private final List<Authenticator> authenticators;
    private final boolean anonymousEnabled;
    private final Optional<AuthnPolicy> policy;

    public AuthenticatorChain(List<Authenticator> authenticators, boolean anonymousEnabled) {
        this(authenticators, anonymousEnabled, Optional.empty());
    }

    public AuthenticatorChain(List<Authenticator> authenticators, boolean anonymousEnabled, Optional<AuthnPolicy> policy) {
        this.authenticators = List.copyOf(authenticators);
        this.anonymousEnabled = anonymousEnabled;
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /** The authn rules that judge each success, if configured. */
    public Optional<AuthnPolicy> policy() {
        return policy;
    }

    public List<Authenticator> authenticators() {
        return authenticators;
    }

    public boolean anonymousEnabled() {
        return anonymousEnabled;
    }

    public AuthenticationResult authenticate(Credentials credentials) {
        AuthenticationResult result = chain(credentials);
        return policy.isPresent() ? policy.get().judge(result) : result;
    }

    private AuthenticationResult chain(Credentials credentials) {
        Credentials c = credentials == null ? Credentials.none() : credentials;
        List<AuthenticatorError> errors = new ArrayList<>();
        if (c.malformedHeader().isPresent()) {
            errors.add(new AuthenticatorError("Authorization header", c.malformedHeader().get()));
        }
        for (Authenticator a : authenticators) {
            AuthnAttempt attempt = ask(a, c);
            if (attempt instanceof AuthnAttempt.Success s) {
                return new AuthenticationResult(true, withAuthenticatedGroup(s.user()), s.method(), a.name(), errors);
            }
            if (attempt instanceof AuthnAttempt.Failure f) {
                errors.add(new AuthenticatorError(a.name(), f.reason()));
            }
        }
        if (errors.isEmpty() && c.bearerToken().isPresent()) {
            errors.add(new AuthenticatorError("bearer token", "invalid bearer token: no authenticator recognised it"));
        }
        if (errors.isEmpty() && c.basicUser().isPresent()) {
            errors.add(new AuthenticatorError("basic auth", "invalid username/password combination"));
        }
        if (errors.isEmpty() && anonymousEnabled) {
            UserInfo anonymous = new UserInfo(SystemIdentities.ANONYMOUS, "", List.of(SystemIdentities.ALL_UNAUTHENTICATED), Map.of());
            return new AuthenticationResult(true, anonymous, AuthenticationMethod.ANONYMOUS, "anonymous", errors);
        }
        return AuthenticationResult.unauthenticated(errors);
    }

    /** An authenticator that throws has failed; only the exception type is reported, its text might hold input. */
    private static AuthnAttempt ask(Authenticator a, Credentials c) {
        try {
            AuthnAttempt attempt = a.authenticate(c);
            return attempt == null ? AuthnAttempt.failure("returned no answer") : attempt;
        } catch (RuntimeException e) {
            return AuthnAttempt.failure("internal error (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** Kubernetes' AuthenticatedGroupAdder: add system:authenticated unless either all-group is already there. */
    static UserInfo withAuthenticatedGroup(UserInfo user) {
        if (user.groups().contains(SystemIdentities.ALL_AUTHENTICATED) || user.groups().contains(SystemIdentities.ALL_UNAUTHENTICATED)) {
            return user;
        }
        List<String> groups = new ArrayList<>(user.groups());
        groups.add(SystemIdentities.ALL_AUTHENTICATED);
        return new UserInfo(user.name(), user.uid(), groups, user.extra());
    }

    /** Closes the authn rules and every authenticator that holds resources. Idempotent. */
    @Override
    public void close() throws Exception {
        Exception first = null;
        List<AutoCloseable> parts = new ArrayList<>();
        policy.ifPresent(parts::add);
        for (Authenticator a : authenticators) {
            if (a instanceof AutoCloseable c) {
                parts.add(c);
            }
        }
        for (AutoCloseable part : parts) {
            try {
                part.close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}

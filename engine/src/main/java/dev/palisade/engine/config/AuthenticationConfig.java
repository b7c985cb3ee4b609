package dev.palisade.engine.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The {@code authentication} section of {@code palisade.yaml}, shaped after the apiserver's
 * authentication flags / AuthenticationConfiguration: an ordered list of authenticators and
 * whether anonymous requests are let through. Paths are resolved against the configuration's
 * folder; {@code location} is where each entry was written. {@code policies}, or null: the DSL
 * {@code authn} rules that judge every successful authentication.
 */
public record AuthenticationConfig(boolean anonymousEnabled, List<Authenticator> authenticators, Policies policies) {
    public AuthenticationConfig {
        authenticators = List.copyOf(authenticators);
    }

    public AuthenticationConfig(boolean anonymousEnabled, List<Authenticator> authenticators) {
        this(anonymousEnabled, authenticators, null);
    }

    /** {@code policies: {paths: [...]}}: policy files or folders holding {@code reject} rules. */
    public record Policies(List<Path> paths, String location) {
        public Policies {
            paths = List.copyOf(paths);
        }
    }

    public static AuthenticationConfig none() {
        return new AuthenticationConfig(false, List.of());
    }

    /** The authenticator types, spelled as in the file. */
    public enum Type {
        BASIC_AUTH_FILE("BasicAuthFile"), TOKEN_FILE("TokenFile"), X509("X509"), SERVICE_ACCOUNT("ServiceAccount"),
        WEBHOOK("Webhook");

        private final String spelling;

        Type(String spelling) {
            this.spelling = spelling;
        }

        public String spelling() {
            return spelling;
        }
    }

    /**
     * One authenticator. Which fields are set depends on the type: {@code file} (BasicAuthFile,
     * TokenFile), {@code clientCAFile} (X509), {@code issuers}, {@code audiences}, {@code keyFiles},
     * {@code acceptLegacyTokens} (ServiceAccount), {@code webhook} and {@code audiences} (Webhook).
     */
    public record Authenticator(Type type, String name, Path file, Path clientCAFile, List<String> issuers,
                                List<String> audiences, List<Path> keyFiles, boolean acceptLegacyTokens, Webhook webhook,
                                String location) {
        public Authenticator {
            issuers = List.copyOf(issuers);
            audiences = List.copyOf(audiences);
            keyFiles = List.copyOf(keyFiles);
        }
    }

    /**
     * How to reach a webhook and cache its answers: for an authenticator {@code cacheTTL} /
     * {@code failureCacheTTL} (authenticated / refused tokens), for an authorizer
     * {@code authorizedTTL} / {@code unauthorizedTTL} and {@code failurePolicy}.
     */
    public record Webhook(URI url, Path caFile, Duration timeout, Duration positiveTTL, Duration negativeTTL,
                          String failurePolicy) {}
}

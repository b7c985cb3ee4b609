package dev.palisade.engine.config;

import dev.palisade.dsl.source.PolicyException;
import dev.palisade.dsl.parse.ParseLimits;
import dev.palisade.engine.authn.AuthnPolicy;
import dev.palisade.engine.authn.Authenticator;
import dev.palisade.engine.authn.AuthenticatorChain;
import dev.palisade.engine.authn.BasicAuthFileAuthenticator;
import dev.palisade.engine.authn.PublicKeys;
import dev.palisade.engine.authn.ServiceAccountAuthenticator;
import dev.palisade.engine.authn.TokenFileAuthenticator;
import dev.palisade.engine.authn.X509Authenticator;
import dev.palisade.engine.authz.FailurePolicy;
import dev.palisade.engine.webhook.SubjectAccessReviewAuthorizer;
import dev.palisade.engine.webhook.TokenReviewAuthenticator;
import dev.palisade.engine.webhook.WebhookClient;
import dev.palisade.engine.webhook.WebhookEndpoint;
import java.security.PublicKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns the {@code authentication} section into an {@link AuthenticatorChain}, and a Webhook
 * authorizer entry into its authorizer. Every authenticator that cannot be built (unreadable
 * CSV line, bad CA bundle or key) is a problem naming the entry's place and the file's line;
 * authn policies that do not compile are one problem with every diagnostic.
 */
public final class AuthenticationChainBuilder {
    private AuthenticationChainBuilder() {}

    public static AuthenticatorChain build(AuthenticationConfig config, Clock clock) {
        return build(config, clock, ParseLimits.DEFAULTS);
    }

    /** As {@link #build(AuthenticationConfig, Clock)}, the authn policies parsed within {@code limits}. */
    public static AuthenticatorChain build(AuthenticationConfig config, Clock clock, ParseLimits limits) {
        List<Authenticator> authenticators = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (AuthenticationConfig.Authenticator a : config.authenticators()) {
            try {
                authenticators.add(authenticator(a, clock));
            } catch (RuntimeException e) {
                problems.add(a.location() + ": authenticator \"" + a.name() + "\": " + e.getMessage());
            }
        }
        Optional<AuthnPolicy> policy = Optional.empty();
        if (config.policies() != null) {
            try {
                policy = Optional.of(AuthnPolicy.load(config.policies().paths(), limits));
            } catch (PolicyException e) {
                problems.add(config.policies().location() + ": authentication policies do not compile:\n" + e.render());
            } catch (RuntimeException e) {
                problems.add(config.policies().location() + ": authentication policies: " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new AuthenticatorChain(authenticators, config.anonymousEnabled(), policy);
    }

    private static Authenticator authenticator(AuthenticationConfig.Authenticator a, Clock clock) {
        return switch (a.type()) {
            case TOKEN_FILE -> TokenFileAuthenticator.fromFile(a.name(), a.file());
            case BASIC_AUTH_FILE -> BasicAuthFileAuthenticator.fromFile(a.name(), a.file());
            case X509 -> X509Authenticator.fromFile(a.name(), a.clientCAFile(), clock);
            case SERVICE_ACCOUNT -> {
                List<PublicKey> keys = new ArrayList<>();
                a.keyFiles().forEach(f -> keys.addAll(PublicKeys.read(f)));
                yield new ServiceAccountAuthenticator(a.name(), a.issuers(), a.audiences(), keys, a.acceptLegacyTokens(), clock);
            }
            case WEBHOOK -> new TokenReviewAuthenticator(a.name(), client(a.webhook()), a.audiences(), a.webhook().positiveTTL(),
                    a.webhook().negativeTTL(), clock);
        };
    }

    /** The SubjectAccessReview authorizer of a {@code type: Webhook} authorizer entry. */
    public static SubjectAccessReviewAuthorizer webhookAuthorizer(String name, AuthenticationConfig.Webhook w, Clock clock) {
        FailurePolicy policy = FailurePolicy.bySpelling(w.failurePolicy()).orElse(FailurePolicy.DENY);
        return new SubjectAccessReviewAuthorizer(name, client(w), w.positiveTTL(), w.negativeTTL(), policy, clock);
    }

    private static WebhookClient client(AuthenticationConfig.Webhook w) {
        return new WebhookClient(new WebhookEndpoint(w.url(), w.caFile(), w.timeout()));
    }
}

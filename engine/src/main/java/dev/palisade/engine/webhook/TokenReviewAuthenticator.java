package dev.palisade.engine.webhook;

import dev.palisade.engine.authn.AuthenticationMethod;
import dev.palisade.engine.authn.Authenticator;
import dev.palisade.engine.authn.AuthnAttempt;
import dev.palisade.engine.authn.Credentials;
import dev.palisade.engine.authn.SecretDigest;
import dev.palisade.engine.wire.InvalidReviewException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * A bearer token checked by a remote TokenReview webhook, as the apiserver's
 * {@code --authentication-token-webhook-config-file}. Answers are cached by the token's digest
 * (never the token), authenticated ones for {@code cacheTTL}, refused ones for
 * {@code failureCacheTTL}; errors and time-outs are never cached and always fail (fail closed).
 * A refusal without an error message is "not mine", one with a message a failure, as upstream.
 * When audiences are configured, an answer whose audiences do not meet them is refused.
 */
public final class TokenReviewAuthenticator implements Authenticator {
    private final String name;
    private final WebhookClient client;
    private final List<String> audiences;
    private final Duration cacheTTL;
    private final Duration failureCacheTTL;
    private final WebhookAnswers<AuthnAttempt> cache;

    public TokenReviewAuthenticator(String name, WebhookClient client, List<String> audiences, Duration cacheTTL,
                                    Duration failureCacheTTL, Clock clock) {
        this.name = name;
        this.client = client;
        this.audiences = List.copyOf(audiences);
        this.cacheTTL = cacheTTL;
        this.failureCacheTTL = failureCacheTTL;
        this.cache = new WebhookAnswers<>(clock);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public AuthnAttempt authenticate(Credentials credentials) {
        if (credentials.bearerToken().isEmpty()) {
            return AuthnAttempt.notMine();
        }
        String token = credentials.bearerToken().get();
        String key = SecretDigest.of(token).key();
        AuthnAttempt cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        TokenReviews.Status status;
        try {
            status = TokenReviews.status(client.post(TokenReviews.request(token, audiences)));
        } catch (WebhookException e) {
            return AuthnAttempt.failure(e.getMessage());
        } catch (InvalidReviewException e) {
            return AuthnAttempt.failure("webhook answer is not a valid TokenReview: " + e.getMessage());
        }
        AuthnAttempt answer;
        if (!status.authenticated()) {
            answer = status.error().isEmpty() ? AuthnAttempt.notMine() : AuthnAttempt.failure("webhook: " + status.error());
            cache.put(key, answer, failureCacheTTL);
            return answer;
        }
        if (!audiences.isEmpty() && !status.audiences().isEmpty() && status.audiences().stream().noneMatch(audiences::contains)) {
            answer = AuthnAttempt.failure("webhook authenticated the token for audiences " + status.audiences()
                    + ", none of which is accepted " + audiences);
            cache.put(key, answer, failureCacheTTL);
            return answer;
        }
        answer = AuthnAttempt.success(status.user(), AuthenticationMethod.WEBHOOK);
        cache.put(key, answer, cacheTTL);
        return answer;
    }
}
